package awsconf

import (
	"errors"
	"os"
)

// DefaultLaunchType returns default_launch_type of the cluster configuration
// named clusterConfig (or the default one) in ~/.ecs/config, or "" when there
// is no such file or configuration. It reads only that file: steps that make
// no AWS call (ecs-compose2td) use it to set requiresCompatibilities as the
// original did.
func DefaultLaunchType(home, clusterConfig string) string {
	s := Store{Home: home}
	if _, err := os.Stat(s.ConfigPath()); errors.Is(err, os.ErrNotExist) || home == "" {
		return ""
	}
	cfg, err := s.ReadClusters()
	if err != nil || cfg == nil {
		return ""
	}
	name := clusterConfig
	if name == "" {
		name = cfg.Default
	}
	return cfg.Clusters[name].DefaultLaunchType
}
