package run

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pace"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
)

// fakeCluster starts a fake with a clock the test moves, a cluster "c" with
// one container instance, and a registered task definition "app".
func fakeCluster(t *testing.T, tl awsfake.Timeline, retries bool) (*awsfake.Server, *awsfake.FakeClock, *ecs.Client, string) {
	t.Helper()
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := awsfake.New(awsfake.WithClock(clock), awsfake.WithTaskTimeline(tl))
	url, stop := srv.Start()
	t.Cleanup(stop)
	srv.CreateCluster("c")
	srv.AddContainerInstance("c", "i-0123456789abcdef0", "54.1.2.3", "10.0.0.5")
	cfg := awstest.Config(url)
	if !retries {
		cfg.Retryer = func() aws.Retryer { return aws.NopRetryer{} }
	}
	api := ecs.NewFromConfig(cfg)
	out, err := api.RegisterTaskDefinition(context.Background(), &ecs.RegisterTaskDefinitionInput{
		Family:               aws.String("app"),
		ContainerDefinitions: []types.ContainerDefinition{{Name: aws.String("web"), Image: aws.String("nginx"), Memory: aws.Int32(128)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv, clock, api, aws.ToString(out.TaskDefinition.TaskDefinitionArn)
}

// clockSleep makes the waiter's sleeps move the fake clock instead of
// waiting, and records them.
func clockSleep(c *awsfake.FakeClock, slept *[]time.Duration) pace.Sleep {
	return func(ctx context.Context, d time.Duration) error {
		*slept = append(*slept, d)
		c.Advance(d)
		return ctx.Err()
	}
}

// The waiter notices RUNNING within 2 s of the change (the original polled
// every 6 s), with one DescribeTasks call a second: far under ECS's rate.
func TestWaitNoticesRunningWithinTwoSeconds(t *testing.T) {
	const pending = 7*time.Second + 300*time.Millisecond
	srv, clock, api, arn := fakeCluster(t, awsfake.Timeline{Pending: pending}, true)
	ctx := context.Background()
	started := clock.Now()
	running, _, err := start(ctx, api, Spec{Cluster: "c", TaskDefinitionArn: arn, DisableManagedTags: true}, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	var slept []time.Duration
	w := tasks.NewWaiter(api)
	w.Sleep, w.Now = clockSleep(clock, &slept), clock.Now
	want, order := wantAll(running, "RUNNING")
	final, err := w.Wait(ctx, "c", want, order)
	if err != nil {
		t.Fatal(err)
	}
	if s := aws.ToString(final[0].LastStatus); s != "RUNNING" {
		t.Fatalf("last status %s", s)
	}
	late := clock.Now().Sub(started.Add(pending))
	if late < 0 || late > 2*time.Second {
		t.Errorf("noticed RUNNING %s after it happened; want within 2s", late)
	}
	calls := srv.Calls("ecs", "DescribeTasks")
	if elapsed := clock.Now().Sub(started); float64(calls) > elapsed.Seconds()+1 {
		t.Errorf("%d DescribeTasks calls in %s: more than one a second", calls, elapsed)
	}
}

// Throttled polls back off (2 s, 4 s, 8 s ... up to 10 s) instead of failing,
// and the wait still ends when the task runs.
func TestWaitBacksOffWhenThrottled(t *testing.T) {
	srv, clock, api, arn := fakeCluster(t, awsfake.Timeline{Pending: 3 * time.Second}, false)
	ctx := context.Background()
	running, _, err := start(ctx, api, Spec{Cluster: "c", TaskDefinitionArn: arn, DisableManagedTags: true}, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	srv.Inject("ecs", "DescribeTasks", awsfake.Fault{Throttle: 4})
	var slept []time.Duration
	w := tasks.NewWaiter(api)
	w.Sleep, w.Now = clockSleep(clock, &slept), clock.Now
	want, order := wantAll(running, "RUNNING")
	if _, err := w.Wait(ctx, "c", want, order); err != nil {
		t.Fatal(err)
	}
	got := fmtDurations(slept)
	if !strings.HasPrefix(got, "2s 4s 8s 10s") {
		t.Errorf("sleeps %s; want backoff 2s 4s 8s 10s first", got)
	}
	if n := srv.Calls("ecs", "DescribeTasks"); n != 5 {
		t.Errorf("%d DescribeTasks calls, want 4 throttled + 1", n)
	}
}

// A task that stops while we wait for RUNNING ends the wait at once.
func TestWaitEndsOnStopped(t *testing.T) {
	_, clock, api, arn := fakeCluster(t, awsfake.Timeline{Pending: time.Second, RunFor: time.Second, ExitCode: 3, StoppedReason: "boom"}, true)
	ctx := context.Background()
	running, _, err := start(ctx, api, Spec{Cluster: "c", TaskDefinitionArn: arn, DisableManagedTags: true}, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	var slept []time.Duration
	w := tasks.NewWaiter(api)
	w.Sleep, w.Now = clockSleep(clock, &slept), clock.Now
	want, order := wantAll(running, "RUNNING")
	final, err := w.Wait(ctx, "c", want, order)
	if err != nil || aws.ToString(final[0].LastStatus) != "STOPPED" || len(slept) != 0 {
		t.Fatalf("final %v err %v slept %v", final, err, slept)
	}
	r := &runner{essential: map[string]bool{"web": true}}
	bad := r.failed(Result{Tasks: final, Wanted: want})
	if len(bad) != 1 || !strings.Contains(bad[0], "exit code 3") {
		t.Errorf("failed() = %q", bad)
	}
}

func fmtDurations(ds []time.Duration) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, " ")
}
