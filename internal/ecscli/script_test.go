package ecscli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
)

// TestMain puts ecs-cli, with the default steps, on the scripts' $PATH. A
// script that sets ECSCLI_TEST_ECHO_STEP=<name> gets that step replaced by
// a fake that prints the arguments it got as {"args": [...]}, to show what
// reaches a step.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ecs-cli": func() {
			steps := DefaultSteps()
			if name := os.Getenv("ECSCLI_TEST_ECHO_STEP"); name != "" {
				steps[name] = echoArgs
			}
			cmdmain.Main(New(steps, WithGetenv(os.Getenv)).Run)
		},
	})
}

func echoArgs(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) int {
	if args == nil {
		args = []string{}
	}
	b, err := json.Marshal(map[string][]string{"args": args})
	if err != nil {
		return 1
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return 0
}

func TestScripts(t *testing.T) {
	t.Parallel()
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/scripts/cli",
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("TESTSCRIPT_UPDATE") != "",
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": exits},
	})
}

// exits runs a program like exec and wants a given exit status:
//
//	exits 2 ecs-cli compose up
//
// exec only tells zero from non-zero, and usage errors (2) must not pass
// for failures (1).
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}
