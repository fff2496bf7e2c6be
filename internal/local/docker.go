package local

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
)

// Docker runs the docker CLI (with the compose v2 plugin): every Docker
// call ecs-local makes goes through this one method. env is added to the
// process environment; stdin, stdout and stderr may be nil.
type Docker interface {
	Docker(ctx context.Context, args []string, env []string, stdin io.Reader, stdout, stderr io.Writer) error
}

// CLI is the docker executable on PATH (or at Path).
type CLI struct{ Path string }

// Docker runs `docker args...`.
func (c CLI) Docker(ctx context.Context, args []string, env []string, stdin io.Reader, stdout, stderr io.Writer) error {
	bin := c.Path
	if bin == "" {
		bin = "docker"
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	if len(env) > 0 {
		cmd.Env = append(cmd.Environ(), env...)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	return cmd.Run()
}

// dockerError is a failed docker command with what it said on stderr.
type dockerError struct {
	args   []string
	stderr string
	err    error
}

func (e *dockerError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("docker %s: %s", strings.Join(e.args, " "), msg)
}

func (e *dockerError) Unwrap() error { return e.err }

// notFound says whether docker answered "no such ..." (network, container).
func notFound(err error) bool {
	de, ok := err.(*dockerError)
	return ok && strings.Contains(strings.ToLower(de.stderr), "no such")
}

// output runs a docker command and returns its stdout.
func output(ctx context.Context, d Docker, args ...string) (string, error) {
	var out, errb bytes.Buffer
	if err := d.Docker(ctx, args, nil, nil, &out, &errb); err != nil {
		return out.String(), &dockerError{args: args, stderr: errb.String(), err: err}
	}
	return out.String(), nil
}
