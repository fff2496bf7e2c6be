package register

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

func fakeECS(t *testing.T) (*awsfake.Server, *ecs.Client) {
	t.Helper()
	srv := awsfake.New()
	return srv, ecs.NewFromConfig(awstest.Start(t, srv))
}

func input(t *testing.T, doc string) *ecs.RegisterTaskDefinitionInput {
	t.Helper()
	d, err := pipeline.Read(strings.NewReader(doc), "test")
	if err != nil {
		t.Fatal(err)
	}
	in, err := taskDefinitionInput(d)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

const web = `{"project":"shop","taskDefinition":{"family":"shop","containerDefinitions":[
 {"name":"web","image":"nginx","memory":512,"essential":true,"portMappings":[{"containerPort":80,"hostPort":80,"protocol":"tcp"}]}]}}`

// The newest ACTIVE revision is reused when registering would give the same
// thing; a change registers a new one; --force always registers.
func TestRegisterReusesIdenticalRevision(t *testing.T) {
	srv, api := fakeECS(t)
	ctx := context.Background()
	steps := []struct {
		name       string
		doc        string
		opts       Options
		wantArn    string
		reused     bool
		registered int // RegisterTaskDefinition calls so far
	}{
		{"first", web, Options{}, "task-definition/shop:1", false, 1},
		{"identical", web, Options{}, "task-definition/shop:1", true, 1},
		{"defaults ECS fills in", strings.ReplaceAll(strings.ReplaceAll(web, `"essential":true,`, ""), `,"protocol":"tcp"`, ""), Options{}, "task-definition/shop:1", true, 1},
		{"changed image", strings.Replace(web, `"nginx"`, `"nginx:1.27"`, 1), Options{}, "task-definition/shop:2", false, 2},
		{"tags count", strings.Replace(web, `"family":"shop",`, `"family":"shop","tags":[{"key":"team","value":"a"}],`, 1), Options{}, "task-definition/shop:3", false, 3},
		{"same tags again", strings.Replace(web, `"family":"shop",`, `"family":"shop","tags":[{"key":"team","value":"a"}],`, 1), Options{}, "task-definition/shop:3", true, 3},
		{"force", strings.Replace(web, `"family":"shop",`, `"family":"shop","tags":[{"key":"team","value":"a"}],`, 1), Options{Force: true}, "task-definition/shop:4", false, 4},
		{"dry run of a change", strings.Replace(web, `"nginx"`, `"httpd"`, 1), Options{DryRun: true}, "", false, 4},
	}
	for _, s := range steps {
		out, err := Register(ctx, api, input(t, s.doc), s.opts)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !strings.HasSuffix(out.Arn, s.wantArn) || out.Reused != s.reused {
			t.Errorf("%s: got %+v, want arn …%s reused=%v", s.name, out, s.wantArn, s.reused)
		}
		if n := srv.Calls("ecs", "RegisterTaskDefinition"); n != s.registered {
			t.Errorf("%s: %d RegisterTaskDefinition calls, want %d", s.name, n, s.registered)
		}
	}
}

// An INACTIVE newest revision is never reused.
func TestRegisterSkipsInactive(t *testing.T) {
	_, api := fakeECS(t)
	ctx := context.Background()
	first, err := Register(ctx, api, input(t, web), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.DeregisterTaskDefinition(ctx, &ecs.DeregisterTaskDefinitionInput{TaskDefinition: &first.Arn}); err != nil {
		t.Fatal(err)
	}
	again, err := Register(ctx, api, input(t, web), Options{})
	if err != nil || again.Reused || again.Arn == first.Arn {
		t.Fatalf("got %+v, %v; want a new revision", again, err)
	}
}

// ECS's own refusals are operation failures (exit 1) with its message.
func TestRegisterRefused(t *testing.T) {
	_, api := fakeECS(t)
	bad := `{"family":"x","containerDefinitions":[{"name":"a","image":"i","memory":64},{"name":"a","image":"i","memory":64}]}`
	_, err := Register(context.Background(), api, input(t, bad), Options{})
	var ce *types.ClientException
	if err == nil || !asClientException(err, &ce) || exitcode.Of(err) != exitcode.Failed {
		t.Fatalf("got %v", err)
	}
}

// Bad documents are exit 2 with the path of what is wrong.
func TestTaskDefinitionInputErrors(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"project":"p"}`, `the document has no "taskDefinition"`},
		{`{"taskDefinition":{"family":"f","containerDefinitions":[{"name":"a","imagee":"x"}]}}`, "taskDefinition.containerDefinitions[0].imagee: unknown field"},
		{`{"taskDefinition":{"containerDefinitions":[{"name":"a","image":"x"}]}}`, "taskDefinition.family: required"},
		{`{"taskDefinition":{"family":"f","containerDefinitions":[]}}`, "at least one container"},
		{`{"taskDefinition":{"family":"f","cpu":256,"containerDefinitions":[{"name":"a"}]}}`, "taskDefinition.cpu"},
	} {
		d, err := pipeline.Read(strings.NewReader(tc.doc), "t")
		if err != nil {
			t.Fatal(err)
		}
		_, err = taskDefinitionInput(d)
		if err == nil || !strings.Contains(err.Error(), tc.want) || exitcode.Of(err) != exitcode.Usage {
			t.Errorf("%s: got %v, want %q (exit 2)", tc.doc, err, tc.want)
		}
	}
}

// A describe output (what aws ecs describe-task-definition prints) registers
// as it is: its read-only keys are dropped, its tags kept.
func TestDescribeOutputIsAccepted(t *testing.T) {
	doc := `{"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:us-east-1:1:task-definition/d:7","revision":7,"status":"ACTIVE",
	 "registeredAt":"2024-01-01T00:00:00Z","compatibilities":["EC2"],"requiresAttributes":[],"family":"d",
	 "containerDefinitions":[{"name":"a","image":"i","memory":64}]},"tags":[{"key":"k","value":"v"}]}`
	in := input(t, doc)
	if aws.ToString(in.Family) != "d" || len(in.Tags) != 1 {
		t.Fatalf("got %+v", in)
	}
}

func asClientException(err error, target **types.ClientException) bool {
	return errors.As(err, target)
}
