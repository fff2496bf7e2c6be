package ecscli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// stepRecorder is a fake step that records its arguments and exits with
// code.
type stepRecorder struct {
	args [][]string
	code int
}

func (r *stepRecorder) run(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) int {
	r.args = append(r.args, args)
	fmt.Fprintf(stdout, "step ran\n")
	return r.code
}

// fakeSteps is a step table of recorders, so no test needs the real steps.
func fakeSteps() (Steps, map[string]*stepRecorder) {
	steps, recs := Steps{}, map[string]*stepRecorder{}
	for _, name := range stepOrder() {
		r := &stepRecorder{}
		recs[name] = r
		steps[name] = r.run
	}
	return steps, recs
}

func run(cli *CLI, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	code = cli.Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func env(vars map[string]string) Option {
	return WithGetenv(func(k string) string { return vars[k] })
}

var _ cmdmain.RunFunc = Run // ecs-cli's main takes it as is

func TestHelpGoesToStdout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string // a line the help must hold
	}{
		{[]string{"--help"}, "  compose2td  "},
		{[]string{"-h"}, "  -v, --version"},
		{[]string{"help"}, "  ecs-cli STEP [ARGS...]"},
		{[]string{"compose", "--help"}, "  -f, --file value"},
		{[]string{"compose", "service", "up", "--help"}, "  --deployment-max-percent value"},
		{[]string{"compose", "service", "up", "-h"}, "  ecs-cli [flags] compose [flags] service [flags] up [flags]"},
		{[]string{"compose", "service", "--help"}, "  rm, delete, down  "},
		{[]string{"compose", "-f", "a.yml", "ps", "--help"}, "  --desired-status value"},
		{[]string{"help", "compose", "service", "up"}, "  --update-service-discovery"},
		{[]string{"configure", "profile", "--help"}, "(env AWS_ACCESS_KEY_ID)"},
		{[]string{"configure", "--help"}, "(default: default)"},
		{[]string{"compose", "service", "scale", "--help"}, "(default: 5)"},
		{[]string{"up", "--help"}, "  -e, --empty"},
		{[]string{"push", "--help"}, "  ecs-cli [flags] push [flags] ECR_REPOSITORY[:TAG]"},
		{[]string{"license", "--help"}, "  -h, --help"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, "_"), func(t *testing.T) {
			t.Parallel()
			steps, _ := fakeSteps()
			stdout, stderr, code := run(New(steps), tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if !strings.Contains(stdout, tt.want+"\n") && !strings.Contains(stdout, tt.want) {
				t.Errorf("help lacks %q:\n%s", tt.want, stdout)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args      []string
		wantFirst string // the first line of stderr
	}{
		{nil, "ecs-cli: missing command"},
		{[]string{"nope"}, `ecs-cli: unknown command "nope"`},
		{[]string{"--bogus", "ps"}, "ecs-cli: flag provided but not defined: -bogus"},
		{[]string{"compose"}, "ecs-cli compose: missing command"},
		{[]string{"compose", "nope"}, `ecs-cli compose: unknown command "nope"`},
		{[]string{"compose", "--bogus", "up"}, "ecs-cli compose: flag provided but not defined: -bogus"},
		{[]string{"compose", "up", "--bogus"}, "ecs-cli compose up: flag provided but not defined: -bogus"},
		{[]string{"compose", "service", "create", "--timeout", "1"}, "ecs-cli compose service create: flag provided but not defined: -timeout"},
		{[]string{"compose", "service", "scale", "--timeout", "soon", "2"}, `ecs-cli compose service scale: invalid value "soon" for flag -timeout: parse error`},
		{[]string{"logs", "--since", "x"}, `ecs-cli logs: invalid value "x" for flag -since: parse error`},
		{[]string{"ps", "--endpoint", "http://x"}, "ecs-cli ps: flag provided but not defined: -endpoint"},
		{[]string{"images", "--registry-id", "1"}, "ecs-cli images: flag provided but not defined: -registry-id"},
		{[]string{"--endpoint", "http://x", "compose2td"}, "ecs-cli: --endpoint applies to the classic commands; a step takes its own flags after its name"},
		{[]string{"help", "compose", "nope"}, `ecs-cli help: unknown command "compose nope"`},
		{[]string{"completion"}, "ecs-cli completion: want one shell, bash, zsh or fish; got 0 arguments"},
		{[]string{"completion", "tcsh"}, `ecs-cli completion: unknown shell "tcsh": want bash, zsh or fish`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, "_"), func(t *testing.T) {
			t.Parallel()
			steps, recs := fakeSteps()
			stdout, stderr, code := run(New(steps), tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
			if first, _, _ := strings.Cut(stderr, "\n"); first != tt.wantFirst {
				t.Errorf("stderr starts %q, want %q", first, tt.wantFirst)
			}
			for name, r := range recs {
				if len(r.args) > 0 {
					t.Errorf("step %s ran", name)
				}
			}
		})
	}
}

// The real binary has every step.
func TestDefaultStepsAreComplete(t *testing.T) {
	t.Parallel()
	steps := DefaultSteps()
	for _, name := range stepOrder() {
		if steps[name] == nil {
			t.Errorf("DefaultSteps has no %q", name)
		}
	}
	if len(steps) != len(stepOrder()) {
		t.Errorf("DefaultSteps has %d steps, stepOrder %d", len(steps), len(stepOrder()))
	}
}

func TestStepsGetTheirArgumentsVerbatim(t *testing.T) {
	t.Parallel()
	tests := [][]string{
		{"compose2td", "-f", "x.yml"},
		{"compose2td", "--help"},
		{"compose2td"},
		{"register", "--", "-x", "a b"},
		{"run", "--cluster", "c", "extra"},
		{"image", "push", "repo:tag"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			t.Parallel()
			steps, recs := fakeSteps()
			stdout, stderr, code := run(New(steps), args...)
			if code != 0 || stdout != "step ran\n" || stderr != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			got := recs[args[0]].args
			if len(got) != 1 || !slices.Equal(got[0], args[1:]) {
				t.Errorf("step got %q, want [%q]", got, args[1:])
			}
		})
	}
}

func TestStepExitCodeIsKept(t *testing.T) {
	t.Parallel()
	steps, recs := fakeSteps()
	recs["run"].code = 1
	_, stderr, code := run(New(steps), "run")
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q; want 1 and nothing added", code, stderr)
	}
}

// Classic names win over step names: `ecs-cli logs` is the classic command,
// with the original's flags, forwarded to the logs step as given; a flag the
// original did not have is refused before the step runs.
func TestClassicNamesWin(t *testing.T) {
	t.Parallel()
	steps, recs := fakeSteps()
	if _, stderr, code := run(New(steps), "logs", "--task-id", "t", "-t"); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if len(recs["logs"].args) != 1 || strings.Join(recs["logs"].args[0], " ") != "--task-id=t --timestamps=true" {
		t.Errorf("the logs step got %q", recs["logs"].args)
	}
	steps, recs = fakeSteps()
	if _, _, code := run(New(steps), "logs", "--json-lines"); code != 2 || len(recs["logs"].args) != 0 {
		t.Errorf("an unknown flag: exit %d, step args %q", code, recs["logs"].args)
	}
}

// ecs-cli local ps --all is the classic command, forwarded to the local
// step with its subcommand word and the flags as given.
func TestClassicLocalForwards(t *testing.T) {
	t.Parallel()
	steps, recs := fakeSteps()
	if _, stderr, code := run(New(steps), "local", "ps", "--all"); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if got := recs["local"].args; len(got) != 1 || !slices.Equal(got[0], []string{"ps", "--all=true"}) {
		t.Errorf("local step got %q, want [[ps --all=true]]", got)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--version"}, {"-v"}, {"-v", "compose", "up"}} {
		steps, _ := fakeSteps()
		cli := New(steps)
		cli.version = "v1.2.3"
		stdout, stderr, code := run(cli, args...)
		if code != 0 || stdout != "ecs-cli version v1.2.3\n" || stderr != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// capture returns an Exec that keeps the invocation, and an accessor.
func capture() (Exec, func() *Invocation) {
	var got *Invocation
	return func(_ context.Context, inv *Invocation) error {
			got = inv
			return nil
		}, func() *Invocation {
			return got
		}
}

// The precedence of flags over the original's environment variables, as
// data (the shape of ff's parse_test.go). read names the value to check.
func TestEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		exec string                   // the command to capture
		read func(*Invocation) string // what to look at
		want string
	}{
		{"project name from env", map[string]string{"COMPOSE_PROJECT_NAME": "envp"},
			[]string{"compose", "create"}, "compose create", inherited("project-name"), "envp"},
		{"project name flag beats env", map[string]string{"COMPOSE_PROJECT_NAME": "envp"},
			[]string{"compose", "--project-name", "flagp", "create"}, "compose create", inherited("project-name"), "flagp"},
		{"short flag beats env", map[string]string{"COMPOSE_PROJECT_NAME": "envp"},
			[]string{"compose", "-p", "flagp", "create"}, "compose create", inherited("project-name"), "flagp"},
		{"compose file from env", map[string]string{"COMPOSE_FILE": "a.yml:b.yml"},
			[]string{"compose", "up"}, "compose up", parentList("file"), "a.yml:b.yml"},
		{"compose files from flags", map[string]string{"COMPOSE_FILE": "a.yml"},
			[]string{"compose", "-f", "x.yml", "--file", "y.yml", "up"}, "compose up", parentList("file"), "x.yml|y.yml"},
		{"ECS_PROFILE fills every level", map[string]string{"ECS_PROFILE": "p2"},
			[]string{"compose", "service", "up"}, "compose service up", own("ecs-profile"), "p2"},
		{"ECS_PROFILE on local", map[string]string{"ECS_PROFILE": "p2"},
			[]string{"local", "up"}, "local up", inherited("ecs-profile"), "p2"},
		{"AWS_PROFILE", map[string]string{"AWS_PROFILE": "named"},
			[]string{"ps"}, "ps", own("aws-profile"), "named"},
		{"ECS_CLUSTER binds on configure", map[string]string{"ECS_CLUSTER": "envc"},
			[]string{"configure"}, "configure", own("cluster"), "envc"},
		{"ECS_CLUSTER is not a flag of ps", map[string]string{"ECS_CLUSTER": "envc"},
			[]string{"ps"}, "ps", own("cluster"), ""},
		{"AWS_REGION binds on configure", map[string]string{"AWS_REGION": "eu-west-1"},
			[]string{"configure", "-r", "us-east-1"}, "configure", own("region"), "us-east-1"},
		{"AWS_REGION is not a flag of up", map[string]string{"AWS_REGION": "eu-west-1"},
			[]string{"up"}, "up", own("region"), ""},
		{"profile keys from env", map[string]string{"AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "s"},
			[]string{"configure", "profile"}, "configure profile", own("access-key"), "AKIA"},
		{"config flags innermost wins", nil,
			[]string{"compose", "--cluster", "a", "up", "--cluster", "b"}, "compose up", inherited("cluster"), "b"},
		{"config flags from outer level", nil,
			[]string{"compose", "--cluster", "a", "service", "up"}, "compose service up", inherited("cluster"), "a"},
		{"endpoint from the root", nil,
			[]string{"--endpoint", "http://127.0.0.1:1", "ps"}, "ps", inherited("endpoint"), "http://127.0.0.1:1"},
		{"own flags are not inherited", nil,
			[]string{"compose", "--project-name", "p", "up"}, "compose up", own("project-name"), ""},
		{"defaults", nil,
			[]string{"compose", "service", "rm"}, "compose service rm", own("timeout"), "5"},
		{"flags after an argument are read", nil,
			[]string{"images", "myrepo", "--region", "r1", "--tagged"}, "images", args, "myrepo"},
		{"flags after an argument are the command's", nil,
			[]string{"images", "myrepo", "--region", "r1", "--tagged"}, "images", own("region"), "r1"},
		{"a count then flags", nil,
			[]string{"compose", "service", "scale", "3", "--timeout", "1"}, "compose service scale", own("timeout"), "1"},
		{"double dash ends the flags", nil,
			[]string{"images", "--", "myrepo", "--tagged", "111"}, "images", args, "myrepo|--tagged|111"},
		{"double dash after an argument ends the flags", nil,
			[]string{"images", "myrepo", "--", "-x", "--tagged"}, "images", args, "myrepo|-x|--tagged"},
		{"aliases run the command", nil,
			[]string{"compose", "service", "delete", "--delete-namespace"}, "compose service rm", own("delete-namespace"), "true"},
		{"double-dash spellings", nil,
			[]string{"compose", "--debug", "ps"}, "compose ps", func(inv *Invocation) string { return inv.cmd.parent.flags.lookup("verbose").value.String() }, "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			steps, _ := fakeSteps()
			exec, got := capture()
			_, stderr, code := run(New(steps, env(tt.env), WithExec(tt.exec, exec)), tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if got() == nil {
				t.Fatal("command did not run")
			}
			if got().Path != tt.exec {
				t.Errorf("ran %q, want %q", got().Path, tt.exec)
			}
			if v := tt.read(got()); v != tt.want {
				t.Errorf("got %q, want %q", v, tt.want)
			}
		})
	}
}

func own(name string) func(*Invocation) string {
	return func(inv *Invocation) string { return inv.Value(name) }
}

// List and Inherited read flags as the hand-kept step flag lists did; only
// these tests still ask, the steps now taking their flags by their own
// registration.

// List returns the values of a repeatable flag of the command.
func (inv *Invocation) List(name string) []string {
	if s := inv.cmd.flags.lookup(name); s != nil {
		inv.read(s)
		if l, ok := s.value.(*flagenv.StringList); ok {
			return append([]string(nil), *l...)
		}
	}
	return nil
}

// Inherited returns the first non-empty value of flag name, looking from
// the command out to the root. That is how the original read its config
// flags (--cluster, --region, --endpoint ...): `compose --cluster a up
// --cluster b` means b.
func (inv *Invocation) Inherited(name string) string {
	for c := inv.cmd; c != nil; c = c.parent {
		if s := c.flags.lookup(name); s != nil && s.kind != boolFlag {
			if v := s.value.String(); v != "" {
				return v
			}
		}
	}
	return ""
}

func inherited(name string) func(*Invocation) string {
	return func(inv *Invocation) string { return inv.Inherited(name) }
}

func parentList(name string) func(*Invocation) string {
	return func(inv *Invocation) string {
		parent := &Invocation{cmd: inv.cmd.parent}
		return strings.Join(parent.List(name), "|")
	}
}

func args(inv *Invocation) string { return strings.Join(inv.Args, "|") }

func TestForwardRebuildsTheCommandLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		env  map[string]string
		args []string
		want []string
	}{
		{nil, []string{"logs", "--task-id", "abc", "-t"}, []string{"--task-id=abc", "--timestamps=true"}},
		{map[string]string{"ECS_PROFILE": "p"}, []string{"logs", "--task-id=abc"}, []string{"--ecs-profile=p", "--task-id=abc"}},
		{nil, []string{"local", "up", "--override", "a.yml", "--override", "b.yml", "-f", "td.json"}, []string{"--task-def-file=td.json", "--override=a.yml", "--override=b.yml"}},
		{nil, []string{"registry-creds", "up", "--", "-x"}, []string{"--", "-x"}},
		{nil, []string{"registry-creds", "up", "c.yml", "--no-role"}, []string{"--no-role=true", "c.yml"}},
		{nil, []string{"registry-creds", "up", "c.yml", "--", "--no-role"}, []string{"--", "c.yml", "--no-role"}},
	}
	for _, tt := range tests {
		steps, recs := fakeSteps()
		path := tt.args[0]
		if path == "local" || path == "registry-creds" {
			path += " " + tt.args[1]
		}
		step := strings.Fields(path)[0]
		if step == "registry-creds" {
			step = "regcreds"
		}
		_, stderr, code := run(New(steps, env(tt.env), WithExec(path, Forward(step))), tt.args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", tt.args, code, stderr)
		}
		if got := recs[step].args; len(got) != 1 || !slices.Equal(got[0], tt.want) {
			t.Errorf("%q: step got %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestExecErrorsArePrintedOnce(t *testing.T) {
	t.Parallel()
	steps, recs := fakeSteps()
	recs["logs"].code = 1
	stdout, stderr, code := run(New(steps, WithExec("logs", Forward("logs"))), "logs")
	if code != 1 || stdout != "step ran\n" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	failing := func(context.Context, *Invocation) error {
		return fmt.Errorf("describing cluster %q: %w", "c", io.ErrUnexpectedEOF)
	}
	_, stderr, code = run(New(steps, WithExec("ps", failing)), "ps")
	if want := "ecs-cli ps: describing cluster \"c\": unexpected EOF\n"; code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
}

// An Exec that returns flag.ErrHelp gets its command's usage printed, as a
// usage error.
func TestExecErrHelpShowsUsage(t *testing.T) {
	t.Parallel()
	steps, _ := fakeSteps()
	help := func(context.Context, *Invocation) error { return flag.ErrHelp }
	stdout, stderr, code := run(New(steps, WithExec("compose scale", help)), "compose", "scale")
	if code != 2 || stdout != "" || !strings.HasPrefix(stderr, "USAGE\n  ecs-cli [flags] compose [flags] scale [flags] COUNT\n") {
		t.Errorf("exit %d, stdout %q, stderr %.80q", code, stdout, stderr)
	}
}
