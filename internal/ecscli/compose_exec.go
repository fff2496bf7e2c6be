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
// Each step gets the given flags its own registration declares (StepFlags),
// so none is dropped; the document flows between them in memory. Progress and messages go to stderr; stdout gets the table
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
	if err := inv.unhandled(); err != nil {
		return err
	}
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

// The compose commands' --json is ecs-cli's (show the final document), not
// ecs-run's or ecs-service's (ps rows as JSON Lines), and --create-log-groups
// is for the step that starts tasks, not also for ecs-register before it.
const (
	ownJSON       = "json"
	logGroupsLast = "create-log-groups"
)

func composeCreate(ctx context.Context, inv *Invocation) error {
	return chain(ctx, inv, inv.Bool("json"), inv.call("compose2td", nil), inv.call("register", nil))
}

func composeUp(ctx context.Context, inv *Invocation) error {
	return chain(ctx, inv, inv.Bool("json"), inv.call("compose2td", nil), inv.call("register", nil, logGroupsLast),
		inv.call("run", []string{"up"}, ownJSON))
}

func composeRun(ctx context.Context, inv *Invocation) error {
	if len(inv.Args)%2 != 0 {
		return usageError(`Please pass arguments in the form: CONTAINER "COMMAND ..." [CONTAINER "COMMAND..."] ...`)
	}
	run := inv.call("run", nil, ownJSON)
	for i := 0; i < len(inv.Args); i += 2 {
		run.args = append(run.args, "--command="+inv.Args[i]+"="+inv.Args[i+1])
	}
	return chain(ctx, inv, inv.Bool("json"), inv.call("compose2td", nil), inv.call("register", nil), run)
}

func composeScale(ctx context.Context, inv *Invocation) error {
	if len(inv.Args) != 1 {
		return usageError("Please pass arguments in the form: ecs-cli compose scale COUNT")
	}
	if err := checkCount(inv.Args[0]); err != nil {
		return err
	}
	return chain(ctx, inv, inv.Bool("json"), inv.call("compose2td", nil), inv.call("register", nil),
		inv.call("run", []string{"scale", inv.Args[0]}, ownJSON))
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
	return chain(ctx, inv, inv.Bool("json"), inv.call("compose2td", nil), inv.call("run", []string{"stop"}, ownJSON))
}

func composePs(ctx context.Context, inv *Invocation) error {
	return chain(ctx, inv, true, inv.call("compose2td", nil), psCall(inv, "run"))
}

// psCall is step's ps with the table, or with --json its JSON Lines.
func psCall(inv *Invocation, step string) stepCall {
	c := inv.call(step, []string{"ps"}, ownJSON)
	if inv.Bool("json") {
		c.args = append(c.args, "--json")
	} else {
		c.args = append(c.args, "--table")
	}
	return c
}
