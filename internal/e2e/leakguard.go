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
	return &leakGuard{out: out, name: name, secrets: envSecrets(), reported: map[string]bool{}}
}

// envSecrets are the process's AWS secret key and session token, when set
// to something long enough to be one.
func envSecrets() [][]byte {
	var secrets [][]byte
	for _, k := range []string{"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		if v := os.Getenv(k); len(v) >= 8 {
			secrets = append(secrets, []byte(v))
		}
	}
	return secrets
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
	note(leakLog, g.name+" printed "+what)
}

// failOnLeaks fails the script at its end if any step recorded a leak.
func failOnLeaks(env *testscript.Env) { failOnNotes(env, leakLog, "secrets reached a step's output") }

// note appends line to a guard's log under $WORK (leakLog, goTypeLog).
func note(log, line string) {
	f, err := os.OpenFile(filepath.Join(os.Getenv("WORK"), log), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintln(f, line)
}

// failOnNotes fails the script at its end, saying why, if a step noted
// anything in log.
func failOnNotes(env *testscript.Env, log, why string) {
	env.Defer(func() {
		if data, err := os.ReadFile(filepath.Join(env.WorkDir, log)); err == nil {
			env.T().Fatal(why + ":\n" + string(data))
		}
	})
}
