package scriptcmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// EchoStepEnv names the step a story replaces with EchoStep: with
// ECSCLI_TEST_ECHO_STEP=image, `ecs-cli images web` prints what ecs-cli
// handed ecs-image instead of running it.
const EchoStepEnv = "ECSCLI_TEST_ECHO_STEP"

// EchoStep is a step that prints the arguments it got as {"args": [...]},
// to show what reaches a step.
func EchoStep(_ context.Context, args []string, _ io.Reader, stdout, _ io.Writer) int {
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
