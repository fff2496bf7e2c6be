package ecscli

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// given lists the flags set on inv's command and its parents: parents first,
// each level in registration order (so a step sees them as the user wrote
// the command), and a flag set at several levels once, at the innermost,
// as the original read its config flags (`compose --cluster a up --cluster
// b` means b). A value flag set to "" leaves the level outside it in charge.
func (inv *Invocation) given() []*flagSpec {
	var out []*flagSpec
	seen := map[string]bool{}
	lineage := inv.cmd.lineage()
	for i := len(lineage) - 1; i >= 0; i-- {
		c := lineage[i]
		set := map[string]bool{}
		c.flags.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		var here []*flagSpec
		for _, s := range c.flags.specs {
			if seen[s.name()] || !slices.ContainsFunc(s.names, func(n string) bool { return set[n] }) {
				continue
			}
			if s.kind != boolFlag && s.value.String() == "" {
				continue
			}
			seen[s.name()] = true
			here = append(here, s)
		}
		out = append(here, out...)
	}
	return out
}

// forward returns, as --name=value, the given flags that fs (a step's own
// registration, from StepFlags) declares, but for those named in skip, and
// records them as handed on.
func (inv *Invocation) forward(fs *flag.FlagSet, skip ...string) []string {
	var out []string
	for _, s := range inv.given() {
		name := s.name()
		if fs == nil || fs.Lookup(name) == nil || slices.Contains(skip, name) {
			continue
		}
		inv.read(s)
		if l, ok := s.value.(*flagenv.StringList); ok {
			for _, v := range *l {
				out = append(out, "--"+name+"="+v)
			}
			continue
		}
		out = append(out, "--"+name+"="+s.value.String())
	}
	return out
}

// call is step run with words (its verb and arguments) and the given flags
// it takes, but for skip.
func (inv *Invocation) call(step string, words []string, skip ...string) stepCall {
	verb := ""
	if len(words) > 0 {
		verb = words[0]
	}
	args := append(append([]string(nil), words...), inv.forward(StepFlags(step, verb), skip...)...)
	return stepCall{name: step, args: args}
}

// unhandled refuses to run a command that would drop a given flag: one no
// step of its chain takes and its Exec did not read. It is a bug in ecs-cli
// (TestEveryStepFlagReachesItsStep rules it out), never a silent success.
func (inv *Invocation) unhandled() error {
	var missed []string
	for _, s := range inv.given() {
		if !inv.handled[s.name()] {
			missed = append(missed, "--"+s.name())
		}
	}
	if len(missed) == 0 {
		return nil
	}
	return fmt.Errorf("no step takes %s (a bug in ecs-cli)", strings.Join(missed, ", "))
}

// positional is the command's arguments, after a "--" when one of them
// looks like a flag: the steps read flags after arguments, and without it
// `images web -- --json` would reach the step as a flag.
func (inv *Invocation) positional() []string {
	for _, a := range inv.Args {
		if strings.HasPrefix(a, "-") {
			return append([]string{"--"}, inv.Args...)
		}
	}
	return inv.Args
}
