package ecscli

import (
	"os/exec"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// stepPackages are the import paths of the step packages, read off the Run
// functions DefaultSteps wires, so the list cannot fall behind it.
func stepPackages(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	for name, run := range DefaultSteps() {
		fn := runtime.FuncForPC(reflect.ValueOf(run).Pointer())
		if fn == nil {
			t.Fatalf("step %s: no function name", name)
		}
		// "example.com/mod/internal/run.Run" -> "example.com/mod/internal/run"
		full := fn.Name()
		slash := strings.LastIndex(full, "/")
		dot := strings.Index(full[slash+1:], ".")
		if slash < 0 || dot < 0 {
			t.Fatalf("step %s: cannot read the package of %s", name, full)
		}
		seen[full[:slash+1+dot]] = true
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Steps never import other steps: behaviour two steps share lives in a
// shared package (internal/tasks, internal/stack, ...), so each binary
// links only its own step.
func TestStepsImportNoOtherStep(t *testing.T) {
	t.Parallel()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	steps := stepPackages(t)
	if len(steps) < 9 {
		t.Fatalf("found %d step packages, want every step of DefaultSteps: %v", len(steps), steps)
	}
	isStep := map[string]bool{}
	for _, p := range steps {
		isStep[p] = true
	}
	args := append([]string{"list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`}, steps...)
	out, err := exec.Command(gobin, args...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(steps) {
		t.Fatalf("go list answered for %d packages, want %d", len(lines), len(steps))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, dep := range fields[1:] {
			if isStep[dep] {
				t.Errorf("step %s imports step %s: move what they share into a shared package", fields[0], dep)
			}
		}
	}
}
