// Package loggroups creates the CloudWatch log groups a task definition's
// awslogs containers write to (--create-log-groups).
package loggroups

import (
	"context"
	"errors"
	"fmt"
	"io"
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

// Group is a log group in the region its containers log to ("" when their
// awslogs-region is not set: the configured region).
type Group struct{ Name, Region string }

// Groups lists the distinct awslogs groups of the containers with their
// awslogs-region, sorted.
func Groups(defs []ecstypes.ContainerDefinition) []Group {
	set := map[Group]bool{}
	for _, cd := range defs {
		lc := cd.LogConfiguration
		if lc == nil || lc.LogDriver != ecstypes.LogDriverAwslogs {
			continue
		}
		if g := lc.Options["awslogs-group"]; g != "" {
			set[Group{g, lc.Options["awslogs-region"]}] = true
		}
	}
	out := make([]Group, 0, len(set))
	for g := range set {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Region < out[j].Region
	})
	return out
}

func create(ctx context.Context, api API, group string) (bool, error) {
	_, err := api.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(group)})
	var exists *logtypes.ResourceAlreadyExistsException
	switch {
	case errors.As(err, &exists):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("creating log group %s: %w", group, err)
	}
	return true, nil
}

// CreateAll creates the log groups of the containers' awslogs
// configurations, each in the container's awslogs-region (cfg's region when
// none is set), as the original did; one that exists already is fine. It
// says on w, after step's name, what it created, or that no container uses
// awslogs.
func CreateAll(ctx context.Context, cfg aws.Config, defs []ecstypes.ContainerDefinition, w io.Writer, step string) error {
	groups := Groups(defs)
	if len(groups) == 0 {
		fmt.Fprintf(w, "%s: warning: No log groups to create; no containers use 'awslogs'\n", step)
		return nil
	}
	clients := map[string]API{}
	for _, g := range groups {
		region := g.Region
		if region == "" {
			region = cfg.Region
		}
		if clients[region] == nil {
			clients[region] = cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) { o.Region = region })
		}
		ok, err := create(ctx, clients[region], g.Name)
		if err != nil {
			return fmt.Errorf("%w (region %s)", err, region)
		}
		if ok {
			fmt.Fprintf(w, "%s: created log group %s in %s\n", step, g.Name, region)
		}
	}
	return nil
}
