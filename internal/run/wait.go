package run

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

// Sleep waits between polls (pace.Sleep); tests hand in one that moves a
// fake clock.
type Sleep = pace.Sleep

// RealSleep sleeps on the wall clock.
var RealSleep = pace.Real

// waiter polls DescribeTasks until tasks settle. One call per second (per 100
// tasks) notices a change within about a second, far under ECS's
// DescribeTasks rate; throttling doubles the interval up to maxInterval.
type waiter struct {
	api         ecs.DescribeTasksAPIClient
	sleep       Sleep
	interval    time.Duration
	maxInterval time.Duration
	deadline    time.Duration             // 0: no limit
	now         func() time.Time          // for the deadline
	report      func(old, new types.Task) // called when a task's status changes
}

func newWaiter(api ecs.DescribeTasksAPIClient) *waiter {
	return &waiter{api: api, sleep: RealSleep, interval: time.Second, maxInterval: 10 * time.Second, now: time.Now, report: func(types.Task, types.Task) {}}
}

// wait polls until every task's lastStatus is its wanted status (RUNNING or
// STOPPED by task ARN), or STOPPED anyway, and returns the last view of all
// of them in the order given.
func (w *waiter) wait(ctx context.Context, cluster string, want map[string]string, order []string) ([]types.Task, error) {
	last := map[string]types.Task{}
	start := w.now()
	interval := w.interval
	for {
		pending := unsettled(want, last)
		if len(pending) == 0 {
			break
		}
		if w.deadline > 0 && w.now().Sub(start) > w.deadline {
			return inOrder(order, last), fmt.Errorf("timed out after %s waiting for %d task(s) to reach their desired status", w.deadline, len(pending))
		}
		throttled := false
		for i := 0; i < len(pending); i += maxDescribe {
			chunk := pending[i:min(i+maxDescribe, len(pending))]
			out, err := w.api.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: chunk})
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
					w.report(old, t)
				}
				last[arn] = t
			}
			for _, f := range out.Failures {
				return inOrder(order, last), fmt.Errorf("describing task %s: %s", aws.ToString(f.Arn), aws.ToString(f.Reason))
			}
		}
		if throttled {
			interval = min(interval*2, w.maxInterval)
		} else {
			interval = w.interval
		}
		if len(unsettled(want, last)) == 0 {
			break
		}
		if err := w.sleep(ctx, interval); err != nil {
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
