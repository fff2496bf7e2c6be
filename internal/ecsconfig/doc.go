// Package ecsconfig reads and writes ~/.ecs/config and ~/.ecs/credentials
// byte for byte as the original ECS CLI did, and reads its legacy INI
// config. It imports no AWS SDK package, so that a step reading only these
// files (ecs-compose2td, for default_launch_type) does not link the SDK's
// credential chain; internal/awsconf resolves settings from them.
package ecsconfig
