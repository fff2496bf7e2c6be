// Command ecs-service is a step of the ECS toolkit; see README.md.
package main

import (
	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/service"
)

func main() { cmdmain.Main(service.Run) }
