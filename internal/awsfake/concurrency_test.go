package awsfake_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// busyTemplate makes a stack that reaches into every service CloudFormation
// provisions in: an IAM role, EC2 addresses and ECS container instances
// (the Auto Scaling group joins cluster "busy"), and a Cloud Map namespace
// that Cloud Map and Route 53 read back from the stack.
const busyTemplate = `{
  "Parameters": {"Size": {"Type": "Number", "Default": 1}, "Name": {"Type": "String"}},
  "Resources": {
    "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": []}}},
    "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
    "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "AvailabilityZone": "us-east-1b"}},
    "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-1", "InstanceType": "t3.small",
      "UserData": {"Fn::Base64": "#!/bin/bash\necho ECS_CLUSTER=busy >> /etc/ecs/ecs.config\n"}}}},
    "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "0", "MaxSize": {"Ref": "Size"}, "DesiredCapacity": {"Ref": "Size"},
      "VPCZoneIdentifier": [{"Ref": "Subnet"}], "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Lt"}, "Version": "1"}}},
    "NS": {"Type": "AWS::ServiceDiscovery::PrivateDnsNamespace", "Properties": {"Name": {"Ref": "Name"}, "Vpc": {"Ref": "Vpc"}}}
  }
}`

// TestConcurrentServices runs every service at once, each from its own
// goroutines, while CloudFormation provisions into ECS, EC2 and IAM and
// Cloud Map and Route 53 read stacks back. Under -race this checks that
// each service's state is only touched under its own lock; that it ends
// at all checks that the locks are never taken in a circle; and every
// call is counted once.
func TestConcurrentServices(t *testing.T) {
	const rounds = 16
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	clock := awsfake.NewFakeClock(t0)
	s, cfg := start(t, awsfake.WithClock(clock))
	s.CreateCluster("busy")
	s.PutParameter("/p", "v")
	s.AddKMSKey("k1", "alias/k1")
	zone := s.AddNamespace("fixed.local", "DNS_PRIVATE", "vpc-fixed")

	var wg sync.WaitGroup
	run := func(name string, f func(i int) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				if err := f(i); err != nil {
					t.Errorf("%s, round %d: %v", name, i, err)
					return
				}
			}
		}()
	}

	cf := cloudformation.NewFromConfig(cfg)
	param := func(k, v string) cfntypes.Parameter {
		return cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(v)}
	}
	run("cloudformation", func(i int) error {
		name := fmt.Sprintf("st%d", i)
		if _, err := cf.CreateStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String(name), TemplateBody: aws.String(busyTemplate),
			Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam},
			Parameters:   []cfntypes.Parameter{param("Size", "2"), param("Name", name+".local")}}); err != nil {
			return err
		}
		clock.Advance(5 * time.Second)
		if _, err := cf.UpdateStack(ctx, &cloudformation.UpdateStackInput{StackName: aws.String(name), UsePreviousTemplate: aws.Bool(true),
			Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam},
			Parameters:   []cfntypes.Parameter{param("Size", "1"), {ParameterKey: aws.String("Name"), UsePreviousValue: aws.Bool(true)}}}); err != nil {
			return err
		}
		clock.Advance(5 * time.Second)
		if i%2 == 0 { // half the stacks stay, so their instances and namespaces are read while others go
			_, err := cf.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(name)})
			return err
		}
		return nil
	})

	ecsc := ecs.NewFromConfig(cfg)
	for w := range 2 {
		run(fmt.Sprintf("ecs %d", w), func(i int) error {
			family := fmt.Sprintf("f%d-%d", w, i)
			if _, err := ecsc.RegisterTaskDefinition(ctx, fargateWeb(family)); err != nil {
				return err
			}
			out, err := ecsc.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("busy"), TaskDefinition: aws.String(family),
				LaunchType: types.LaunchTypeFargate, NetworkConfiguration: awsvpc(i%2 == 0)})
			if err != nil {
				return err
			}
			if len(out.Tasks) != 1 {
				return fmt.Errorf("RunTask started %d tasks, failures %v", len(out.Tasks), out.Failures)
			}
			if _, err := ecsc.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("busy"), Tasks: []string{aws.ToString(out.Tasks[0].TaskArn)}}); err != nil {
				return err
			}
			if _, err := ecsc.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("busy")}); err != nil {
				return err
			}
			if i%3 == 0 {
				_, err = ecsc.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("busy"), Task: out.Tasks[0].TaskArn})
			}
			return err
		})
	}

	ec2c := ec2.NewFromConfig(cfg)
	run("ec2", func(int) error {
		if _, err := ec2c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{}); err != nil {
			return err
		}
		_, err := ec2c.DescribeNetworkInterfaces(ctx, &ec2.DescribeNetworkInterfacesInput{})
		return err
	})

	sd, r53 := servicediscovery.NewFromConfig(cfg), route53.NewFromConfig(cfg)
	run("servicediscovery and route53", func(int) error {
		if _, err := sd.ListNamespaces(ctx, &servicediscovery.ListNamespacesInput{}); err != nil {
			return err
		}
		ns, err := sd.GetNamespace(ctx, &servicediscovery.GetNamespaceInput{Id: aws.String(zone)})
		if err != nil {
			return err
		}
		_, err = r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: ns.Namespace.Properties.DnsProperties.HostedZoneId})
		return err
	})

	logs := cloudwatchlogs.NewFromConfig(cfg)
	run("logs", func(i int) error {
		group := fmt.Sprintf("/busy/%d", i)
		if _, err := logs.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(group)}); err != nil {
			return err
		}
		if _, err := logs.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String(group), LogStreamName: aws.String("a")}); err != nil {
			return err
		}
		if _, err := logs.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String(group), LogStreamName: aws.String("a"),
			LogEvents: []logtypes.InputLogEvent{{Timestamp: aws.Int64(t0.UnixMilli()), Message: aws.String("hello")}}}); err != nil {
			return err
		}
		_, err := logs.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String(group)})
		return err
	})

	iamc, stsc := iam.NewFromConfig(cfg), sts.NewFromConfig(cfg)
	run("iam and sts", func(i int) error {
		name := fmt.Sprintf("r%d", i)
		if _, err := iamc.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(`{"Statement":[]}`)}); err != nil {
			return err
		}
		if _, err := iamc.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)}); err != nil {
			return err
		}
		_, err := stsc.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err
	})

	sm, ssmc, kmsc, ecrc := secretsmanager.NewFromConfig(cfg), ssm.NewFromConfig(cfg), kms.NewFromConfig(cfg), ecr.NewFromConfig(cfg)
	run("secretsmanager, ssm, kms and ecr", func(i int) error {
		name := fmt.Sprintf("sec%d", i)
		if _, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("x")}); err != nil {
			return err
		}
		if _, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name)}); err != nil {
			return err
		}
		if _, err := ssmc.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String("/p")}); err != nil {
			return err
		}
		if _, err := kmsc.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/k1")}); err != nil {
			return err
		}
		if _, err := ecrc.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(fmt.Sprintf("repo%d", i))}); err != nil {
			return err
		}
		_, err := ecrc.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{})
		return err
	})

	// The test hooks share the same state, from the test's side.
	run("hooks", func(i int) error {
		s.AddContainerInstance("busy", fmt.Sprintf("i-hook%d", i), "", fmt.Sprintf("10.9.0.%d", i))
		s.AddContainerInstanceAttributes("busy", "i-hook0", map[string]string{"hook": fmt.Sprint(i)})
		s.Inject("ecs", "ListClusters", awsfake.Fault{})
		s.PutLogEvents("/hooks", "a", logtypes.InputLogEvent{Timestamp: aws.Int64(1), Message: aws.String("m")})
		_ = s.TaskIDs("busy")
		_ = s.MadeResources("AWS::EC2::VPC")
		_ = s.StackResource("st1", "Asg")
		_ = s.DiscoveryNamespaces()
		_ = s.Calls("ecs", "RunTask")
		return nil
	})
	wg.Wait()
	if t.Failed() {
		return
	}

	for op, want := range map[string]int{
		"ecs:RunTask": 2 * rounds, "cloudformation:CreateStack": rounds, "ec2:DescribeNetworkInterfaces": rounds,
		"route53:GetHostedZone": rounds, "logs:PutLogEvents": rounds, "iam:CreateRole": rounds, "kms:DescribeKey": rounds,
	} {
		service, name, _ := strings.Cut(op, ":")
		if got := s.Calls(service, name); got != want {
			t.Errorf("Calls(%q, %q) = %d, want %d", service, name, got, want)
		}
	}
	// The stacks left standing (odd rounds) have one instance each in
	// "busy", next to the hooks' instances; deleted stacks left none.
	l := must[*ecs.ListContainerInstancesOutput](t)(ecsc.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("busy")}))
	if got, want := len(l.ContainerInstanceArns), rounds/2+rounds; got != want {
		t.Errorf("%d container instances in busy, want %d", got, want)
	}
	if got := len(s.MadeResources("AWS::IAM::Role")); got != rounds/2 {
		t.Errorf("%d stack roles, want %d", got, rounds/2)
	}
}
