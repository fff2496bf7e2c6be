package run

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"golang.org/x/sync/errgroup"
)

// describeConcurrency bounds the DescribeTasks calls in flight while the
// next ListTasks page is fetched.
const describeConcurrency = 4

// Filter selects the tasks to list.
type Filter struct {
	Cluster       string
	Family        string // ListTasks family filter ("" for all)
	ServiceName   string // ListTasks serviceName filter
	DesiredStatus string // "", RUNNING or STOPPED; "" lists RUNNING then STOPPED
	Group         string // keep only tasks of this group (compose ps); "" keeps all
}

// list lists and describes the tasks f selects. ListTasks pages come one
// after another (each needs the last one's token), but each page's
// DescribeTasks starts as soon as the page is in, while the next page is
// listed, so 1,000 tasks take about ten page round trips, not twenty.
func list(ctx context.Context, api ecsAPI, f Filter) ([]types.Task, error) {
	statuses := []types.DesiredStatus{types.DesiredStatusRunning, types.DesiredStatusStopped}
	switch f.DesiredStatus {
	case "":
	case "RUNNING", "STOPPED":
		statuses = []types.DesiredStatus{types.DesiredStatus(f.DesiredStatus)}
	default:
		return nil, fmt.Errorf("%s is not a valid value for desired status. Please use RUNNING or STOPPED", f.DesiredStatus)
	}
	var pages []*[]types.Task // one slot per page, filled by its DescribeTasks
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(describeConcurrency)
	for _, status := range statuses {
		p := ecs.NewListTasksPaginator(api, &ecs.ListTasksInput{
			Cluster:       aws.String(f.Cluster),
			Family:        nonEmpty(f.Family),
			ServiceName:   nonEmpty(f.ServiceName),
			DesiredStatus: status,
		})
		for p.HasMorePages() {
			page, err := p.NextPage(gctx)
			if err != nil {
				_ = g.Wait()
				return nil, fmt.Errorf("listing tasks: %w", err)
			}
			if len(page.TaskArns) == 0 {
				break
			}
			slot := new([]types.Task)
			pages = append(pages, slot)
			arns := page.TaskArns
			g.Go(func() error {
				out, err := api.DescribeTasks(gctx, &ecs.DescribeTasksInput{Cluster: aws.String(f.Cluster), Tasks: arns})
				if err != nil {
					return fmt.Errorf("describing tasks: %w", err)
				}
				*slot = out.Tasks
				return nil
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var tasks []types.Task
	for _, p := range pages {
		for _, t := range *p {
			if f.Group == "" || aws.ToString(t.Group) == f.Group {
				tasks = append(tasks, t)
			}
		}
	}
	return tasks, nil
}
