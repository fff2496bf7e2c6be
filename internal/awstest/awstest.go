// Package awstest points the real SDK clients at an awsfake.Server in
// tests: one place for the endpoint, region and dummy keys every step's
// tests use.
package awstest

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// Start serves srv until the test ends and returns an SDK config for it.
func Start(tb testing.TB, srv *awsfake.Server) aws.Config {
	tb.Helper()
	url, stop := srv.Start()
	tb.Cleanup(stop)
	return Config(url)
}

// Config is an SDK config for the fake at url: us-east-1, static dummy
// keys, the SDK's default retryer.
func Config(url string) aws.Config {
	return aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "secretfake", ""), BaseEndpoint: aws.String(url)}
}

// SetEnv points this process's environment at the fake at url, for code
// that resolves its own configuration (a step's Run): dummy keys,
// us-east-1, an empty HOME, and nothing from the developer's shell
// (profiles, ECS settings, shared config files). t.Setenv restores it.
func SetEnv(t *testing.T, url string) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	for k, v := range map[string]string{"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "AKIDFAKE", "AWS_SECRET_ACCESS_KEY": "secretfake", "AWS_REGION": "us-east-1",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "", "ECS_PROFILE": "", "ECS_CLUSTER": "", "AWS_CONFIG_FILE": "", "AWS_SHARED_CREDENTIALS_FILE": "",
		"AWS_SESSION_TOKEN": "", "AWS_DEFAULT_REGION": ""} {
		t.Setenv(k, v)
	}
}
