package ecscli

import (
	"bytes"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecscli/licenses"
)

// The project's licence and those of the dependencies every toolkit binary
// carries are printed, each under its module path and version.
func TestWriteLicenses(t *testing.T) {
	t.Parallel()
	deps := []*debug.Module{
		{Path: "github.com/aws/aws-sdk-go-v2", Version: "v1.48.0"},
		{Path: "github.com/compose-spec/compose-go/v2", Version: "v2.16.2"},
		{Path: "github.com/itchyny/gojq", Version: "v0.12.20"},
		{Path: "github.com/peterbourgon/ff/v3", Version: "v3.4.0"},
		{Path: "example.com/unbundled", Version: "v0.1.0"},
	}
	var b bytes.Buffer
	if err := writeLicenses(&b, deps); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, licenses.Project()) {
		t.Error("output does not start with the project's licence")
	}
	for _, want := range []string{
		"Copyright The ECS Toolkit Authors",
		"==== github.com/aws/aws-sdk-go-v2 v1.48.0 ====",
		"AWS SDK for Go", // its NOTICE
		"==== github.com/compose-spec/compose-go/v2 v2.16.2 ====",
		"==== github.com/itchyny/gojq v0.12.20 ====",
		"==== github.com/peterbourgon/ff/v3 v3.4.0 ====",
		"==== example.com/unbundled v0.1.0 ====\n\n(licence text not bundled",
		"==== Go standard library go",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for _, path := range []string{"github.com/itchyny/gojq", "github.com/peterbourgon/ff/v3", "github.com/compose-spec/compose-go/v2"} {
		m, _ := licenses.Lookup(path)
		if m.Text == "" || !strings.Contains(out, m.Text) {
			t.Errorf("licence text of %s missing", path)
		}
	}
}

// The embedded copy of LICENSE is the repository's.
func TestProjectLicenceIsTheRepositorys(t *testing.T) {
	t.Parallel()
	repo, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if string(repo) != licenses.Project() {
		t.Error("internal/ecscli/licenses/LICENSE differs from LICENSE: run go generate ./internal/ecscli/licenses")
	}
	if !strings.Contains(licenses.Project(), "Apache License") {
		t.Error("LICENSE is not the Apache licence")
	}
}

// Every module the toolkit's binaries are built from has its licence
// bundled; a new dependency fails here until the texts are regenerated.
func TestLicencesCoverDependencies(t *testing.T) {
	t.Parallel()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(gobin, "list", "-deps", "-e", "-f",
		"{{with .Module}}{{if not .Main}}{{.Path}}{{end}}{{end}}", "../../cmd/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	paths := strings.Fields(string(out))
	if len(paths) == 0 {
		t.Fatal("go list named no dependency modules: nothing was checked")
	}
	for _, path := range paths {
		if _, ok := licenses.Lookup(path); !ok {
			t.Errorf("no licence bundled for %s: run go generate ./internal/ecscli/licenses", path)
		}
	}
}

func TestLicenseCommand(t *testing.T) {
	t.Parallel()
	steps, _ := fakeSteps()
	stdout, stderr, code := run(New(steps), "license")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// The test binary is built with ff, so its licence is there too.
	if !strings.HasPrefix(stdout, licenses.Project()) || !strings.Contains(stdout, "==== github.com/peterbourgon/ff/v3 ") {
		t.Errorf("license printed:\n%.400s", stdout)
	}
}
