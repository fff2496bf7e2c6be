package e2e

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/rogpeppe/go-internal/testscript"
)

// Every step a script runs writes through a leak guard: if anything that
// must never be printed reaches its stdout or stderr, the step notes it in
// $WORK/.secret-leaks (naming the pattern, never the value), and the
// script fails when it ends, whatever the step's exit code and whatever the
// script expected. Secrets are the process's AWS secret key and session
// token, ECR passwords the fake hands out, and any value a script marks by
// ending it in "do-not-print".
var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`awsfake-ecr-[0-9a-f]{32}`),
	regexp.MustCompile(`[^\s"']*do-not-print`),
}

// leakLog is where steps record leaks, under the script's $WORK.
const leakLog = ".secret-leaks"

type leakGuard struct {
	out      io.Writer
	name     string // "ecs-image stdout"
	secrets  [][]byte
	tail     []byte // the end of what was written, to match across writes
	reported map[string]bool
}

// tailSize bounds what is kept between writes: longer than any pattern's
// match; a longer secret from the environment keeps its own length.
const tailSize = 512

func newLeakGuard(out io.Writer, name string) *leakGuard {
	g := &leakGuard{out: out, name: name, reported: map[string]bool{}}
	for _, k := range []string{"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		if v := os.Getenv(k); len(v) >= 8 {
			g.secrets = append(g.secrets, []byte(v))
		}
	}
	return g
}

func (g *leakGuard) Write(p []byte) (int, error) {
	seen := append(g.tail, p...)
	for _, s := range g.secrets {
		if bytes.Contains(seen, s) {
			g.report("a secret from the environment")
		}
	}
	for _, re := range secretPatterns {
		if re.Match(seen) {
			g.report(re.String())
		}
	}
	keep := tailSize
	for _, s := range g.secrets {
		keep = max(keep, len(s))
	}
	g.tail = append([]byte(nil), seen[max(0, len(seen)-keep):]...)
	return g.out.Write(p)
}

func (g *leakGuard) report(what string) {
	if g.reported[what] {
		return
	}
	g.reported[what] = true
	f, err := os.OpenFile(filepath.Join(os.Getenv("WORK"), leakLog), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s printed %s\n", g.name, what)
}

// failOnLeaks fails the script at its end if any step recorded a leak.
func failOnLeaks(env *testscript.Env) {
	env.Defer(func() {
		if data, err := os.ReadFile(filepath.Join(env.WorkDir, leakLog)); err == nil {
			env.T().Fatal("secrets reached a step's output:\n" + string(data))
		}
	})
}
