// Command ecs-cluster is a step of the ECS toolkit; see README.md.
package main

import (
	"github.com/ecs-toolkit/ecs-toolkit/internal/cluster"
	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
)

func main() { cmdmain.Main(cluster.Run) }
