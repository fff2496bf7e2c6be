package ecscli

// configure and its subcommands: the only classic commands that touch no
// AWS API, only ~/.ecs.

func configureCommand() *command {
	c := newCommand("configure", "Stores a single cluster configuration.")
	fl := c.flags
	fl.str("Specifies the ECS cluster name to use. If the cluster does not exist, it is created when you try to add resources to it with the ecs-cli up command.", "cluster", "c").env = "ECS_CLUSTER"
	fl.str("Specifies the AWS region to use. If the AWS_REGION environment variable is set when ecs-cli configure is run, then the AWS region is set to the value of that environment variable.", "region", "r").env = "AWS_REGION"
	fl.strDefault("default", "Specifies the cluster configuration name to use for this configuration.", "config-name")
	fl.str("[Deprecated] Specifies the prefix added to an ECS service created from a compose file. Format <prefix><project-name>. (defaults to empty)", "compose-service-name-prefix")
	fl.str("[Optional] Specifies the name of AWS CloudFormation stack created on ecs-cli up. (default: \"amazon-ecs-cli-setup-<cluster-name>\")", "cfn-stack-name")
	fl.str("[Optional] Specifies the type of tasks that you would like to run. Options: EC2 or FARGATE. Defaults to empty string if none provided.", "default-launch-type")
	return c.add(configureProfileCommand(), configureDefaultCommand(), configureMigrateCommand())
}

func configureDefaultCommand() *command {
	c := newCommand("default", "Sets the default cluster config.")
	c.flags.str("Specifies the name of the cluster configuration to use by default.", "config-name")
	return c
}

func configureProfileCommand() *command {
	c := newCommand("profile", "Stores a single profile.")
	fl := c.flags
	fl.str("Specifies the AWS access key to use. The ECS CLI uses the value of your $AWS_ACCESS_KEY_ID environment variable if it is set.", "access-key").env = "AWS_ACCESS_KEY_ID"
	fl.str("Specifies the AWS secret key to use. The ECS CLI uses the value of your $AWS_SECRET_ACCESS_KEY environment variable if it is set.", "secret-key").env = "AWS_SECRET_ACCESS_KEY"
	fl.strDefault("default", "Specifies the profile name to use for this configuration.", "profile-name")
	fl.str("[Optional] Specifies the AWS session token to use. The ECS CLI uses the value of your $AWS_SESSION_TOKEN environment variable if it is set.", "session-token").env = "AWS_SESSION_TOKEN"

	def := newCommand("default", "Sets the default profile.")
	def.flags.str("Specifies the name of the profile to use by default.", "profile-name")
	return c.add(def)
}

func configureMigrateCommand() *command {
	c := newCommand("migrate", "Migrates a legacy ECS CLI configuration file to the current YAML format.")
	c.flags.boolean("[Optional] Omits the interactive description and confirmation step that normally occurs during the configuration file migration process.", "force")
	return c
}
