// Command ecs-cli reproduces the classic ECS CLI v1 command set by chaining the
// toolkit's steps in-process; see README.md.
package main

import (
	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecscli"
)

func main() { cmdmain.Main(ecscli.Run) }
