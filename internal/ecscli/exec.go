package ecscli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/configure"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// Exec runs one classic command once its flags, and its parents', are
// parsed. An error it returns is printed once, as "ecs-cli <command>: <err>",
// and decides the exit code (exitcode.Of).
type Exec func(ctx context.Context, inv *Invocation) error

// Execs maps each runnable classic command, by path ("compose service up"),
// to what runs it. This table is where a command gets wired to its steps;
// TestExecsCoverRunnableCommands checks that no runnable command is missing.
func Execs() map[string]Exec {
	return map[string]Exec{
		"configure": func(_ context.Context, inv *Invocation) error {
			return configure.Cluster(awsconf.Home(inv.Getenv), configure.ClusterOptions{
				Cluster:                  inv.Value("cluster"),
				Region:                   inv.Value("region"),
				ConfigName:               inv.Value("config-name"),
				ComposeServiceNamePrefix: inv.Value("compose-service-name-prefix"),
				CFNStackName:             inv.Value("cfn-stack-name"),
				DefaultLaunchType:        inv.Value("default-launch-type"),
			}, inv.Stderr)
		},
		"configure default": func(_ context.Context, inv *Invocation) error {
			return configure.DefaultCluster(awsconf.Home(inv.Getenv), inv.Value("config-name"))
		},
		"configure profile": func(_ context.Context, inv *Invocation) error {
			return configure.Profile(awsconf.Home(inv.Getenv), configure.ProfileOptions{
				AccessKey:    inv.Value("access-key"),
				SecretKey:    inv.Value("secret-key"),
				SessionToken: inv.Value("session-token"),
				ProfileName:  inv.Value("profile-name"),
			}, inv.Stderr)
		},
		"configure profile default": func(_ context.Context, inv *Invocation) error {
			return configure.DefaultProfile(awsconf.Home(inv.Getenv), inv.Value("profile-name"))
		},
		"configure migrate": func(_ context.Context, inv *Invocation) error {
			return configure.Migrate(awsconf.Home(inv.Getenv), inv.Bool("force"), inv.Stdin, inv.Stdout, inv.Stderr)
		},
		"up":                     ForwardSub("cluster", "up"),
		"down":                   ForwardSub("cluster", "down"),
		"scale":                  ForwardSub("cluster", "scale"),
		"ps":                     ForwardSub("cluster", "ps"),
		"push":                   ForwardSub("image", "push"),
		"pull":                   ForwardSub("image", "pull"),
		"images":                 ForwardSub("image", "images"),
		"license":                printLicenses,
		"compose create":         composeCreate,
		"compose ps":             composePs,
		"compose run":            composeRun,
		"compose scale":          composeScale,
		"compose start":          composeUp,
		"compose stop":           composeStop,
		"compose up":             composeUp,
		"compose service create": composeServiceCreate,
		"compose service start":  composeServiceStart,
		"compose service up":     composeServiceUp,
		"compose service ps":     composeServicePs,
		"compose service scale":  composeServiceScale,
		"compose service stop":   composeServiceStop,
		"compose service rm":     composeServiceRm,
		"check-attributes":       ForwardSub("cluster", "check-attributes"),
		"logs":                   Forward("logs"),
		"registry-creds up":      ForwardSub("regcreds", "up"),
		"local create":           ForwardSub("local", "create"),
		"local up":               ForwardSub("local", "up"),
		"local ps":               ForwardSub("local", "ps"),
		"local down":             ForwardSub("local", "down"),
		"completion":             printCompletion,
		"help":                   printHelp,
	}
}

// unwired answers a runnable command missing from Execs, which
// TestExecsCoverRunnableCommands rules out: a bug, never a silent success.
func unwired(context.Context, *Invocation) error {
	return errors.New("no step is wired to this command (a bug in ecs-cli)")
}

// Forward returns an Exec that hands the command's own flags, as given, its
// arguments and the configuration flags given on its parents (ecs-cli
// --endpoint URL logs ...) to the named step: for classic commands that are
// a step under their old name (logs).
func Forward(step string) Exec {
	return func(ctx context.Context, inv *Invocation) error {
		return inv.RunStep(ctx, step, append(inheritedConfig(inv), inv.Given()...))
	}
}

// ForwardSub returns an Exec that runs a step's subcommand (ecs-image push,
// ecs-local create ...) with the command's own flags as given and the
// configuration flags given on its parent commands (ecs-cli --endpoint x
// local ps, ecs-cli registry-creds --region r up ...), so nothing the
// original read is dropped on the way.
func ForwardSub(step, word string) Exec {
	return func(ctx context.Context, inv *Invocation) error {
		args := append([]string{word}, inheritedConfig(inv)...)
		return inv.RunStep(ctx, step, append(args, inv.Given()...))
	}
}

// configFlagNames are the configuration flags a command passes on to the
// steps it runs, whichever level of the command line they were given at.
func configFlagNames() []string {
	return []string{"region", "cluster", "cluster-config", "ecs-profile", "aws-profile", "endpoint"}
}

// inheritedConfig lists the configuration flags set on the command's
// parents but not on the command itself; the command's own come in Given.
func inheritedConfig(inv *Invocation) []string {
	var out []string
	for _, name := range configFlagNames() {
		if inv.cmd.flags.lookup(name) != nil && inv.Value(name) != "" {
			continue
		}
		if v := inv.Inherited(name); v != "" {
			out = append(out, "--"+name+"="+v)
		}
	}
	return out
}

// Invocation is what an Exec gets: the parsed command line and the process
// it runs in.
type Invocation struct {
	Path   string   // the command's words after "ecs-cli": "compose service up"
	Args   []string // positional arguments after its flags
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Steps  Steps

	cmd *command
}

// Value returns the value of one of the command's own flags, as text; ""
// when the command has no such flag. The original read most flags only from
// the command that defines them (spec §1.1).
func (inv *Invocation) Value(name string) string {
	if s := inv.cmd.flags.lookup(name); s != nil {
		return s.value.String()
	}
	return ""
}

// Bool reports whether the command's own boolean flag name is set.
func (inv *Invocation) Bool(name string) bool { return inv.Value(name) == "true" }

// List returns the values of a repeatable flag of the command.
func (inv *Invocation) List(name string) []string {
	if s := inv.cmd.flags.lookup(name); s != nil {
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

// InheritedBool reports whether the boolean flag name is set on the command
// or one of its parents (compose --verbose service up).
func (inv *Invocation) InheritedBool(name string) bool {
	for c := inv.cmd; c != nil; c = c.parent {
		if s := c.flags.lookup(name); s != nil && s.kind == boolFlag && s.value.String() == "true" {
			return true
		}
	}
	return false
}

// Given rebuilds the command's own flags that were set, on the command line
// or from the environment, followed by its arguments, in a form any step
// parses the same way.
func (inv *Invocation) Given() []string {
	var out []string
	fl := inv.cmd.flags
	for _, s := range fl.specs {
		if !fl.given(s) && (s.env == "" || inv.Getenv(s.env) == "") {
			continue
		}
		switch s.kind {
		case listFlag:
			for _, v := range inv.List(s.name()) {
				out = append(out, "--"+s.name()+"="+v)
			}
		default:
			out = append(out, "--"+s.name()+"="+s.value.String())
		}
	}
	for _, a := range inv.Args {
		if strings.HasPrefix(a, "-") {
			// The arguments were after a "--" too, and the step reads flags
			// after arguments: without one, `images web -- --json` would
			// reach it as a flag.
			out = append(out, "--")
			break
		}
	}
	return append(out, inv.Args...)
}

// RunStep runs a step in this process with the invocation's streams. A step
// prints its own errors, so a failure comes back already reported.
func (inv *Invocation) RunStep(ctx context.Context, name string, args []string) error {
	run, ok := inv.Steps[name]
	if !ok {
		return fmt.Errorf("no step %q in this build", name)
	}
	return codeOnly(run(ctx, args, inv.Stdin, inv.Stdout, inv.Stderr))
}

// errReported marks an error whose message is already on stderr.
var errReported = errors.New("reported")

func reported(code int) error { return &exitcode.Error{Code: code, Err: errReported} }

func usageError(format string, args ...any) error { return exitcode.Usagef(format, args...) }

// errParse is what flag values return for text that does not parse; the
// flag package quotes the value and the flag around it.
var errParse = errors.New("parse error")
