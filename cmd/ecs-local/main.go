// Command ecs-local is a step of the ECS toolkit; see README.md.
package main

import (
	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/local"
)

func main() { cmdmain.Main(local.Run) }
