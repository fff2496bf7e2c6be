package run

import (
	"context"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// ClusterPs prints every task of the cluster (RUNNING then STOPPED, or only
// desiredStatus) in the original's ps table, or one JSON object per
// container with jsonLines; addresses are resolved as the project ps does
// (batched, parallel, bounded). ecs-cluster ps uses it.
func ClusterPs(ctx context.Context, ecsc *ecs.Client, ec2c *ec2.Client, cluster, desiredStatus string, w io.Writer, jsonLines bool) error {
	return printPs(ctx, ecsc, ec2c, Filter{Cluster: cluster, DesiredStatus: desiredStatus}, w, jsonLines)
}
