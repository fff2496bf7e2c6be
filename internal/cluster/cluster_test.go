package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
)

// The template parses, and every Ref, GetAtt, Condition and Fn::If names
// something the template declares.
func TestTemplateReferences(t *testing.T) {
	var tmpl map[string]any
	if err := json.Unmarshal([]byte(clusterTemplate), &tmpl); err != nil {
		t.Fatal(err)
	}
	params, _ := tmpl["Parameters"].(map[string]any)
	res, _ := tmpl["Resources"].(map[string]any)
	conds, _ := tmpl["Conditions"].(map[string]any)
	for _, p := range []string{"EcsAmiId", "EcsInstanceType", "SpotPrice", "KeyName", "VpcId", "SubnetIds", "AsgMaxSize", "SecurityGroupIds", "SourceCidr", "EcsPort", "VpcAvailabilityZones", "AssociatePublicIpAddress", "EcsCluster", "InstanceRole", "IsFargate", "IsIMDSv2", "UserData"} {
		if params[p] == nil {
			t.Errorf("parameter %s missing", p)
		}
	}
	for _, r := range []string{"Vpc", "PubSubnetAz1", "PubSubnetAz2", "InternetGateway", "RouteViaIgw", "EcsSecurityGroup", "EcsInstanceRole", "EcsInstanceProfile", "EcsInstanceLaunchTemplate", "EcsInstanceAsg"} {
		if res[r] == nil {
			t.Errorf("resource %s missing", r)
		}
	}
	if strings.Contains(clusterTemplate, "LaunchConfiguration") {
		t.Error("the template uses a launch configuration")
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, a := range x {
				switch k {
				case "Ref":
					n, _ := a.(string)
					if params[n] == nil && res[n] == nil && !strings.HasPrefix(n, "AWS::") {
						t.Errorf("%s: Ref %q names nothing", path, n)
					}
				case "Fn::GetAtt":
					l, _ := a.([]any)
					if len(l) != 2 || res[l[0].(string)] == nil {
						t.Errorf("%s: GetAtt %v names no resource", path, a)
					}
				case "Condition":
					if n, ok := a.(string); ok && conds[n] == nil {
						t.Errorf("%s: condition %q undefined", path, n)
					}
				case "Fn::If":
					l, _ := a.([]any)
					if len(l) != 3 || conds[l[0].(string)] == nil {
						t.Errorf("%s: Fn::If %v names no condition", path, a)
					}
				case "DependsOn":
					if n, ok := a.(string); ok && res[n] == nil {
						t.Errorf("%s: DependsOn %q names no resource", path, n)
					}
				}
				walk(path+"/"+k, a)
			}
		case []any:
			for _, a := range x {
				walk(path, a)
			}
		}
	}
	walk("", tmpl)
	body, err := templateBody("amazon-ecs-cli-setup-x", []tag{{"team", "a"}})
	if err != nil || !strings.Contains(body, `"ECS Instance - amazon-ecs-cli-setup-x"`) || !strings.Contains(body, `"PropagateAtLaunch":true`) {
		t.Errorf("templateBody: %v\n%s", err, body)
	}
}

// The user data archive: each extra file a part (an existing archive's
// parts copied with their headers), the cluster script last.
func TestUserDataParts(t *testing.T) {
	archive := "Content-Type: multipart/mixed; boundary=\"XYZ\"\nMIME-Version: 1.0\n\n--XYZ\nContent-Type: text/cloud-config; charset=\"us-ascii\"\nX-Custom: kept\n\n#cloud-config\npackages: [jq]\n--XYZ\nContent-Type: text/x-shellscript\n\n#!/bin/sh\necho two\n--XYZ--\n"
	ud, err := buildUserData("demo", []userDataFile{
		{"a.sh", []byte("#!/bin/bash\necho hi\n")},
		{"b.yml", []byte("#cloud-config\nruncmd: [ls]\n")},
		{"c.mime", []byte(archive)},
	}, map[string]string{"k": "v"}, "BOUNDARY")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ud, "\r") {
		t.Error("CR left in the archive")
	}
	msg, err := mail.ReadMessage(strings.NewReader(ud))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if mt != "multipart/mixed" || params["boundary"] != "BOUNDARY" {
		t.Fatalf("content type %q %v", mt, params)
	}
	r := multipart.NewReader(msg.Body, "BOUNDARY")
	want := []struct{ ct, body, header string }{
		{"text/x-shellscript", "#!/bin/bash\necho hi\n", ""},
		{"text/cloud-config", "#cloud-config\nruncmd: [ls]\n", ""},
		{"text/cloud-config", "#cloud-config\npackages: [jq]", "kept"},
		{"text/x-shellscript", "#!/bin/sh\necho two", ""},
		{"text/x-shellscript", "#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config\necho '{\"k\":\"v\"}' >> /etc/ecs/ecs.config\n", ""},
	}
	for i, w := range want {
		p, err := r.NextRawPart()
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		b, _ := io.ReadAll(p)
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if ct != w.ct || string(b) != w.body || (w.header != "" && p.Header.Get("X-Custom") != w.header) {
			t.Errorf("part %d: %q %q %v, want %q %q", i, ct, b, p.Header, w.ct, w.body)
		}
	}
	if _, err := r.NextRawPart(); err != io.EOF {
		t.Errorf("more parts than expected: %v", err)
	}
}

func TestAMIParameter(t *testing.T) {
	arm := []ec2types.ArchitectureType{ec2types.ArchitectureTypeArm64}
	x86 := []ec2types.ArchitectureType{ec2types.ArchitectureTypeI386, ec2types.ArchitectureTypeX8664}
	for _, c := range []struct {
		archs []ec2types.ArchitectureType
		gpu   bool
		want  string
	}{{arm, false, amiParamARM}, {arm, true, amiParamARM}, {x86, false, amiParamX86}, {x86, true, amiParamGPU}} {
		if got := amiParameter(c.archs, c.gpu); got != c.want {
			t.Errorf("%v gpu=%v: %s, want %s", c.archs, c.gpu, got, c.want)
		}
	}
}

type fakeEnv struct {
	srv   *awsfake.Server
	clock *awsfake.FakeClock
	vars  map[string]string
	stdin string // answered to a prompt, as on a terminal, when set
}

func newFake(t *testing.T) *fakeEnv {
	clock := awsfake.NewFakeClock(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	srv := awsfake.New(awsfake.WithClock(clock))
	url, stop := srv.Start()
	t.Cleanup(stop)
	srv.PutParameter(amiParamX86, "ami-x86")
	srv.PutParameter(amiParamARM, "ami-arm64")
	srv.PutParameter(amiParamGPU, "ami-gpu")
	return &fakeEnv{srv: srv, clock: clock, vars: map[string]string{
		"HOME": t.TempDir(), "AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "AKIDFAKE", "AWS_SECRET_ACCESS_KEY": "secret",
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
	}}
}

func (e *fakeEnv) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{args[0], "--endpoint=" + e.vars["AWS_ENDPOINT_URL"]}, args[1:]...)
	code := RunEnv(context.Background(), args, Env{
		Getenv:   func(k string) string { return e.vars[k] },
		Stdin:    strings.NewReader(e.stdin),
		Sleep:    func(context.Context, time.Duration) error { e.clock.Advance(500 * time.Millisecond); return nil },
		Terminal: e.stdin != "",
	}, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUpScaleDown(t *testing.T) {
	e := newFake(t)
	code, out, errs := e.run(t, "up", "--cluster", "c1", "--capability-iam", "--keypair", "kp", "--size", "2", "--instance-type", "m7g.large")
	if code != 0 {
		t.Fatalf("up: %d\n%s\n%s", code, out, errs)
	}
	t.Logf("up:\n%s%s", out, errs)
	for _, w := range []string{"VPC created: vpc-", "Security Group created: sg-", "Subnet created: subnet-", "Cluster creation succeeded."} {
		if !strings.Contains(out, w) {
			t.Errorf("up stdout lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{"Using Arm ecs-optimized AMI", "AMI ami-arm64", "EcsInstanceAsg AWS::AutoScaling::AutoScalingGroup CREATE_COMPLETE", "amazon-ecs-cli-setup-c1 AWS::CloudFormation::Stack CREATE_COMPLETE"} {
		if !strings.Contains(errs, w) {
			t.Errorf("up stderr lacks %q:\n%s", w, errs)
		}
	}
	if code, _, errs := e.run(t, "up", "--cluster", "c1", "--capability-iam"); code != 2 || !strings.Contains(errs, "Please specify '--force'") {
		t.Errorf("second up: %d %s", code, errs)
	}
	if code, out, errs := e.run(t, "scale", "--cluster", "c1", "--capability-iam", "--size", "3"); code != 0 || !strings.Contains(errs, "UPDATE_COMPLETE") {
		t.Errorf("scale: %d %s %s", code, out, errs)
	}
	if code, _, errs := e.run(t, "down", "--cluster", "c1"); code != 2 || !strings.Contains(errs, "--force") {
		t.Errorf("down without --force: %d %s", code, errs)
	}
	e.stdin = "n\n"
	if code, _, errs := e.run(t, "down", "--cluster", "c1"); code != 2 || !strings.Contains(errs, "Are you sure you want to delete your cluster? [y/N]") || !strings.Contains(errs, "Aborted cluster deletion.") {
		t.Errorf("down, answered no: %d %s", code, errs)
	}
	e.stdin = "yes\n"
	if code, _, errs := e.run(t, "down", "--cluster", "c1"); code != 0 || !strings.Contains(errs, "DELETE_COMPLETE") || !strings.Contains(errs, "Deleted cluster c1") {
		t.Errorf("down, answered yes: %d %s", code, errs)
	}
	e.stdin = ""
	if code, _, errs := e.run(t, "down", "--cluster", "c1", "--force"); code != 1 || !strings.Contains(errs, "is not active") {
		t.Errorf("down again: %d %s", code, errs)
	}
	if code, _, errs := e.run(t, "ps", "--cluster", "c1"); code != 1 || !strings.Contains(errs, "is not active") {
		t.Errorf("ps after down: %d %s", code, errs)
	}
}

func TestUpFailsWithReasons(t *testing.T) {
	e := newFake(t)
	code, out, errs := e.run(t, "up", "--cluster", "c2", "--capability-iam", "--vpc", "vpc-1", "--subnets", "subnet-a,subnet-b")
	t.Logf("failed up:\n%s", errs)
	if code != 1 || !strings.Contains(errs, "ROLLBACK_COMPLETE") || !strings.Contains(errs, "Parameter 'VpcId' must match pattern") {
		t.Errorf("up: %d\n%s\n%s", code, out, errs)
	}
}

func TestUpFargateAndEmpty(t *testing.T) {
	e := newFake(t)
	code, out, errs := e.run(t, "up", "--cluster", "f", "--launch-type", "FARGATE")
	if code != 0 || !strings.Contains(out, "VPC created") || strings.Contains(out, "Security Group") || strings.Contains(errs, "AutoScaling") {
		t.Errorf("fargate: %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = e.run(t, "up", "--cluster", "em", "--empty", "--size", "3")
	if code != 0 || out != "Cluster creation succeeded.\n" || !strings.Contains(errs, "Value for flag 'size' will be ignored") {
		t.Errorf("empty: %d\n%s\n%s", code, out, errs)
	}
	if e.srv.Calls("cloudformation", "CreateStack") != 1 {
		t.Errorf("CreateStack calls: %d", e.srv.Calls("cloudformation", "CreateStack"))
	}
}

func (e *fakeEnv) ecsClient() *ecs.Client {
	return ecs.NewFromConfig(awstest.Config(e.vars["AWS_ENDPOINT_URL"]))
}

// The seed README's example: a task definition logging to fluentd, an
// instance without that logging driver.
func TestCheckAttributesMissingFluentd(t *testing.T) {
	e := newFake(t)
	ctx := context.Background()
	e.srv.CreateCluster("demo")
	e.srv.AddContainerInstance("demo", "i-0123456789abcdef0", "54.0.0.1", "10.0.0.1")
	api := e.ecsClient()
	_, err := api.RegisterTaskDefinition(ctx, &ecs.RegisterTaskDefinitionInput{Family: aws.String("web"), ContainerDefinitions: []ecstypes.ContainerDefinition{{
		Name: aws.String("web"), Image: aws.String("nginx"), Memory: aws.Int32(128),
		LogConfiguration: &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriverFluentd},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	cis, err := api.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("demo")})
	if err != nil || len(cis.ContainerInstanceArns) != 1 {
		t.Fatal(err, cis)
	}
	id := instanceID(cis.ContainerInstanceArns[0])
	code, out, errs := e.run(t, "check-attributes", "--cluster", "demo", "--task-def", "web", "--container-instances", id)
	want := "Container Instance                Missing Attributes\n" + id + "  com.amazonaws.ecs.capability.logging-driver.fluentd\n"
	if code != 0 || out != want {
		t.Errorf("check-attributes: %d\n%q\nwant\n%q\n%s", code, out, want, errs)
	}
	if code, _, errs := e.run(t, "check-attributes", "--cluster", "demo", "--task-def", "web"); code != 2 || !strings.Contains(errs, "--container-instances") {
		t.Errorf("without instances: %d %s", code, errs)
	}
}

// Secrets Manager secrets and Parameter Store parameters need different
// capabilities, and every EFS volume needs the EFS one (efsAuth only with an
// authorization configuration).
func TestRequiredAttributesSecretsAndEFS(t *testing.T) {
	td := &ecstypes.TaskDefinition{
		ContainerDefinitions: []ecstypes.ContainerDefinition{{Name: aws.String("web"), Secrets: []ecstypes.Secret{
			{Name: aws.String("A"), ValueFrom: aws.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf")},
		}}},
		Volumes: []ecstypes.Volume{{Name: aws.String("data"), EfsVolumeConfiguration: &ecstypes.EFSVolumeConfiguration{FileSystemId: aws.String("fs-1")}}},
	}
	got := strings.Join(requiredAttributes(td), " ")
	if want := "ecs.capability.efs ecs.capability.secrets.asm.environment-variables"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	td.ContainerDefinitions[0].Secrets[0].ValueFrom = aws.String("/app/db-password")
	td.Volumes[0].EfsVolumeConfiguration.AuthorizationConfig = &ecstypes.EFSAuthorizationConfig{AccessPointId: aws.String("fsap-1")}
	got = strings.Join(requiredAttributes(td), " ")
	if want := "ecs.capability.efs ecs.capability.efsAuth ecs.capability.secrets.ssm.environment-variables"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// Numbers for the stack's parameters are read into their range before any
// AWS call; the original sent them as typed, so the stack failed half-way
// (or, for a negative size, made a group CloudFormation refused).
func TestNumericFlagsOutOfRange(t *testing.T) {
	e := newFake(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"up", "--cluster", "n", "--capability-iam", "--size", "-1"}, "--size: -1 is outside the accepted range (0 to 5000 instances)"},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--size", "4294967296"}, "--size: 4294967296 is outside the accepted range (0 to 5000 instances)"},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--size", "two"}, `--size: "two" is not a number of instances`},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--port", "70000"}, "--port: 70000 is outside the accepted range (1 to 65535)"},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--port", "http"}, `--port: "http" is not a whole number`},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--spot-price", "cheap"}, `--spot-price: "cheap" is not a price in dollars per hour such as 0.05`},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--spot-price", "-0.5"}, "--spot-price: -0.5 is negative"},
		{[]string{"up", "--cluster", "n", "--capability-iam", "--spot-price", "Inf"}, `--spot-price: "Inf" is not a price`},
		{[]string{"scale", "--cluster", "n", "--capability-iam", "--size", "5001"}, "--size: 5001 is outside the accepted range (0 to 5000 instances)"},
		{[]string{"scale", "--cluster", "n", "--capability-iam", "--size", "99999999999999999999"}, "--size: 99999999999999999999 is outside"},
	} {
		code, _, errs := e.run(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d\n%s\nwant %q", tc.args, code, errs, tc.want)
		}
	}
	e.vars["ECS_CLUSTER_POLL_INTERVAL"] = "-1s"
	if code, _, errs := e.run(t, "down", "--cluster", "n", "--force"); code != 2 || !strings.Contains(errs, `ECS_CLUSTER_POLL_INTERVAL: "-1s" is not a positive duration such as 5s or 500ms`) {
		t.Errorf("poll interval: exit %d\n%s", code, errs)
	}
	// Commands that follow no stack do not read it (found in review: ps
	// refused a value it never used).
	if code, _, errs := e.run(t, "ps", "--cluster", "n"); code == 2 {
		t.Errorf("ps with a bad poll interval: exit 2\n%s", errs)
	}
	for _, op := range []string{"CreateStack", "UpdateStack", "DeleteStack", "DescribeStacks"} {
		if n := e.srv.Calls("cloudformation", op); n != 0 {
			t.Errorf("%s called %d times", op, n)
		}
	}
}

// The edges of each range are accepted.
func TestNumericFlagsInRange(t *testing.T) {
	e := newFake(t)
	code, out, errs := e.run(t, "up", "--cluster", "edge", "--capability-iam", "--size", "+03", "--port", "65535", "--spot-price", "0.0")
	if code != 0 {
		t.Fatalf("up: %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := e.run(t, "scale", "--cluster", "edge", "--capability-iam", "--size", "0"); code != 0 || !strings.Contains(out, "scaled to 0 instances") {
		t.Errorf("scale 0: %d\n%s\n%s", code, out, errs)
	}
}
