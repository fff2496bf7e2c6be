package ecscli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/scriptcmd"
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
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": scriptcmd.Exits},
	})
}
