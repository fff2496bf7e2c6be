// Package loggroups creates the CloudWatch log groups a task definition's
// awslogs containers write to (--create-log-groups).
package loggroups

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// API is what creating log groups needs.
type API interface {
	CreateLogGroup(context.Context, *cloudwatchlogs.CreateLogGroupInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.CreateLogGroupOutput, error)
}

var _ API = (*cloudwatchlogs.Client)(nil)

// Names lists the distinct awslogs-group options of the containers, sorted.
func Names(defs []ecstypes.ContainerDefinition) []string {
	set := map[string]bool{}
	for _, cd := range defs {
		lc := cd.LogConfiguration
		if lc == nil || lc.LogDriver != ecstypes.LogDriverAwslogs {
			continue
		}
		if g := lc.Options["awslogs-group"]; g != "" {
			set[g] = true
		}
	}
	out := make([]string, 0, len(set))
	for g := range set {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// Create creates each group; one that exists already is fine. It returns
// the groups it created.
func Create(ctx context.Context, api API, groups []string) ([]string, error) {
	var created []string
	for _, g := range groups {
		_, err := api.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(g)})
		var exists *logtypes.ResourceAlreadyExistsException
		switch {
		case errors.As(err, &exists):
		case err != nil:
			return created, fmt.Errorf("creating log group %s: %w", g, err)
		default:
			created = append(created, g)
		}
	}
	return created, nil
}
