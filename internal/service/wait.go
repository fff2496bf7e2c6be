package service

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pace"
)

// Sleep waits between polls (pace.Sleep); tests hand in one that moves a
// fake clock.
type Sleep = pace.Sleep

// RealSleep sleeps on the wall clock.
var RealSleep = pace.Real

// describer is what waiting needs of ECS.
type describer interface {
	DescribeServices(context.Context, *ecs.DescribeServicesInput, ...func(*ecs.Options)) (*ecs.DescribeServicesOutput, error)
}

// Waiter polls DescribeServices, at most one call per Interval (one a second:
// the original polled every 5 s), doubling the interval up to 10 s while
// throttled. Timeout is the original's inactivity timeout: the wait fails
// when runningCount has not changed for that long (0: no limit).
type Waiter struct {
	API      describer
	Sleep    Sleep
	Now      func() time.Time
	Interval time.Duration
	Timeout  time.Duration
	Event    func(types.ServiceEvent) // each new service event, once

	seen map[string]bool
}

// NewWaiter returns a waiter on the wall clock.
func NewWaiter(api describer, timeout time.Duration, event func(types.ServiceEvent)) *Waiter {
	return &Waiter{API: api, Sleep: RealSleep, Now: time.Now, Interval: time.Second, Timeout: timeout, Event: event}
}

// Steady reports the original's stable state: one deployment and as many
// tasks running as desired.
func Steady(s types.Service) bool {
	return len(s.Deployments) == 1 && s.RunningCount == s.DesiredCount
}

// Inactive reports a deleted service.
func Inactive(s types.Service) bool { return aws.ToString(s.Status) == "INACTIVE" }

// Wait polls until done(service) holds, and returns the last view. A
// service that is not found yet is polled again (it may have just been
// created). A deployment whose rollout FAILED ends the wait with an error
// naming the last events.
func (w *Waiter) Wait(ctx context.Context, cluster, name string, done func(types.Service) bool) (types.Service, error) {
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	start := w.Now()
	since := start.Add(-2 * time.Second)
	lastChange, lastRunning := start, int32(-1)
	interval := w.Interval
	var last types.Service
	for {
		out, err := w.API.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: []string{name}})
		switch {
		case pace.Throttled(err):
			interval = min(interval*2, 10*time.Second)
		case err != nil:
			return last, fmt.Errorf("describing service %s: %w", name, err)
		case len(out.Services) == 1:
			interval = w.Interval
			last = out.Services[0]
			w.report(last, since)
			if last.RunningCount != lastRunning {
				lastRunning, lastChange = last.RunningCount, w.Now()
			}
			if done(last) {
				return last, nil
			}
			// A FAILED rollout fails the wait, also when ECS is rolling
			// back from it (the failed deployment is then not PRIMARY);
			// not once the service is being deleted.
			for _, d := range last.Deployments {
				if aws.ToString(last.Status) == "DRAINING" {
					break
				}
				if d.RolloutState == types.DeploymentRolloutStateFailed {
					return last, fmt.Errorf("deployment failed: %s%s", aws.ToString(d.RolloutStateReason), lastEvents(last, 3))
				}
			}
		}
		if w.Timeout > 0 && w.Now().Sub(lastChange) >= w.Timeout {
			return last, exitcode.Failedf("Deployment has not completed: Running count has not changed for %.2f minutes%s", w.Timeout.Minutes(), lastEvents(last, 3))
		}
		if err := w.Sleep(ctx, interval); err != nil {
			return last, err
		}
	}
}

// report hands each event created since then to Event, oldest first, once.
func (w *Waiter) report(s types.Service, since time.Time) {
	evs := make([]types.ServiceEvent, 0, len(s.Events))
	for i := len(s.Events) - 1; i >= 0; i-- { // ECS lists the newest first
		evs = append(evs, s.Events[i])
	}
	sort.SliceStable(evs, func(i, j int) bool { return aws.ToTime(evs[i].CreatedAt).Before(aws.ToTime(evs[j].CreatedAt)) })
	for _, e := range evs {
		id := aws.ToString(e.Id)
		if w.seen[id] || aws.ToTime(e.CreatedAt).Before(since) {
			continue
		}
		w.seen[id] = true
		if w.Event != nil {
			w.Event(e)
		}
	}
}

// lastEvents formats the service's n newest events for an error message.
func lastEvents(s types.Service, n int) string {
	if len(s.Events) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("; last events:")
	for _, e := range s.Events[:min(n, len(s.Events))] {
		fmt.Fprintf(&b, "\n  %s %s", aws.ToTime(e.CreatedAt).UTC().Format(time.RFC3339), aws.ToString(e.Message))
	}
	return b.String()
}
