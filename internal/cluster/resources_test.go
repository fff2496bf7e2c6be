package cluster

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// instances returns the cluster's container instances, described.
func (e *fakeEnv) instances(t *testing.T, cluster string) []ecstypes.ContainerInstance {
	t.Helper()
	ctx := context.Background()
	api := e.ecsClient()
	l, err := api.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String(cluster)})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.ContainerInstanceArns) == 0 {
		return nil
	}
	d, err := api.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String(cluster), ContainerInstances: l.ContainerInstanceArns})
	if err != nil {
		t.Fatal(err)
	}
	return d.ContainerInstances
}

func attrs(ci ecstypes.ContainerInstance) map[string]string {
	m := map[string]string{}
	for _, a := range ci.Attributes {
		m[aws.ToString(a.Name)] = aws.ToString(a.Value)
	}
	return m
}

// The stack's resources exist in the fake: the VPC, subnets and security
// group up printed, the instance role, and an Auto Scaling group whose
// instances joined the cluster; scale changes their number, down removes
// them all.
func TestStackResourcesInFake(t *testing.T) {
	e := newFake(t)
	code, out, errs := e.run(t, "up", "--cluster", "r1", "--capability-iam", "--size", "2", "--instance-type", "m7g.large")
	if code != 0 {
		t.Fatalf("up: %d\n%s\n%s", code, out, errs)
	}
	const stack = "amazon-ecs-cli-setup-r1"
	vpc := e.srv.StackResource(stack, "Vpc")["PhysicalResourceId"]
	if vpc == "" || !strings.Contains(out, "VPC created: "+vpc+"\n") {
		t.Errorf("VPC %q not the one printed:\n%s", vpc, out)
	}
	for _, sn := range []string{"PubSubnetAz1", "PubSubnetAz2"} {
		r := e.srv.StackResource(stack, sn)
		if r == nil || r["VpcId"] != vpc || !strings.Contains(out, "Subnet created: "+r["PhysicalResourceId"]) {
			t.Errorf("subnet %s: %v", sn, r)
		}
	}
	if sg := e.srv.StackResource(stack, "EcsSecurityGroup"); sg == nil || sg["VpcId"] != vpc || !strings.Contains(out, "Security Group created: "+sg["PhysicalResourceId"]) {
		t.Errorf("security group: %v", sg)
	}
	role := e.srv.StackResource(stack, "EcsInstanceRole")["PhysicalResourceId"]
	if attached, _ := e.srv.RolePolicies(role); len(attached) != 1 || !strings.HasSuffix(attached[0], "service-role/AmazonEC2ContainerServiceforEC2Role") {
		t.Errorf("instance role %q: %v", role, attached)
	}
	lt := e.srv.StackResource(stack, "EcsInstanceLaunchTemplate")
	if !strings.Contains(lt["UserData"], "ECS_CLUSTER=r1") || lt["ImageId"] != "ami-arm64" {
		t.Errorf("launch template: %v", lt)
	}

	cis := e.instances(t, "r1")
	if len(cis) != 2 {
		t.Fatalf("%d container instances after up --size 2, want 2", len(cis))
	}
	a := attrs(cis[0])
	for k, v := range map[string]string{"ecs.instance-type": "m7g.large", "ecs.ami-id": "ami-arm64", "ecs.cpu-architecture": "arm64", "ecs.vpc-id": vpc} {
		if a[k] != v {
			t.Errorf("attribute %s: %q, want %q", k, a[k], v)
		}
	}
	if _, ok := a["com.amazonaws.ecs.capability.logging-driver.awslogs"]; !ok {
		t.Errorf("no awslogs logging driver attribute: %v", a)
	}

	if code, _, errs := e.run(t, "scale", "--cluster", "r1", "--capability-iam", "--size", "3"); code != 0 {
		t.Fatalf("scale: %d %s", code, errs)
	}
	if n := len(e.instances(t, "r1")); n != 3 {
		t.Errorf("%d container instances after scale --size 3", n)
	}
	if code, _, errs := e.run(t, "scale", "--cluster", "r1", "--capability-iam", "--size", "1"); code != 0 {
		t.Fatalf("scale: %d %s", code, errs)
	}
	if n := len(e.instances(t, "r1")); n != 1 {
		t.Errorf("%d container instances after scale --size 1", n)
	}

	if code, _, errs := e.run(t, "down", "--cluster", "r1", "--force"); code != 0 {
		t.Fatalf("down: %d %s", code, errs)
	}
	for _, typ := range []string{"AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::AutoScaling::AutoScalingGroup"} {
		if got := e.srv.MadeResources(typ); len(got) != 0 {
			t.Errorf("%s left after down: %v", typ, got)
		}
	}
	if attached, _ := e.srv.RolePolicies(role); attached != nil {
		t.Errorf("instance role left after down: %v", attached)
	}
}

// A stack that fails creates nothing.
func TestFailedStackMakesNothing(t *testing.T) {
	e := newFake(t)
	if code, _, _ := e.run(t, "up", "--cluster", "bad", "--capability-iam", "--vpc", "vpc-1", "--subnets", "subnet-a,subnet-b"); code != 1 {
		t.Fatalf("up: %d", code)
	}
	if got := e.srv.MadeResources("AWS::EC2::VPC"); len(got) != 0 {
		t.Errorf("VPCs after a failed stack: %v", got)
	}
	if n := len(e.instances(t, "bad")); n != 0 {
		t.Errorf("%d container instances after a failed stack", n)
	}
}

// check-attributes against an instance the stack launched, before and
// after the fluentd logging driver is added to it.
func TestCheckAttributesOnStackInstance(t *testing.T) {
	e := newFake(t)
	if code, _, errs := e.run(t, "up", "--cluster", "ca", "--capability-iam", "--size", "1"); code != 0 {
		t.Fatalf("up: %d %s", code, errs)
	}
	ctx := context.Background()
	_, err := e.ecsClient().RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("logs"), ContainerDefinitions: []ecstypes.ContainerDefinition{{
		Name: aws.String("web"), Image: aws.String("nginx"), Memory: aws.Int32(128),
		LogConfiguration: &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriverFluentd},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	ci := e.instances(t, "ca")[0]
	id := instanceID(aws.ToString(ci.ContainerInstanceArn))
	_, out, _ := e.run(t, "check-attributes", "--cluster", "ca", "--task-def", "logs", "--container-instances", id)
	if !strings.Contains(out, id+"  com.amazonaws.ecs.capability.logging-driver.fluentd\n") {
		t.Errorf("before:\n%s", out)
	}
	e.srv.AddContainerInstanceAttributes("ca", aws.ToString(ci.Ec2InstanceId), map[string]string{"com.amazonaws.ecs.capability.logging-driver.fluentd": ""})
	_, out, _ = e.run(t, "check-attributes", "--cluster", "ca", "--task-def", "logs", "--container-instances", id)
	if !strings.Contains(out, id+"  None\n") {
		t.Errorf("after:\n%s", out)
	}
}

// ps over a cluster of 1,000 tasks on the stack's 3 instances makes
// bounded calls, as the project ps does (internal/run TestPsCallCounts):
// 10 ListTasks pages for RUNNING and 1 for STOPPED, one DescribeTasks per
// page, one DescribeTaskDefinition, and the instances looked up in batches.
func TestClusterPsCallCounts(t *testing.T) {
	e := newFake(t)
	if code, _, errs := e.run(t, "up", "--cluster", "big", "--capability-iam", "--size", "3"); code != 0 {
		t.Fatalf("up: %d %s", code, errs)
	}
	ctx := context.Background()
	api := e.ecsClient()
	td, err := api.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("big"), ContainerDefinitions: []ecstypes.ContainerDefinition{{
		Name: aws.String("web"), Image: aws.String("nginx"), Memory: aws.Int32(6),
		PortMappings: []ecstypes.PortMapping{{ContainerPort: aws.Int32(80)}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		out, err := api.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("big"), TaskDefinition: td.TaskDefinition.TaskDefinitionArn, Count: aws.Int32(10)})
		if err != nil || len(out.Failures) > 0 {
			t.Fatalf("RunTask %d: %v %v", i, err, out)
		}
	}
	e.clock.Advance(time.Minute)
	e.srv.ResetCalls()
	code, out, errs := e.run(t, "ps", "--cluster", "big")
	if code != 0 {
		t.Fatalf("ps: %d %s", code, errs)
	}
	if n := strings.Count(out, " RUNNING "); n != 1000 {
		t.Errorf("%d RUNNING rows, want 1000", n)
	}
	for op, want := range map[string]int{"ListTasks": 11, "DescribeTasks": 10, "DescribeTaskDefinition": 1} {
		if got := e.srv.Calls("ecs", op); got != want {
			t.Errorf("ecs %s: %d calls, want %d", op, got, want)
		}
	}
	if got := e.srv.Calls("ecs", "DescribeContainerInstances"); got < 1 || got > 3 {
		t.Errorf("ecs DescribeContainerInstances: %d calls, want 1 to 3", got)
	}
	if got := e.srv.Calls("ec2", "DescribeInstances"); got < 1 || got > 3 {
		t.Errorf("ec2 DescribeInstances: %d calls, want 1 to 3", got)
	}
}

// up checks the region offers the instance type (the first page of
// DescribeInstanceTypeOfferings, as the original), before any AMI lookup
// or cluster creation.
func TestUpInstanceTypeNotOffered(t *testing.T) {
	e := newFake(t)
	code, _, errs := e.run(t, "up", "--cluster", "x", "--capability-iam", "--instance-type", "x9z.large")
	if code != 1 || !strings.Contains(errs, "instance type x9z.large not supported in region us-east-1: instance type x9z.large not found in list of supported instance types [") {
		t.Errorf("up: %d %s", code, errs)
	}
	if n := e.srv.Calls("ec2", "DescribeInstanceTypeOfferings"); n != 1 {
		t.Errorf("DescribeInstanceTypeOfferings: %d calls", n)
	}
	for _, op := range []string{"ecs:CreateCluster", "ssm:GetParameter", "cloudformation:CreateStack"} {
		svc, name, _ := strings.Cut(op, ":")
		if n := e.srv.Calls(svc, name); n != 0 {
			t.Errorf("%s: %d calls after the offering check failed", op, n)
		}
	}
}
