// Package tasks lists, describes and waits on ECS tasks and prints them as
// the original's ps table; ecs-run, ecs-service and ecs-cluster share it.
package tasks

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"golang.org/x/sync/errgroup"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// describeConcurrency bounds the DescribeTasks calls in flight while the
// next ListTasks page is fetched, and ps's lookups.
const describeConcurrency = 4

// Filter selects the tasks to list.
type Filter struct {
	Cluster       string
	Family        string // ListTasks family filter ("" for all)
	ServiceName   string // ListTasks serviceName filter
	DesiredStatus string // "", RUNNING or STOPPED; "" lists RUNNING then STOPPED
	Group         string // keep only tasks of this group, or started by Family (compose ps); "" keeps all

	// Seen, when set, gets each page of described tasks (before the group
	// filter) as soon as it is in, possibly from several goroutines.
	Seen func([]types.Task)
}

// List lists and describes the tasks f selects. ListTasks pages come one
// after another (each needs the last one's token), but each page's
// DescribeTasks starts as soon as the page is in, while the next page is
// listed, and the RUNNING and STOPPED listings run side by side; so 1,000
// tasks take about ten page round trips, not twenty.
func List(ctx context.Context, api Lister, f Filter) ([]types.Task, error) {
	if err := CheckDesiredStatus(f.DesiredStatus); err != nil {
		return nil, err
	}
	statuses := []types.DesiredStatus{types.DesiredStatusRunning, types.DesiredStatusStopped}
	if f.DesiredStatus != "" {
		statuses = []types.DesiredStatus{types.DesiredStatus(f.DesiredStatus)}
	}
	describe, dctx := errgroup.WithContext(ctx)
	describe.SetLimit(describeConcurrency)
	listers, lctx := errgroup.WithContext(dctx)
	pages := make([][]*[]types.Task, len(statuses)) // per status, one slot per page
	for i, status := range statuses {
		listers.Go(func() error {
			p := ecs.NewListTasksPaginator(api, &ecs.ListTasksInput{
				Cluster:       aws.String(f.Cluster),
				Family:        nonEmpty(f.Family),
				ServiceName:   nonEmpty(f.ServiceName),
				DesiredStatus: status,
			})
			for p.HasMorePages() {
				page, err := p.NextPage(lctx)
				if err != nil {
					return fmt.Errorf("listing tasks of cluster %s: %w", f.Cluster, err)
				}
				if len(page.TaskArns) == 0 {
					return nil
				}
				slot := new([]types.Task)
				pages[i] = append(pages[i], slot)
				arns := page.TaskArns
				describe.Go(func() error {
					out, err := api.DescribeTasks(dctx, &ecs.DescribeTasksInput{Cluster: aws.String(f.Cluster), Tasks: arns})
					if err != nil {
						return fmt.Errorf("describing tasks: %w", err)
					}
					*slot = out.Tasks
					if f.Seen != nil {
						f.Seen(out.Tasks)
					}
					return nil
				})
			}
			return nil
		})
	}
	lerr := listers.Wait()
	derr := describe.Wait()
	if lerr != nil {
		return nil, lerr
	}
	if derr != nil {
		return nil, derr
	}
	var tasks []types.Task
	for _, ps := range pages {
		for _, p := range ps {
			for _, t := range *p {
				// Tasks of older ECS CLI versions carry the family in
				// startedBy instead of the group, as the original accepted.
				if f.Group == "" || aws.ToString(t.Group) == f.Group || (f.Family != "" && aws.ToString(t.StartedBy) == f.Family) {
					tasks = append(tasks, t)
				}
			}
		}
	}
	return tasks, nil
}

// CheckDesiredStatus refuses a --desired-status other than RUNNING,
// STOPPED or none, before any AWS call, in the original's words.
func CheckDesiredStatus(s string) error {
	if s != "" && s != "RUNNING" && s != "STOPPED" {
		return exitcode.Usagef("%s is not a valid value for desired status. Please use RUNNING or STOPPED.", s)
	}
	return nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
