package awsconf

import "flag"

// Flags are the AWS settings every AWS-using step takes, with the
// original's names: the ECS CLI's cluster configuration and ECS profile,
// an AWS shared-config profile, and overrides.
type Flags struct {
	Region        string // --region, -r
	Cluster       string // --cluster, -c
	ClusterConfig string // --cluster-config
	ECSProfile    string // --ecs-profile (also via ECS_PROFILE)
	AWSProfile    string // --aws-profile (also via AWS_PROFILE)
	Endpoint      string // --endpoint
	LaunchType    string // --launch-type, on the commands that have it
	Verbose       bool   // --verbose, --debug: one stderr line per AWS call (Env.Trace)
}

// Register adds the flags to fs, with the original's help. --launch-type
// is not among them: RegisterLaunchType adds it where a command has it.
func (f *Flags) Register(fs *flag.FlagSet) {
	for _, name := range []string{"region", "r"} {
		fs.StringVar(&f.Region, name, "", "[Optional] Specifies the AWS region to use. Defaults to the region configured using the configure command")
	}
	for _, name := range []string{"cluster", "c"} {
		fs.StringVar(&f.Cluster, name, "", "[Optional] Specifies the ECS cluster name to use. Defaults to the cluster configured using the configure command (also via ECS_CLUSTER)")
	}
	fs.StringVar(&f.ClusterConfig, "cluster-config", "", "[Optional] Specifies the name of the ECS cluster configuration to use. Defaults to the default cluster configuration.")
	fs.StringVar(&f.ECSProfile, "ecs-profile", "", "[Optional] Specifies the name of the ECS profile configuration to use. Defaults to the default profile configuration. (also via ECS_PROFILE)")
	fs.StringVar(&f.AWSProfile, "aws-profile", "", "[Optional] Use the AWS credentials from an existing named profile in ~/.aws/credentials. (also via AWS_PROFILE)")
	fs.StringVar(&f.Endpoint, "endpoint", "", "Use a custom endpoint for every AWS service (AWS_ENDPOINT_URL also works)")
	for _, name := range []string{"verbose", "debug"} {
		fs.BoolVar(&f.Verbose, name, false, "[Optional] Increase the verbosity of command output to aid in diagnostics: every AWS call on stderr")
	}
}

// RegisterLaunchType adds --launch-type to fs.
func (f *Flags) RegisterLaunchType(fs *flag.FlagSet) {
	fs.StringVar(&f.LaunchType, "launch-type", "", "[Optional] Specifies the launch type. Options: EC2 or FARGATE. Overrides the default launch type stored in your cluster configuration. Defaults to EC2 if a cluster configuration is not used.")
}

// FromEnv fills --ecs-profile from ECS_PROFILE and --aws-profile from
// AWS_PROFILE when they were not given: the original bound those variables
// to the flags. (ECS_CLUSTER is not a flag's: Resolve reads it.)
func (f *Flags) FromEnv(getenv func(string) string) {
	if f.ECSProfile == "" {
		f.ECSProfile = getenv("ECS_PROFILE")
	}
	if f.AWSProfile == "" {
		f.AWSProfile = getenv("AWS_PROFILE")
	}
}
