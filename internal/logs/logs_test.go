package logs

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

func clients(t *testing.T, srv *awsfake.Server) (*ecs.Client, *cloudwatchlogs.Client) {
	t.Helper()
	cfg := awstest.Start(t, srv)
	return ecs.NewFromConfig(cfg), cloudwatchlogs.NewFromConfig(cfg)
}

func awslogs(name string) ecstypes.ContainerDefinition {
	return ecstypes.ContainerDefinition{Name: aws.String(name), Image: aws.String("busybox"), Memory: aws.Int32(64),
		LogConfiguration: &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriverAwslogs, Options: map[string]string{
			"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"}}}
}

func events(from, n int, msg string) []logtypes.InputLogEvent {
	var out []logtypes.InputLogEvent
	for i := from; i < from+n; i++ {
		// two events share every millisecond, so same-time events are covered
		out = append(out, logtypes.InputLogEvent{Timestamp: aws.Int64(1_700_000_000_000 + int64(i/2)), Message: aws.String(fmt.Sprintf("%s %05d", msg, i))})
	}
	return out
}

// 10,000 events of two containers come back over many pages, in time order,
// each exactly once.
func TestReadAllPagesTenThousandEvents(t *testing.T) {
	srv := awsfake.New()
	_, lc := clients(t, srv)
	srv.PutLogEvents("/ecs/app", "app/web/t1", events(0, 5000, "web")...)
	srv.PutLogEvents("/ecs/app", "app/worker/t1", events(5000, 5000, "worker")...)
	td := &ecstypes.TaskDefinition{TaskDefinitionArn: aws.String("arn:td/app:1"), ContainerDefinitions: []ecstypes.ContainerDefinition{awslogs("web"), awslogs("worker")}}
	src, err := sources(td, "t1", "")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	r := &reader{api: lc, src: src, lastTS: -1 << 62}
	if err := readAll(context.Background(), []*reader{r}, printer{w: &out, prefix: 1}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 10000 {
		t.Fatalf("%d lines, want 10000", len(lines))
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			t.Fatalf("repeated: %s", l)
		}
		seen[l] = true
	}
	if lines[0] != "web | web 00000" || lines[9999] != "worker | worker 09999" {
		t.Errorf("first %q last %q", lines[0], lines[9999])
	}
	if n := srv.Calls("logs", "FilterLogEvents"); n < 10 {
		t.Errorf("%d FilterLogEvents calls: the 10,000 events should take 10 pages or more", n)
	}
}

// --follow prints events as they arrive (within a poll, one second) without
// losing or repeating any, also events logged in the millisecond already
// seen, and ends once the task stopped and its logs are drained.
func TestFollowUntilTheTaskStops(t *testing.T) {
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := awsfake.New(awsfake.WithClock(clock), awsfake.WithTaskTimeline(awsfake.Timeline{Pending: time.Second, RunFor: 20 * time.Second}))
	ec, lc := clients(t, srv)
	ctx := context.Background()
	srv.AddContainerInstance("c", "i-0123456789abcdef0", "54.1.2.3", "10.0.0.5")
	reg, err := ec.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("app"), ContainerDefinitions: []ecstypes.ContainerDefinition{awslogs("web")}})
	if err != nil {
		t.Fatal(err)
	}
	run, err := ec.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("c"), TaskDefinition: reg.TaskDefinition.TaskDefinitionArn})
	if err != nil {
		t.Fatal(err)
	}
	task := run.Tasks[0]
	stream := "app/web/" + taskID(aws.ToString(task.TaskArn))
	next := 0
	sleep := func(ctx context.Context, d time.Duration) error {
		// Each second, three more events arrive; one shares the last
		// millisecond already printed.
		if next < 60 {
			srv.PutLogEvents("/ecs/app", stream, events(next, 3, "line")...)
			next += 3
		}
		clock.Advance(d)
		return nil
	}
	srv.PutLogEvents("/ecs/app", stream, events(next, 3, "line")...)
	next += 3
	td := &ecstypes.TaskDefinition{TaskDefinitionArn: reg.TaskDefinition.TaskDefinitionArn, ContainerDefinitions: []ecstypes.ContainerDefinition{awslogs("web")}}
	src, err := sources(td, taskID(aws.ToString(task.TaskArn)), "")
	if err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	r := &reader{api: lc, src: src, lastTS: -1 << 62}
	targets := []target{{cluster: "c", id: src.task, arn: aws.ToString(task.TaskArn), td: td}}
	if err := follow(ctx, ec, targets, []*reader{r}, printer{w: &out}, sleep, &errs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != next {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), next, out.String())
	}
	for i, l := range lines {
		if want := fmt.Sprintf("line %05d", i); l != want {
			t.Fatalf("line %d is %q, want %q", i, l, want)
		}
	}
	polls := srv.Calls("logs", "FilterLogEvents")
	elapsed := clock.Now().Sub(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if float64(polls) > elapsed.Seconds()+1 {
		t.Errorf("%d polls in %s: more than one a second", polls, elapsed)
	}
}

func TestSourcesErrors(t *testing.T) {
	other := awslogs("b")
	other.LogConfiguration.Options = map[string]string{"awslogs-group": "/other", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "p"}
	noPrefix := awslogs("c")
	noPrefix.LogConfiguration.Options = map[string]string{"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1"}
	syslog := awslogs("d")
	syslog.LogConfiguration.LogDriver = ecstypes.LogDriverSyslog
	plain := ecstypes.ContainerDefinition{Name: aws.String("e")}
	for _, tc := range []struct {
		defs      []ecstypes.ContainerDefinition
		container string
		want      string
	}{
		{[]ecstypes.ContainerDefinition{awslogs("a"), other}, "", "Log Configuration Field awslogs-group mismatches in at least one container definition in arn:td/x:1. Use the --container-name option to query logs for an individual container."},
		{[]ecstypes.ContainerDefinition{noPrefix}, "", "Container c: ECS CLI Requires Log Stream Prefix (awslogs-stream-prefix) to be specified."},
		{[]ecstypes.ContainerDefinition{syslog}, "", "Container 'd': Must specify log driver as awslogs"},
		{[]ecstypes.ContainerDefinition{plain}, "", "Container 'e' is not configured to use CloudWatch logs"},
		{[]ecstypes.ContainerDefinition{awslogs("a")}, "nope", `--container-name: arn:td/x:1 has no container "nope" (containers: a)`},
	} {
		_, err := sources(&ecstypes.TaskDefinition{TaskDefinitionArn: aws.String("arn:td/x:1"), ContainerDefinitions: tc.defs}, "t", tc.container)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
	src, err := sources(&ecstypes.TaskDefinition{ContainerDefinitions: []ecstypes.ContainerDefinition{awslogs("a"), other}}, "t", "b")
	if err != nil || src.group != "/other" || src.streams["p/b/t"] != "b" {
		t.Errorf("--container-name b: %+v, %v", src, err)
	}
}

func TestWindowErrors(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		f    Flags
		want string
	}{
		{Flags{Since: 5, StartTime: "2026-01-01T00:00:00Z"}, "--since can not be used with --start-time"},
		{Flags{Follow: true, EndTime: "2026-01-01T00:00:00Z"}, "--follow can not be used with --end-time"},
		{Flags{StartTime: "yesterday"}, `--start-time "yesterday": not an RFC 3339 time`},
		{Flags{StartTime: "2026-01-02T00:00:00Z", EndTime: "2026-01-01T00:00:00Z"}, "must be before End time"},
		{Flags{Since: -5}, "--since: -5 is outside the accepted range (0 to 5260320 minutes)"},
		{Flags{Since: 1 << 40}, "--since: 1099511627776 is outside the accepted range (0 to 5260320 minutes)"},
	} {
		if _, _, err := tc.f.window(now); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %q", tc.f, err, tc.want)
		}
	}
	start, _, err := Flags{Since: 10}.window(now)
	if err != nil || *start != now.Add(-10*time.Minute).UnixMilli() {
		t.Errorf("--since 10: %v %v", start, err)
	}
}

// Without --task-id and with a terminal (a character device) on stdin,
// nothing can be piped in: the original's message at once, rather than a
// wait for a document typed at the terminal (/dev/zero stands in for one).
func TestNoTaskIDAtATerminal(t *testing.T) {
	tty, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer tty.Close()
	var out, errb bytes.Buffer
	err = run(context.Background(), Flags{}, nil, tty, &out, &errb, RealSleep, time.Now)
	if exitcode.Of(err) != exitcode.Usage || err.Error() != "TaskID must be specified with the --task-id flag, or a document with tasks piped in" {
		t.Errorf("got %v (exit %d)", err, exitcode.Of(err))
	}
}
