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
	"github.com/ecs-toolkit/ecs-toolkit/internal/notyet"
	"github.com/ecs-toolkit/ecs-toolkit/internal/regcreds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/register"
	runtasks "github.com/ecs-toolkit/ecs-toolkit/internal/run"
	"github.com/ecs-toolkit/ecs-toolkit/internal/service"
)

// DefaultSteps is the step table of the real binary: every toolkit step by
// the name `ecs-cli <name>` answers to. A step that is not built yet says so
// and exits 2. Wiring a new step is one line here.
func DefaultSteps() Steps {
	steps := Steps{}
	for _, name := range stepOrder() {
		steps[name] = notyet.Step("ecs-" + name)
	}
	steps["compose2td"] = compose2td.Run
	steps["register"] = register.Run
	steps["image"] = image.Run
	steps["logs"] = logs.Run
	steps["regcreds"] = regcreds.Run
	steps["run"] = runtasks.Run
	steps["local"] = local.Run
	steps["service"] = service.Run
	steps["cluster"] = cluster.Run
	return steps
}

// Run is ecs-cli's main: the default steps and the process environment.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return New(DefaultSteps(), WithGetenv(os.Getenv)).Run(ctx, args, stdin, stdout, stderr)
}
