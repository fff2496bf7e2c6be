package awsfake_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

const asgTemplate = `{
  "Parameters": {"Size": {"Type": "Number", "Default": 1}, "UserData": {"Type": "String"}},
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "AvailabilityZone": "us-east-1b"}},
    "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-1", "InstanceType": "t4g.small",
      "UserData": {"Fn::Base64": {"Ref": "UserData"}}}}},
    "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "0", "MaxSize": {"Ref": "Size"}, "DesiredCapacity": {"Ref": "Size"},
      "VPCZoneIdentifier": [{"Ref": "Subnet"}], "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Lt"}, "Version": "1"}}}
  }
}`

func TestStackAutoScalingGroupRegistersInstances(t *testing.T) {
	ctx := context.Background()
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s, cfg := start(t, awsfake.WithClock(clock))
	s.CreateCluster("k")
	cf, ecsc, ec2c := cloudformation.NewFromConfig(cfg), ecs.NewFromConfig(cfg), ec2.NewFromConfig(cfg)
	count := func() int {
		t.Helper()
		l := must[*ecs.ListContainerInstancesOutput](t)(ecsc.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("k")}))
		return len(l.ContainerInstanceArns)
	}
	param := func(k, v string) cfntypes.Parameter {
		return cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(v)}
	}
	ud := param("UserData", "#!/bin/bash\necho ECS_CLUSTER=k >> /etc/ecs/ecs.config\n")
	must[*cloudformation.CreateStackOutput](t)(cf.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String("st"), TemplateBody: aws.String(asgTemplate),
		Parameters: []cfntypes.Parameter{param("Size", "2"), ud}}))
	if n := count(); n != 2 {
		t.Fatalf("%d container instances, want 2", n)
	}
	l := must[*ecs.ListContainerInstancesOutput](t)(ecsc.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("k")}))
	d := must[*ecs.DescribeContainerInstancesOutput](t)(ecsc.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String("k"), ContainerInstances: l.ContainerInstanceArns}))
	got := map[string]string{}
	for _, a := range d.ContainerInstances[0].Attributes {
		got[aws.ToString(a.Name)] = aws.ToString(a.Value)
	}
	vpc := s.StackResource("st", "Vpc")["PhysicalResourceId"]
	for k, v := range map[string]string{"ecs.instance-type": "t4g.small", "ecs.ami-id": "ami-1", "ecs.cpu-architecture": "arm64",
		"ecs.availability-zone": "us-east-1b", "ecs.vpc-id": vpc, "ecs.subnet-id": s.StackResource("st", "Subnet")["PhysicalResourceId"]} {
		if got[k] != v {
			t.Errorf("attribute %s = %q, want %q", k, got[k], v)
		}
	}
	ec2out := must[*ec2.DescribeInstancesOutput](t)(ec2c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: []string{aws.ToString(d.ContainerInstances[0].Ec2InstanceId)}}))
	if len(ec2out.Reservations) != 1 {
		t.Errorf("EC2 does not know the stack's instance: %+v", ec2out.Reservations)
	}

	clock.Advance(5 * time.Second)
	must[*cloudformation.UpdateStackOutput](t)(cf.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: aws.String("st"), UsePreviousTemplate: aws.Bool(true),
		Parameters: []cfntypes.Parameter{param("Size", "1"), {ParameterKey: aws.String("UserData"), UsePreviousValue: aws.Bool(true)}}}))
	if n := count(); n != 1 {
		t.Errorf("%d container instances after the update to 1, want 1", n)
	}
	clock.Advance(5 * time.Second)
	must[*cloudformation.DeleteStackOutput](t)(cf.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String("st")}))
	if n := count(); n != 0 {
		t.Errorf("%d container instances after delete", n)
	}
	if v := s.MadeResources("AWS::EC2::VPC"); len(v) != 0 {
		t.Errorf("VPCs after delete: %v", v)
	}
}

func TestDescribeInstanceTypeOfferings(t *testing.T) {
	ctx := context.Background()
	_, cfg := start(t)
	c := ec2.NewFromConfig(cfg)
	out := must[*ec2.DescribeInstanceTypeOfferingsOutput](t)(c.DescribeInstanceTypeOfferings(ctx, &ec2.DescribeInstanceTypeOfferingsInput{
		LocationType: ec2types.LocationTypeRegion,
		Filters:      []ec2types.Filter{{Name: aws.String("location"), Values: []string{"us-east-1"}}},
	}))
	found := false
	for _, o := range out.InstanceTypeOfferings {
		found = found || o.InstanceType == "t2.micro"
	}
	if !found || len(out.InstanceTypeOfferings) < 100 {
		t.Errorf("%d offerings, t2.micro among them: %v", len(out.InstanceTypeOfferings), found)
	}
	none := must[*ec2.DescribeInstanceTypeOfferingsOutput](t)(c.DescribeInstanceTypeOfferings(ctx, &ec2.DescribeInstanceTypeOfferingsInput{
		Filters: []ec2types.Filter{{Name: aws.String("location"), Values: []string{"eu-west-9"}}},
	}))
	if len(none.InstanceTypeOfferings) != 0 {
		t.Errorf("offerings in another region: %d", len(none.InstanceTypeOfferings))
	}
	_, err := c.DescribeInstanceTypeOfferings(ctx, &ec2.DescribeInstanceTypeOfferingsInput{LocationType: ec2types.LocationTypeAvailabilityZone})
	wantCode(t, err, "InvalidParameterValue")
}
