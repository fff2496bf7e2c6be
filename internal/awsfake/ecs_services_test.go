package awsfake

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

func TestServiceInputShapes(t *testing.T) {
	checkInputShapes(t, []shapePair{
		{createServiceInput{}, ecs.CreateServiceInput{}},
		{updateServiceInput{}, ecs.UpdateServiceInput{}},
		{describeServicesInput{}, ecs.DescribeServicesInput{}},
		{deleteServiceInput{}, ecs.DeleteServiceInput{}},
		{listServicesInput{}, ecs.ListServicesInput{}},
	})
}

type svcFixture struct {
	srv   *Server
	clock *FakeClock
	api   *ecs.Client
	ctx   context.Context
}

func newSvcFixture(t *testing.T, instances int) *svcFixture {
	t.Helper()
	clock := NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := New(WithClock(clock), WithTaskTimeline(Timeline{Pending: 2 * time.Second, Stopping: time.Second}))
	url, stop := srv.Start()
	t.Cleanup(stop)
	srv.CreateCluster("c")
	for i := range instances {
		srv.AddContainerInstance("c", "i-000000000000000"+string(rune('0'+i)), "54.1.2.3", "10.0.0.5")
	}
	api := ecs.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "s", ""), BaseEndpoint: aws.String(url)})
	f := &svcFixture{srv, clock, api, context.Background()}
	for _, img := range []string{"nginx:1", "nginx:2"} {
		if _, err := api.RegisterTaskDefinition(f.ctx, &ecs.RegisterTaskDefinitionInput{
			Family: aws.String("app"),
			ContainerDefinitions: []types.ContainerDefinition{{Name: aws.String("web"), Image: aws.String(img), Memory: aws.Int32(128),
				PortMappings: []types.PortMapping{{ContainerPort: aws.Int32(80)}}}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *svcFixture) describe(t *testing.T) types.Service {
	t.Helper()
	out, err := f.api.DescribeServices(f.ctx, &ecs.DescribeServicesInput{Cluster: aws.String("c"), Services: []string{"svc"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Services) != 1 {
		t.Fatalf("failures %v", out.Failures)
	}
	return out.Services[0]
}

func hasEvent(sv types.Service, part string) bool {
	for _, e := range sv.Events {
		if strings.Contains(aws.ToString(e.Message), part) {
			return true
		}
	}
	return false
}

func TestServiceLifecycle(t *testing.T) {
	f := newSvcFixture(t, 1)
	_, err := f.api.CreateService(f.ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app:1"), DesiredCount: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	sv := f.describe(t)
	if sv.PendingCount != 1 || sv.RunningCount != 0 || len(sv.Deployments) != 1 {
		t.Fatalf("just created: pending %d running %d deployments %d", sv.PendingCount, sv.RunningCount, len(sv.Deployments))
	}
	f.clock.Advance(3 * time.Second)
	sv = f.describe(t)
	if sv.RunningCount != 1 || !hasEvent(sv, "(service svc) has reached a steady state.") || sv.Deployments[0].RolloutState != types.DeploymentRolloutStateCompleted {
		t.Fatalf("after 3s: running %d events %v", sv.RunningCount, sv.Events)
	}
	// New task definition: two deployments until the new task runs.
	if _, err := f.api.UpdateService(f.ctx, &ecs.UpdateServiceInput{Cluster: aws.String("c"), Service: aws.String("svc"), TaskDefinition: aws.String("app:2")}); err != nil {
		t.Fatal(err)
	}
	if sv = f.describe(t); len(sv.Deployments) != 2 || aws.ToString(sv.Deployments[0].Status) != "PRIMARY" {
		t.Fatalf("deployments %+v", sv.Deployments)
	}
	f.clock.Advance(3 * time.Second)
	f.describe(t)
	f.clock.Advance(2 * time.Second)
	if sv = f.describe(t); len(sv.Deployments) != 1 || sv.RunningCount != 1 || !strings.HasSuffix(aws.ToString(sv.TaskDefinition), "app:2") {
		t.Fatalf("after the update: %d deployments, running %d, %s", len(sv.Deployments), sv.RunningCount, aws.ToString(sv.TaskDefinition))
	}
	tasks, _ := f.api.ListTasks(f.ctx, &ecs.ListTasksInput{Cluster: aws.String("c"), ServiceName: aws.String("svc")})
	if len(tasks.TaskArns) != 1 {
		t.Fatalf("ListTasks by service: %v", tasks.TaskArns)
	}
	// Errors.
	var nf *types.ServiceNotFoundException
	if _, err := f.api.UpdateService(f.ctx, &ecs.UpdateServiceInput{Cluster: aws.String("c"), Service: aws.String("nope")}); !errors.As(err, &nf) {
		t.Errorf("update of a missing service: %v", err)
	}
	var cnf *types.ClusterNotFoundException
	if _, err := f.api.DescribeServices(f.ctx, &ecs.DescribeServicesInput{Cluster: aws.String("nope"), Services: []string{"svc"}}); !errors.As(err, &cnf) {
		t.Errorf("missing cluster: %v", err)
	}
	var bad *types.InvalidParameterException
	_, err = f.api.CreateService(f.ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("lb"), TaskDefinition: aws.String("app:1"), DesiredCount: aws.Int32(1),
		LoadBalancers: []types.LoadBalancer{{LoadBalancerName: aws.String("elb"), TargetGroupArn: aws.String("arn:tg"), ContainerName: aws.String("web"), ContainerPort: aws.Int32(80)}}})
	if !errors.As(err, &bad) {
		t.Errorf("both a classic ELB and a target group: %v", err)
	}
	// Delete: DRAINING, then INACTIVE once the tasks stopped.
	if _, err := f.api.DeleteService(f.ctx, &ecs.DeleteServiceInput{Cluster: aws.String("c"), Service: aws.String("svc"), Force: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if sv = f.describe(t); aws.ToString(sv.Status) != "DRAINING" {
		t.Fatalf("status %s", aws.ToString(sv.Status))
	}
	var na *types.ServiceNotActiveException
	if _, err := f.api.UpdateService(f.ctx, &ecs.UpdateServiceInput{Cluster: aws.String("c"), Service: aws.String("svc"), DesiredCount: aws.Int32(1)}); !errors.As(err, &na) {
		t.Errorf("update of a draining service: %v", err)
	}
	f.clock.Advance(2 * time.Second)
	if sv = f.describe(t); aws.ToString(sv.Status) != "INACTIVE" {
		t.Fatalf("status %s", aws.ToString(sv.Status))
	}
}

func TestServiceDeploymentFails(t *testing.T) {
	f := newSvcFixture(t, 1)
	f.srv.SetTimeline("app", Timeline{Pending: time.Second, RunFor: time.Second, ExitCode: 1})
	_, err := f.api.CreateService(f.ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app:1"), DesiredCount: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	var sv types.Service
	for range 10 {
		f.clock.Advance(3 * time.Second)
		sv = f.describe(t)
	}
	if sv.Deployments[0].RolloutState != types.DeploymentRolloutStateFailed || !hasEvent(sv, "deployment failed") {
		t.Fatalf("rollout %s, events %v", sv.Deployments[0].RolloutState, sv.Events)
	}
}

func TestServiceDaemon(t *testing.T) {
	f := newSvcFixture(t, 3)
	_, err := f.api.CreateService(f.ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app:1"), SchedulingStrategy: types.SchedulingStrategyDaemon})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(3 * time.Second)
	if sv := f.describe(t); sv.RunningCount != 3 || sv.Deployments[0].DesiredCount != 3 {
		t.Fatalf("running %d: %+v %v", sv.RunningCount, sv.Deployments, sv.Events)
	}
}

func TestServiceCircuitBreakerRollback(t *testing.T) {
	f := newSvcFixture(t, 1)
	cb := &types.DeploymentConfiguration{DeploymentCircuitBreaker: &types.DeploymentCircuitBreaker{Enable: true, Rollback: true}}
	_, err := f.api.CreateService(f.ctx, &ecs.CreateServiceInput{Cluster: aws.String("c"), ServiceName: aws.String("svc"), TaskDefinition: aws.String("app:1"), DesiredCount: aws.Int32(1), DeploymentConfiguration: cb})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(3 * time.Second)
	f.describe(t)
	// Tasks started from now on exit at once; app:1's task keeps running.
	f.srv.SetTimeline("app", Timeline{Pending: time.Second, RunFor: time.Second, ExitCode: 1})
	if _, err := f.api.UpdateService(f.ctx, &ecs.UpdateServiceInput{Cluster: aws.String("c"), Service: aws.String("svc"), TaskDefinition: aws.String("app:2")}); err != nil {
		t.Fatal(err)
	}
	var sv types.Service
	for range 12 {
		f.clock.Advance(3 * time.Second)
		sv = f.describe(t)
	}
	if !hasEvent(sv, "deployment failed") || !hasEvent(sv, "rolling back") {
		t.Fatalf("events %v", sv.Events)
	}
	if !strings.HasSuffix(aws.ToString(sv.TaskDefinition), "app:1") {
		t.Errorf("after the rollback: %s", aws.ToString(sv.TaskDefinition))
	}
}
