package run

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
)

// ecsAPI is what running, listing and stopping tasks needs of ECS.
type ecsAPI interface {
	RunTask(context.Context, *ecs.RunTaskInput, ...func(*ecs.Options)) (*ecs.RunTaskOutput, error)
	StopTask(context.Context, *ecs.StopTaskInput, ...func(*ecs.Options)) (*ecs.StopTaskOutput, error)
	ecs.ListAccountSettingsAPIClient
	tasks.PsECS // listing, and what ps shows
}

var _ ecsAPI = (*ecs.Client)(nil)
