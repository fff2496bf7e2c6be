package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
)

// fakeCluster steers the fake for the ecs-cluster stories:
//
//	fake amis                            store the ECS-optimized AMI parameters (ami-x86, ami-arm64, ami-gpu)
//	fake stack NAME STATUS               assert a stack's status ("none": no stack)
//	fake stack-param NAME KEY VALUE      assert a stack parameter's value
//	fake instance-id CLUSTER             set $CI_ID to the cluster's first container instance id
//	fake instance-count CLUSTER N        assert the cluster has N container instances
//	fake user-data STACK                 print the stack's launch template user data, part by part
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
		arns := containerInstanceARNs(ts, args[1])
		if len(arns) == 0 {
			ts.Fatalf("no container instances in %s", args[1])
		}
		arn := arns[0]
		ts.Setenv("CI_ID", arn[strings.LastIndex(arn, "/")+1:])
	case "instance-count":
		if len(args) != 3 {
			ts.Fatalf("usage: fake instance-count CLUSTER N")
		}
		if got := strconv.Itoa(len(containerInstanceARNs(ts, args[1]))); got != args[2] {
			ts.Fatalf("%s: %s container instances, want %s", args[1], got, args[2])
		}
	case "user-data":
		if len(args) != 2 {
			ts.Fatalf("usage: fake user-data STACK")
		}
		lt := srv.StackResource(args[1], "EcsInstanceLaunchTemplate")
		if lt == nil {
			ts.Fatalf("stack %s has no launch template", args[1])
		}
		ts.Check(printUserDataParts(ts.Stdout(), lt["UserData"]))
	default:
		ts.Fatalf("fake %s: unknown", args[0])
	}
}

// printUserDataParts prints a MIME multi-part archive's top header's media
// type, then each part: "--- part N", its headers sorted, a blank line and
// its body (ended by a newline).
func printUserDataParts(w io.Writer, ud string) error {
	tp := textproto.NewReader(bufio.NewReader(strings.NewReader(ud)))
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		return fmt.Errorf("user data header: %w", err)
	}
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s\n", mt)
	r := multipart.NewReader(tp.R, params["boundary"])
	for i := 1; ; i++ {
		p, err := r.NextRawPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		body, err := io.ReadAll(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "--- part %d\n", i)
		var keys []string
		for k := range p.Header {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "%s: %s\n", k, strings.Join(p.Header[k], ", "))
		}
		if len(body) > 0 && body[len(body)-1] != '\n' {
			body = append(body, '\n')
		}
		fmt.Fprintf(w, "\n%s", body)
	}
}

// containerInstanceARNs lists the cluster's container instances through
// ECS on the script's fake, wherever the script has pointed AWS_ENDPOINT_URL
// since.
func containerInstanceARNs(ts *testscript.TestScript, cluster string) []string {
	url, _ := ts.Value(fakeURLKey{}).(string)
	out, err := ecs.NewFromConfig(awstest.Config(url)).ListContainerInstances(context.Background(), &ecs.ListContainerInstancesInput{Cluster: aws.String(cluster)})
	ts.Check(err)
	return out.ContainerInstanceArns
}
