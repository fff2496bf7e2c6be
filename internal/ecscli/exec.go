package ecscli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/ecs-toolkit/ecs-toolkit/internal/configure"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsconfig"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
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
			return configure.Cluster(ecsconfig.Home(inv.Getenv), configure.ClusterOptions{
				Cluster:                  inv.Value("cluster"),
				Region:                   inv.Value("region"),
				ConfigName:               inv.Value("config-name"),
				ComposeServiceNamePrefix: inv.Value("compose-service-name-prefix"),
				CFNStackName:             inv.Value("cfn-stack-name"),
				DefaultLaunchType:        inv.Value("default-launch-type"),
			}, inv.Stderr)
		},
		"configure default": func(_ context.Context, inv *Invocation) error {
			return configure.DefaultCluster(ecsconfig.Home(inv.Getenv), inv.Value("config-name"))
		},
		"configure profile": func(_ context.Context, inv *Invocation) error {
			return configure.Profile(ecsconfig.Home(inv.Getenv), configure.ProfileOptions{
				AccessKey:    inv.Value("access-key"),
				SecretKey:    inv.Value("secret-key"),
				SessionToken: inv.Value("session-token"),
				ProfileName:  inv.Value("profile-name"),
			}, inv.Stderr)
		},
		"configure profile default": func(_ context.Context, inv *Invocation) error {
			return configure.DefaultProfile(ecsconfig.Home(inv.Getenv), inv.Value("profile-name"))
		},
		"configure migrate": func(_ context.Context, inv *Invocation) error {
			return configure.Migrate(ecsconfig.Home(inv.Getenv), inv.Bool("force"), inv.Stdin, inv.Stdout, inv.Stderr)
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

// Forward returns an Exec that runs a step that is a classic command under
// its old name (logs): see ForwardSub.
func Forward(step string) Exec {
	return forwardTo(step, nil)
}

// ForwardSub returns an Exec that runs a step's subcommand (ecs-image push,
// ecs-local create ...) with the flags given on the command and its parents
// (ecs-cli --endpoint x local ps, ecs-cli registry-creds --region r up ...)
// that the step's own registration declares, then the command's arguments.
// A given flag the step does not declare is refused as a bug: nothing the
// original read is dropped on the way.
func ForwardSub(step, word string) Exec {
	return forwardTo(step, []string{word})
}

func forwardTo(step string, words []string) Exec {
	return func(ctx context.Context, inv *Invocation) error {
		verb := inv.cmd.name // the step's flags for this command: ecs-local up's for local up
		if len(words) > 0 {
			verb = words[0]
		}
		args := append(append([]string(nil), words...), inv.forward(StepFlags(step, verb))...)
		if err := inv.unhandled(); err != nil {
			return err
		}
		return inv.RunStep(ctx, step, append(args, inv.positional()...))
	}
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

	cmd     *command
	handled map[string]bool // given flags handed to a step or read by the Exec
}

// Value returns the value of one of the command's own flags, as text; ""
// when the command has no such flag. The original read most flags only from
// the command that defines them (spec §1.1).
func (inv *Invocation) Value(name string) string {
	if s := inv.cmd.flags.lookup(name); s != nil {
		inv.read(s)
		return s.value.String()
	}
	return ""
}

// Bool reports whether the command's own boolean flag name is set.
func (inv *Invocation) Bool(name string) bool { return inv.Value(name) == "true" }

// read records that the Exec handles the flag itself.
func (inv *Invocation) read(s *flagSpec) {
	if inv.handled == nil {
		inv.handled = map[string]bool{}
	}
	inv.handled[s.name()] = true
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
