package service

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
)

// fakeService starts a fake on a clock the test moves, with cluster "c",
// one container instance and task definition "app" under tl.
func fakeService(t *testing.T, tl awsfake.Timeline) (*awsfake.Server, *awsfake.FakeClock, *ecs.Client) {
	t.Helper()
	srv, clock, url := fakeCluster(t, tl)
	api := clientFor(url)
	register(t, api)
	return srv, clock, api
}

// fakeStep is fakeService for a step's Run: the process's AWS settings
// point at the fake; it returns task definition app's ARN.
func fakeStep(t *testing.T, tl awsfake.Timeline) (*awsfake.Server, *awsfake.FakeClock, string) {
	t.Helper()
	srv, clock, url := fakeCluster(t, tl)
	awstest.SetEnv(t, url)
	return srv, clock, register(t, clientFor(url))
}

// fakeCluster starts a fake on a fake clock with cluster c of one
// container instance.
func fakeCluster(t *testing.T, tl awsfake.Timeline) (*awsfake.Server, *awsfake.FakeClock, string) {
	t.Helper()
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := awsfake.New(awsfake.WithClock(clock), awsfake.WithTaskTimeline(tl))
	url, stop := srv.Start()
	t.Cleanup(stop)
	srv.CreateCluster("c")
	srv.AddContainerInstance("c", "i-0123456789abcdef0", "54.1.2.3", "10.0.0.5")
	return srv, clock, url
}

func onClock(w *Waiter, c *awsfake.FakeClock, slept *[]time.Duration) {
	w.Now = c.Now
	w.Sleep = func(ctx context.Context, d time.Duration) error {
		*slept = append(*slept, d)
		c.Advance(d)
		return ctx.Err()
	}
}

// Waiting polls DescribeServices at a bounded rate (one call a second) and
// stops on the first steady state.
func TestWaitBoundedRateStopsOnFirstSteadyState(t *testing.T) {
	const pending = 7*time.Second + 300*time.Millisecond
	srv, clock, api := fakeService(t, awsfake.Timeline{Pending: pending})
	ctx := context.Background()
	createService(t, api)
	started := clock.Now()
	var events []string
	var slept []time.Duration
	w := NewWaiter(api, time.Minute, func(e types.ServiceEvent) { events = append(events, aws.ToString(e.Message)) })
	onClock(w, clock, &slept)
	srv.ResetCalls()
	got, err := w.Wait(ctx, "c", "svc", Steady)
	if err != nil {
		t.Fatal(err)
	}
	if got.RunningCount != 1 || !Steady(got) {
		t.Fatalf("running %d, deployments %d", got.RunningCount, len(got.Deployments))
	}
	calls := srv.Calls("ecs", "DescribeServices")
	elapsed := clock.Now().Sub(started)
	if float64(calls) > elapsed.Seconds()+1 {
		t.Errorf("%d DescribeServices calls in %s: more than one a second", calls, elapsed)
	}
	// The first poll at or after RUNNING is the last one.
	if want := int(pending/time.Second) + 2; calls != want {
		t.Errorf("%d DescribeServices calls; want %d (stop on the first steady state)", calls, want)
	}
	for _, d := range slept {
		if d < time.Second {
			t.Errorf("slept %s between polls; want at least 1s", d)
		}
	}
	if len(events) == 0 || !strings.Contains(events[len(events)-1], "has reached a steady state") {
		t.Errorf("events %q", events)
	}
}

// A deployment whose tasks keep failing ends the wait with the events.
func TestWaitDeploymentFails(t *testing.T) {
	srv, clock, api := fakeService(t, awsfake.Timeline{Pending: time.Second})
	srv.SetTimeline("app", awsfake.Timeline{Pending: 1500 * time.Millisecond, RunFor: 300 * time.Millisecond, ExitCode: 1})
	ctx := context.Background()
	createService(t, api)
	var slept []time.Duration
	w := NewWaiter(api, 5*time.Minute, nil)
	onClock(w, clock, &slept)
	_, err := w.Wait(ctx, "c", "svc", Steady)
	if err == nil || !strings.Contains(err.Error(), "deployment failed") || !strings.Contains(err.Error(), "last events:") {
		t.Fatalf("err %v", err)
	}
	if len(slept) > 30 {
		t.Errorf("%d polls before noticing the failure", len(slept))
	}
}

// The timeout is the original's: running count unchanged for that long.
func TestWaitTimeout(t *testing.T) {
	srv, clock, api := fakeService(t, awsfake.Timeline{Pending: time.Hour})
	ctx := context.Background()
	createService(t, api)
	var slept []time.Duration
	w := NewWaiter(api, 30*time.Second, nil)
	onClock(w, clock, &slept)
	srv.ResetCalls()
	_, err := w.Wait(ctx, "c", "svc", Steady)
	if err == nil || !strings.Contains(err.Error(), "Running count has not changed for 0.50 minutes") {
		t.Fatalf("err %v", err)
	}
	if calls := srv.Calls("ecs", "DescribeServices"); calls > 32 {
		t.Errorf("%d DescribeServices calls in 30s", calls)
	}
}

// Throttling slows the polls down instead of failing.
func TestWaitBacksOffWhenThrottled(t *testing.T) {
	srv, clock, api := fakeService(t, awsfake.Timeline{Pending: 3 * time.Second})
	ctx := context.Background()
	createService(t, api)
	// The SDK retries 3 times per call: 6 throttles fail two calls.
	srv.Inject("ecs", "DescribeServices", awsfake.Fault{Throttle: 6})
	var slept []time.Duration
	w := NewWaiter(api, time.Minute, nil)
	onClock(w, clock, &slept)
	if _, err := w.Wait(ctx, "c", "svc", Steady); err != nil {
		t.Fatal(err)
	}
	if len(slept) < 2 || slept[0] != 2*time.Second || slept[1] != 4*time.Second {
		t.Errorf("slept %v; want 2s then 4s while throttled", slept)
	}
}

// clientFor is an ECS client for a fake serving at url.
func clientFor(url string) *ecs.Client {
	return ecs.NewFromConfig(awstest.Config(url))
}

// createService creates service svc of task definition app, one task, in
// cluster c.
func createService(t *testing.T, api *ecs.Client) {
	t.Helper()
	if _, err := api.CreateService(context.Background(), &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app"), DesiredCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
}

// register registers task definition "app" (one nginx container).
func register(t *testing.T, api *ecs.Client) string {
	t.Helper()
	out, err := api.RegisterTaskDefinition(context.Background(), &ecs.RegisterTaskDefinitionInput{
		Family:               aws.String("app"),
		ContainerDefinitions: []types.ContainerDefinition{{Name: aws.String("web"), Image: aws.String("nginx"), Memory: aws.Int32(128)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.TaskDefinition.TaskDefinitionArn)
}

// A rollback by the circuit breaker still fails the wait: the deployment
// asked for did not happen.
func TestWaitRollbackFails(t *testing.T) {
	srv, clock, api := fakeService(t, awsfake.Timeline{Pending: time.Second})
	ctx := context.Background()
	cb := &types.DeploymentConfiguration{DeploymentCircuitBreaker: &types.DeploymentCircuitBreaker{Enable: true, Rollback: true}}
	if _, err := api.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app:1"), DesiredCount: aws.Int32(1), DeploymentConfiguration: cb}); err != nil {
		t.Fatal(err)
	}
	var slept []time.Duration
	w := NewWaiter(api, 5*time.Minute, nil)
	onClock(w, clock, &slept)
	if _, err := w.Wait(ctx, "c", "svc", Steady); err != nil {
		t.Fatal(err)
	}
	register(t, api)
	srv.SetTimeline("app", awsfake.Timeline{Pending: 1500 * time.Millisecond, RunFor: 300 * time.Millisecond, ExitCode: 1})
	if _, err := api.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("c"), Service: aws.String("svc"), TaskDefinition: aws.String("app:2")}); err != nil {
		t.Fatal(err)
	}
	_, err := w.Wait(ctx, "c", "svc", Steady)
	if err == nil || !strings.Contains(err.Error(), "deployment failed") || !strings.Contains(err.Error(), "rolling back") {
		t.Fatalf("err %v", err)
	}
}

// Deleting a service whose deployment failed completes: a FAILED rollout
// does not end the wait for INACTIVE.
func TestWaitInactiveAfterFailedDeployment(t *testing.T) {
	srv, clock, api := fakeService(t, awsfake.Timeline{Pending: time.Second})
	srv.SetTimeline("app", awsfake.Timeline{Pending: 1500 * time.Millisecond, RunFor: 300 * time.Millisecond, ExitCode: 1, Stopping: 5 * time.Second})
	ctx := context.Background()
	createService(t, api)
	var slept []time.Duration
	w := NewWaiter(api, 5*time.Minute, nil)
	onClock(w, clock, &slept)
	if _, err := w.Wait(ctx, "c", "svc", Steady); err == nil || !strings.Contains(err.Error(), "deployment failed") {
		t.Fatalf("err %v; want the deployment to fail first", err)
	}
	if _, err := api.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("c"), Service: aws.String("svc"), Force: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	got, err := w.Wait(ctx, "c", "svc", Inactive)
	if err != nil {
		t.Fatal(err)
	}
	if !Inactive(got) {
		t.Errorf("status %s", aws.ToString(got.Status))
	}
}
