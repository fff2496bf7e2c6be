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

// serviceFlags gives ecs-service the flags the subcommand has and was given.
func serviceFlags(inv *Invocation) []string {
	a := awsFlags(inv)
	if v := inv.Inherited("launch-type"); v != "" {
		a = append(a, "--launch-type="+v)
	}
	for _, n := range []string{"deployment-max-percent", "deployment-min-healthy-percent", "target-group-arn", "container-name",
		"container-port", "load-balancer-name", "role", "health-check-grace-period", "scheduling-strategy", "timeout", "tags", "desired-status",
		"vpc", "private-dns-namespace", "private-dns-namespace-id", "public-dns-namespace", "public-dns-namespace-id", "sd-container-name",
		"sd-container-port", "dns-ttl", "dns-type", "healthcheck-custom-config-failure-threshold"} {
		if v := inv.Value(n); v != "" {
			a = append(a, "--"+n+"="+v)
		}
	}
	for _, v := range inv.List("target-groups") {
		a = append(a, "--target-groups="+v)
	}
	for _, n := range []string{"force-deployment", "create-log-groups", "disable-ecs-managed-tags", "enable-service-discovery", "update-service-discovery", "delete-namespace"} {
		if inv.Bool(n) {
			a = append(a, "--"+n)
		}
	}
	return a
}

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
	args := append([]string{"ps"}, serviceFlags(inv)...)
	if inv.Bool("json") {
		args = append(args, "--json")
	} else {
		args = append(args, "--table")
	}
	return chain(ctx, inv, true, stepCall{"compose2td", composeFlags(inv)}, stepCall{"service", args})
}

func composeServiceVerb(ctx context.Context, inv *Invocation, register bool, verb ...string) error {
	calls := []stepCall{{"compose2td", composeFlags(inv)}}
	if register {
		calls = append(calls, stepCall{"register", awsFlags(inv)})
	}
	calls = append(calls, stepCall{"service", append(verb, serviceFlags(inv)...)})
	return chain(ctx, inv, inv.Bool("json"), calls...)
}
