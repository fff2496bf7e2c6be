package ecsconfig

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// The files of spec §2.1, as the original writes them.
const (
	specConfig = `version: v1
default: cfg1
clusters:
  cfg1:
    cluster: c1
    region: us-west-2
    default_launch_type: FARGATE
  cfg2:
    cluster: c2
    region: eu-west-1
    compose-service-name-prefix: pre-
    cfn-stack-name: mystack
    default_launch_type: ""
`
	specCredentials = `version: v1
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
)

func TestSpecFilesRoundTrip(t *testing.T) {
	t.Parallel()
	c, err := DecodeClusterConfig([]byte(specConfig))
	if err != nil {
		t.Fatal(err)
	}
	want := &ClusterConfig{Version: "v1", Default: "cfg1", Clusters: map[string]Cluster{
		"cfg1": {Cluster: "c1", Region: "us-west-2", DefaultLaunchType: "FARGATE"},
		"cfg2": {Cluster: "c2", Region: "eu-west-1", ComposeServiceNamePrefix: "pre-", CFNStackName: "mystack"},
	}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("decoded %+v, want %+v", c, want)
	}
	if got, err := want.Encode(); err != nil || string(got) != specConfig {
		t.Errorf("encoded config (err %v):\n%s\nwant:\n%s", err, got, specConfig)
	}

	p, err := DecodeProfileConfig([]byte(specCredentials))
	if err != nil {
		t.Fatal(err)
	}
	wantP := &ProfileConfig{Version: "v1", Default: "p1", Profiles: map[string]Profile{
		"p1": {AccessKey: "AKIA1", SecretKey: "SECRET1"},
		"p2": {AccessKey: "AKIA2", SecretKey: "SECRET2", SessionToken: "TOK"},
	}}
	if !reflect.DeepEqual(p, wantP) {
		t.Errorf("decoded %+v, want %+v", p, wantP)
	}
	if got, err := wantP.Encode(); err != nil || string(got) != specCredentials {
		t.Errorf("encoded credentials (err %v):\n%s\nwant:\n%s", err, got, specCredentials)
	}
}

// testdata/yamlv2.json holds what the original's yaml.v2 (the revision it
// vendored, 0b1645d9) wrote for awkward values: each value used as a name,
// the default and every field, plus one file of many names for key order.
// It was generated once with that copy of yaml.v2; it is not rewritten by
// tests.
func TestEncodeLikeYAMLv2(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "yamlv2.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ Value, Config, Credentials string }
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	orderNames := []string{"cfg10", "cfg2", "cfg1", "A", "a", "_x", "1", "10", "9", "b-2", "b-10", "B", "z", "prod", "dev", "x01", "x1", "x001", "ü"}
	for _, r := range rows {
		var c ClusterConfig
		var p *ProfileConfig
		if r.Value == "(order)" {
			c = ClusterConfig{Version: "v1", Default: "a", Clusters: map[string]Cluster{}}
			for _, n := range orderNames {
				c.Clusters[n] = Cluster{Cluster: n}
			}
		} else {
			v := r.Value
			c = ClusterConfig{Version: "v1", Default: v, Clusters: map[string]Cluster{
				v:       {Cluster: v, Region: v, ComposeServiceNamePrefix: v, CFNStackName: v, DefaultLaunchType: v},
				"other": {Cluster: "c", Region: "r"},
			}}
			p = &ProfileConfig{Version: "v1", Default: v, Profiles: map[string]Profile{v: {AccessKey: v, SecretKey: v, SessionToken: v}}}
		}
		got, err := c.Encode()
		if err != nil || string(got) != r.Config {
			t.Errorf("config with %q (err %v):\n%s\nyaml.v2 wrote:\n%s", r.Value, err, got, r.Config)
		}
		if r.Value == "<<" {
			continue // written plain, read as a merge key: the original could not read it back either
		}
		if back, err := DecodeClusterConfig(got); err != nil || !reflect.DeepEqual(*back, c) {
			t.Errorf("config with %q does not read back: %v %+v", r.Value, err, back)
		}
		if p == nil {
			continue
		}
		got, err = p.Encode()
		if err != nil || string(got) != r.Credentials {
			t.Errorf("credentials with %q (err %v):\n%s\nyaml.v2 wrote:\n%s", r.Value, err, got, r.Credentials)
		}
		if back, err := DecodeProfileConfig(got); err != nil || !reflect.DeepEqual(back, p) {
			t.Errorf("credentials with %q do not read back: %v %+v", r.Value, err, back)
		}
	}
}

func TestDecodeTolerance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     ClusterConfig
	}{
		{"unknown keys", "version: v1\nextra: [1, 2]\ndefault: a\nclusters:\n  a:\n    cluster: c\n    region: r\n    future-key: {x: 1}\n",
			ClusterConfig{Version: "v1", Default: "a", Clusters: map[string]Cluster{"a": {Cluster: "c", Region: "r"}}}},
		{"empty file", "", ClusterConfig{Clusters: map[string]Cluster{}}},
		{"comments only", "# nothing\n", ClusterConfig{Clusters: map[string]Cluster{}}},
		{"null clusters", "version: v1\nclusters:\n", ClusterConfig{Version: "v1", Clusters: map[string]Cluster{}}},
		{"later duplicate wins", "default: a\ndefault: b\n", ClusterConfig{Default: "b", Clusters: map[string]Cluster{}}},
		{"scalars read as text", "version: 1\nclusters:\n  a: {cluster: 3, region: yes}\n",
			ClusterConfig{Version: "1", Clusters: map[string]Cluster{"a": {Cluster: "3", Region: "yes"}}}},
		{"first document only", "default: a\n---\ndefault: b\n", ClusterConfig{Default: "a", Clusters: map[string]Cluster{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := DecodeClusterConfig([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
	for _, in := range []string{"[ecs]\ncluster = c\n", "cluster = c\n", "clusters: [1]\n"} {
		if _, err := DecodeClusterConfig([]byte(in)); err == nil {
			t.Errorf("%q decoded as a cluster config", in)
		}
	}
}

func TestCredentialsErrorsHideValues(t *testing.T) {
	t.Parallel()
	_, err := DecodeProfileConfig([]byte("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"))
	if err == nil {
		t.Fatal("a bare string decoded as a credentials file")
	}
	if strings.Contains(err.Error(), "wJalr") {
		t.Errorf("error quotes the file: %v", err)
	}
}

// newHome returns a home directory with the given permission bits.
func newHome(t *testing.T, perm fs.FileMode) string {
	t.Helper()
	home := filepath.Join(t.TempDir(), "home")
	if err := os.Mkdir(home, perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(home, perm); err != nil { // past the umask
		t.Fatal(err)
	}
	return home
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStoreWritesSpecFiles(t *testing.T) {
	t.Parallel()
	s := Store{Home: newHome(t, 0o750)}
	// The original's order of saves that gives the spec's files.
	steps := []error{
		s.SaveCluster("cfg1", Cluster{Cluster: "c1", Region: "us-west-2", DefaultLaunchType: "FARGATE"}),
		s.SaveCluster("cfg2", Cluster{Cluster: "c2", Region: "eu-west-1", ComposeServiceNamePrefix: "pre-", CFNStackName: "mystack"}),
		s.SaveProfile("p1", Profile{AccessKey: "AKIA1", SecretKey: "SECRET1"}),
		s.SaveProfile("p2", Profile{AccessKey: "AKIA2", SecretKey: "SECRET2", SessionToken: "TOK"}),
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, s.ConfigPath()); got != specConfig {
		t.Errorf("config:\n%s\nwant:\n%s", got, specConfig)
	}
	if got := readString(t, s.CredentialsPath()); got != specCredentials {
		t.Errorf("credentials:\n%s\nwant:\n%s", got, specCredentials)
	}
	for _, path := range []string{s.ConfigPath(), s.CredentialsPath()} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", path, fi.Mode().Perm(), err)
		}
	}
	if fi, err := os.Stat(s.Dir()); err != nil || fi.Mode().Perm() != 0o750 {
		t.Errorf("%s: mode %v (%v), want the home directory's 0750", s.Dir(), fi.Mode().Perm(), err)
	}
}

func TestStoreChmodsExistingFile(t *testing.T) {
	t.Parallel()
	s := Store{Home: newHome(t, 0o700)}
	if err := os.MkdirAll(s.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.CredentialsPath(), []byte(specCredentials), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(s.CredentialsPath(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefaultProfile("p2"); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(s.CredentialsPath()); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after a save, want 0600", fi.Mode().Perm())
	}
	if got, want := readString(t, s.CredentialsPath()), strings.Replace(specCredentials, "default: p1", "default: p2", 1); got != want {
		t.Errorf("credentials:\n%s\nwant:\n%s", got, want)
	}
}

// The default: the first (only) entry becomes it; later saves keep it;
// saving the only entry again under its name keeps it; configure default
// moves it.
func TestStoreDefaults(t *testing.T) {
	t.Parallel()
	s := Store{Home: newHome(t, 0o700)}
	def := func() string {
		c, err := s.ReadClusters()
		if err != nil {
			t.Fatal(err)
		}
		return c.Default
	}
	steps := []struct {
		do   func() error
		want string
	}{
		{func() error { return s.SaveCluster("b", Cluster{Cluster: "cb"}) }, "b"},
		{func() error { return s.SaveCluster("b", Cluster{Cluster: "cb2"}) }, "b"},
		{func() error { return s.SaveCluster("a", Cluster{Cluster: "ca"}) }, "b"},
		{func() error { return s.SetDefaultCluster("a") }, "a"},
		{func() error { return s.SaveCluster("c", Cluster{Cluster: "cc"}) }, "a"},
	}
	for i, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := def(); got != st.want {
			t.Errorf("step %d: default %q, want %q", i, got, st.want)
		}
	}
	c, _ := s.ReadClusters()
	if c.Clusters["b"].Cluster != "cb2" {
		t.Errorf("saving b again did not replace it: %+v", c.Clusters["b"])
	}

	// A file whose default was edited away gets a default again once it
	// holds one entry.
	p := Store{Home: newHome(t, 0o700)}
	if err := p.SaveProfile("x", Profile{AccessKey: "k", SecretKey: "s"}); err != nil {
		t.Fatal(err)
	}
	if pc, _ := p.ReadProfiles(); pc.Default != "x" {
		t.Errorf("first profile is not the default: %q", pc.Default)
	}
}

func TestStoreErrors(t *testing.T) {
	t.Parallel()
	home := newHome(t, 0o700)
	s := Store{Home: home}
	missing := filepath.Join(home, ".ecs", "config")
	tests := []struct {
		name string
		do   func() error
		want string
		code int
	}{
		{"default of no file", func() error { return s.SetDefaultCluster("x") },
			"Failed to read config file: " + missing + ": open " + missing + ": no such file or directory", exitcode.Usage},
		{"no home", func() error { return Store{}.SaveCluster("x", Cluster{}) },
			"Error finding Home directory to store config file: user home directory not found", exitcode.Usage},
		{"home gone", func() error { return Store{Home: filepath.Join(home, "gone")}.SaveProfile("x", Profile{}) },
			"Error getting Home directory permissions for config file: stat " + filepath.Join(home, "gone") + ": no such file or directory", exitcode.Failed},
	}
	for _, tt := range tests {
		err := tt.do()
		if err == nil || err.Error() != tt.want || exitcode.Of(err) != tt.code {
			t.Errorf("%s: got %v (exit %d), want %q (exit %d)", tt.name, err, exitcode.Of(err), tt.want, tt.code)
		}
	}

	if err := s.SaveCluster("a", Cluster{Cluster: "c"}); err != nil {
		t.Fatal(err)
	}
	err := s.SetDefaultCluster("x")
	if want := "x must be defined as a profile before it can be set as default. "; err == nil || err.Error() != want {
		t.Errorf("default of an unknown name: %v, want %q", err, want)
	}
}

// A file that does not parse is never replaced: saving is an error (exit 2)
// naming the file, and the file keeps its bytes. The original replaced an
// unparseable config by a file holding only the new cluster.
func TestSaveRefusesUnparseableFiles(t *testing.T) {
	t.Parallel()
	s := Store{Home: newHome(t, 0o700)}
	if err := os.MkdirAll(s.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ content, want string }{
		{"[ecs]\ncluster = old\nregion = us-east-1\n", s.ConfigPath() + " is a legacy INI configuration file; convert it with 'ecs-cli configure migrate' first (the file was left as it is)"},
		{"version: v1\nclusters: [\n", s.ConfigPath() + " cannot be read as a cluster configuration file: "},
		{"clusters: [a]\n", s.ConfigPath() + " cannot be read as a cluster configuration file: line 1: expected a mapping of names to settings, found a list; fix or remove it (the file was left as it is)"},
	} {
		if err := os.WriteFile(s.ConfigPath(), []byte(tt.content), 0o600); err != nil {
			t.Fatal(err)
		}
		err := s.SaveCluster("new", Cluster{Cluster: "c", Region: "r"})
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || exitcode.Of(err) != exitcode.Usage {
			t.Errorf("saving over %q: %v (exit %d), want %q (exit 2)", tt.content, err, exitcode.Of(err), tt.want)
		}
		if got := readString(t, s.ConfigPath()); got != tt.content {
			t.Errorf("config changed to %q", got)
		}
	}

	if err := os.WriteFile(s.CredentialsPath(), []byte("[default]\nkey = v\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := s.SaveProfile("p", Profile{AccessKey: "k", SecretKey: "s"})
	if err == nil || !strings.HasPrefix(err.Error(), "Failed to parse yaml file: "+s.CredentialsPath()+": ") || exitcode.Of(err) != exitcode.Usage {
		t.Errorf("saving over an unparseable credentials file: %v", err)
	}
	if got := readString(t, s.CredentialsPath()); got != "[default]\nkey = v\n" {
		t.Errorf("credentials changed to %q", got)
	}

	// Migrate replaces the legacy file it has read.
	os.WriteFile(s.ConfigPath(), []byte("[ecs]\ncluster = old\n"), 0o600)
	if err := s.ReplaceClusters("default", Cluster{Cluster: "old"}); err != nil {
		t.Fatal(err)
	}
	if c, err := s.ReadClusters(); err != nil || c.Clusters["default"].Cluster != "old" {
		t.Errorf("after ReplaceClusters: %+v, %v", c, err)
	}
}

// The files are replaced whole, leaving nothing else in the folder; a file
// that is a symbolic link (to a dotfiles repository, say) stays one and its
// target gets the new content, mode 0600.
func TestStoreWritesAtomicallyThroughLinks(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges")
	}
	s := Store{Home: newHome(t, 0o700)}
	dots := t.TempDir()
	if err := os.MkdirAll(s.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dots, "ecs-credentials")
	if err := os.WriteFile(target, []byte(specCredentials), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(target, 0o644)
	if err := os.Symlink(target, s.CredentialsPath()); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDefaultProfile("p2"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(s.CredentialsPath()); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file (%v)", err)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("target mode %v, want 0600", fi.Mode().Perm())
	}
	if got := readString(t, target); !strings.Contains(got, "default: p2") {
		t.Errorf("target not updated:\n%s", got)
	}
	for _, dir := range []string{s.Dir(), dots} {
		if des, _ := os.ReadDir(dir); len(des) != 1 {
			t.Errorf("%s holds %d entries, want 1", dir, len(des))
		}
	}
}
