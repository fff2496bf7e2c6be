package tasks

import (
	"bytes"
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
)

// bigCluster starts n running tasks of one family on a fake cluster with two
// container instances.
func bigCluster(tb testing.TB, n int) (*awsfake.Server, *ecs.Client, *ec2.Client) {
	tb.Helper()
	srv := awsfake.New(awsfake.WithTaskTimeline(awsfake.Timeline{}))
	url, stop := srv.Start()
	tb.Cleanup(stop)
	srv.CreateCluster("c")
	srv.AddContainerInstance("c", "i-0000000000000000a", "54.0.0.1", "10.0.0.1")
	srv.AddContainerInstance("c", "i-0000000000000000b", "54.0.0.2", "10.0.0.2")
	srv.AddContainerInstance("c", "i-0000000000000000c", "54.0.0.3", "10.0.0.3")
	cfg := awstest.Config(url)
	api := ecs.NewFromConfig(cfg)
	ctx := context.Background()
	out, err := api.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{
		Family: aws.String("big"),
		ContainerDefinitions: []types.ContainerDefinition{{Name: aws.String("web"), Image: aws.String("nginx"), Memory: aws.Int32(6),
			PortMappings: []types.PortMapping{{ContainerPort: aws.Int32(80)}}}},
	})
	if err != nil {
		tb.Fatal(err)
	}
	for started := 0; started < n; started += 10 { // RunTask's count limit
		run, err := api.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("c"), TaskDefinition: out.TaskDefinition.TaskDefinitionArn,
			Group: aws.String("task:big"), Count: aws.Int32(int32(min(10, n-started)))})
		if err != nil || len(run.Failures) > 0 {
			tb.Fatalf("starting %d tasks: %v, %d failures", n, err, len(run.Failures))
		}
	}
	srv.ResetCalls()
	return srv, api, ec2.NewFromConfig(cfg)
}

func psOnce(tb testing.TB, api *ecs.Client, ec2c *ec2.Client) []Row {
	ctx := context.Background()
	tasks, a, err := listWithAddresses(ctx, api, ec2c, Filter{Cluster: "c", Family: "big", Group: "task:big"})
	if err != nil {
		tb.Fatal(err)
	}
	return rows(tasks, a)
}

// ps over 1,000 tasks: 10 ListTasks pages for RUNNING and 1 for STOPPED, one
// DescribeTasks per page, and the lookups de-duplicated: one task definition,
// and each of the three container instances and EC2 instances described once
// (in at most three calls each, as pages reveal them).
func TestPsCallCounts(t *testing.T) {
	srv, api, ec2c := bigCluster(t, 1000)
	rs := psOnce(t, api, ec2c)
	if len(rs) != 1000 {
		t.Fatalf("%d rows, want 1000", len(rs))
	}
	for op, want := range map[string]int{"ListTasks": 11, "DescribeTasks": 10, "DescribeTaskDefinition": 1} {
		if got := srv.Calls("ecs", op); got != want {
			t.Errorf("ecs %s: %d calls, want %d", op, got, want)
		}
	}
	if got := srv.Calls("ecs", "DescribeContainerInstances"); got < 1 || got > 3 {
		t.Errorf("ecs DescribeContainerInstances: %d calls, want 1 to 3", got)
	}
	if got := srv.Calls("ec2", "DescribeInstances"); got < 1 || got > 3 {
		t.Errorf("ec2 DescribeInstances: %d calls, want 1 to 3", got)
	}
	if !strings.HasPrefix(rs[0].Ports, "54.0.0.") || rs[0].TaskDefinition != "big:1" {
		t.Errorf("first row %+v", rs[0])
	}
}

// BenchmarkPs1000 runs ps over 1,000 tasks with 50 ms added to every call.
// Goal: within 13 round trips (0.65 s): 10 sequential ListTasks pages, the
// last page's DescribeTasks, and two lookup rounds.
func BenchmarkPs1000(b *testing.B) {
	srv, api, ec2c := bigCluster(b, 1000)
	srv.Inject("ecs", "*", awsfake.Fault{Latency: 50 * time.Millisecond})
	srv.Inject("ec2", "*", awsfake.Fault{Latency: 50 * time.Millisecond})
	for b.Loop() {
		psOnce(b, api, ec2c)
	}
}

func TestWriteTable(t *testing.T) {
	var buf bytes.Buffer
	err := writeTable(&buf, []Row{
		{Name: "foo/abc123/web", State: "RUNNING", Ports: "54.209.244.64:80->80/tcp", TaskDefinition: "proj:3", Health: "HEALTHY"},
		{Name: "def456/web", State: "STOPPED ExitCode: 137 Reason: OutOfMemory", TaskDefinition: "proj:2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "Name            State                                      Ports                     TaskDefinition  Health\n" +
		"foo/abc123/web  RUNNING                                    54.209.244.64:80->80/tcp  proj:3          HEALTHY\n" +
		"def456/web      STOPPED ExitCode: 137 Reason: OutOfMemory                            proj:2\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	if err := writeTable(&buf, nil); err != nil || buf.Len() != 0 {
		t.Errorf("no rows must print nothing, got %q", buf.String())
	}
}

// BenchmarkPs1000NoLatency is the same work without the added latency: the
// toolkit's and the fake's own cost.
func BenchmarkPs1000NoLatency(b *testing.B) {
	_, api, ec2c := bigCluster(b, 1000)
	for b.Loop() {
		psOnce(b, api, ec2c)
	}
}

// The project's tasks are those of its group, and (as the original had it)
// those an older ECS CLI started with the family in startedBy; others of
// the family, a service's say, are not.
func TestListKeepsLegacyStartedBy(t *testing.T) {
	_, api, _ := bigCluster(t, 1)
	ctx := context.Background()
	for _, in := range []*ecs.RunTaskInput{
		{Cluster: aws.String("c"), TaskDefinition: aws.String("big"), StartedBy: aws.String("big")},
		{Cluster: aws.String("c"), TaskDefinition: aws.String("big"), Group: aws.String("service:big")},
	} {
		if _, err := api.RunTask(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	tasks, err := List(ctx, api, Filter{Cluster: "c", Family: "big", Group: "task:big"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range tasks {
		got = append(got, aws.ToString(tk.Group)+"/"+aws.ToString(tk.StartedBy))
	}
	sort.Strings(got)
	if want := "family:big/big task:big/"; strings.Join(got, " ") != want {
		t.Errorf("tasks (group/startedBy): %v, want %s", got, want)
	}
}
