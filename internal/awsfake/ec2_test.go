package awsfake_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

func TestDescribeInstances(t *testing.T) {
	ctx := context.Background()
	s, cfg := start(t)
	s.AddContainerInstance("default", "i-0aaaaaaaaaaaaaaaa", "54.0.0.5", "10.0.0.5")
	s.AddContainerInstance("other", "i-0bbbbbbbbbbbbbbbb", "", "10.0.0.6")
	c := ec2.NewFromConfig(cfg)

	out := must[*ec2.DescribeInstancesOutput](t)(c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-0aaaaaaaaaaaaaaaa"}}))
	if len(out.Reservations) != 1 || len(out.Reservations[0].Instances) != 1 {
		t.Fatalf("DescribeInstances = %+v", out.Reservations)
	}
	in := out.Reservations[0].Instances[0]
	if aws.ToString(in.InstanceId) != "i-0aaaaaaaaaaaaaaaa" || aws.ToString(in.PublicIpAddress) != "54.0.0.5" ||
		aws.ToString(in.PrivateIpAddress) != "10.0.0.5" || in.State.Name != ec2types.InstanceStateNameRunning {
		t.Errorf("instance = id %s, public %s, private %s, state %s", aws.ToString(in.InstanceId),
			aws.ToString(in.PublicIpAddress), aws.ToString(in.PrivateIpAddress), in.State.Name)
	}

	all := must[*ec2.DescribeInstancesOutput](t)(c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{}))
	if len(all.Reservations) != 2 {
		t.Errorf("all instances: %d reservations, want 2", len(all.Reservations))
	}
	f := must[*ec2.DescribeInstancesOutput](t)(c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{
		Filters: []ec2types.Filter{{Name: aws.String("instance-id"), Values: []string{"i-0bbbbbbbbbbbbbbbb", "i-0ccccccccccccccccc"}}},
	}))
	if len(f.Reservations) != 1 || f.Reservations[0].Instances[0].PublicIpAddress != nil {
		t.Errorf("filter instance-id: %+v", f.Reservations)
	}

	_, err := c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{"i-0ffffffffffffffff"}})
	wantCode(t, err, "InvalidInstanceID.NotFound")
	_, err = c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"x"}}}})
	wantCode(t, err, "InvalidParameterValue")
}

func TestDescribeNetworkInterfaces(t *testing.T) {
	ctx := context.Background()
	clock := awsfake.NewFakeClock(t0)
	s, cfg := start(t, awsfake.WithClock(clock))
	s.CreateCluster("default")
	c := ecs.NewFromConfig(cfg)
	public := runFargate(t, c, "web", 1)[0]
	private := runFargate(t, c, "web", 1, func(in *ecs.RunTaskInput) { in.NetworkConfiguration = awsvpc(false) })[0]
	e := ec2.NewFromConfig(cfg)

	eni := detail(public.Attachments[0], "networkInterfaceId")
	out := must[*ec2.DescribeNetworkInterfacesOutput](t)(e.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eni}}))
	if len(out.NetworkInterfaces) != 1 {
		t.Fatalf("DescribeNetworkInterfaces(%s) = %+v", eni, out.NetworkInterfaces)
	}
	ni := out.NetworkInterfaces[0]
	if ni.Association == nil || aws.ToString(ni.Association.PublicIp) == "" {
		t.Errorf("FARGATE ENI with assignPublicIp ENABLED has no association.publicIp: %+v", ni.Association)
	}
	if aws.ToString(ni.PrivateIpAddress) != detail(public.Attachments[0], "privateIPv4Address") ||
		aws.ToString(ni.SubnetId) != "subnet-0a1b2c3d" || len(ni.Groups) != 1 || aws.ToString(ni.Groups[0].GroupId) != "sg-0a1b2c3d" {
		t.Errorf("ENI = private %s, subnet %s, groups %+v", aws.ToString(ni.PrivateIpAddress), aws.ToString(ni.SubnetId), ni.Groups)
	}

	eni2 := detail(private.Attachments[0], "networkInterfaceId")
	out = must[*ec2.DescribeNetworkInterfacesOutput](t)(e.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{
		Filters: []ec2types.Filter{{Name: aws.String("network-interface-id"), Values: []string{eni2}}},
	}))
	if len(out.NetworkInterfaces) != 1 || out.NetworkInterfaces[0].Association != nil {
		t.Errorf("ENI without public IP: %+v", out.NetworkInterfaces)
	}

	// A stopped task's ENI is gone.
	clock.Advance(time.Second)
	must[*ecs.StopTaskOutput](t)(c.StopTask(ctx, &ecs.StopTaskInput{Task: public.TaskArn}))
	_, err := e.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: []string{eni}})
	wantCode(t, err, "InvalidNetworkInterfaceID.NotFound")
}
