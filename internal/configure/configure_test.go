package configure_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/configure"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecscli"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// cli runs ecs-cli as its main does, with env as the whole environment.
func cli(env map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	c := ecscli.New(ecscli.DefaultSteps(), ecscli.WithGetenv(func(k string) string { return env[k] }))
	code = c.Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func newHome(t *testing.T) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "home")
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	return home
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Validation happens in the original's order, before any file is touched,
// and is a usage error.
func TestValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"configure"}, "region can not be empty"},
		{nil, []string{"configure", "--cluster", "c"}, "region can not be empty"},
		{nil, []string{"configure", "-r", "us-east-1", "--config-name", ""}, "config-name can not be empty"},
		{nil, []string{"configure", "-r", "us-east-1"}, "cluster can not be empty"},
		{map[string]string{"AWS_REGION": "us-east-1"}, []string{"configure"}, "cluster can not be empty"},
		{nil, []string{"configure", "-r", "us-east-1", "-c", "c", "--default-launch-type", "fargate"},
			"Supported launch types are 'EC2' and 'FARGATE'; fargate is not a valid launch type."},
		{nil, []string{"configure", "profile"}, "secret-key can not be empty"},
		{nil, []string{"configure", "profile", "--access-key", "AKIA"}, "secret-key can not be empty"},
		{nil, []string{"configure", "profile", "--secret-key", "s"}, "access-key can not be empty"},
		{map[string]string{"AWS_SECRET_ACCESS_KEY": "s", "AWS_ACCESS_KEY_ID": "AKIA"}, []string{"configure", "profile", "--profile-name", ""}, "profile-name can not be empty"},
		{nil, []string{"configure", "default"}, "config-name can not be empty"},
		{nil, []string{"configure", "profile", "default"}, "profile-name can not be empty"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, "_"), func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"HOME": newHome(t)}
			for k, v := range tt.env {
				env[k] = v
			}
			stdout, stderr, code := cli(env, "", tt.args...)
			want := "ecs-cli " + strings.Join(commandWords(tt.args), " ") + ": " + tt.want + "\n"
			if code != exitcode.Usage || stdout != "" || stderr != want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, stderr %q", code, stdout, stderr, want)
			}
			if entries, _ := os.ReadDir(env["HOME"]); len(entries) != 0 {
				t.Errorf("home has %d entries, want none", len(entries))
			}
		})
	}
}

// commandWords is the command path at the start of args.
func commandWords(args []string) []string {
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			break
		}
		words = append(words, a)
	}
	return words
}

// The whole family through ecs-cli, flags and environment as the user
// gives them, ending with the spec's files.
func TestConfigureFamily(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	env := map[string]string{"HOME": home}
	steps := []struct {
		env    map[string]string
		args   []string
		stderr string
	}{
		{map[string]string{"ECS_CLUSTER": "c1", "AWS_REGION": "us-west-2"}, []string{"configure", "--config-name", "cfg1", "--default-launch-type", "FARGATE"},
			"Saved ECS CLI cluster configuration cfg1.\n"},
		{nil, []string{"configure", "-c", "c2", "-r", "eu-west-1", "--config-name", "cfg2", "--compose-service-name-prefix", "pre-", "--cfn-stack-name", "mystack"},
			"Saved ECS CLI cluster configuration cfg2.\n"},
		{map[string]string{"AWS_ACCESS_KEY_ID": "AKIA1", "AWS_SECRET_ACCESS_KEY": "SECRET1"}, []string{"configure", "profile", "--profile-name", "p1"},
			"Saved ECS CLI profile configuration p1.\n"},
		{map[string]string{"AWS_SESSION_TOKEN": "TOK"}, []string{"configure", "profile", "--access-key", "AKIA2", "--secret-key", "SECRET2", "--profile-name", "p2"},
			"Saved ECS CLI profile configuration p2.\n"},
		{nil, []string{"configure", "default", "--config-name", "cfg2"}, ""},
		{nil, []string{"configure", "profile", "default", "--profile-name", "p2"}, ""},
	}
	for _, st := range steps {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		for k, v := range st.env {
			e[k] = v
		}
		stdout, stderr, code := cli(e, "", st.args...)
		if code != 0 || stdout != "" || stderr != st.stderr {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q; want stderr %q", st.args, code, stdout, stderr, st.stderr)
		}
	}
	wantConfig := "version: v1\ndefault: cfg2\nclusters:\n  cfg1:\n    cluster: c1\n    region: us-west-2\n    default_launch_type: FARGATE\n  cfg2:\n    cluster: c2\n    region: eu-west-1\n    compose-service-name-prefix: pre-\n    cfn-stack-name: mystack\n    default_launch_type: \"\"\n"
	wantCreds := "version: v1\ndefault: p2\necs_profiles:\n  p1:\n    aws_access_key_id: AKIA1\n    aws_secret_access_key: SECRET1\n  p2:\n    aws_access_key_id: AKIA2\n    aws_secret_access_key: SECRET2\n    aws_session_token: TOK\n"
	if got := read(t, filepath.Join(home, ".ecs", "config")); got != wantConfig {
		t.Errorf("config:\n%s\nwant:\n%s", got, wantConfig)
	}
	if got := read(t, filepath.Join(home, ".ecs", "credentials")); got != wantCreds {
		t.Errorf("credentials:\n%s\nwant:\n%s", got, wantCreds)
	}
}

func TestFileErrors(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	cfg := filepath.Join(home, ".ecs", "config")
	creds := filepath.Join(home, ".ecs", "credentials")
	tests := []struct {
		name  string
		setup func(t *testing.T)
		args  []string
		want  string
		code  int
	}{
		{"default before any config", nil, []string{"configure", "default", "--config-name", "x"},
			"Error setting default config: Failed to read config file: " + cfg + ": open " + cfg + ": no such file or directory", exitcode.Usage},
		{"profile default before any profile", nil, []string{"configure", "profile", "default", "--profile-name", "x"},
			"Error setting default config: Failed to read config file: " + creds + ": open " + creds + ": no such file or directory", exitcode.Usage},
		{"default of an unknown config", func(t *testing.T) {
			write(t, cfg, "version: v1\ndefault: a\nclusters:\n  a:\n    cluster: c\n    region: r\n    default_launch_type: \"\"\n")
		}, []string{"configure", "default", "--config-name", "x"},
			"Error setting default config: x must be defined as a profile before it can be set as default. ", exitcode.Usage},
		{"default of an unknown profile", func(t *testing.T) {
			write(t, creds, "version: v1\ndefault: a\necs_profiles:\n  a:\n    aws_access_key_id: AKIA\n    aws_secret_access_key: SECRET\n")
		}, []string{"configure", "profile", "default", "--profile-name", "x"},
			"Error setting default config: x must be defined as a profile before it can be set as default. ", exitcode.Usage},
		{"profile over an unparseable credentials file", func(t *testing.T) {
			write(t, creds, "- SECRETX\n")
		}, []string{"configure", "profile", "--access-key", "AKIAX", "--secret-key", "SECRETY"},
			"Error saving profile: Failed to parse yaml file: " + creds + ": line 1: expected a mapping of settings, found a list", exitcode.Usage},
		{"configure over an unparseable config file", func(t *testing.T) {
			write(t, cfg, "clusters: [a]\n")
		}, []string{"configure", "--cluster", "c", "--region", "r"},
			"Error saving cluster configuration: " + cfg + " cannot be read as a cluster configuration file: line 1: expected a mapping of names to settings, found a list; fix or remove it (the file was left as it is)", exitcode.Usage},
		{"configure over a legacy config file", func(t *testing.T) {
			write(t, cfg, "[ecs]\ncluster = old\n")
		}, []string{"configure", "--cluster", "c", "--region", "r"},
			"Error saving cluster configuration: " + cfg + " is a legacy INI configuration file; convert it with 'ecs-cli configure migrate' first (the file was left as it is)", exitcode.Usage},
	}
	for _, tt := range tests {
		// Sequential: they share the home.
		if tt.setup != nil {
			tt.setup(t)
		}
		stdout, stderr, code := cli(map[string]string{"HOME": home}, "", tt.args...)
		want := "ecs-cli " + strings.Join(commandWords(tt.args), " ") + ": " + tt.want + "\n"
		if code != tt.code || stdout != "" || stderr != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q\nwant exit %d, stderr %q", tt.name, code, stdout, stderr, tt.code, want)
		}
		for _, secret := range []string{"SECRETX", "SECRETY", "SECRET\n"} {
			if strings.Contains(stderr, secret) {
				t.Errorf("%s: stderr shows %q", tt.name, secret)
			}
		}
	}
}

func TestNoHome(t *testing.T) {
	t.Parallel()
	const notFound = "Error finding Home directory to store config file: user home directory not found"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"configure", "-c", "c", "-r", "r"}, "Error saving cluster configuration: " + notFound},
		{[]string{"configure", "profile", "--access-key", "AKIA", "--secret-key", "SECRET"}, "Error saving profile: " + notFound},
		{[]string{"configure", "default", "--config-name", "x"}, "Error setting default config: " + notFound},
		{[]string{"configure", "profile", "default", "--profile-name", "x"}, "Error setting default config: " + notFound},
		{[]string{"configure", "migrate", "--force"}, "Error reading old configuration file.: " + notFound},
	}
	for _, tt := range tests {
		_, stderr, code := cli(nil, "", tt.args...)
		want := "ecs-cli " + strings.Join(commandWords(tt.args), " ") + ": " + tt.want + "\n"
		if code != exitcode.Usage || stderr != want {
			t.Errorf("%v: exit %d, stderr %q; want exit 2, %q", tt.args, code, stderr, want)
		}
	}
	// USERPROFILE stands in for HOME.
	home := newHome(t)
	if _, stderr, code := cli(map[string]string{"USERPROFILE": home}, "", "configure", "-c", "c", "-r", "r"); code != 0 {
		t.Fatalf("with USERPROFILE: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(home, ".ecs", "config")); err != nil {
		t.Error(err)
	}
}

// The verbs take everything they use as arguments.
func TestVerbsDirectly(t *testing.T) {
	t.Parallel()
	home := newHome(t)
	var stderr bytes.Buffer
	if err := configure.Cluster(home, configure.ClusterOptions{Cluster: "c", Region: "r", ConfigName: "n"}, &stderr); err != nil {
		t.Fatal(err)
	}
	if err := configure.Profile(home, configure.ProfileOptions{AccessKey: "AKIA", SecretKey: "SECRET", ProfileName: "n"}, &stderr); err != nil {
		t.Fatal(err)
	}
	if err := configure.DefaultCluster(home, "n"); err != nil {
		t.Fatal(err)
	}
	if err := configure.DefaultProfile(home, "n"); err != nil {
		t.Fatal(err)
	}
	if got, want := stderr.String(), "Saved ECS CLI cluster configuration n.\nSaved ECS CLI profile configuration n.\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	for _, f := range []string{"config", "credentials"} {
		if fi, err := os.Stat(filepath.Join(home, ".ecs", f)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v", f, fi.Mode(), err)
		}
	}
}
