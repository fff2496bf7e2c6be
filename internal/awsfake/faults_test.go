package awsfake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/aws/smithy-go"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// TestFaultsSurvived: the SDK's standard retryer (3 attempts) gets through
// two injected faults of each kind on every service, and Calls counts
// every attempt.
func TestFaultsSurvived(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		service, op string
		fault       awsfake.Fault
		call        func(aws.Config) error
	}{
		{"ecs", "DescribeClusters", awsfake.Fault{Throttle: 2}, func(cfg aws.Config) error {
			_, err := ecs.NewFromConfig(cfg).DescribeClusters(ctx, &ecs.DescribeClustersInput{})
			return err
		}},
		{"ecs", "ListTasks", awsfake.Fault{ServerError: 2}, func(cfg aws.Config) error {
			_, err := ecs.NewFromConfig(cfg).ListTasks(ctx, &ecs.ListTasksInput{})
			return err
		}},
		{"ecs", "ListClusters", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := ecs.NewFromConfig(cfg).ListClusters(ctx, &ecs.ListClustersInput{})
			return err
		}},
		{"sts", "GetCallerIdentity", awsfake.Fault{Throttle: 2}, func(cfg aws.Config) error {
			_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{"ec2", "DescribeInstances", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := ec2.NewFromConfig(cfg).DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
			return err
		}},
		{"logs", "DescribeLogGroups", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := cloudwatchlogs.NewFromConfig(cfg).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
			return err
		}},
		// The other services answered an injected fault with status 0 (a
		// handler panic) before each had its codes.
		{"ecr", "DescribeRepositories", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := ecr.NewFromConfig(cfg).DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{})
			return err
		}},
		{"secretsmanager", "CreateSecret", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := secretsmanager.NewFromConfig(cfg).CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("s"), SecretString: aws.String("v")})
			return err
		}},
		{"kms", "DescribeKey", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := kms.NewFromConfig(cfg).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/none")})
			var nf *kmstypes.NotFoundException
			if errors.As(err, &nf) {
				return nil // answered after the faults
			}
			return err
		}},
		{"ssm", "GetParameters", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := ssm.NewFromConfig(cfg).GetParameters(ctx, &ssm.GetParametersInput{Names: []string{"/x"}})
			return err
		}},
		{"servicediscovery", "ListNamespaces", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := servicediscovery.NewFromConfig(cfg).ListNamespaces(ctx, &servicediscovery.ListNamespacesInput{})
			return err
		}},
		{"iam", "GetRole", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := iam.NewFromConfig(cfg).GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("nope")})
			var nf *iamtypes.NoSuchEntityException
			if errors.As(err, &nf) {
				return nil // answered after the faults
			}
			return err
		}},
		{"cloudformation", "DescribeStacks", awsfake.Fault{Throttle: 1, ServerError: 1}, func(cfg aws.Config) error {
			_, err := cloudformation.NewFromConfig(cfg).DescribeStacks(ctx, &cloudformation.DescribeStacksInput{})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.service+":"+tt.op, func(t *testing.T) {
			s, cfg := start(t)
			s.CreateCluster("default")
			s.Inject(tt.service, tt.op, tt.fault)
			if err := tt.call(cfg); err != nil {
				t.Fatalf("with %+v: %v", tt.fault, err)
			}
			if n := s.Calls(tt.service, tt.op); n != 3 {
				t.Errorf("Calls = %d, want 3 (two faults, one success)", n)
			}
			// More throttles than attempts: the caller sees the service's
			// own throttling error (a missing code used to end the
			// connection instead, which the retryer hid above).
			s.Inject(tt.service, tt.op, awsfake.Fault{Throttle: 5})
			err := tt.call(cfg)
			var api smithy.APIError
			if !errors.As(err, &api) || !throttleCodes[api.ErrorCode()] {
				t.Errorf("with 5 throttles: %v, want the service's throttling error", err)
			}
		})
	}
}

var throttleCodes = map[string]bool{"ThrottlingException": true, "Throttling": true, "RequestLimitExceeded": true}

func TestThrottlingExhaustsRetries(t *testing.T) {
	ctx := context.Background()
	s, cfg := start(t)
	c := ecs.NewFromConfig(cfg)
	s.Inject("ecs", "DescribeTasks", awsfake.Fault{Throttle: 5})
	_, err := c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: []string{"x"}})
	wantCode(t, err, "ThrottlingException")
	if n := s.Calls("ecs", "DescribeTasks"); n != 3 {
		t.Errorf("Calls = %d, want 3 (the retryer's attempts)", n)
	}
	// Two throttles are left; the next call's third attempt reaches the
	// real operation, which finds no cluster.
	_, err = c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: []string{"x"}})
	var cnf *types.ClusterNotFoundException
	if !errors.As(err, &cnf) {
		t.Errorf("after the faults ran out: %v, want ClusterNotFoundException", err)
	}
	s.ResetCalls()
	if n := s.Calls("ecs", "DescribeTasks"); n != 0 {
		t.Errorf("Calls after ResetCalls = %d", n)
	}
}

func TestFaultForEveryOperation(t *testing.T) {
	s, cfg := start(t)
	c := ecs.NewFromConfig(cfg)
	s.Inject("ecs", "*", awsfake.Fault{ServerError: 3})
	_, err := c.ListClusters(context.Background(), &ecs.ListClustersInput{})
	wantCode(t, err, "ServerException")
	s.Inject("ecs", "*", awsfake.Fault{})
	if _, err := c.ListClusters(context.Background(), &ecs.ListClustersInput{}); err != nil {
		t.Errorf("after removing the fault: %v", err)
	}
}

// TestLatency: a call slower than the caller's deadline fails with the
// context's error; without the latency it succeeds.
func TestLatency(t *testing.T) {
	s, cfg := start(t)
	c := ecs.NewFromConfig(cfg)
	s.Inject("ecs", "ListClusters", awsfake.Fault{Latency: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.ListClusters(ctx, &ecs.ListClustersInput{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow call: %v, want context.DeadlineExceeded", err)
	}
	s.Inject("ecs", "ListClusters", awsfake.Fault{Latency: time.Millisecond})
	if _, err := c.ListClusters(context.Background(), &ecs.ListClustersInput{}); err != nil {
		t.Errorf("with 1ms latency: %v", err)
	}
}

// TestRunTaskIdempotent: a RunTask retried with its clientToken starts
// nothing new, as ECS guarantees; so the SDK's retries cannot double tasks.
func TestRunTaskIdempotent(t *testing.T) {
	ctx := context.Background()
	s, _, c := fakeClock(t)
	s.CreateCluster("default")
	first := runFargate(t, c, "web", 2, func(in *ecs.RunTaskInput) { in.ClientToken = aws.String("token-1") })
	again := runFargate(t, c, "web", 2, func(in *ecs.RunTaskInput) { in.ClientToken = aws.String("token-1") })
	if aws.ToString(first[1].TaskArn) != aws.ToString(again[1].TaskArn) {
		t.Errorf("same clientToken gave new tasks: %s vs %s", aws.ToString(first[1].TaskArn), aws.ToString(again[1].TaskArn))
	}
	out := must[*ecs.ListTasksOutput](t)(c.ListTasks(ctx, &ecs.ListTasksInput{}))
	if len(out.TaskArns) != 2 {
		t.Errorf("ListTasks = %d tasks, want 2", len(out.TaskArns))
	}
}

// TestMissingCredentials: an unsigned request fails as it does on AWS.
func TestMissingCredentials(t *testing.T) {
	ctx := context.Background()
	_, cfg := start(t)
	cfg.Credentials = aws.AnonymousCredentials{}
	_, err := ecs.NewFromConfig(cfg).ListClusters(ctx, &ecs.ListClustersInput{})
	wantCode(t, err, "MissingAuthenticationTokenException")
	_, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	wantCode(t, err, "MissingAuthenticationToken")
	_, err = ec2.NewFromConfig(cfg).DescribeInstances(ctx, &ec2.DescribeInstancesInput{})
	wantCode(t, err, "MissingAuthenticationToken")
}
