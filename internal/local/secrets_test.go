package local

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// Secrets come from Parameter Store by name or ARN, and from Secrets
// Manager by ARN, whole or one JSON key of it, as ECS reads them.
func TestSecretValue(t *testing.T) {
	srv := awsfake.New()
	url, stop := srv.Start()
	defer stop()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "secretfake", ""), BaseEndpoint: aws.String(url)}
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
