package ecsconfig

// DefaultLaunchType returns default_launch_type of the cluster configuration
// named clusterConfig (or the default one) in ~/.ecs/config, or "" when there
// is no such file or configuration. It reads only that file: steps that make
// no AWS call (ecs-compose2td) use it to set requiresCompatibilities as the
// original did.
func DefaultLaunchType(home, clusterConfig string) string {
	cfg, err := Store{Home: home}.ReadClusters() // fails without a home or a file
	if err != nil {
		return ""
	}
	name := clusterConfig
	if name == "" {
		name = cfg.Default
	}
	return cfg.Clusters[name].DefaultLaunchType
}
