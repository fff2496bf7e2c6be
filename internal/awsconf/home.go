package awsconf

import "github.com/ecs-toolkit/ecs-toolkit/internal/ecsconfig"

// Home is the home directory the ~/.ecs files live under (ecsconfig.Home),
// for the callers that resolve settings too.
func Home(getenv func(string) string) string { return ecsconfig.Home(getenv) }
