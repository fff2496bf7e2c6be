package run

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
)

// maxRunCount is RunTask's limit on count.
const maxRunCount = 10

// Spec is what a RunTask needs beyond the count: everything comes from the
// document (taskDefinitionArn, runParams, project) and the flags.
type Spec struct {
	Cluster              string
	TaskDefinitionArn    string
	Group                string // task:<project>
	LaunchType           types.LaunchType
	NetworkConfiguration *types.NetworkConfiguration
	PlacementConstraints []types.PlacementConstraint
	PlacementStrategy    []types.PlacementStrategy
	PlatformVersion      string
	Tags                 []types.Tag
	Overrides            *types.TaskOverride
	DisableManagedTags   bool
}

// start runs count tasks in calls of at most ten, with ECS managed tags
// when managed. Failures ECS reports (no capacity, ...) come back with the
// tasks that did start; a refused call is an error, with what had started
// so far.
func start(ctx context.Context, api ecsAPI, s Spec, count int, managed bool) ([]types.Task, []types.Failure, error) {
	var tasks []types.Task
	var failures []types.Failure
	for count > 0 {
		n := min(count, maxRunCount)
		count -= n
		in := &ecs.RunTaskInput{
			Cluster:              aws.String(s.Cluster),
			TaskDefinition:       aws.String(s.TaskDefinitionArn),
			Count:                aws.Int32(int32(n)),
			Group:                nonEmpty(s.Group),
			LaunchType:           s.LaunchType,
			NetworkConfiguration: s.NetworkConfiguration,
			PlacementConstraints: s.PlacementConstraints,
			PlacementStrategy:    s.PlacementStrategy,
			PlatformVersion:      nonEmpty(s.PlatformVersion),
			Tags:                 s.Tags,
			Overrides:            s.Overrides,
			EnableECSManagedTags: managed,
		}
		out, err := api.RunTask(ctx, in)
		if err != nil {
			return tasks, failures, fmt.Errorf("running tasks of %s: %w", s.TaskDefinitionArn, err)
		}
		tasks = append(tasks, out.Tasks...)
		failures = append(failures, out.Failures...)
	}
	return tasks, failures, nil
}

// managedTags decides enableECSManagedTags as the original did: on when the
// account's effective taskLongArnFormat setting is enabled, unless disabled
// by flag.
func managedTags(ctx context.Context, api ecsAPI, disabled bool) (bool, error) {
	if disabled {
		return false, nil
	}
	return tasks.LongARNs(ctx, api)
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
