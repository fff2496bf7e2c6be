// Command ecs-run is a step of the ECS toolkit; see README.md.
package main

import (
	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/run"
)

func main() { cmdmain.Main(run.Run) }
