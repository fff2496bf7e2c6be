package awsfake_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// runFargate registers fargateWeb(family) when needed and runs count tasks.
func runFargate(t *testing.T, c *ecs.Client, family string, count int32, edit ...func(*ecs.RunTaskInput)) []types.Task {
	t.Helper()
	ctx := context.Background()
	if _, err := c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: &family}); err != nil {
		must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, fargateWeb(family)))
	}
	in := &ecs.RunTaskInput{
		TaskDefinition: &family, Count: &count, LaunchType: types.LaunchTypeFargate,
		NetworkConfiguration: awsvpc(true),
	}
	for _, e := range edit {
		e(in)
	}
	out := must[*ecs.RunTaskOutput](t)(c.RunTask(ctx, in))
	if len(out.Failures) > 0 || len(out.Tasks) != int(count) {
		t.Fatalf("RunTask: %d tasks, failures %v; want %d tasks", len(out.Tasks), out.Failures, count)
	}
	return out.Tasks
}

func describe(t *testing.T, c *ecs.Client, arn string) types.Task {
	t.Helper()
	out := must[*ecs.DescribeTasksOutput](t)(c.DescribeTasks(context.Background(), &ecs.DescribeTasksInput{Tasks: []string{arn}}))
	if len(out.Tasks) != 1 {
		t.Fatalf("DescribeTasks(%s): failures %v", arn, out.Failures)
	}
	return out.Tasks[0]
}

func detail(a types.Attachment, name string) string {
	for _, kv := range a.Details {
		if aws.ToString(kv.Name) == name {
			return aws.ToString(kv.Value)
		}
	}
	return ""
}

func TestRunTaskFargate(t *testing.T) {
	s, _, c := fakeClock(t)
	s.CreateCluster("default")
	task := runFargate(t, c, "web", 1, func(in *ecs.RunTaskInput) {
		in.StartedBy = aws.String("ecs-run")
		in.Tags = []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}}
		in.EnableECSManagedTags = true
	})[0]

	if !regexp.MustCompile(`^arn:aws:ecs:us-east-1:123456789012:task/default/[0-9a-f]{32}$`).MatchString(aws.ToString(task.TaskArn)) {
		t.Errorf("taskArn = %s, want task/default/<32 hex>", aws.ToString(task.TaskArn))
	}
	checks := []struct{ field, got, want string }{
		{"clusterArn", aws.ToString(task.ClusterArn), "arn:aws:ecs:us-east-1:123456789012:cluster/default"},
		{"taskDefinitionArn", aws.ToString(task.TaskDefinitionArn), "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"},
		{"lastStatus", aws.ToString(task.LastStatus), "PENDING"},
		{"desiredStatus", aws.ToString(task.DesiredStatus), "RUNNING"},
		{"launchType", string(task.LaunchType), "FARGATE"},
		{"platformVersion", aws.ToString(task.PlatformVersion), "1.4.0"},
		{"cpu", aws.ToString(task.Cpu), "256"},
		{"memory", aws.ToString(task.Memory), "512"},
		{"group", aws.ToString(task.Group), "family:web"},
		{"startedBy", aws.ToString(task.StartedBy), "ecs-run"},
		{"createdAt", aws.ToTime(task.CreatedAt).String(), t0.String()},
		{"containers[0].name", aws.ToString(task.Containers[0].Name), "web"},
		{"containers[0].image", aws.ToString(task.Containers[0].Image), "nginx:1.27"},
		{"containers[0].lastStatus", aws.ToString(task.Containers[0].LastStatus), "PENDING"},
		{"attachments[0].type", aws.ToString(task.Attachments[0].Type), "ElasticNetworkInterface"},
		{"attachments[0].status", aws.ToString(task.Attachments[0].Status), "ATTACHED"},
		{"attachments[0] subnetId", detail(task.Attachments[0], "subnetId"), "subnet-0a1b2c3d"},
		{"tags", fmt.Sprint(len(task.Tags)), "2"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	eni, ip := detail(task.Attachments[0], "networkInterfaceId"), detail(task.Attachments[0], "privateIPv4Address")
	if !regexp.MustCompile(`^eni-[0-9a-f]{17}$`).MatchString(eni) || ip == "" {
		t.Errorf("ENI details: networkInterfaceId %q, privateIPv4Address %q", eni, ip)
	}
	if ni := task.Containers[0].NetworkInterfaces; len(ni) != 1 || aws.ToString(ni[0].PrivateIpv4Address) != ip {
		t.Errorf("containers[0].networkInterfaces = %+v, want the ENI's address %s", ni, ip)
	}
}

// TestTaskLifecycle walks a task through its timeline on a fake clock.
func TestTaskLifecycle(t *testing.T) {
	s, clock, c := fakeClock(t)
	s.CreateCluster("default")
	s.SetTimeline("web", awsfake.Timeline{
		Provisioning: 10 * time.Second, Pending: 20 * time.Second, RunFor: time.Minute,
		ExitCode: 3, StoppedReason: "Essential container in task exited", Stopping: 5 * time.Second,
	})
	arn := aws.ToString(runFargate(t, c, "web", 1)[0].TaskArn)
	steps := []struct {
		advance                   time.Duration
		last, desired, attachment string
		container                 string
		exitCode                  *int32
	}{
		{0, "PROVISIONING", "RUNNING", "PRECREATED", "PENDING", nil},
		{10 * time.Second, "PENDING", "RUNNING", "ATTACHED", "PENDING", nil},
		{20 * time.Second, "RUNNING", "RUNNING", "ATTACHED", "RUNNING", nil},
		{59 * time.Second, "RUNNING", "RUNNING", "ATTACHED", "RUNNING", nil},
		{time.Second, "STOPPING", "STOPPED", "DETACHING", "STOPPED", aws.Int32(3)},
		{5 * time.Second, "STOPPED", "STOPPED", "DELETED", "STOPPED", aws.Int32(3)},
	}
	elapsed := time.Duration(0)
	for _, st := range steps {
		clock.Advance(st.advance)
		elapsed += st.advance
		task := describe(t, c, arn)
		got := []string{aws.ToString(task.LastStatus), aws.ToString(task.DesiredStatus),
			aws.ToString(task.Attachments[0].Status), aws.ToString(task.Containers[0].LastStatus)}
		want := []string{st.last, st.desired, st.attachment, st.container}
		if !slices.Equal(got, want) {
			t.Errorf("at +%v: lastStatus, desiredStatus, attachment, container = %v, want %v", elapsed, got, want)
		}
		if ec := task.Containers[0].ExitCode; (ec == nil) != (st.exitCode == nil) || (ec != nil && *ec != *st.exitCode) {
			t.Errorf("at +%v: exitCode = %v, want %v", elapsed, ec, st.exitCode)
		}
	}
	task := describe(t, c, arn)
	times := []struct {
		name string
		got  *time.Time
		want time.Duration
	}{
		{"startedAt", task.StartedAt, 30 * time.Second},
		{"stoppingAt", task.StoppingAt, 90 * time.Second},
		{"stoppedAt", task.StoppedAt, 95 * time.Second},
	}
	for _, tm := range times {
		if !aws.ToTime(tm.got).Equal(t0.Add(tm.want)) {
			t.Errorf("%s = %v, want t0+%v", tm.name, tm.got, tm.want)
		}
	}
	if aws.ToString(task.StoppedReason) != "Essential container in task exited" || task.StopCode != types.TaskStopCodeEssentialContainerExited {
		t.Errorf("stoppedReason %q, stopCode %q", aws.ToString(task.StoppedReason), task.StopCode)
	}
}

func TestStopTask(t *testing.T) {
	ctx := context.Background()
	s, clock, c := fakeClock(t)
	s.CreateCluster("default")
	tasks := runFargate(t, c, "web", 2)
	clock.Advance(time.Second) // the default timeline: RUNNING after 200ms

	out := must[*ecs.StopTaskOutput](t)(c.StopTask(ctx, &ecs.StopTaskInput{Task: tasks[0].TaskArn, Reason: aws.String("deploying v2")}))
	got := out.Task
	if aws.ToString(got.DesiredStatus) != "STOPPED" || aws.ToString(got.LastStatus) != "STOPPED" ||
		aws.ToString(got.StoppedReason) != "deploying v2" || got.StopCode != types.TaskStopCodeUserInitiated {
		t.Errorf("stopped task: desired %s, last %s, reason %q, code %s",
			aws.ToString(got.DesiredStatus), aws.ToString(got.LastStatus), aws.ToString(got.StoppedReason), got.StopCode)
	}
	if ec := got.Containers[0].ExitCode; ec == nil || *ec != 0 {
		t.Errorf("exitCode = %v, want 0 (the timeline's)", ec)
	}
	// A second stop changes nothing.
	must[*ecs.StopTaskOutput](t)(c.StopTask(ctx, &ecs.StopTaskInput{Task: tasks[0].TaskArn, Reason: aws.String("again")}))
	if r := aws.ToString(describe(t, c, *tasks[0].TaskArn).StoppedReason); r != "deploying v2" {
		t.Errorf("stoppedReason after a second StopTask = %q", r)
	}
	if last := aws.ToString(describe(t, c, *tasks[1].TaskArn).LastStatus); last != "RUNNING" {
		t.Errorf("the other task is %s, want RUNNING", last)
	}

	// A task stopped before it ran has containers without exit codes.
	early := runFargate(t, c, "web", 1)[0]
	out = must[*ecs.StopTaskOutput](t)(c.StopTask(ctx, &ecs.StopTaskInput{Task: early.TaskArn}))
	if out.Task.Containers[0].ExitCode != nil || aws.ToString(out.Task.StoppedReason) != "Task stopped by user" {
		t.Errorf("stopped while PENDING: exitCode %v, reason %q", out.Task.Containers[0].ExitCode, aws.ToString(out.Task.StoppedReason))
	}

	_, err := c.StopTask(ctx, &ecs.StopTaskInput{Task: aws.String("0123456789abcdef0123456789abcdef")})
	var ipe *types.InvalidParameterException
	if !errors.As(err, &ipe) {
		t.Errorf("stopping an unknown task: %v, want InvalidParameterException", err)
	}
}

func TestRunTaskErrors(t *testing.T) {
	ctx := context.Background()
	s, _, c := fakeClock(t)
	s.CreateCluster("default")
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, fargateWeb("api")))
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("web")))
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("old")))
	must[*ecs.DeregisterTaskDefinitionOutput](t)(c.DeregisterTaskDefinition(ctx, &ecs.DeregisterTaskDefinitionInput{TaskDefinition: aws.String("old:1")}))
	fargate := func(in *ecs.RunTaskInput) {
		in.TaskDefinition, in.LaunchType, in.NetworkConfiguration = aws.String("api"), types.LaunchTypeFargate, awsvpc(true)
	}
	tests := []struct {
		desc     string
		edit     func(*ecs.RunTaskInput)
		code     string
		message  string
		typedErr any
	}{
		{"cluster that does not exist", func(in *ecs.RunTaskInput) { in.Cluster = aws.String("nope") },
			"ClusterNotFoundException", "Cluster not found.", new(*types.ClusterNotFoundException)},
		{"count 11", func(in *ecs.RunTaskInput) { fargate(in); in.Count = aws.Int32(11) },
			"InvalidParameterException", "count must be between 1 and 10.", new(*types.InvalidParameterException)},
		{"count 0", func(in *ecs.RunTaskInput) { fargate(in); in.Count = aws.Int32(0) },
			"InvalidParameterException", "count must be between 1 and 10.", nil},
		{"unknown task definition", func(in *ecs.RunTaskInput) { in.TaskDefinition = aws.String("nope") },
			"ClientException", "Unable to describe task definition.", new(*types.ClientException)},
		{"INACTIVE revision", func(in *ecs.RunTaskInput) { in.TaskDefinition = aws.String("old:1") },
			"ClientException", "TaskDefinition is inactive", nil},
		{"FARGATE with an EC2-only definition", func(in *ecs.RunTaskInput) { in.LaunchType = types.LaunchTypeFargate },
			"InvalidParameterException", "Task definition does not support launch_type FARGATE.", nil},
		{"FARGATE without networkConfiguration", func(in *ecs.RunTaskInput) { fargate(in); in.NetworkConfiguration = nil },
			"InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.", nil},
		{"FARGATE without subnets", func(in *ecs.RunTaskInput) {
			fargate(in)
			in.NetworkConfiguration.AwsvpcConfiguration.Subnets = []string{}
		}, "InvalidParameterException", "subnets can not be empty.", nil},
		{"networkConfiguration for bridge networking", func(in *ecs.RunTaskInput) {
			in.NetworkConfiguration = awsvpc(false)
		}, "InvalidParameterException", "Network Configuration is not valid for the given networkMode of this task definition.", nil},
		{"override of a container not in the definition", func(in *ecs.RunTaskInput) {
			fargate(in)
			in.Overrides = &types.TaskOverride{ContainerOverrides: []types.ContainerOverride{{Name: aws.String("db")}}}
		}, "InvalidParameterException", "Override for container named db is not a container in the TaskDefinition.", nil},
		{"EC2 with no container instances", func(*ecs.RunTaskInput) {},
			"InvalidParameterException", "No Container Instances were found in your cluster.", nil},
		{"launch type and capacity provider strategy", func(in *ecs.RunTaskInput) {
			fargate(in)
			in.CapacityProviderStrategy = []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE_SPOT")}}
		}, "InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.", nil},
		{"FARGATE with a placement strategy", func(in *ecs.RunTaskInput) {
			fargate(in)
			in.PlacementStrategy = []types.PlacementStrategy{{Type: types.PlacementStrategyTypeSpread, Field: aws.String("instanceId")}}
		}, "InvalidParameterException", "Placement strategies are not supported with FARGATE launch type.", nil},
		{"public IP on EC2", func(in *ecs.RunTaskInput) {
			fargate(in)
			in.LaunchType = types.LaunchTypeEc2
		}, "InvalidParameterException", "Assign public IP is not supported for this launch type.", nil},
		{"a tag key in aws:", func(in *ecs.RunTaskInput) {
			fargate(in)
			in.Tags = []types.Tag{{Key: aws.String("aws:owner"), Value: aws.String("x")}}
		}, "InvalidParameterException", "Tag keys starting with 'aws:' are reserved for AWS use.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			in := &ecs.RunTaskInput{TaskDefinition: aws.String("web")}
			tt.edit(in)
			_, err := c.RunTask(ctx, in)
			wantCode(t, err, tt.code)
			if tt.typedErr != nil && !errors.As(err, tt.typedErr) {
				t.Errorf("errors.As(%T) failed for %v", tt.typedErr, err)
			}
			var apiErr interface{ ErrorMessage() string }
			if errors.As(err, &apiErr) && apiErr.ErrorMessage() != tt.message {
				t.Errorf("message = %q, want %q", apiErr.ErrorMessage(), tt.message)
			}
		})
	}
}

func TestRunTaskEC2(t *testing.T) {
	ctx := context.Background()
	s, clock, c := fakeClock(t)
	s.AddContainerInstance("default", "i-0123456789abcdef0", "54.1.2.3", "10.0.0.10")
	in := web("web")
	in.ContainerDefinitions = append(in.ContainerDefinitions, types.ContainerDefinition{
		Name: aws.String("admin"), Image: aws.String("admin:1"), Memory: aws.Int32(128),
		PortMappings: []types.PortMapping{{ContainerPort: aws.Int32(9000), HostPort: aws.Int32(8080)}},
	})
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, in))

	out := must[*ecs.RunTaskOutput](t)(c.RunTask(ctx, &ecs.RunTaskInput{TaskDefinition: aws.String("web")}))
	if len(out.Tasks) != 1 || len(out.Failures) != 0 {
		t.Fatalf("RunTask: %d tasks, failures %+v", len(out.Tasks), out.Failures)
	}
	ci := aws.ToString(out.Tasks[0].ContainerInstanceArn)
	if !regexp.MustCompile(`^arn:aws:ecs:us-east-1:123456789012:container-instance/default/[0-9a-f]{32}$`).MatchString(ci) {
		t.Errorf("containerInstanceArn = %q", ci)
	}
	if b := out.Tasks[0].Containers[0].NetworkBindings; len(b) != 0 {
		t.Errorf("PENDING task has network bindings %+v", b)
	}
	clock.Advance(time.Second)
	task := describe(t, c, *out.Tasks[0].TaskArn)
	bindings := map[string][2]int32{}
	for _, ct := range task.Containers {
		for _, b := range ct.NetworkBindings {
			bindings[aws.ToString(ct.Name)] = [2]int32{aws.ToInt32(b.ContainerPort), aws.ToInt32(b.HostPort)}
		}
	}
	if want := map[string][2]int32{"web": {80, 32768}, "admin": {9000, 8080}}; fmt.Sprint(bindings) != fmt.Sprint(want) {
		t.Errorf("network bindings (container, host port) = %v, want %v", bindings, want)
	}

	// Host port 8080 is taken on the only instance.
	out = must[*ecs.RunTaskOutput](t)(c.RunTask(ctx, &ecs.RunTaskInput{TaskDefinition: aws.String("web")}))
	if len(out.Tasks) != 0 || len(out.Failures) != 1 || aws.ToString(out.Failures[0].Reason) != "RESOURCE:PORTS" || aws.ToString(out.Failures[0].Arn) != ci {
		t.Errorf("second RunTask: tasks %d, failures %+v; want RESOURCE:PORTS on %s", len(out.Tasks), out.Failures, ci)
	}

	// Memory: 3943 MiB per instance; 2 × 1900 fit, a third does not.
	big := web("big")
	big.ContainerDefinitions[0].Memory = aws.Int32(1900)
	big.ContainerDefinitions[0].PortMappings = nil
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, big))
	must[*ecs.StopTaskOutput](t)(c.StopTask(ctx, &ecs.StopTaskInput{Task: task.TaskArn}))
	out = must[*ecs.RunTaskOutput](t)(c.RunTask(ctx, &ecs.RunTaskInput{TaskDefinition: aws.String("big"), Count: aws.Int32(3)}))
	if len(out.Tasks) != 2 || len(out.Failures) != 1 || aws.ToString(out.Failures[0].Reason) != "RESOURCE:MEMORY" {
		t.Errorf("3 × 1900 MiB: %d tasks, failures %+v; want 2 and RESOURCE:MEMORY", len(out.Tasks), out.Failures)
	}
	d := must[*ecs.DescribeContainerInstancesOutput](t)(c.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{ContainerInstances: []string{ci}}))
	for _, r := range d.ContainerInstances[0].RemainingResources {
		if aws.ToString(r.Name) == "MEMORY" && r.IntegerValue != 3943-3800 {
			t.Errorf("remaining MEMORY = %d, want %d", r.IntegerValue, 3943-3800)
		}
	}
	if d.ContainerInstances[0].PendingTasksCount != 2 {
		t.Errorf("pendingTasksCount = %d, want 2", d.ContainerInstances[0].PendingTasksCount)
	}
}

func TestDescribeTasks(t *testing.T) {
	ctx := context.Background()
	s, _, c := fakeClock(t)
	s.CreateCluster("default")
	task := runFargate(t, c, "web", 1, func(in *ecs.RunTaskInput) {
		in.Tags = []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	})[0]
	arn := aws.ToString(task.TaskArn)
	id := arn[len(arn)-32:]
	missing := "arn:aws:ecs:us-east-1:123456789012:task/default/00000000000000000000000000000000"

	out := must[*ecs.DescribeTasksOutput](t)(c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: []string{id, missing}}))
	if len(out.Tasks) != 1 || aws.ToString(out.Tasks[0].TaskArn) != arn || out.Tasks[0].Tags != nil {
		t.Errorf("by ID: tasks %+v, want %s without tags", out.Tasks, arn)
	}
	if len(out.Failures) != 1 || aws.ToString(out.Failures[0].Arn) != missing || aws.ToString(out.Failures[0].Reason) != "MISSING" {
		t.Errorf("failures = %+v, want MISSING for %s", out.Failures, missing)
	}
	out = must[*ecs.DescribeTasksOutput](t)(c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: []string{arn}, Include: []types.TaskField{types.TaskFieldTags}}))
	if len(out.Tasks[0].Tags) != 1 {
		t.Errorf("include TAGS: tags = %v", out.Tasks[0].Tags)
	}

	arns := make([]string, 101)
	for i := range arns {
		arns[i] = arn
	}
	_, err := c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: arns})
	var ipe *types.InvalidParameterException
	if !errors.As(err, &ipe) {
		t.Errorf("101 tasks: err = %v, want InvalidParameterException", err)
	}
	_, err = c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("nope"), Tasks: []string{arn}})
	wantCode(t, err, "ClusterNotFoundException")
}

// TestListTasksPaging pages through 250 tasks 100 at a time.
func TestListTasksPaging(t *testing.T) {
	ctx := context.Background()
	s, _, c := fakeClock(t)
	s.CreateCluster("default")
	var want []string
	for range 25 {
		for _, task := range runFargate(t, c, "web", 10) {
			want = append(want, aws.ToString(task.TaskArn))
		}
	}
	var got []string
	var sizes []int
	p := ecs.NewListTasksPaginator(c, &ecs.ListTasksInput{MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		out := must[*ecs.ListTasksOutput](t)(p.NextPage(ctx))
		sizes = append(sizes, len(out.TaskArns))
		got = append(got, out.TaskArns...)
	}
	if !slices.Equal(sizes, []int{100, 100, 50}) {
		t.Errorf("page sizes = %v, want [100 100 50]", sizes)
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged ARNs differ from the ARNs RunTask returned (%d vs %d)", len(got), len(want))
	}
	if n := s.Calls("ecs", "ListTasks"); n != 3 {
		t.Errorf("ListTasks calls = %d, want 3", n)
	}
	_, err := c.ListTasks(ctx, &ecs.ListTasksInput{MaxResults: aws.Int32(101)})
	wantCode(t, err, "InvalidParameterException")
}

func TestListTasksFilters(t *testing.T) {
	ctx := context.Background()
	s, clock, c := fakeClock(t)
	s.CreateCluster("default")
	web := runFargate(t, c, "web", 2, func(in *ecs.RunTaskInput) { in.StartedBy = aws.String("ci") })
	api := runFargate(t, c, "api", 1)
	clock.Advance(time.Second)
	must[*ecs.StopTaskOutput](t)(c.StopTask(ctx, &ecs.StopTaskInput{Task: web[1].TaskArn}))
	arn := func(ts ...types.Task) []string {
		var out []string
		for _, t := range ts {
			out = append(out, aws.ToString(t.TaskArn))
		}
		return out
	}
	tests := []struct {
		desc string
		in   ecs.ListTasksInput
		want []string
	}{
		{"RUNNING by default", ecs.ListTasksInput{}, arn(web[0], api[0])},
		{"STOPPED", ecs.ListTasksInput{DesiredStatus: types.DesiredStatusStopped}, arn(web[1])},
		{"family", ecs.ListTasksInput{Family: aws.String("api")}, arn(api[0])},
		{"startedBy", ecs.ListTasksInput{StartedBy: aws.String("ci")}, arn(web[0])},
		{"startedBy STOPPED", ecs.ListTasksInput{StartedBy: aws.String("ci"), DesiredStatus: types.DesiredStatusStopped}, arn(web[1])},
		{"FARGATE", ecs.ListTasksInput{LaunchType: types.LaunchTypeFargate}, arn(web[0], api[0])},
		{"EC2", ecs.ListTasksInput{LaunchType: types.LaunchTypeEc2}, nil},
	}
	for _, tt := range tests {
		out := must[*ecs.ListTasksOutput](t)(c.ListTasks(ctx, &tt.in))
		if !slices.Equal(out.TaskArns, tt.want) && len(out.TaskArns)+len(tt.want) > 0 {
			t.Errorf("%s: got %v\nwant %v", tt.desc, out.TaskArns, tt.want)
		}
	}
	_, err := c.ListTasks(ctx, &ecs.ListTasksInput{StartedBy: aws.String("ci"), Family: aws.String("web")})
	wantCode(t, err, "InvalidParameterException")
}

func TestShortTaskARNs(t *testing.T) {
	s, _, c := fakeClock(t)
	s.CreateCluster("default")
	s.SetAccountSetting("taskLongArnFormat", "disabled")
	arn := aws.ToString(runFargate(t, c, "web", 1)[0].TaskArn)
	if !regexp.MustCompile(`^arn:aws:ecs:us-east-1:123456789012:task/[0-9a-f]{32}$`).MatchString(arn) {
		t.Errorf("taskArn with taskLongArnFormat disabled = %s, want task/<id>", arn)
	}
	describe(t, c, arn) // and it is found by that ARN
}
