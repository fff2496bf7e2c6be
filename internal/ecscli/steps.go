package ecscli

import (
	"context"
	"io"
	"os"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cluster"
	"github.com/ecs-toolkit/ecs-toolkit/internal/compose2td"
	"github.com/ecs-toolkit/ecs-toolkit/internal/image"
	"github.com/ecs-toolkit/ecs-toolkit/internal/local"
	"github.com/ecs-toolkit/ecs-toolkit/internal/logs"
	"github.com/ecs-toolkit/ecs-toolkit/internal/regcreds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/register"
	runtasks "github.com/ecs-toolkit/ecs-toolkit/internal/run"
	"github.com/ecs-toolkit/ecs-toolkit/internal/service"
)

// DefaultSteps is the step table of the real binary: every toolkit step by
// the name `ecs-cli <name>` answers to (TestDefaultStepsAreComplete keeps it
// in step with stepOrder). Wiring a new step is one line here.
func DefaultSteps() Steps {
	return Steps{
		"compose2td": compose2td.Run,
		"register":   register.Run,
		"image":      image.Run,
		"logs":       logs.Run,
		"regcreds":   regcreds.Run,
		"run":        runtasks.Run,
		"local":      local.Run,
		"service":    service.Run,
		"cluster":    cluster.Run,
	}
}

// Run is ecs-cli's main: the default steps and the process environment.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return New(DefaultSteps(), WithGetenv(os.Getenv)).Run(ctx, args, stdin, stdout, stderr)
}
