// Package notyet stands in for steps that are not built yet: it says so and
// exits 2, never pretending to succeed.
package notyet

import (
	"context"
	"fmt"
	"io"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// Step returns a Run function for the named step that reports it is not
// implemented yet. --version still answers, so packaging checks work.
func Step(name string) cmdmain.RunFunc {
	return func(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
		fmt.Fprintf(stderr, "%s: not implemented yet\n", name)
		return exitcode.Usage
	}
}
