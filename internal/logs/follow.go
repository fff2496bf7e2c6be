package logs

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/pace"
)

// Sleep waits between polls (pace.Sleep); tests hand in one that moves a
// fake clock.
type Sleep = pace.Sleep

// RealSleep sleeps on the wall clock.
var RealSleep = pace.Real

const (
	pollEvery   = time.Second      // new events show within about a second (the original: 10 s)
	maxInterval = 10 * time.Second // throttled polls back off up to this
	checkEvery  = 5                // look at the tasks' status every this many polls
	drainPolls  = 3                // empty polls after the tasks stopped before ending
)

// tasksAPI tells follow whether the tasks still run.
type tasksAPI interface {
	DescribeTasks(context.Context, *ecs.DescribeTasksInput, ...func(*ecs.Options)) (*ecs.DescribeTasksOutput, error)
}

// follow prints events as they arrive, one poll a second per reader, until
// the tasks have stopped and their logs are drained, or ctx ends (Ctrl-C),
// which is a clean end too. Throttling doubles the interval, up to 10 s.
func follow(ctx context.Context, api tasksAPI, targets []target, readers []*reader, p printer, sleep Sleep, stderr io.Writer) error {
	interval := pollEvery
	stoppedFor := -1 // polls since every task was seen STOPPED; -1 while some run
	for poll := 0; ; poll++ {
		var batch []Event
		throttled := false
		for _, r := range readers {
			evs, err := r.fetch(ctx)
			if pace.Throttled(err) {
				throttled = true
				continue
			}
			if ctx.Err() != nil {
				return nil
			}
			if err != nil {
				return err
			}
			batch = append(batch, evs...)
		}
		if err := p.print(merge(batch)); err != nil {
			return err
		}
		if throttled {
			interval = min(interval*2, maxInterval)
		} else {
			interval = pollEvery
		}
		if stoppedFor >= 0 {
			if len(batch) > 0 {
				stoppedFor = 0
			} else if stoppedFor++; stoppedFor >= drainPolls {
				return nil
			}
		} else if poll%checkEvery == 0 {
			stopped, err := allStopped(ctx, api, targets)
			if ctx.Err() != nil {
				return nil
			}
			if err != nil && !pace.Throttled(err) {
				fmt.Fprintf(stderr, "%s: checking the tasks: %v\n", name, err)
			}
			if stopped {
				stoppedFor = 0
			}
		}
		if err := sleep(ctx, interval); err != nil {
			return nil // Ctrl-C: stop following, cleanly
		}
	}
}

// allStopped reports whether every task is STOPPED; tasks whose ARN is not
// known (given by --task-def only) count as stopped when ECS no longer has
// them.
func allStopped(ctx context.Context, api tasksAPI, targets []target) (bool, error) {
	byCluster := map[string][]string{}
	for _, t := range targets {
		ref := t.arn
		if ref == "" {
			ref = t.id
		}
		byCluster[t.cluster] = append(byCluster[t.cluster], ref)
	}
	for cluster, refs := range byCluster {
		for i := 0; i < len(refs); i += 100 {
			out, err := api.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: refs[i:min(i+100, len(refs))]})
			if err != nil {
				return false, err
			}
			for _, t := range out.Tasks {
				if aws.ToString(t.LastStatus) != "STOPPED" {
					return false, nil
				}
			}
		}
	}
	return true, nil
}
