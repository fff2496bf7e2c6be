package ecscli

import (
	"flag"
	"io"
	"strings"

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

// StepFlags returns the flags step takes for verb (ecs-image push, ecs-local
// up; steps whose flags do not depend on the verb ignore it), built by the
// step's own registration, the one its binary parses with. ecs-cli hands a
// step exactly the given flags this set declares, so a flag the step gains
// needs no list here; nil for a step it does not know.
func StepFlags(step, verb string) *flag.FlagSet {
	fs := flag.NewFlagSet(step, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	switch step {
	case "compose2td":
		new(compose2td.Flags).Register(fs)
	case "register":
		new(register.Flags).Register(fs)
	case "run":
		new(runtasks.Flags).Register(fs)
	case "service":
		new(service.Flags).Register(fs)
	case "cluster":
		new(cluster.Flags).Register(fs, verb)
	case "image":
		new(image.Flags).Register(fs, verb)
	case "local":
		new(local.Flags).Register(fs, verb)
	case "logs":
		new(logs.Flags).Register(fs)
	case "regcreds":
		new(regcreds.Flags).Register(fs)
	default:
		return nil
	}
	return fs
}

// stepSets is the registrations of steps, each named "step" or "step verb",
// for a command's step flags (flags.step) to be made from.
func stepSets(steps ...string) []*flag.FlagSet {
	var out []*flag.FlagSet
	for _, s := range steps {
		step, verb, _ := strings.Cut(s, " ")
		out = append(out, StepFlags(step, verb))
	}
	return out
}
