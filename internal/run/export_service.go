package run

import (
	"context"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// ServiceTasks lists and describes the tasks of an ECS service (RUNNING then
// STOPPED, or only desiredStatus). ecs-service ps uses it.
func ServiceTasks(ctx context.Context, ecsc *ecs.Client, cluster, service, desiredStatus string) ([]types.Task, error) {
	tasks, err := list(ctx, ecsc, Filter{Cluster: cluster, ServiceName: service, DesiredStatus: desiredStatus})
	if tasks == nil {
		tasks = []types.Task{}
	}
	return tasks, err
}

// ServicePs prints the tasks of an ECS service in the original's ps table,
// or one JSON object per container with jsonLines. ecs-service ps uses it.
func ServicePs(ctx context.Context, ecsc *ecs.Client, ec2c *ec2.Client, cluster, service, desiredStatus string, w io.Writer, jsonLines bool) error {
	return printPs(ctx, ecsc, ec2c, Filter{Cluster: cluster, ServiceName: service, DesiredStatus: desiredStatus}, w, jsonLines)
}
