package awsfake_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// t0 is the fake clock's start in tests that use one.
var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// start serves a new fake and returns it with an SDK config pointed at it:
// static keys, us-east-1, and the SDK's standard retryer (3 attempts, the
// usual retryable codes) without its backoff sleeps.
func start(t *testing.T, opts ...awsfake.Option) (*awsfake.Server, aws.Config) {
	t.Helper()
	s := awsfake.New(opts...)
	url, stop := s.Start()
	t.Cleanup(stop)
	return s, aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDAWSFAKETEST", "secret", ""),
		BaseEndpoint: aws.String(url),
		Retryer: func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.Backoff = noBackoff{} })
		},
	}
}

type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// fakeClock starts a fake on a FakeClock at t0.
func fakeClock(t *testing.T, opts ...awsfake.Option) (*awsfake.Server, *awsfake.FakeClock, *ecs.Client) {
	t.Helper()
	clock := awsfake.NewFakeClock(t0)
	s, cfg := start(t, append([]awsfake.Option{awsfake.WithClock(clock)}, opts...)...)
	return s, clock, ecs.NewFromConfig(cfg)
}

// code returns the AWS error code of err, "" for nil.
func code(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error is no smithy.APIError: %v", err)
	}
	return ae.ErrorCode()
}

// wantCode fails unless err is an API error with code want.
func wantCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := code(t, err); got != want {
		t.Fatalf("error code = %q, want %q (err: %v)", got, want, err)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// web is a small EC2 task definition: one container with a bridge port.
func web(family string) *ecs.RegisterTaskDefinitionInput {
	return &ecs.RegisterTaskDefinitionInput{
		Family: aws.String(family),
		ContainerDefinitions: []types.ContainerDefinition{{
			Name: aws.String("web"), Image: aws.String("nginx:1.27"), Memory: aws.Int32(256),
			PortMappings: []types.PortMapping{{ContainerPort: aws.Int32(80)}},
		}},
	}
}

// fargateWeb is web sized and networked for FARGATE.
func fargateWeb(family string) *ecs.RegisterTaskDefinitionInput {
	in := web(family)
	in.RequiresCompatibilities = []types.Compatibility{types.CompatibilityFargate}
	in.NetworkMode = types.NetworkModeAwsvpc
	in.Cpu, in.Memory = aws.String("256"), aws.String("512")
	return in
}

func awsvpc(public bool) *types.NetworkConfiguration {
	assign := types.AssignPublicIpDisabled
	if public {
		assign = types.AssignPublicIpEnabled
	}
	return &types.NetworkConfiguration{AwsvpcConfiguration: &types.AwsVpcConfiguration{
		Subnets: []string{"subnet-0a1b2c3d"}, SecurityGroups: []string{"sg-0a1b2c3d"}, AssignPublicIp: assign,
	}}
}
