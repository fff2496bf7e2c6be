package configure

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// The preview hides every secret of the old file, the session token too
// (the original showed it), and migrating says what it leaves out.
func TestMigrateHidesAndNamesSecrets(t *testing.T) {
	t.Parallel()
	legacy := "[ecs]\ncluster = c\naws_profile = named\naws_access_key_id = AKIA\naws_secret_access_key = SECRETdo-not-print\naws_session_token = TOKENdo-not-print\n"
	home := newHome(t)
	if err := os.WriteFile(filepath.Join(home, ".ecs", "config"), []byte(legacy), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := Migrate(home, false, strings.NewReader("y\n"), &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"aws_secret_access_key = *****************nt\n", "aws_session_token = ****************nt\n", "aws_profile = named\n"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("preview lacks %q:\n%s", want, stdout.String())
		}
	}
	wantStderr := "Migrated ECS CLI configuration.\n" +
		"Not migrated: aws_profile = named (the files cannot name an AWS profile; give --aws-profile named to each command instead)\n" +
		"Not migrated: aws_session_token (session tokens expire; save a current one with 'ecs-cli configure profile --session-token')\n"
	if stderr.String() != wantStderr {
		t.Errorf("stderr %q, want %q", stderr.String(), wantStderr)
	}
	if strings.Contains(stdout.String()+stderr.String(), "do-not") {
		t.Error("a secret was shown")
	}
}

// When the credentials cannot be written (here a link to a missing file,
// which the atomic writer refuses), the legacy config, the keys' only
// copy, is left as it was.
func TestMigrateKeepsConfigWhenProfileFails(t *testing.T) {
	t.Parallel()
	legacy := "[ecs]\ncluster = c\naws_access_key_id = AKIA\naws_secret_access_key = SECRETdo-not-print\n"
	home := newHome(t)
	config := filepath.Join(home, ".ecs", "config")
	if err := os.WriteFile(config, []byte(legacy), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(home, "missing"), filepath.Join(home, ".ecs", "credentials")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := Migrate(home, true, nil, &stdout, &stderr); err == nil {
		t.Fatal("migrate succeeded without writing the credentials")
	}
	if got, _ := os.ReadFile(config); string(got) != legacy {
		t.Errorf("the legacy config was replaced:\n%s", got)
	}
}

func newHome(t *testing.T) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "home")
	if err := os.MkdirAll(filepath.Join(home, ".ecs"), 0o700); err != nil {
		t.Fatal(err)
	}
	return home
}

func TestMigrateCases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		legacy     *string // nil: no file
		force      bool
		stdin      string
		wantErr    string
		wantCode   int
		wantStderr string
		wantConfig string
		wantCreds  bool
	}{
		{name: "no file, forced: the original saved the defaults", force: true,
			wantStderr: "Migrated ECS CLI configuration.\n",
			wantConfig: "version: v1\ndefault: default\nclusters:\n  default:\n    cluster: \"\"\n    region: \"\"\n    compose-service-name-prefix: ecscompose-service-\n    default_launch_type: \"\"\n"},
		{name: "no file, asked", stdin: "y\n",
			wantErr: "open $HOME/.ecs/config: no such file or directory", wantCode: exitcode.Usage},
		{name: "a line that is not a key", legacy: ptr("[ecs]\nwJalrXUtnFEMI/SECRET\n"), force: true,
			wantErr: "Error reading old configuration file.: Failed to initialize ini reader: key-value delimiter not found on line 2", wantCode: exitcode.Usage},
		{name: "no answer", legacy: ptr("[ecs]\ncluster = c\n"), wantStderr: "Aborting Migration.\n", wantConfig: "[ecs]\ncluster = c\n"},
		{name: "answer y", legacy: ptr("[ecs]\ncluster = c\nregion = r\ncfn-stack-name-prefix = amazon-ecs-cli-setup-\ncompose-service-name-prefix = x-\n"), stdin: "yes please\n",
			wantStderr: "Migrated ECS CLI configuration.\n",
			wantConfig: "version: v1\ndefault: default\nclusters:\n  default:\n    cluster: c\n    region: r\n    compose-service-name-prefix: x-\n    default_launch_type: \"\"\n"},
		{name: "keys without a secret make no profile", legacy: ptr("[ecs]\ncluster = c\nregion = r\naws_access_key_id = AKIA\n"), force: true,
			wantStderr: "Migrated ECS CLI configuration.\n",
			wantConfig: "version: v1\ndefault: default\nclusters:\n  default:\n    cluster: c\n    region: r\n    compose-service-name-prefix: ecscompose-service-\n    default_launch_type: \"\"\n"},
		{name: "a secret makes the default profile", legacy: ptr("[ecs]\ncluster = c\nregion = r\naws_access_key_id = AKIA\naws_secret_access_key = S\n"), force: true,
			wantStderr: "Migrated ECS CLI configuration.\n", wantCreds: true,
			wantConfig: "version: v1\ndefault: default\nclusters:\n  default:\n    cluster: c\n    region: r\n    compose-service-name-prefix: ecscompose-service-\n    default_launch_type: \"\"\n"},
		{name: "YAML already", legacy: ptr("version: v1\ndefault: a\nclusters: {}\n"), force: true,
			wantStderr: "No need to migrate; found a YAML formatted configuration file at $HOME/.ecs/config\n",
			wantConfig: "version: v1\ndefault: a\nclusters: {}\n"},
		{name: "a file with no [ecs] section is left alone (the original replaced it by an empty configuration)", legacy: ptr("default: a\n"), force: true,
			wantErr: "Error reading old configuration file.: $HOME/.ecs/config has no [ecs] section: it is not a legacy configuration, and nothing was migrated (the file was left as it is)", wantCode: exitcode.Usage,
			wantConfig: "default: a\n"},
		{name: "broken YAML is left alone", legacy: ptr("version: v1\nclusters: [\n"), force: true,
			wantErr: "Error reading old configuration file.: $HOME/.ecs/config has no [ecs] section: it is not a legacy configuration, and nothing was migrated (the file was left as it is)", wantCode: exitcode.Usage,
			wantConfig: "version: v1\nclusters: [\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			home := newHome(t)
			path := filepath.Join(home, ".ecs", "config")
			if tt.legacy != nil {
				if err := os.WriteFile(path, []byte(*tt.legacy), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			var stdin *strings.Reader
			if tt.stdin != "" {
				stdin = strings.NewReader(tt.stdin)
			}
			var err error
			if stdin == nil {
				err = Migrate(home, tt.force, nil, &stdout, &stderr)
			} else {
				err = Migrate(home, tt.force, stdin, &stdout, &stderr)
			}
			wantErr := strings.ReplaceAll(tt.wantErr, "$HOME", home)
			if (err == nil) != (wantErr == "") || (err != nil && (err.Error() != wantErr || exitcode.Of(err) != tt.wantCode)) {
				t.Fatalf("err %v (exit %d), want %q (exit %d)", err, exitcode.Of(err), wantErr, tt.wantCode)
			}
			if got, want := stderr.String(), strings.ReplaceAll(tt.wantStderr, "$HOME", home); got != want {
				t.Errorf("stderr %q, want %q", got, want)
			}
			if tt.wantConfig != "" {
				if b, _ := os.ReadFile(path); string(b) != tt.wantConfig {
					t.Errorf("config:\n%s\nwant:\n%s", b, tt.wantConfig)
				}
			}
			_, statErr := os.Stat(filepath.Join(home, ".ecs", "credentials"))
			if (statErr == nil) != tt.wantCreds {
				t.Errorf("credentials file exists: %v, want %v", statErr == nil, tt.wantCreds)
			}
			for _, s := range []string{"wJalr", "SECRET"} {
				if strings.Contains(stdout.String()+stderr.String(), s) || (err != nil && strings.Contains(err.Error(), s)) {
					t.Errorf("%q shown", s)
				}
			}
		})
	}
}

func ptr(s string) *string { return &s }
