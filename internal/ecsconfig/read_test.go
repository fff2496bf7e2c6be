package ecsconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

func TestConfigFileLimits(t *testing.T) {
	s := Store{Home: t.TempDir()}
	if err := os.MkdirAll(s.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	head := "version: v1\ndefault: a\nclusters:\n  a:\n    cluster: a\n    region: us-east-1\n"
	pad := func(n int) string { return head + "#" + strings.Repeat("x", n-len(head)-2) + "\n" }
	max := int(limits.Config.Limit)
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(s.ConfigPath(), pad(max))
	if _, err := s.ReadClusters(); err != nil {
		t.Fatalf("a config of exactly the limit: %v", err)
	}
	write(s.ConfigPath(), pad(max+1))
	_, err := s.ReadClusters()
	want := "reading " + s.ConfigPath() + ": larger than 1 MiB, the limit for an ECS CLI configuration file"
	if err == nil || err.Error() != want || exitcode.Of(err) != exitcode.Usage {
		t.Errorf("one byte over: %v (exit %d), want %q, exit 2", err, exitcode.Of(err), want)
	}
	if err := s.SaveCluster("b", Cluster{Cluster: "b", Region: "us-east-1"}); err == nil || err.Error() != want {
		t.Errorf("SaveCluster over a config one byte over: %v, want %q", err, want)
	}
	write(s.CredentialsPath(), "\x00\x00\x00")
	_, err = s.ReadProfiles()
	if want := "reading " + s.CredentialsPath() + ": not a text file (a NUL byte at offset 0)"; err == nil || err.Error() != want {
		t.Errorf("credentials of NUL bytes: %v, want %q", err, want)
	}
	if _, err := ReadConfigFile(filepath.Join(s.Dir(), "missing")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v, want os.ReadFile's not-exist error", err)
	}
}
