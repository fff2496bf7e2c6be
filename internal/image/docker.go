package image

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
)

// Docker runs one docker CLI command with stdin and returns what it wrote
// on stdout. It is the only way this package touches images.
type Docker interface {
	Run(ctx context.Context, stdin io.Reader, args ...string) (string, error)
}

// CLI is Docker over the docker program.
type CLI struct {
	Path string // the docker program; "docker" finds it on PATH
}

// Run runs Path with args. An error carries the first word of args and
// what docker said on stderr; the arguments never hold a secret (a
// password goes through stdin).
func (c CLI) Run(ctx context.Context, stdin io.Reader, args ...string) (string, error) {
	path := c.Path
	if path == "" {
		path = "docker"
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = stdin
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return out.String(), fmt.Errorf("docker %s: %s", firstWord(args), msg)
	}
	return out.String(), nil
}

func firstWord(args []string) string {
	if len(args) == 0 {
		return ""
	}
	if args[0] == "image" && len(args) > 1 {
		return "image " + args[1]
	}
	return args[0]
}

var digestRE = regexp.MustCompile(`digest: (sha256:[0-9a-f]{64})`)

// pushDigest pushes ref and returns the digest the registry gave it, from
// docker push's output or else from the image's RepoDigests.
func pushDigest(ctx context.Context, d Docker, ref string) (string, error) {
	out, err := d.Run(ctx, nil, "push", ref)
	if err != nil {
		return "", err
	}
	if m := digestRE.FindStringSubmatch(out); m != nil {
		return m[1], nil
	}
	out, err = d.Run(ctx, nil, "inspect", "--format", "{{index .RepoDigests 0}}", ref)
	if err != nil {
		return "", err
	}
	_, digest, ok := strings.Cut(strings.TrimSpace(out), "@")
	if !ok {
		return "", fmt.Errorf("docker push %s: no digest in its output or in the image's RepoDigests", ref)
	}
	return digest, nil
}
