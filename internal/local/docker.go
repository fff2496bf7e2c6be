package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
)

// Docker runs the docker CLI (with the compose v2 plugin): every Docker
// call ecs-local makes goes through this one method. env is added to the
// process environment; stdin, stdout and stderr may be nil.
type Docker interface {
	Docker(ctx context.Context, args []string, env []string, stdin io.Reader, stdout, stderr io.Writer) error
}

// CLI is the docker executable on PATH (or at Path). The docker CLI reads
// Docker's own environment (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG,
// ...) from the environment it is given, which is the step's.
//
// `docker compose ...` runs the Compose plugin when docker has it and the
// standalone docker-compose program otherwise.
type CLI struct {
	Path string

	once    sync.Once
	compose []string // how to run compose: {"docker", "compose"} or {"docker-compose"}
	noneErr error    // neither exists
}

// Docker runs `docker args...`.
func (c *CLI) Docker(ctx context.Context, args []string, env []string, stdin io.Reader, stdout, stderr io.Writer) error {
	bin := c.docker()
	if len(args) > 0 && args[0] == "compose" {
		cmd, err := c.composeCommand(ctx)
		if err != nil {
			return err
		}
		bin, args = cmd[0], append(cmd[1:len(cmd):len(cmd)], args[1:]...)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	if len(env) > 0 {
		cmd.Env = append(cmd.Environ(), env...)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	return cmd.Run()
}

func (c *CLI) docker() string {
	if c.Path == "" {
		return "docker"
	}
	return c.Path
}

// composeCommand finds Compose once: the docker plugin first (`docker
// compose version` answers without an engine), then docker-compose.
func (c *CLI) composeCommand(ctx context.Context) ([]string, error) {
	c.once.Do(func() {
		if err := exec.CommandContext(ctx, c.docker(), "compose", "version").Run(); err == nil {
			c.compose = []string{c.docker(), "compose"}
			return
		}
		if p, err := exec.LookPath("docker-compose"); err == nil {
			c.compose = []string{p}
			return
		}
		c.noneErr = errors.New("Docker Compose is not installed: neither the Compose plugin (`docker compose`) nor the standalone `docker-compose` was found; install Docker Compose v2 or later (https://docs.docker.com/compose/install/)")
	})
	return c.compose, c.noneErr
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

// output runs a docker command and returns its stdout.
func output(ctx context.Context, d Docker, args ...string) (string, error) {
	var out, errb bytes.Buffer
	if err := d.Docker(ctx, args, nil, nil, &out, &errb); err != nil {
		return out.String(), &dockerError{args: args, stderr: errb.String(), err: err}
	}
	return out.String(), nil
}

// Existence is asked with listing filters, never by reading an error:
// each engine version words "not found" its own way (20.10 says "network
// ecs-local-network not found", later ones "No such network"), and a
// listing answers the same in all of them.

// networkID is the ID of the network called name, "" when there is none.
func networkID(ctx context.Context, d Docker, name string) (string, error) {
	out, err := output(ctx, d, "network", "ls", "--filter", "name=^"+name+"$", "--format", "{{.ID}}")
	return strings.TrimSpace(out), err
}

// containerID is the ID of the container called name, running or not, ""
// when there is none.
func containerID(ctx context.Context, d Docker, name string) (string, error) {
	out, err := output(ctx, d, "ps", "-a", "--filter", "name=^/"+name+"$", "--format", "{{.ID}}")
	return strings.TrimSpace(out), err
}
