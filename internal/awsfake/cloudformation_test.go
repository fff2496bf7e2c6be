package awsfake_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

const cfnTemplate = `{
  "Parameters": {
    "Size": {"Type": "Number", "Default": 1},
    "Mode": {"Type": "String", "Default": "a", "AllowedValues": ["a", "b"]},
    "WithSG": {"Type": "String", "Default": "true", "AllowedPattern": "true|false"}
  },
  "Conditions": {"MakeSG": {"Fn::Equals": [{"Ref": "WithSG"}, "true"]}},
  "Resources": {
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Sg": {"Type": "AWS::EC2::SecurityGroup", "Condition": "MakeSG", "Properties": {"VpcId": {"Ref": "Vpc"}}},
    "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MaxSize": {"Ref": "Size"}, "Mode": {"Ref": "Mode"}}}
  },
  "Outputs": {
    "VpcId": {"Value": {"Ref": "Vpc"}},
    "Both": {"Value": {"Fn::Join": [",", [{"Ref": "Vpc"}, {"Ref": "Size"}]]}},
    "SgId": {"Condition": "MakeSG", "Value": {"Fn::GetAtt": ["Sg", "GroupId"]}}
  }
}`

func TestCloudFormationLifecycle(t *testing.T) {
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	_, cfg := start(t, awsfake.WithClock(clock))
	api := cloudformation.NewFromConfig(cfg)
	ctx := context.Background()
	must[*cloudformation.ValidateTemplateOutput](t)(api.ValidateTemplate(ctx, &cloudformation.ValidateTemplateInput{TemplateBody: aws.String(cfnTemplate)}))
	_, err := api.ValidateTemplate(ctx, &cloudformation.ValidateTemplateInput{TemplateBody: aws.String(`{"Resources": {`)})
	wantCode(t, err, "ValidationError")
	_, err = api.ValidateTemplate(ctx, &cloudformation.ValidateTemplateInput{TemplateBody: aws.String("Resources:\n  - [")})
	wantCode(t, err, "ValidationError")

	status := func(name string) cfntypes.StackStatus {
		t.Helper()
		out := must[*cloudformation.DescribeStacksOutput](t)(api.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)}))
		return out.Stacks[0].StackStatus
	}
	must[*cloudformation.CreateStackOutput](t)(api.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String("s"), TemplateBody: aws.String(cfnTemplate),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Size"), ParameterValue: aws.String("2")}}}))
	if st := status("s"); st != cfntypes.StackStatusCreateInProgress {
		t.Fatalf("status %s", st)
	}
	_, err = api.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String("s"), TemplateBody: aws.String(cfnTemplate)})
	wantCode(t, err, "AlreadyExistsException")
	clock.Advance(5 * time.Second)
	out := must[*cloudformation.DescribeStacksOutput](t)(api.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String("s")}))
	st := out.Stacks[0]
	if st.StackStatus != cfntypes.StackStatusCreateComplete || len(st.Outputs) != 3 {
		t.Fatalf("stack %s, outputs %+v", st.StackStatus, st.Outputs)
	}
	res := must[*cloudformation.DescribeStackResourcesOutput](t)(api.DescribeStackResources(ctx, &cloudformation.DescribeStackResourcesInput{StackName: aws.String("s")}))
	if len(res.StackResources) != 3 {
		t.Fatalf("resources %+v", res.StackResources)
	}
	evs := must[*cloudformation.DescribeStackEventsOutput](t)(api.DescribeStackEvents(ctx, &cloudformation.DescribeStackEventsInput{StackName: aws.String("s")}))
	if n := len(evs.StackEvents); n != 8 || evs.StackEvents[0].ResourceStatus != cfntypes.ResourceStatusCreateComplete || aws.ToString(evs.StackEvents[0].LogicalResourceId) != "s" {
		t.Fatalf("%d events, newest %+v", n, evs.StackEvents[0])
	}

	// An update to a value AllowedValues refuses rolls back.
	must[*cloudformation.UpdateStackOutput](t)(api.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: aws.String("s"), UsePreviousTemplate: aws.Bool(true),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Size"), UsePreviousValue: aws.Bool(true)}, {ParameterKey: aws.String("Mode"), ParameterValue: aws.String("z")}}}))
	clock.Advance(5 * time.Second)
	if st := status("s"); st != cfntypes.StackStatusUpdateRollbackComplete {
		t.Fatalf("status %s", st)
	}
	// A good one completes; the same again has nothing to do.
	upd := &cloudformation.UpdateStackInput{StackName: aws.String("s"), UsePreviousTemplate: aws.Bool(true),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Size"), ParameterValue: aws.String("3")}}}
	must[*cloudformation.UpdateStackOutput](t)(api.UpdateStack(ctx, upd))
	clock.Advance(5 * time.Second)
	if st := status("s"); st != cfntypes.StackStatusUpdateComplete {
		t.Fatalf("status %s", st)
	}
	_, err = api.UpdateStack(ctx, upd)
	wantCode(t, err, "ValidationError")

	must[*cloudformation.DeleteStackOutput](t)(api.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String("s")}))
	if st := status("s"); st != cfntypes.StackStatusDeleteInProgress {
		t.Fatalf("status %s", st)
	}
	clock.Advance(5 * time.Second)
	_, err = api.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String("s")})
	wantCode(t, err, "ValidationError")

	// An unknown parameter: created, then rolled back.
	must[*cloudformation.CreateStackOutput](t)(api.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String("bad"), TemplateBody: aws.String(cfnTemplate),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Nope"), ParameterValue: aws.String("x")}}}))
	clock.Advance(5 * time.Second)
	if st := status("bad"); st != cfntypes.StackStatusRollbackComplete {
		t.Fatalf("status %s", st)
	}
}

const cfnYAML = `AWSTemplateFormatVersion: "2010-09-09"
Description: >
  a YAML template
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]   # comment
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Vpc:
    Type: AWS::EC2::VPC
    Condition: IsProd
    Properties:
      Tags:
        - Key: env
          Value: !Ref Env
Outputs:
  Name:
    Value: !Join ["-", [!Ref Bucket, !Ref Env]]
  VpcArn:
    Condition: IsProd
    Value: !GetAtt Vpc.Arn
`

func TestCloudFormationYAML(t *testing.T) {
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	_, cfg := start(t, awsfake.WithClock(clock))
	api := cloudformation.NewFromConfig(cfg)
	ctx := context.Background()
	v := must[*cloudformation.ValidateTemplateOutput](t)(api.ValidateTemplate(ctx, &cloudformation.ValidateTemplateInput{TemplateBody: aws.String(cfnYAML)}))
	if aws.ToString(v.Description) != "a YAML template\n" || len(v.Parameters) != 1 {
		t.Errorf("validate: %q %+v", aws.ToString(v.Description), v.Parameters)
	}
	for _, bad := range []string{"Resources:\n  B:\n    Type: [x\n", "Resources:\n\tB: 1\n", "Resources:\n  B:\n    Type: x\n   C: y\n", "just text\n"} {
		_, err := api.ValidateTemplate(ctx, &cloudformation.ValidateTemplateInput{TemplateBody: aws.String(bad)})
		wantCode(t, err, "ValidationError")
	}
	for env, outputs := range map[string]int{"dev": 1, "prod": 2} {
		name := "y-" + env
		must[*cloudformation.CreateStackOutput](t)(api.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String(name), TemplateBody: aws.String(cfnYAML),
			Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Env"), ParameterValue: aws.String(env)}}}))
		clock.Advance(5 * time.Second)
		out := must[*cloudformation.DescribeStacksOutput](t)(api.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)}))
		st := out.Stacks[0]
		if st.StackStatus != cfntypes.StackStatusCreateComplete || len(st.Outputs) != outputs {
			t.Errorf("%s: %s %+v", env, st.StackStatus, st.Outputs)
		}
	}
}
