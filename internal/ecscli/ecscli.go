// Package ecscli is the ecs-cli front end: the classic ECS CLI v1 command
// tree (configure, up, compose service up, ...) with every flag of the
// original, parsed with ffcli, plus each toolkit step reachable as
// `ecs-cli <step>`. It holds no logic beyond parsing and chaining: a classic
// command runs through the Exec its path has in Execs, and a step name hands
// its arguments, untouched, to the step.
package ecscli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/version"
)

// Steps maps a step name ("compose2td", "run", ...) to the step's Run.
type Steps map[string]cmdmain.RunFunc

// CLI is an ecs-cli configured with its steps and the environment it reads.
type CLI struct {
	steps   Steps
	execs   map[string]Exec
	getenv  func(string) string
	version string
}

// Option configures a CLI.
type Option func(*CLI)

// WithGetenv sets where legacy environment variables (ECS_PROFILE,
// COMPOSE_FILE ...) are read from. Without it the environment is empty.
func WithGetenv(getenv func(string) string) Option {
	return func(c *CLI) { c.getenv = getenv }
}

// WithExec makes path ("compose service up") run e instead of its Exec from
// Execs.
func WithExec(path string, e Exec) Option {
	return func(c *CLI) { c.execs[path] = e }
}

// New returns an ecs-cli that runs steps for `ecs-cli <step>` and for the
// classic commands wired to them.
func New(steps Steps, opts ...Option) *CLI {
	c := &CLI{
		steps:   steps,
		execs:   Execs(),
		getenv:  func(string) string { return "" },
		version: version.String(),
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// session is one Run: the tree, with its flag values, and the streams.
type session struct {
	cli    *CLI
	root   *command
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// Run parses args (without the program name), runs the selected command and
// returns the exit code. Help goes to stdout; errors and usage after a usage
// error go to stderr.
func (c *CLI) Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	s := &session{cli: c, root: classicTree(), stdin: stdin, stdout: stdout, stderr: stderr}
	s.wire()
	ff := s.root.ffcli(s.exec)[0]

	args, at, err := s.root.arrange(args)
	if err != nil {
		return s.parseFailed(at, err)
	}
	if err := ff.Parse(args); err != nil {
		return s.parseFailed(s.root.parsed(), err)
	}
	sel := s.root.parsed()
	for _, cmd := range sel.lineage() {
		if err := cmd.flags.applyEnv(c.getenv); err != nil {
			return s.fail(cmd, err)
		}
	}
	if s.root.flags.lookup("version").value.String() == "true" {
		fmt.Fprintf(stdout, "%s version %s\n", rootName, c.version)
		return exitcode.OK
	}
	if err := ff.Run(ctx); err != nil {
		return s.fail(sel, err)
	}
	return exitcode.OK
}

// wire gives every runnable command its Exec, by path.
func (s *session) wire() {
	s.root.walk(func(c *command) {
		if c.runnable {
			if e, ok := s.cli.execs[c.path()]; ok {
				c.exec = e
			} else {
				c.exec = unwired
			}
		}
	})
}

// exec runs cmd, the command ffcli selected, with its positional args.
func (s *session) exec(ctx context.Context, cmd *command, args []string) error {
	if len(args) > 0 && isHelpWord(cmd, args[0]) {
		return showHelp(s.stdout, cmd, args[1:], s.cli.steps)
	}
	if !cmd.runnable {
		return s.dispatch(ctx, cmd, args)
	}
	if cmd.args == "" && len(args) > 0 {
		// A stray word is refused, not dropped: it is often a flag's value
		// or a flag the user meant.
		return usageError("%v (%s takes flags only)", flagenv.NoArguments(args), cmd.title())
	}
	return cmd.exec(ctx, &Invocation{
		Path:   cmd.path(),
		Args:   args,
		Stdin:  s.stdin,
		Stdout: s.stdout,
		Stderr: s.stderr,
		Getenv: s.cli.getenv,
		Steps:  s.cli.steps,
		cmd:    cmd,
	})
}

// dispatch handles a command that only selects subcommands and got none it
// knows. At the root, a step name runs that step with the rest of the
// arguments exactly as given (--help included).
func (s *session) dispatch(ctx context.Context, cmd *command, args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(s.stderr, "%s: missing command\n\n", cmd.title())
		writeUsage(s.stderr, cmd, s.cli.steps)
		return reported(exitcode.Usage)
	}
	if cmd == s.root {
		if run, ok := s.cli.steps[args[0]]; ok {
			if s.root.flags.lookup("endpoint").value.String() != "" {
				return usageError("--endpoint applies to the classic commands; a step takes its own flags after its name")
			}
			return codeOnly(run(ctx, args[1:], s.stdin, s.stdout, s.stderr))
		}
	}
	return usageError("unknown command %q\nRun '%s --help' for usage.", args[0], cmd.title())
}

// codeOnly turns a step's exit code into an already-reported error.
func codeOnly(code int) error {
	if code == exitcode.OK {
		return nil
	}
	return reported(code)
}

// parseFailed reports a flag error on cmd: help on stdout for -h/--help,
// otherwise the error and the usage on stderr, exit 2.
func (s *session) parseFailed(cmd *command, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		writeUsage(s.stdout, cmd, s.cli.steps)
		return exitcode.OK
	}
	if inner := errors.Unwrap(err); inner != nil {
		err = inner // drop ff's "error parsing commandline arguments: "
	}
	fmt.Fprintf(s.stderr, "%s: %v\n\n", cmd.title(), err)
	writeUsage(s.stderr, cmd, s.cli.steps)
	return exitcode.Usage
}

// fail prints err once, naming the command, and returns its exit code. An
// Exec returning flag.ErrHelp asks for its usage, as in ffcli: a usage error.
func (s *session) fail(cmd *command, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		writeUsage(s.stderr, cmd, s.cli.steps)
		return exitcode.Usage
	}
	code := exitcode.Of(err)
	if code == exitcode.OK { // an error always fails the run
		code = exitcode.Failed
	}
	if !errors.Is(err, errReported) {
		fmt.Fprintf(s.stderr, "%s: %v\n", cmd.title(), err)
	}
	return code
}
