package local

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
)

// Secrets come from Parameter Store by name or ARN, and from Secrets
// Manager by ARN, whole or one JSON key of it, as ECS reads them.
func TestSecretValue(t *testing.T) {
	srv := awsfake.New()
	url, stop := srv.Start()
	defer stop()
	cfg := awstest.Config(url)
	sm, ps := secretsmanager.NewFromConfig(cfg), ssm.NewFromConfig(cfg)
	srv.PutParameter("/db/pass", "p1")
	arn := srv.PutSecret("api", `{"token":"t1","n":2}`)
	ctx := context.Background()
	for from, want := range map[string]string{
		"/db/pass":       "p1",
		arn:              `{"token":"t1","n":2}`,
		arn + ":token::": "t1",
		arn + ":n::":     "2",
	} {
		got, err := secretValue(ctx, sm, ps, from)
		if err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %q", from, got, err, want)
		}
	}
	if _, err := secretValue(ctx, sm, ps, arn+":nope::"); err == nil || !strings.Contains(err.Error(), `json key "nope"`) {
		t.Errorf("missing key: %v", err)
	}
	if _, err := secretValue(ctx, sm, ps, "/missing"); err == nil {
		t.Errorf("a missing parameter was read")
	}
}

// A secret whose valueFrom is an ARN of another service (or an ARN that
// does not parse) is bad input: up refuses it, naming the container and
// the secret, before it asks AWS or Docker anything.
func TestUpRefusesSecretOfOtherService(t *testing.T) {
	srv := awsfake.New()
	url, stop := srv.Start()
	defer stop()
	vars := map[string]string{"AWS_REGION": "us-east-1",
		"AWS_ACCESS_KEY_ID": "AKIDFAKE", "AWS_SECRET_ACCESS_KEY": "secretfake", "HOME": t.TempDir()}
	never := dockerFunc(func(args []string) (string, error) {
		t.Errorf("docker %q called", args)
		return "", nil
	})
	for from, want := range map[string]string{
		"arn:aws:s3:::bucket/db-pass": "unexpected service s3 for secret arn:aws:s3:::bucket/db-pass",
		"arn:aws:ssm":                 "could not determine the service of arn:aws:ssm",
		"arn:aws:secretsmanager:us-east-1:123456789012:api": "is not a Secrets Manager secret ARN",
	} {
		dir := t.TempDir()
		compose := "services:\n  app:\n    image: nginx\n    labels:\n      ecs-local.secret.DB_PASS: " + from + "\n"
		if err := os.WriteFile(filepath.Join(dir, "mine.yml"), []byte(compose), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		var stdout, stderr bytes.Buffer
		env := Env{Getenv: func(k string) string { return vars[k] }, Docker: never, Stdin: strings.NewReader("")}
		code := RunEnv(context.Background(), []string{"up", "--endpoint", url, "-c", "mine.yml"}, env, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "secret DB_PASS of container app: ") || !strings.Contains(stderr.String(), want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", from, code, stderr.String(), want)
		}
		if n := srv.Calls("ssm", "GetParameter") + srv.Calls("secretsmanager", "GetSecretValue"); n != 0 {
			t.Errorf("%s: %d AWS calls", from, n)
		}
	}
}

// Labels in a user's own compose file take ${VAR} from the process
// environment the step is given, as the original's loader did.
func TestSecretRefsInterpolateEnvironment(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "mine.yml")
	compose := "services:\n  app:\n    image: nginx\n    environment:\n      DB_PASS: ${app_DB_PASS}\n    labels:\n" +
		"      ecs-local.secret.DB_PASS: arn:aws:ssm:${REGION}:123456789012:parameter/${STAGE}/db\n" +
		"      ecs-local.secret.OTHER: ${OTHER_PARAM:-/fallback}\n"
	if err := os.WriteFile(f, []byte(compose), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"REGION": "eu-west-1", "STAGE": "prod"}
	refs, err := secretRefs(context.Background(), []string{f}, func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	want := []secretRef{
		{service: "app", name: "DB_PASS", valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db"},
		{service: "app", name: "OTHER", valueFrom: "/fallback"},
	}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("refs = %+v, want %+v", refs, want)
	}
}
