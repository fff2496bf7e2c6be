// Package compose converts a Docker Compose project, an ecs-params file and an
// ecs-registry-creds file into an ECS RegisterTaskDefinition input and the run
// parameters that go with it.
//
// It is the toolkit's pure conversion core: it reads the files it is handed
// and nothing else: no AWS client, no globals, no clock, and no environment
// other than the map in Options.
//
// The rules follow the original ECS CLI v1 (see shared/spec/
// compose-to-task-definition.md) with the changes listed in README.md under
// "Differences from ECS CLI v1". Output is deterministic: containers sorted by
// name, environment sorted by name, volumes in allocation order, and empty
// values left out (an absent field and an empty one mean the same to ECS).
package compose
