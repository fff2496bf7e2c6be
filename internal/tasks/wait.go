package tasks

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/pace"
)

// maxDescribe is DescribeTasks' limit on task ARNs per call.
const maxDescribe = 100

// Waiter polls DescribeTasks until tasks settle. One call per second (per 100
// tasks) notices a change within about a second, far under ECS's
// DescribeTasks rate; throttling doubles the interval up to MaxInterval.
type Waiter struct {
	API         ecs.DescribeTasksAPIClient
	Sleep       pace.Sleep // tests hand in one that moves a fake clock
	Interval    time.Duration
	MaxInterval time.Duration
	Deadline    time.Duration             // 0: no limit
	Now         func() time.Time          // for the deadline
	Report      func(old, new types.Task) // called when a task's status changes
}

// NewWaiter returns a waiter on the wall clock, polling every second.
func NewWaiter(api ecs.DescribeTasksAPIClient) *Waiter {
	return &Waiter{API: api, Sleep: pace.Real, Interval: time.Second, MaxInterval: 10 * time.Second, Now: time.Now, Report: func(types.Task, types.Task) {}}
}

// Wait polls until every task's lastStatus is its wanted status (RUNNING or
// STOPPED by task ARN), or STOPPED anyway, and returns the last view of all
// of them in the order given.
func (w *Waiter) Wait(ctx context.Context, cluster string, want map[string]string, order []string) ([]types.Task, error) {
	last := map[string]types.Task{}
	start := w.Now()
	interval := w.Interval
	for {
		pending := unsettled(want, last)
		if len(pending) == 0 {
			break
		}
		if w.Deadline > 0 && w.Now().Sub(start) > w.Deadline {
			return inOrder(order, last), fmt.Errorf("timed out after %s waiting for %d task(s) to reach their desired status", w.Deadline, len(pending))
		}
		throttled := false
		for i := 0; i < len(pending); i += maxDescribe {
			chunk := pending[i:min(i+maxDescribe, len(pending))]
			out, err := w.API.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: chunk})
			if pace.Throttled(err) {
				throttled = true
				continue
			}
			if err != nil {
				return inOrder(order, last), fmt.Errorf("describing tasks: %w", err)
			}
			for _, t := range out.Tasks {
				arn := aws.ToString(t.TaskArn)
				if old, seen := last[arn]; !seen || aws.ToString(old.LastStatus) != aws.ToString(t.LastStatus) {
					w.Report(old, t)
				}
				last[arn] = t
			}
			for _, f := range out.Failures {
				return inOrder(order, last), fmt.Errorf("describing task %s: %s", aws.ToString(f.Arn), aws.ToString(f.Reason))
			}
		}
		if throttled {
			interval = min(interval*2, w.MaxInterval)
		} else {
			interval = w.Interval
		}
		if len(unsettled(want, last)) == 0 {
			break
		}
		if err := w.Sleep(ctx, interval); err != nil {
			return inOrder(order, last), err
		}
	}
	return inOrder(order, last), nil
}

// unsettled lists the tasks not yet at their wanted status nor STOPPED.
func unsettled(want map[string]string, last map[string]types.Task) []string {
	var out []string
	for arn, status := range want {
		t, seen := last[arn]
		s := aws.ToString(t.LastStatus)
		if !seen || (s != status && s != "STOPPED") {
			out = append(out, arn)
		}
	}
	sort.Strings(out)
	return out
}

func inOrder(order []string, last map[string]types.Task) []types.Task {
	out := make([]types.Task, 0, len(order))
	for _, arn := range order {
		if t, ok := last[arn]; ok {
			out = append(out, t)
		}
	}
	return out
}
