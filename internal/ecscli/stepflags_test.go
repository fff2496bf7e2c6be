package ecscli

import (
	"flag"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// noSteps are the runnable commands that run no step: configure writes
// ~/.ecs itself, and the rest print.
var noSteps = []string{"configure", "configure default", "configure profile", "configure profile default",
	"configure migrate", "license", "completion", "help"}

// Every classic command that runs steps is run once per flag it takes, at
// its own level or a parent's, with a value no other flag has; some step
// must get exactly that flag and value, under the name (and with the short
// forms and kind) its own registration declares. A flag no step takes
// would be dropped, and fails here.
func TestEveryStepFlagReachesItsStep(t *testing.T) {
	t.Parallel()
	pairs := 0
	classicTree().walk(func(cmd *command) {
		if !cmd.runnable || slices.Contains(noSteps, cmd.path()) {
			return
		}
		var positional []string
		if cmd.args == "COUNT" {
			positional = []string{"3"}
		}
		for _, level := range cmd.lineage() {
			for _, s := range level.flags.specs {
				if level.parent == nil && s.name() == "version" {
					continue // ecs-cli's own: prints and stops
				}
				pairs++
				checkFlagReachesStep(t, cmd, level, s, positional)
			}
		}
	})
	t.Logf("%d command/flag pairs", pairs)
	if pairs < 300 {
		t.Errorf("only %d command/flag pairs: is the walk missing commands?", pairs)
	}
}

// checkFlagReachesStep runs cmd with flag s set on level (cmd or a parent).
func checkFlagReachesStep(t *testing.T, cmd, level *command, s *flagSpec, positional []string) {
	t.Helper()
	set, want := sampleFlag(s)
	var args []string
	for _, c := range cmd.lineage() {
		if c.parent != nil {
			args = append(args, c.name)
		}
		if c == level {
			args = append(args, set...)
		}
	}
	args = append(args, positional...)
	steps, recs := fakeSteps()
	stdout, stderr, code := run(New(steps), args...)
	line := "ecs-cli " + strings.Join(args, " ")
	if code != 0 {
		t.Errorf("%s: exit %d: %s", line, code, stderr)
		return
	}
	if s.name() == ownJSON && strings.HasPrefix(cmd.path(), "compose ") {
		if cmd.name == "ps" {
			want = []string{"--json"} // ps rows as JSON Lines, in place of --table
		} else if stdout != "step ran\n" {
			// ecs-cli's own --json: the last step's output is shown.
			t.Errorf("%s: stdout %q, want the last step's", line, stdout)
			return
		} else {
			return
		}
	}
	for name, r := range recs {
		for _, got := range r.args {
			if !containsInOrder(got, want) {
				continue
			}
			verb := cmd.name
			if len(got) > 0 && !strings.HasPrefix(got[0], "-") {
				verb = got[0]
			}
			checkSameFlag(t, line, s, StepFlags(name, verb))
			return
		}
	}
	t.Errorf("%s: no step got %q; they got %s", line, want, recorded(recs))
}

// sampleFlag is how to set s with a value no other flag has, and what a
// step gets for it.
func sampleFlag(s *flagSpec) (set, want []string) {
	n := s.name()
	switch s.value.(type) {
	case *boolValue:
		return []string{"--" + n}, []string{"--" + n + "=true"}
	case *intValue:
		x := strconv.Itoa(100 + len(n))
		return []string{"--" + n, x}, []string{"--" + n + "=" + x}
	case *floatValue:
		x := strconv.Itoa(100+len(n)) + ".5"
		return []string{"--" + n, x}, []string{"--" + n + "=" + x}
	case *flagenv.StringList:
		return []string{"--" + n, "a-" + n, "--" + n, "b-" + n}, []string{"--" + n + "=a-" + n, "--" + n + "=b-" + n}
	default:
		return []string{"--" + n, "v-" + n}, []string{"--" + n + "=v-" + n}
	}
}

// containsInOrder reports whether want's items are in got, in order.
func containsInOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

// checkSameFlag checks that every name of s is one flag in the step's
// registration, of the same kind: the step reads what ecs-cli parsed.
func checkSameFlag(t *testing.T, line string, s *flagSpec, step *flag.FlagSet) {
	t.Helper()
	canon := step.Lookup(s.name())
	if canon == nil {
		t.Errorf("%s: the step's registration lacks --%s", line, s.name())
		return
	}
	for _, n := range s.names[1:] {
		if f := step.Lookup(n); f == nil || f.Value != canon.Value {
			t.Errorf("%s: -%s is not --%s in the step's registration", line, n, s.name())
		}
	}
	isBool := false
	if b, ok := canon.Value.(interface{ IsBoolFlag() bool }); ok {
		isBool = b.IsBoolFlag()
	}
	_, isList := canon.Value.(*flagenv.StringList)
	if isBool != (s.kind == boolFlag) || isList != (s.kind == listFlag) {
		t.Errorf("%s: --%s is a %v here and not in the step (bool %t, list %t)", line, s.name(), s.kind, isBool, isList)
	}
}

func recorded(recs map[string]*stepRecorder) string {
	var b strings.Builder
	for name, r := range recs {
		for _, a := range r.args {
			b.WriteString("\n  " + name + " " + strings.Join(a, " "))
		}
	}
	return b.String()
}

// A given flag that the step a command runs does not declare stops the
// command before any step runs, instead of vanishing.
func TestUnforwardableFlagIsABug(t *testing.T) {
	t.Parallel()
	steps, recs := fakeSteps()
	_, stderr, code := run(New(steps, WithExec("compose service up", Forward("logs"))),
		"compose", "service", "up", "--role", "r", "--timeout", "2")
	if want := "ecs-cli compose service up: no step takes --role, --timeout (a bug in ecs-cli)\n"; code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
	if len(recs["logs"].args) != 0 {
		t.Errorf("the step ran: %q", recs["logs"].args)
	}
}

// A step flag of a classic command takes its short forms, kind and default
// from the step's registration; a name no step declares is a programming
// error, found by any run of the tree.
func TestStepFlagComesFromTheStep(t *testing.T) {
	t.Parallel()
	fl := newFlags("logs")
	fl.from = stepSets("logs")
	if s := fl.step("help", "timestamps"); !slices.Equal(s.names, []string{"timestamps", "t"}) || s.kind != boolFlag {
		t.Errorf("--timestamps: names %q, kind %v", s.names, s.kind)
	}
	if _, ok := fl.step("help", "since").value.(*intValue); !ok {
		t.Errorf("--since is not a number")
	}
	sv := newFlags("service up")
	sv.from = stepSets("service")
	if s := sv.step("help", "timeout"); s.def != "5" || s.value.String() != "5" {
		t.Errorf("--timeout: default %q, value %q; want the step's 5", s.def, s.value)
	}
	if s := sv.step("help", "target-groups"); s.kind != listFlag {
		t.Errorf("--target-groups: kind %v, want a list", s.kind)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("a flag no step declares was registered")
		}
	}()
	fl.step("help", "no-such-flag")
}

// Every step of the real binary has its registration here: without one, a
// classic command running it could forward no flag.
func TestStepFlagsKnowEveryStep(t *testing.T) {
	t.Parallel()
	for name := range DefaultSteps() {
		if StepFlags(name, "") == nil {
			t.Errorf("StepFlags(%q) is nil", name)
		}
	}
}
