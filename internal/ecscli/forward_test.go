package ecscli

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"
)

// Every flag of a classic command that is forwarded to a step as given
// (ecs-cli up, logs, local ..., push ...) and every configuration flag its
// parents pass on must be one the real step accepts: ecs-cli checks the
// original's flags, the step parses them again. Each flag is tried alone,
// followed by --help so that the step stops after parsing.
func TestForwardedFlagsParseInTheirStep(t *testing.T) {
	t.Parallel()
	forwarded := map[string]string{ // classic path -> step
		"up": "cluster", "down": "cluster", "scale": "cluster", "ps": "cluster", "check-attributes": "cluster",
		"push": "image", "pull": "image", "images": "image",
		"logs": "logs", "registry-creds up": "regcreds",
		"local create": "local", "local up": "local", "local ps": "local", "local down": "local",
	}
	real := DefaultSteps()
	configNames := []string{"region", "cluster", "cluster-config", "ecs-profile", "aws-profile", "endpoint"}
	for path, step := range forwarded {
		var cmd *command
		classicTree().walk(func(c *command) {
			if c.path() == path {
				cmd = c
			}
		})
		if cmd == nil {
			t.Fatalf("no command %q", path)
		}
		words := strings.Fields(path)
		var tries [][]string
		want := map[int]string{} // try -> an argument the step must get
		for _, f := range cmd.flags.specs {
			arg := "--" + f.name()
			if f.kind != boolFlag {
				arg += "=" + sampleValue(f.name())
			}
			tries = append(tries, append(append([]string(nil), words...), arg))
		}
		for p := cmd.parent; p != nil; p = p.parent {
			for _, f := range p.flags.specs {
				if f.kind == boolFlag || !slices.Contains(configNames, f.name()) {
					continue
				}
				var args []string
				if p.parent != nil {
					args = append(args, strings.Fields(p.path())...)
				}
				args = append(args, "--"+f.name()+"="+sampleValue(f.name()))
				want[len(tries)] = "--" + f.name() + "=" + sampleValue(f.name())
				args = append(args, words[len(strings.Fields(p.path())):]...)
				tries = append(tries, args)
			}
		}
		for i, args := range tries {
			var got []string
			ran := false
			steps := Steps{step: func(ctx context.Context, a []string, stdin io.Reader, stdout, stderr io.Writer) int {
				got, ran = a, true
				return real[step](ctx, append(a, "--help"), stdin, stdout, stderr)
			}}
			var out, errb bytes.Buffer
			code := New(steps).Run(context.Background(), args, strings.NewReader(""), &out, &errb)
			if !ran {
				t.Errorf("ecs-cli %s: the step did not run: %s", strings.Join(args, " "), errb.String())
			} else if w := want[i]; w != "" && !slices.Contains(got, w) {
				t.Errorf("ecs-cli %s: ecs-%s got %q, without %s", strings.Join(args, " "), step, got, w)
			} else if code != 0 {
				t.Errorf("ecs-cli %s: ecs-%s %q refused it (exit %d): %s", strings.Join(args, " "), step, got, code, errb.String())
			}
		}
	}
}

// sampleValue is a value each flag takes.
func sampleValue(name string) string {
	switch name {
	case "launch-type":
		return "EC2"
	case "endpoint":
		return "http://127.0.0.1:1"
	case "desired-status":
		return "RUNNING"
	case "start-time", "end-time":
		return "2006-01-02T15:04:05Z"
	case "tags":
		return "k=v"
	}
	return "1"
}
