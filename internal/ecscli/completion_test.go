package ecscli

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func nodesByPath(t *testing.T) map[string]compNode {
	t.Helper()
	steps, _ := fakeSteps()
	out := map[string]compNode{}
	for _, n := range completionNodes(classicTree(), steps) {
		out[n.path] = n
	}
	return out
}

func TestCompletionNodes(t *testing.T) {
	t.Parallel()
	nodes := nodesByPath(t)
	tests := []struct {
		path   string
		subs   []string // must be offered after the path
		flags  []string // must be offered for "-"
		values []string // must be known to take a value
	}{
		{"", []string{"configure", "compose", "local", "logs", "completion", "compose2td", "register", "image"}, []string{"--endpoint", "-v", "--version", "-h", "--help"}, []string{"--endpoint"}},
		{"compose", []string{"create", "ps", "list", "stop", "down", "service"}, []string{"-f", "--file", "-p", "--project-name", "--debug"}, []string{"-f", "--file", "-c", "--cluster"}},
		{"compose service", []string{"rm", "delete", "down", "up"}, []string{"--cluster"}, nil},
		{"compose service up", nil, []string{"--deployment-max-percent", "--target-groups", "--timeout", "-c"}, []string{"--deployment-max-percent", "--timeout"}},
		{"compose service delete", nil, []string{"--delete-namespace", "--timeout"}, []string{"--timeout"}},
		{"local up", nil, []string{"-c", "--task-def-compose", "--override"}, []string{"-c", "--override"}},
		{"logs", nil, []string{"-t", "--timestamps", "--since"}, []string{"--since"}},
		{"configure profile", []string{"default"}, []string{"--access-key"}, nil},
	}
	for _, tt := range tests {
		n, ok := nodes[tt.path]
		if !ok {
			t.Errorf("no completion at %q", tt.path)
			continue
		}
		for _, s := range tt.subs {
			if !slices.Contains(n.subs, s) {
				t.Errorf("%q: %q not among commands %q", tt.path, s, n.subs)
			}
		}
		for _, f := range tt.flags {
			if !slices.Contains(n.flags, f) {
				t.Errorf("%q: %q not among flags", tt.path, f)
			}
		}
		for _, f := range tt.values {
			if !slices.Contains(n.values, f) {
				t.Errorf("%q: %q not known to take a value", tt.path, f)
			}
		}
	}
	if n := nodes["up"]; slices.Contains(n.values, "-f") || slices.Contains(n.values, "--force") {
		t.Error("up --force is a boolean, but completion expects a value after it")
	}
	// logs is the classic command; its step is not offered twice.
	if n := nodes[""]; countOf(n.subs, "logs") != 1 || countOf(n.subs, "local") != 1 {
		t.Errorf("root offers logs or local twice: %q", n.subs)
	}
	if n := nodes["completion"]; !slices.Equal(n.words, []string{"bash", "zsh", "fish"}) {
		t.Errorf("completion offers %q", n.words)
	}
}

func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// script writes `ecs-cli completion <shell>` to a file.
func script(t *testing.T, shell string) string {
	t.Helper()
	steps, _ := fakeSteps()
	stdout, stderr, code := run(New(steps), "completion", shell)
	if code != 0 {
		t.Fatalf("completion %s: exit %d: %s", shell, code, stderr)
	}
	path := filepath.Join(t.TempDir(), "ecs-cli."+shell)
	if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCompletionScriptsParse(t *testing.T) {
	t.Parallel()
	for _, sh := range []struct{ shell, check string }{
		{"bash", "-n"},
		{"zsh", "-n"},
		{"fish", "--no-execute"},
	} {
		t.Run(sh.shell, func(t *testing.T) {
			t.Parallel()
			bin, err := exec.LookPath(sh.shell)
			if err != nil {
				t.Skipf("%s is not installed; its script is not syntax-checked", sh.shell)
			}
			out, err := exec.Command(bin, sh.check, script(t, sh.shell)).CombinedOutput()
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", sh.shell, sh.check, err, out)
			}
		})
	}
}

// TestBashCompletes runs the generated function the way bash does on TAB and
// checks what it offers.
func TestBashCompletes(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	file := script(t, "bash")
	tests := []struct {
		line string // the words typed; the last one is being completed
		want []string
		not  []string
	}{
		{"ecs-cli co", []string{"configure", "compose", "compose2td", "completion"}, nil},
		{"ecs-cli compose ser", []string{"service"}, nil},
		{"ecs-cli compose service up --dep", []string{"--deployment-max-percent", "--deployment-min-healthy-percent"}, nil},
		{"ecs-cli compose -f a.yml service up --dep", []string{"--deployment-max-percent"}, nil},
		{"ecs-cli compose --file = a.yml service d", []string{"delete", "down"}, nil},
		{"ecs-cli compose service delete --t", []string{"--timeout"}, nil},
		{"ecs-cli local up -", []string{"-c", "--override", "-h"}, []string{"--deployment-max-percent"}},
		{"ecs-cli up --force sc", nil, []string{"scale"}},
		{"ecs-cli completion ", []string{"bash", "zsh", "fish"}, nil},
		{"ecs-cli --endpoint http://x comp", []string{"compose", "completion"}, nil},
		{"ecs-cli compose --cluster ", nil, []string{"create", "service"}}, // a value, not a command
		{"ecs-cli images myrepo --", nil, []string{"--tagged"}},            // an argument: flags are over
	}
	for _, tt := range tests {
		words := strings.Split(tt.line, " ")
		prog := "source " + shellQuote(file) + "\nCOMP_WORDS=(" + quoteAll(words) + ")\nCOMP_CWORD=" +
			strconv.Itoa(len(words)-1) + "\n_ecs_cli\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		out, err := exec.Command(bash, "--norc", "--noprofile", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tt.line, err, out)
		}
		got := strings.Fields(string(out))
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q offers %q, want %q among them", tt.line, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("%q offers %q, which it should not", tt.line, w)
			}
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func quoteAll(words []string) string {
	var q []string
	for _, w := range words {
		q = append(q, shellQuote(w))
	}
	return strings.Join(q, " ")
}
