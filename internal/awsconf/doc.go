// Package awsconf is the ECS CLI's configuration: it reads and writes
// ~/.ecs/config and ~/.ecs/credentials byte for byte as the original did
// (and reads its legacy INI config), and resolves a command's settings
// (cluster, region, credentials, endpoint) from the common flags, those
// files, the environment and the AWS SDK's shared config, in the original's
// order, into an aws.Config every client of the command is built from.
package awsconf
