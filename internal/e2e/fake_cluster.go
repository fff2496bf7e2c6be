package e2e

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// fakeCluster steers the fake for the ecs-cluster stories:
//
//	fake amis                            store the ECS-optimized AMI parameters (ami-x86, ami-arm64, ami-gpu)
//	fake stack NAME STATUS               assert a stack's status ("none": no stack)
//	fake stack-param NAME KEY VALUE      assert a stack parameter's value
//	fake instance-id CLUSTER             set $CI_ID to the cluster's first container instance id
func fakeCluster(ts *testscript.TestScript, srv *awsfake.Server, args []string) {
	switch args[0] {
	case "amis":
		srv.PutParameter("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", "ami-x86")
		srv.PutParameter("/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id", "ami-arm64")
		srv.PutParameter("/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id", "ami-gpu")
	case "stack":
		if len(args) != 3 {
			ts.Fatalf("usage: fake stack NAME STATUS")
		}
		got := srv.StackStatus(args[1])
		if got == "" {
			got = "none"
		}
		if got != args[2] {
			ts.Fatalf("stack %s: %s, want %s", args[1], got, args[2])
		}
	case "stack-param":
		if len(args) != 4 {
			ts.Fatalf("usage: fake stack-param NAME KEY VALUE")
		}
		if got := srv.StackParameter(args[1], args[2]); got != args[3] {
			ts.Fatalf("stack %s parameter %s: %q, want %q", args[1], args[2], got, args[3])
		}
	case "instance-id":
		if len(args) != 2 {
			ts.Fatalf("usage: fake instance-id CLUSTER")
		}
		api := ecs.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLEFAKE", "fake", ""), BaseEndpoint: aws.String(ts.Getenv("AWS_ENDPOINT_URL"))})
		out, err := api.ListContainerInstances(context.Background(), &ecs.ListContainerInstancesInput{Cluster: aws.String(args[1])})
		ts.Check(err)
		if len(out.ContainerInstanceArns) == 0 {
			ts.Fatalf("no container instances in %s", args[1])
		}
		arn := out.ContainerInstanceArns[0]
		ts.Setenv("CI_ID", arn[strings.LastIndex(arn, "/")+1:])
	default:
		ts.Fatalf("fake %s: unknown", args[0])
	}
}
