package awsconf

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// The AWS SDK's loader reads the process environment and ~/.aws, so these
// tests set both with t.Setenv and cannot run in parallel.

// awsVars are the variables that could leak the developer's AWS setup into
// a test.
var awsVars = []string{
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
	"AWS_REGION", "AWS_DEFAULT_REGION", "ECS_PROFILE", "ECS_CLUSTER", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECS",
	"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	"AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
	"AWS_ROLE_ARN", "AWS_RETRY_MODE", "AWS_MAX_ATTEMPTS", "AWS_CA_BUNDLE", "AWS_SDK_LOAD_CONFIG", "USERPROFILE",
}

// sealed gives the test a home of its own, points the SDK's files into it,
// turns off instance metadata and sets vars; it returns the home.
func sealed(t *testing.T, vars map[string]string) string {
	t.Helper()
	home := t.TempDir()
	for _, k := range awsVars {
		t.Setenv(k, "")
		os.Unsetenv(k) // unset, not empty: the SDK tells them apart for endpoints
	}
	t.Setenv("HOME", home)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for k, v := range vars {
		t.Setenv(k, v)
	}
	return home
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// The setup of the spec's observed matrix (§2.4 D).
const (
	matrixECSConfig = `version: v1
default: main
clusters:
  main:
    cluster: matrix
    region: eu-west-1
    default_launch_type: ""
`
	matrixECSCredentials = `version: v1
default: p1
ecs_profiles:
  p1:
    aws_access_key_id: AKIA1
    aws_secret_access_key: SECRET1
  p2:
    aws_access_key_id: AKIA2
    aws_secret_access_key: SECRET2
    aws_session_token: TOK2
`
	matrixAWSCredentials = `[default]
aws_access_key_id = AKDEFAULTSHARED
aws_secret_access_key = SECRETDEFAULTSHARED

[named]
aws_access_key_id = AKNAMED
aws_secret_access_key = SECRETNAMED
`
	matrixAWSConfig = `[default]
region = ap-south-1

[profile named]
region = sa-east-1
`
)

func writeAWS(t *testing.T, home string) {
	writeFile(t, filepath.Join(home, ".aws", "credentials"), matrixAWSCredentials)
	writeFile(t, filepath.Join(home, ".aws", "config"), matrixAWSConfig)
}

func writeECS(t *testing.T, home string) {
	writeFile(t, filepath.Join(home, ".ecs", "config"), matrixECSConfig)
	writeFile(t, filepath.Join(home, ".ecs", "credentials"), matrixECSCredentials)
}

// resolve runs Resolve as a step would: flags, then FromEnv, then the
// process environment.
func resolve(t *testing.T, f Flags) (*Settings, error) {
	t.Helper()
	f.FromEnv(os.Getenv)
	return Resolve(context.Background(), f, Env{Getenv: os.Getenv, Home: os.Getenv("HOME")})
}

// mustResolve is resolve for setups that must resolve.
func mustResolve(t *testing.T, f Flags) *Settings {
	t.Helper()
	s, err := resolve(t, f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// resolveMatrix resolves f in a sealed home holding the matrix's AWS files
// and, unless noECS, its ECS files.
func resolveMatrix(t *testing.T, env map[string]string, noECS bool, f Flags) *Settings {
	t.Helper()
	home := sealed(t, env)
	writeAWS(t, home)
	if !noECS {
		writeECS(t, home)
	}
	return mustResolve(t, f)
}

func retrieve(t *testing.T, s *Settings) aws.Credentials {
	t.Helper()
	c, err := s.Config.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatalf("retrieving credentials (%s): %v", s.CredentialSource, err)
	}
	return c
}

const (
	envKey    = "AKENV"
	envSecret = "SECRETENV"
)

var envKeys = map[string]string{"AWS_ACCESS_KEY_ID": envKey, "AWS_SECRET_ACCESS_KEY": envSecret}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// TestObservedMatrix is spec §2.4 D's table, row for row, plus rows for
// the flags the variables stand for.
func TestObservedMatrix(t *testing.T) {
	tests := []struct {
		name      string
		noECS     bool
		env       map[string]string
		flags     Flags
		key       string
		token     string
		region    string
		source    string
		wantNoKey bool
	}{
		{name: "nothing", key: "AKIA1", region: "eu-west-1", source: "ECS profile p1"},
		{name: "env keys", env: envKeys, key: envKey, region: "eu-west-1", source: "environment"},
		{name: "env keys + ECS_PROFILE=p2", env: with(envKeys, "ECS_PROFILE", "p2"), key: "AKIA2", token: "TOK2", region: "eu-west-1", source: "ECS profile p2"},
		{name: "env keys + AWS_PROFILE=named", env: with(envKeys, "AWS_PROFILE", "named"), key: "AKNAMED", region: "eu-west-1", source: "AWS profile named"},
		{name: "AWS_REGION=us-west-1", env: map[string]string{"AWS_REGION": "us-west-1"}, key: "AKIA1", region: "eu-west-1"},
		{name: "AWS_PROFILE=named + ECS_PROFILE=p2", env: map[string]string{"AWS_PROFILE": "named", "ECS_PROFILE": "p2"}, key: "AKNAMED", region: "eu-west-1"},
		{name: "no ~/.ecs: nothing", noECS: true, key: "AKDEFAULTSHARED", region: "ap-south-1", source: "SDK default chain"},
		{name: "no ~/.ecs: AWS_PROFILE=named", noECS: true, env: map[string]string{"AWS_PROFILE": "named"}, key: "AKNAMED", region: "sa-east-1"},
		{name: "no ~/.ecs: AWS_DEFAULT_PROFILE=named", noECS: true, env: map[string]string{"AWS_DEFAULT_PROFILE": "named"}, key: "AKNAMED", region: "sa-east-1"},
		{name: "no ~/.ecs: AWS_REGION + AWS_DEFAULT_REGION", noECS: true, env: map[string]string{"AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "eu-central-1"}, key: "AKDEFAULTSHARED", region: "us-east-2"},
		{name: "no ~/.ecs: ECS_PROFILE=p2 (no credentials file)", noECS: true, env: map[string]string{"ECS_PROFILE": "p2"}, key: "AKDEFAULTSHARED", region: "ap-south-1", source: "AWS profile default"},

		// The same through flags, and the cases the table implies.
		{name: "--ecs-profile p2 + env keys", env: envKeys, flags: Flags{ECSProfile: "p2"}, key: "AKIA2", token: "TOK2", region: "eu-west-1"},
		{name: "--aws-profile named + env keys", env: envKeys, flags: Flags{AWSProfile: "named"}, key: "AKNAMED", region: "eu-west-1"},
		{name: "--aws-profile flag beats AWS_PROFILE", env: map[string]string{"AWS_PROFILE": "default"}, flags: Flags{AWSProfile: "named"}, key: "AKNAMED", region: "eu-west-1"},
		{name: "no ~/.ecs: AWS_DEFAULT_REGION", noECS: true, env: map[string]string{"AWS_DEFAULT_REGION": "eu-central-1"}, key: "AKDEFAULTSHARED", region: "eu-central-1"},
		{name: "no ~/.ecs: env keys", noECS: true, env: envKeys, key: envKey, region: "ap-south-1", source: "environment"},
		{name: "no ~/.ecs: ECS_PROFILE + env keys ignores the env keys", noECS: true, env: with(envKeys, "ECS_PROFILE", "p2"), key: "AKDEFAULTSHARED", region: "ap-south-1"},
		{name: "only one env key is no env keys", env: map[string]string{"AWS_ACCESS_KEY_ID": envKey}, key: "AKIA1", region: "eu-west-1"},
		{name: "--region beats the config", flags: Flags{Region: "us-east-1"}, key: "AKIA1", region: "us-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := resolveMatrix(t, tt.env, tt.noECS, tt.flags)
			c := retrieve(t, s)
			if c.AccessKeyID != tt.key || c.SessionToken != tt.token {
				t.Errorf("key %q token %q (from %s), want %q %q", c.AccessKeyID, c.SessionToken, s.CredentialSource, tt.key, tt.token)
			}
			if s.Region != tt.region || s.Config.Region != tt.region {
				t.Errorf("region %q (config %q), want %q", s.Region, s.Config.Region, tt.region)
			}
			if tt.source != "" && s.CredentialSource != tt.source {
				t.Errorf("source %q, want %q", s.CredentialSource, tt.source)
			}
		})
	}
}

// When --ecs-profile names no usable keys and the default shared profile
// does not exist, the original went on to the instance role with the
// environment keys unset: here, a container credentials endpoint.
func TestProfileFlagSkipsEnvKeysToTheRole(t *testing.T) {
	role := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"AccessKeyId":"AKROLE","SecretAccessKey":"SECRETROLE","Token":"TOKROLE","Expiration":"2100-01-01T00:00:00Z"}`))
	}))
	defer role.Close()
	sealed(t, with(envKeys, "ECS_PROFILE", "p2", "AWS_REGION", "us-east-1", "AWS_CONTAINER_CREDENTIALS_FULL_URI", role.URL))
	s := mustResolve(t, Flags{})
	if c := retrieve(t, s); c.AccessKeyID != "AKROLE" {
		t.Errorf("key %q from %s, want the role's", c.AccessKeyID, s.CredentialSource)
	}

	// Without a container, the instance role; metadata is off here.
	sealed(t, with(envKeys, "ECS_PROFILE", "p2", "AWS_REGION", "us-east-1"))
	s = mustResolve(t, Flags{})
	if c, err := s.Config.Credentials.Retrieve(context.Background()); err == nil {
		t.Errorf("got key %q from %s, want no credentials", c.AccessKeyID, s.CredentialSource)
	}
}

func TestRegionOrder(t *testing.T) {
	tests := []struct {
		name   string
		noECS  bool
		env    map[string]string
		flags  Flags
		region string
	}{
		{name: "--region first", env: map[string]string{"AWS_REGION": "us-west-1"}, flags: Flags{Region: "us-east-1"}, region: "us-east-1"},
		{name: "cluster config beats AWS_REGION", env: map[string]string{"AWS_REGION": "us-west-1"}, region: "eu-west-1"},
		{name: "AWS_REGION beats AWS_DEFAULT_REGION", noECS: true, env: map[string]string{"AWS_REGION": "us-west-1", "AWS_DEFAULT_REGION": "us-west-2"}, region: "us-west-1"},
		{name: "AWS_DEFAULT_REGION beats the profile", noECS: true, env: map[string]string{"AWS_DEFAULT_REGION": "us-west-2"}, flags: Flags{AWSProfile: "named"}, region: "us-west-2"},
		{name: "--aws-profile's region", noECS: true, flags: Flags{AWSProfile: "named"}, region: "sa-east-1"},
		{name: "AWS_DEFAULT_PROFILE's region", noECS: true, env: map[string]string{"AWS_DEFAULT_PROFILE": "named"}, region: "sa-east-1"},
		{name: "default profile's region with ECS keys", noECS: true, env: envKeys, region: "ap-south-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := resolveMatrix(t, tt.env, tt.noECS, tt.flags)
			if s.Region != tt.region {
				t.Errorf("region %q, want %q", s.Region, tt.region)
			}
		})
	}
}

func TestNoRegion(t *testing.T) {
	sealed(t, envKeys)
	_, err := resolve(t, Flags{})
	want := "Set a region using ecs-cli configure command with the --region flag or AWS_REGION environment variable or --profile flag"
	if err == nil || err.Error() != want || exitcode.Of(err) != exitcode.Usage {
		t.Errorf("got %v (exit %d), want %q", err, exitcode.Of(err), want)
	}
	// Also when the named profile the region would come from is missing.
	sealed(t, nil)
	if _, err := resolve(t, Flags{AWSProfile: "absent"}); err == nil || err.Error() != want {
		t.Errorf("missing --aws-profile without a region: %v", err)
	}
}

func TestNoFilesAtAll(t *testing.T) {
	sealed(t, with(envKeys, "AWS_REGION", "us-east-1"))
	s := mustResolve(t, Flags{})
	want := Settings{Region: "us-east-1", CFNStackName: "amazon-ecs-cli-setup-", CredentialSource: "environment"}
	if got := values(s); got != values(&want) {
		t.Errorf("got %+v, want %+v", got, values(&want))
	}
}

// The tool names itself in the User-Agent, unless the user named an app.
func TestAppID(t *testing.T) {
	sealed(t, with(envKeys, "AWS_REGION", "us-east-1"))
	s := mustResolve(t, Flags{})
	if s.Config.AppID != "ecs-toolkit" {
		t.Errorf("AppID = %q, want ecs-toolkit", s.Config.AppID)
	}
	sealed(t, with(with(envKeys, "AWS_REGION", "us-east-1"), "AWS_SDK_UA_APP_ID", "mine"))
	if s, err := resolve(t, Flags{}); err != nil || s.Config.AppID != "mine" {
		t.Errorf("AppID = %q (%v), want mine", s.Config.AppID, err)
	}
}

// settingValues is Settings without the aws.Config, to compare.
type settingValues struct {
	Region, Cluster, LaunchType, CFNStackName, ComposeServiceNamePrefix, ComposeProjectNamePrefix, CredentialSource string
}

func values(s *Settings) settingValues {
	return settingValues{s.Region, s.Cluster, s.LaunchType, s.CFNStackName, s.ComposeServiceNamePrefix, s.ComposeProjectNamePrefix, s.CredentialSource}
}

func TestClusterAndDerivedNames(t *testing.T) {
	const config = `version: v1
default: one
clusters:
  one:
    cluster: c-one
    region: us-east-1
    default_launch_type: FARGATE
  two:
    cluster: c-two
    region: us-west-2
    compose-service-name-prefix: svc-
    cfn-stack-name: stack-two
    default_launch_type: ""
  bad:
    cluster: c-bad
    region: us-west-2
    default_launch_type: fargate
`
	const legacy = "[ecs]\ncluster = old\nregion = eu-west-1\naws_access_key_id = AKLEGACY\naws_secret_access_key = SECRETLEGACY\ncfn-stack-name-prefix = pre-\n"
	tests := []struct {
		name        string
		config      string
		credentials string
		env         map[string]string
		flags       Flags
		want        Settings
	}{
		{name: "default config", config: config,
			want: Settings{Region: "us-east-1", Cluster: "c-one", LaunchType: "FARGATE", CFNStackName: "amazon-ecs-cli-setup-c-one"}},
		{name: "--cluster-config", config: config, flags: Flags{ClusterConfig: "two"},
			want: Settings{Region: "us-west-2", Cluster: "c-two", CFNStackName: "stack-two", ComposeServiceNamePrefix: "svc-"}},
		{name: "ECS_CLUSTER beats the config", config: config, env: map[string]string{"ECS_CLUSTER": "c-env"},
			want: Settings{Region: "us-east-1", Cluster: "c-env", LaunchType: "FARGATE", CFNStackName: "amazon-ecs-cli-setup-c-env"}},
		{name: "--cluster beats ECS_CLUSTER", config: config, env: map[string]string{"ECS_CLUSTER": "c-env"}, flags: Flags{Cluster: "c-flag"},
			want: Settings{Region: "us-east-1", Cluster: "c-flag", LaunchType: "FARGATE", CFNStackName: "amazon-ecs-cli-setup-c-flag"}},
		{name: "--launch-type beats the config", config: config, flags: Flags{LaunchType: "EC2"},
			want: Settings{Region: "us-east-1", Cluster: "c-one", LaunchType: "EC2", CFNStackName: "amazon-ecs-cli-setup-c-one"}},
		{name: "--launch-type fixes a bad config", config: config, flags: Flags{ClusterConfig: "bad", LaunchType: "FARGATE"},
			want: Settings{Region: "us-west-2", Cluster: "c-bad", LaunchType: "FARGATE", CFNStackName: "amazon-ecs-cli-setup-c-bad"}},
		{name: "legacy INI", config: legacy,
			want: Settings{Region: "eu-west-1", Cluster: "old", CFNStackName: "pre-old", ComposeServiceNamePrefix: "ecscompose-service-", ComposeProjectNamePrefix: "ecscompose-", CredentialSource: "legacy ECS config keys"}},
		{name: "legacy INI beside a credentials file loses its stack prefix (quirk)", config: legacy, credentials: specCredentials,
			want: Settings{Region: "eu-west-1", Cluster: "old", CFNStackName: "amazon-ecs-cli-setup-old", ComposeServiceNamePrefix: "ecscompose-service-", ComposeProjectNamePrefix: "ecscompose-", CredentialSource: "ECS profile p1"}},
		{name: "legacy INI ignores --cluster-config", config: legacy, flags: Flags{ClusterConfig: "x"},
			want: Settings{Region: "eu-west-1", Cluster: "old", CFNStackName: "pre-old", ComposeServiceNamePrefix: "ecscompose-service-", ComposeProjectNamePrefix: "ecscompose-", CredentialSource: "legacy ECS config keys"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := sealed(t, tt.env)
			writeFile(t, filepath.Join(home, ".ecs", "config"), tt.config)
			if tt.credentials != "" {
				writeFile(t, filepath.Join(home, ".ecs", "credentials"), tt.credentials)
			}
			s := mustResolve(t, tt.flags)
			got := values(s)
			if tt.want.CredentialSource == "" {
				got.CredentialSource = ""
			}
			if got != values(&tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, values(&tt.want))
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name        string
		config      string
		credentials string
		flags       Flags
		want        string
	}{
		{name: "missing cluster config", config: matrixECSConfig, flags: Flags{ClusterConfig: "nope"},
			want: "Error loading config: Error parsing $HOME/.ecs/config: Cluster Configuration nope could not be found. Configure clusters using 'ecs-cli configure'."},
		{name: "no default cluster config", config: "version: v1\nclusters:\n  a:\n    cluster: c\n    region: r\n",
			want: "Error loading config: Error parsing $HOME/.ecs/config: Cluster Configuration  could not be found. Configure clusters using 'ecs-cli configure'."},
		{name: "missing ECS profile", credentials: matrixECSCredentials, flags: Flags{ECSProfile: "nope"},
			want: "Error loading config: ECS Profile nope could not be found. Configure profiles using 'ecs-cli configure profile'."},
		{name: "missing ECS profile beats a missing cluster config", config: matrixECSConfig, credentials: matrixECSCredentials, flags: Flags{ECSProfile: "nope", ClusterConfig: "nope"},
			want: "Error loading config: ECS Profile nope could not be found. Configure profiles using 'ecs-cli configure profile'."},
		{name: "bad launch type in the config", config: strings.Replace(matrixECSConfig, `default_launch_type: ""`, "default_launch_type: ec2", 1),
			want: "Error reading flags: Supported launch types are 'EC2' and 'FARGATE'; ec2 is not a valid launch type."},
		{name: "bad --launch-type", config: matrixECSConfig, flags: Flags{LaunchType: "foo"},
			want: "Error reading flags: Supported launch types are 'EC2' and 'FARGATE'; foo is not a valid launch type."},
		{name: "unparseable credentials", credentials: "- a\n- b\n",
			want: "Error loading config: Failed to parse yaml file: $HOME/.ecs/credentials: line 1: expected a mapping of settings, found a list"},
		{name: "missing --aws-profile", config: matrixECSConfig, flags: Flags{AWSProfile: "nope"},
			want: "loading AWS configuration (AWS profile nope): failed to get shared config profile, nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := sealed(t, nil)
			if tt.config != "" {
				writeFile(t, filepath.Join(home, ".ecs", "config"), tt.config)
			}
			if tt.credentials != "" {
				writeFile(t, filepath.Join(home, ".ecs", "credentials"), tt.credentials)
			}
			_, err := resolve(t, tt.flags)
			want := strings.ReplaceAll(tt.want, "$HOME", home)
			if err == nil || err.Error() != want || exitcode.Of(err) != exitcode.Usage {
				t.Errorf("got %v (exit %d)\nwant %q (exit 2)", err, exitcode.Of(err), want)
			}
		})
	}

	_, err := Resolve(context.Background(), Flags{}, Env{Getenv: os.Getenv})
	if want := "Error finding Home directory to store config file: user home directory not found"; err == nil || err.Error() != want {
		t.Errorf("no home: %v", err)
	}
}

// The secrets of the test setups never show in an error, whichever path
// fails.
func TestErrorsNeverShowSecrets(t *testing.T) {
	secrets := []string{"AKIA1", "SECRET1", "AKIA2", "SECRET2", "TOK2", envKey, envSecret, "AKDEFAULTSHARED", "SECRETDEFAULTSHARED", "AKNAMED", "SECRETNAMED", "AKLEGACY", "SECRETLEGACY"}
	cases := []struct {
		name   string
		ecs    map[string]string // file name under ~/.ecs -> content
		env    map[string]string
		flags  Flags
		badAWS bool
	}{
		{name: "missing profile", ecs: map[string]string{"credentials": matrixECSCredentials}, flags: Flags{ECSProfile: "x"}},
		{name: "missing cluster config", ecs: map[string]string{"config": matrixECSConfig, "credentials": matrixECSCredentials}, flags: Flags{ClusterConfig: "x"}},
		{name: "credentials file that is a string", ecs: map[string]string{"credentials": "SECRET1"}},
		{name: "credentials file with a bad type", ecs: map[string]string{"credentials": "ecs_profiles:\n  p1: SECRET1\n"}},
		{name: "credentials file with a bad key type", ecs: map[string]string{"credentials": "ecs_profiles:\n  p1:\n    aws_secret_access_key: [SECRET1]\n"}},
		{name: "credentials file that does not parse", ecs: map[string]string{"credentials": "ecs_profiles: {p1: SECRET1 : x\n"}},
		{name: "legacy config without a region", ecs: map[string]string{"config": "[ecs]\ncluster=c\naws_access_key_id=AKLEGACY\naws_secret_access_key=SECRETLEGACY\n"}},
		{name: "legacy config that does not parse", ecs: map[string]string{"config": "[ecs]\nSECRETLEGACY\n"}},
		{name: "bad launch type", ecs: map[string]string{"config": matrixECSConfig, "credentials": matrixECSCredentials}, flags: Flags{LaunchType: "foo"}},
		{name: "no region with env keys", env: envKeys},
		{name: "no region with ECS keys", ecs: map[string]string{"credentials": matrixECSCredentials}},
		{name: "missing aws profile with env keys", env: with(envKeys, "AWS_REGION", "us-east-1"), flags: Flags{AWSProfile: "x"}},
		{name: "bad shared credentials file", env: with(envKeys, "AWS_REGION", "us-east-1"), flags: Flags{AWSProfile: "named"}, badAWS: true},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			home := sealed(t, tt.env)
			for name, content := range tt.ecs {
				writeFile(t, filepath.Join(home, ".ecs", name), content)
			}
			if tt.badAWS {
				writeFile(t, filepath.Join(home, ".aws", "credentials"), "[named\naws_access_key_id = AKNAMED\naws_secret_access_key = SECRETNAMED\n")
			}
			_, err := resolve(t, tt.flags)
			if err == nil {
				if tt.name == "bad launch type" {
					t.Fatal("no error")
				}
				return // not every case fails; none may leak when it does
			}
			for _, s := range secrets {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error shows %q: %v", s, err)
				}
			}
		})
	}
}

// recorder is an HTTP endpoint that notes the hosts it was called as and
// answers every ECS call with an empty list.
type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.calls = append(r.calls, req.Header.Get("X-Amz-Target"))
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_, _ = w.Write([]byte(`{"clusterArns":[]}`))
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

// A client built from Settings.Config goes where AWS_ENDPOINT_URL,
// AWS_ENDPOINT_URL_ECS or --endpoint say, and --endpoint wins.
func TestEndpoints(t *testing.T) {
	hit, other := &recorder{}, &recorder{}
	srv, otherSrv := httptest.NewServer(hit), httptest.NewServer(other)
	defer srv.Close()
	defer otherSrv.Close()
	base := with(envKeys, "AWS_REGION", "us-east-1")
	tests := []struct {
		name  string
		env   map[string]string
		flags Flags
	}{
		{"AWS_ENDPOINT_URL", with(base, "AWS_ENDPOINT_URL", srv.URL), Flags{}},
		{"AWS_ENDPOINT_URL_ECS", with(base, "AWS_ENDPOINT_URL_ECS", srv.URL), Flags{}},
		{"--endpoint", base, Flags{Endpoint: srv.URL}},
		{"--endpoint beats AWS_ENDPOINT_URL_ECS", with(base, "AWS_ENDPOINT_URL_ECS", otherSrv.URL), Flags{Endpoint: srv.URL}},
		{"--endpoint beats AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", with(base, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "AWS_ENDPOINT_URL", otherSrv.URL), Flags{Endpoint: srv.URL}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed(t, tt.env)
			s := mustResolve(t, tt.flags)
			before := hit.count()
			if _, err := ecs.NewFromConfig(s.Config).ListClusters(context.Background(), &ecs.ListClustersInput{}); err != nil {
				t.Fatal(err)
			}
			if hit.count() != before+1 {
				t.Errorf("the endpoint got %d calls, want 1", hit.count()-before)
			}
			if other.count() != 0 {
				t.Errorf("the other endpoint got %d calls", other.count())
			}
		})
	}
}

func TestAdaptiveRetryer(t *testing.T) {
	sealed(t, with(envKeys, "AWS_REGION", "us-east-1"))
	s := mustResolve(t, Flags{})
	if r := s.Config.Retryer(); !isAdaptive(r) {
		t.Errorf("retryer %T, want *retry.AdaptiveMode", r)
	}
}

func isAdaptive(r aws.Retryer) bool {
	_, ok := r.(*retry.AdaptiveMode)
	return ok
}

// --aws-profile gets the SDK's whole shared-config chain: here a role
// assumed with a source profile's keys (not the environment's), through
// --endpoint like every other call.
func TestAWSProfileAssumesRoleThroughEndpoint(t *testing.T) {
	var mu sync.Mutex
	var auth []string
	sts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		auth = append(auth, r.Form.Get("Action")+" "+r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("Content-Type", "text/xml")
		_, _ = w.Write([]byte(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>` +
			`<Credentials><AccessKeyId>AKROLE</AccessKeyId><SecretAccessKey>SECRETROLE</SecretAccessKey><SessionToken>TOKROLE</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration></Credentials>` +
			`<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>` +
			`</AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`))
	}))
	defer sts.Close()
	home := sealed(t, envKeys)
	writeAWS(t, home)
	writeFile(t, filepath.Join(home, ".aws", "config"), matrixAWSConfig+`
[profile role]
role_arn = arn:aws:iam::123456789012:role/r
source_profile = named
region = us-west-2
`)
	s := mustResolve(t, Flags{AWSProfile: "role", Endpoint: sts.URL})
	if c := retrieve(t, s); c.AccessKeyID != "AKROLE" || s.Region != "us-west-2" {
		t.Errorf("key %q region %q, want the role's in us-west-2", c.AccessKeyID, s.Region)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(auth) != 1 || !strings.HasPrefix(auth[0], "AssumeRole AWS4-HMAC-SHA256 Credential=AKNAMED/") {
		t.Errorf("STS calls %q, want one AssumeRole signed with the source profile's key", auth)
	}
}

// specCredentials is ~/.ecs/credentials of spec §2.1, as the original
// writes it (internal/ecsconfig's tests round-trip it).
const specCredentials = `version: v1
default: p1
ecs_profiles:
  p1:
    aws_access_key_id: AKIA1
    aws_secret_access_key: SECRET1
  p2:
    aws_access_key_id: AKIA2
    aws_secret_access_key: SECRET2
    aws_session_token: TOK
`
