// Package awsconf is the ECS CLI's configuration: it resolves a command's
// settings (cluster, region, credentials, endpoint) from the common flags,
// ~/.ecs/config and ~/.ecs/credentials (read by internal/ecsconfig), the
// environment and the AWS SDK's shared config, in the original's order,
// into an aws.Config every client of the command is built from.
package awsconf
