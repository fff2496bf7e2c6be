package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseBytesToMiB(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int32
		err  bool
	}{
		{"524288000", 500, false}, // bare numbers are bytes
		{"1000", 0, false},
		{"512m", 512, false},
		{"512MB", 512, false},
		{"512MiB", 512, false},
		{"1.5g", 1536, false},
		{"0.5GB", 512, false},
		{"1000000000", 953, false},
		{"64k", 0, false},
		{"lots", 0, true},
		{"-5", 0, true},
		{"512 parsecs", 0, true},
		{"99999999999999999999", 0, true}, // too large for 64 bits: go-units wraps it negative
		{"100000000000g", 0, true},
	} {
		b, err := parseBytes(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("parseBytes(%q) error %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if got, err := toMiB(b); !tc.err && (got != tc.want || err != nil) {
			t.Errorf("toMiB(parseBytes(%q)) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParamSeconds(t *testing.T) {
	for in, want := range map[string]int64{"1m30s": 90, "0": 0, "45": 45, "1500ms": 1, "2h": 7200, "-3": -3, "4294967296": 4294967296} {
		if got, err := paramSeconds(in); err != nil || got != want {
			t.Errorf("paramSeconds(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"soon", "1.5", "99999999999999999999"} {
		if _, err := paramSeconds(in); err == nil {
			t.Errorf("paramSeconds(%q) accepted", in)
		}
	}
}

func TestPublishedPorts(t *testing.T) {
	for in, want := range map[string]string{"": "[0]", "8080": "[8080]", "9090-9092": "[9090 9091 9092]"} {
		got, err := publishedPorts(in)
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("publishedPorts(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"x", "90-80", "70000"} {
		if _, err := publishedPorts(in); err == nil {
			t.Errorf("publishedPorts(%q) accepted", in)
		}
	}
}

func TestFargateSizes(t *testing.T) {
	ok := [][2]int{{256, 512}, {256, 2048}, {512, 4096}, {1024, 8192}, {4096, 30720}, {8192, 16384}, {16384, 122880}}
	bad := [][2]int{{256, 4096}, {512, 512}, {1024, 1536}, {8192, 18432}, {300, 1024}}
	for _, s := range ok {
		if !fargateSizeOK(s[0], s[1]) {
			t.Errorf("cpu %d mem %d refused", s[0], s[1])
		}
	}
	for _, s := range bad {
		if fargateSizeOK(s[0], s[1]) {
			t.Errorf("cpu %d mem %d accepted", s[0], s[1])
		}
	}
}

// The newest file wins by the timestamp in its name, even when the folder's
// path holds underscores (the original split the whole path on "_").
func TestFindRegistryCredsUnderscorePath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my_project_dir")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"ecs-registry-creds_20200101T000000Z.yml", "ecs-registry-creds_20210101T000000Z.yml", "ecs-registry-creds_garbage.yml"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	got, err := FindRegistryCreds(dir)
	if err != nil || filepath.Base(got) != "ecs-registry-creds_20210101T000000Z.yml" {
		t.Errorf("FindRegistryCreds = %q, %v", got, err)
	}
	empty := t.TempDir()
	if got, err := FindRegistryCreds(empty); got != "" || err != nil {
		t.Errorf("empty folder: %q, %v", got, err)
	}
}

func TestReadEcsParamsErrors(t *testing.T) {
	env := map[string]string{"ROLE": "r"}
	for _, tc := range []struct{ in, want string }{
		{"version: 1\ntask_definition:\n  task_sise: {}\n", "ecs-params.yml: line 3: task_definition.task_sise: unknown field"},
		{"task_definition:\n  services:\n    web:\n      cpu_shares: lots\n", "ecs-params.yml: line 4: task_definition.services.web.cpu_shares: expected a whole number, found a string `lots`"},
		// Shapes are said in user words, never as Go types (map[string]*compose.ServiceParams).
		{"task_definition:\n  services: [web]\n", "ecs-params.yml: line 2: task_definition.services: expected a mapping of names to settings, found a list"},
		{"task_definition:\n  services:\n    web: [essential]\n", "ecs-params.yml: line 3: task_definition.services.web: expected a mapping of settings, found a list"},
		{"task_definition:\n  services:\n    web:\n      secrets: db\n", "ecs-params.yml: line 4: task_definition.services.web.secrets: expected a list of settings, found a string `db`"},
		{"version: 3\n", `ecs-params.yml: version: unsupported ecs-params version "3"`},
		{"task_definition:\n  task_role_arn: ${NOPE:?must be set}\n", "ecs-params.yml: line 2: interpolating"},
		{"task_definition: [\n", "ecs-params.yml: "},
		{"task_definition:\n  docker_volumes:\n    - name: v\n      labelz: {}\n", "line 4: task_definition.docker_volumes[0].labelz: unknown field"},
	} {
		_, err := parseEcsParamsBytes([]byte(tc.in), env)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.in, err, tc.want)
		}
	}
	p, err := parseEcsParamsBytes([]byte("task_definition:\n  task_role_arn: $ROLE-x$$y\n  task_size: {cpu_limit: 512, mem_limit: 2GB}\n  services:\n    web:\n"), env)
	if err != nil {
		t.Fatal(err)
	}
	if p.TaskDefinition.TaskRoleArn != "r-x$y" || p.TaskDefinition.TaskSize.Cpu != "512" {
		t.Errorf("got role %q cpu %q", p.TaskDefinition.TaskRoleArn, p.TaskDefinition.TaskSize.Cpu)
	}
	if _, ok := p.TaskDefinition.Services["web"]; !ok {
		t.Errorf("a null service entry must still be listed")
	}
}

func TestWrapVersion1(t *testing.T) {
	out, err := wrapVersion1([]byte("web:\n  image: nginx\n  log_driver: syslog\n  net: host\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"services:", "driver: syslog", "network_mode: host"} {
		if !strings.Contains(s, want) {
			t.Errorf("wrapped file lacks %q:\n%s", want, s)
		}
	}
	same := "services:\n  web:\n    image: nginx\n"
	if out, _ := wrapVersion1([]byte(same)); string(out) != same {
		t.Errorf("a Compose Specification file was changed:\n%s", out)
	}
}
