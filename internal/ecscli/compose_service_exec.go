package ecscli

import (
	"context"
)

// The classic compose service commands are chains of steps:
//
//	create, up:                compose2td | register | service create|up
//	start, scale N, stop, rm:  compose2td | service start|scale N|stop|rm
//	ps, list:                  compose2td | service ps --table
//
// stdout gets the table (ps) or, with --json, the final document.

func composeServiceCreate(ctx context.Context, inv *Invocation) error {
	return composeServiceVerb(ctx, inv, true, "create")
}

func composeServiceUp(ctx context.Context, inv *Invocation) error {
	return composeServiceVerb(ctx, inv, true, "up")
}

func composeServiceStart(ctx context.Context, inv *Invocation) error {
	return composeServiceVerb(ctx, inv, false, "start")
}

func composeServiceStop(ctx context.Context, inv *Invocation) error {
	return composeServiceVerb(ctx, inv, false, "stop")
}

func composeServiceRm(ctx context.Context, inv *Invocation) error {
	return composeServiceVerb(ctx, inv, false, "rm")
}

func composeServiceScale(ctx context.Context, inv *Invocation) error {
	if len(inv.Args) != 1 {
		return usageError("Please pass arguments in the form: ecs-cli compose service scale COUNT")
	}
	if err := checkCount(inv.Args[0]); err != nil {
		return err
	}
	return composeServiceVerb(ctx, inv, false, "scale", inv.Args[0])
}

func composeServicePs(ctx context.Context, inv *Invocation) error {
	return chain(ctx, inv, true, inv.call("compose2td", nil), psCall(inv, "service"))
}

func composeServiceVerb(ctx context.Context, inv *Invocation, register bool, verb ...string) error {
	calls := []stepCall{inv.call("compose2td", nil)}
	if register {
		calls = append(calls, inv.call("register", nil, logGroupsLast))
	}
	calls = append(calls, inv.call("service", verb, ownJSON))
	return chain(ctx, inv, inv.Bool("json"), calls...)
}
