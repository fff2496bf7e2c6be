// Package local is ecs-local: it runs a task definition on this machine
// with Docker, as the original's `ecs-cli local create|up|ps|down` did.
package local

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
)

const name = "ecs-local"

// Flags are every subcommand's flags; each subcommand registers the ones
// the original had.
type Flags struct {
	AWS       awsconf.Flags
	File      string   // --task-def-file, -f
	Remote    string   // --task-def-remote, -t
	Compose   string   // --task-def-compose, -c (up)
	Output    string   // --output, -o
	Overrides []string // --override (up)
	Force     bool
	UseRole   bool // --use-role (create)
	All       bool // --all (ps, down)
	JSON      bool // --json (ps)
}

// Register adds the flags of subcommand sub to fs; ecs-cli forwards its
// local commands' flags by this registration.
func (f *Flags) Register(fs *flag.FlagSet, sub string) {
	for _, n := range []string{"region", "r"} {
		fs.StringVar(&f.AWS.Region, n, "", "[Optional] Specifies the AWS region to use (for --task-def-remote)")
	}
	fs.StringVar(&f.AWS.ECSProfile, "ecs-profile", "", "[Optional] Specifies the name of the ECS profile configuration to use. (also via ECS_PROFILE)")
	fs.StringVar(&f.AWS.AWSProfile, "aws-profile", "", "[Optional] Use the AWS credentials from an existing named profile in ~/.aws/credentials. (also via AWS_PROFILE)")
	fs.StringVar(&f.AWS.Endpoint, "endpoint", "", "Use a custom endpoint for every AWS service (AWS_ENDPOINT_URL also works)")
	for _, n := range []string{"task-def-file", "f"} {
		fs.StringVar(&f.File, n, "", "Specifies the filename that contains the task definition JSON (default "+DefaultInput+")")
	}
	for _, n := range []string{"task-def-remote", "t"} {
		fs.StringVar(&f.Remote, n, "", "Specifies the full ARN or family[:revision] of a registered task definition")
	}
	switch sub {
	case "create", "up":
		for _, n := range []string{"verbose", "debug"} {
			fs.BoolVar(&f.AWS.Verbose, n, false, "[Optional] Prints every AWS call on stderr")
		}
		for _, n := range []string{"output", "o"} {
			fs.StringVar(&f.Output, n, "", "Specifies the local filename to write the Docker Compose file to (default "+DefaultOutput+")")
		}
		fs.BoolVar(&f.Force, "force", false, "Overwrites the output files without asking, if ecs-local create wrote them (they begin with its marker line)")
	}
	switch sub {
	case "create":
		fs.BoolVar(&f.UseRole, "use-role", false, "Uses the task role ARN instead of temporary credentials.")
	case "up":
		for _, n := range []string{"task-def-compose", "c"} {
			fs.StringVar(&f.Compose, n, "", "Specifies the filename that contains the Docker Compose content to run locally.")
		}
		fs.Var((*flagenv.StringList)(&f.Overrides), "override", "Specifies the local Docker Compose override filename to use (repeatable)")
	case "ps", "down":
		fs.BoolVar(&f.All, "all", false, "All locally running ECS task containers")
		if sub == "ps" {
			fs.BoolVar(&f.JSON, "json", false, "Sets the output to JSON format.")
		}
	}
}

const usageText = `Usage: %s create|up|ps|down [flags]

Runs a task definition on this machine with Docker.

  create   writes a Docker Compose file (and an override file) from a task
           definition: --task-def-file, --task-def-remote, or "-" to read a
           pipeline document or task definition on stdin
  up       creates the Compose file when needed, the ecs-local-network and
           the local container endpoints, then runs docker compose up -d
  ps       lists the task's containers
  down     stops and removes the task's containers

`

// Env is what Run takes from its surroundings; tests replace it.
type Env struct {
	Getenv func(string) string
	Docker Docker
	Stdin  io.Reader
	// Terminal says whether the user can answer a prompt on Stdin.
	Terminal bool
}

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunEnv(ctx, args, Env{Getenv: os.Getenv, Docker: &CLI{}, Stdin: stdin, Terminal: stepio.IsTerminal(stdin)}, stdout, stderr)
}

// RunEnv is Run with its surroundings given.
func RunEnv(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		if len(args) == 0 {
			fmt.Fprintf(stderr, usageText, name)
			return exitcode.Usage
		}
		fmt.Fprintf(stdout, usageText, name)
		return exitcode.OK
	}
	sub := args[0]
	switch sub {
	case "create", "up", "ps", "down":
	default:
		fmt.Fprintf(stderr, "%s: unknown command %q: want create, up, ps or down\n", name, sub)
		return exitcode.Usage
	}
	var f Flags
	fs := flag.NewFlagSet(name+" "+sub, flag.ContinueOnError)
	f.Register(fs, sub)
	if code, done := flagenv.ParseCommand(fs, args[1:], env.Getenv, fmt.Sprintf(usageText, name)+"Flags:\n", stdout, stderr); done {
		return code
	}
	f.AWS.FromEnv(env.Getenv)
	s := &session{ctx: ctx, f: f, args: fs.Args(), env: env, stdout: stdout, stderr: stderr}
	var err error
	switch sub {
	case "create":
		_, err = s.create()
	case "up":
		err = s.up()
	case "ps":
		err = s.ps()
	case "down":
		err = s.down()
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s %s: %v\n", name, sub, err)
	}
	return exitcode.Of(err)
}

// session is one run of a subcommand.
type session struct {
	ctx            context.Context
	f              Flags
	args           []string
	env            Env
	stdout, stderr io.Writer
}

func (s *session) info(format string, args ...any) {
	fmt.Fprintf(s.stderr, name+": "+format+"\n", args...)
}
