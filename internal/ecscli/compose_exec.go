package ecscli

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
)

// The classic compose task commands are chains of steps:
//
//	create:              compose2td | register
//	start, up:           compose2td | register | run up
//	run CONTAINER CMD:   compose2td | register | run --command ...
//	scale N:             compose2td | register | run scale N
//	stop, down:          compose2td | run stop
//	ps, list:            compose2td | run ps --table
//
// Each step gets the classic flags it understands; the document flows between
// them in memory. Progress and messages go to stderr; stdout gets the table
// (ps) or, with --json, the final document.

type stepCall struct {
	name string
	args []string
}

// chain runs calls in order, each reading the document the one before wrote.
// The last one writes to stdout only when show is set.
//
// The first call (ecs-compose2td) makes no AWS call; before the second
// does, every later call runs once under awsconf.DryRun with the first's
// document, so a usage error in any of them (compose service up
// --deployment-max-percent abc) ends the command before anything is
// registered or started. A call that refuses its flags or document in that
// pass (exit 2) has its messages shown; the others' are dropped, as they
// are said again in the real run.
func chain(ctx context.Context, inv *Invocation, show bool, calls ...stepCall) error {
	var in io.Reader = bytes.NewReader(nil)
	for i, c := range calls {
		run, ok := inv.Steps[c.name]
		if !ok {
			return usageError("no step %q in this build", c.name)
		}
		var out bytes.Buffer
		var w io.Writer = &out
		if i == len(calls)-1 {
			w = io.Discard
			if show {
				w = inv.Stdout
			}
		}
		if err := codeOnly(run(ctx, c.args, in, w, inv.Stderr)); err != nil {
			return err
		}
		if i == 0 && len(calls) > 1 {
			if err := dryRun(ctx, inv, out.Bytes(), calls[1:]); err != nil {
				return err
			}
		}
		in = &out
	}
	return nil
}

// composeFlags gives ecs-compose2td the compose-level flags, and the
// subcommand's launch type and tags.
func composeFlags(inv *Invocation) []string {
	var a []string
	if f := inv.Inherited("file"); f != "" {
		a = append(a, "--file="+f) // a list comes back comma-joined; compose2td splits on ","
	}
	for _, name := range []string{"project-name", "task-role-arn", "ecs-params", "registry-creds", "launch-type", "cluster-config"} {
		if v := inv.Inherited(name); v != "" {
			a = append(a, "--"+name+"="+v)
		}
	}
	if v := inv.Value("tags"); v != "" {
		a = append(a, "--tags="+v)
	}
	return a
}

// awsFlags gives an AWS step the configuration flags, innermost first.
func awsFlags(inv *Invocation) []string {
	var a []string
	for _, name := range configFlagNames() {
		if v := inv.Inherited(name); v != "" {
			a = append(a, "--"+name+"="+v)
		}
	}
	if inv.InheritedBool("verbose") {
		a = append(a, "--verbose")
	}
	return a
}

// runFlags adds the ecs-run flags a compose subcommand has.
func runFlags(inv *Invocation, names ...string) []string {
	a := awsFlags(inv)
	if v := inv.Inherited("launch-type"); v != "" {
		a = append(a, "--launch-type="+v)
	}
	for _, n := range names {
		switch n {
		case "tags":
			if v := inv.Value("tags"); v != "" {
				a = append(a, "--tags="+v)
			}
		default: // boolean flags
			if inv.Bool(n) {
				a = append(a, "--"+n)
			}
		}
	}
	return a
}

func composeCreate(ctx context.Context, inv *Invocation) error {
	reg := awsFlags(inv)
	if inv.Bool("create-log-groups") {
		reg = append(reg, "--create-log-groups")
	}
	return chain(ctx, inv, inv.Bool("json"), stepCall{"compose2td", composeFlags(inv)}, stepCall{"register", reg})
}

func composeUp(ctx context.Context, inv *Invocation) error {
	args := append([]string{"up"}, runFlags(inv, "tags", "disable-ecs-managed-tags", "create-log-groups", "force-update")...)
	return chain(ctx, inv, inv.Bool("json"), stepCall{"compose2td", composeFlags(inv)}, stepCall{"register", awsFlags(inv)}, stepCall{"run", args})
}

func composeRun(ctx context.Context, inv *Invocation) error {
	if len(inv.Args)%2 != 0 {
		return usageError(`Please pass arguments in the form: CONTAINER "COMMAND ..." [CONTAINER "COMMAND..."] ...`)
	}
	args := runFlags(inv, "tags", "disable-ecs-managed-tags")
	for i := 0; i < len(inv.Args); i += 2 {
		args = append(args, "--command="+inv.Args[i]+"="+inv.Args[i+1])
	}
	return chain(ctx, inv, inv.Bool("json"), stepCall{"compose2td", composeFlags(inv)}, stepCall{"register", awsFlags(inv)}, stepCall{"run", args})
}

func composeScale(ctx context.Context, inv *Invocation) error {
	if len(inv.Args) != 1 {
		return usageError("Please pass arguments in the form: ecs-cli compose scale COUNT")
	}
	if err := checkCount(inv.Args[0]); err != nil {
		return err
	}
	args := append([]string{"scale", inv.Args[0]}, runFlags(inv, "tags", "disable-ecs-managed-tags")...)
	return chain(ctx, inv, inv.Bool("json"), stepCall{"compose2td", composeFlags(inv)}, stepCall{"register", awsFlags(inv)}, stepCall{"run", args})
}

// checkCount reads a scale COUNT before any step runs: compose scale
// registers a task definition first, and a count ECS cannot run must not
// get that far (nor wrap around in the step's 32-bit desired count).
func checkCount(arg string) error {
	_, err := bounds.Desired.Parse(arg)
	var nw *bounds.NotWhole
	if errors.As(err, &nw) {
		return usageError("Please pass an integer value for argument COUNT")
	}
	if err != nil {
		return usageError("COUNT: %v", err)
	}
	return nil
}

func composeStop(ctx context.Context, inv *Invocation) error {
	args := append([]string{"stop"}, awsFlags(inv)...)
	return chain(ctx, inv, inv.Bool("json"), stepCall{"compose2td", composeFlags(inv)}, stepCall{"run", args})
}

func composePs(ctx context.Context, inv *Invocation) error {
	args := append([]string{"ps"}, awsFlags(inv)...)
	if v := inv.Value("desired-status"); v != "" {
		args = append(args, "--desired-status="+v)
	}
	if inv.Bool("json") {
		args = append(args, "--json")
	} else {
		args = append(args, "--table")
	}
	return chain(ctx, inv, true, stepCall{"compose2td", composeFlags(inv)}, stepCall{"run", args})
}
