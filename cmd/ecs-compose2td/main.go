// Command ecs-compose2td converts a Docker Compose project (plus ecs-params and
// registry credentials) into the pipeline document; see README.md.
package main

import (
	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/compose2td"
)

func main() { cmdmain.Main(compose2td.Run) }
