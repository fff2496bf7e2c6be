package ecscli

// compose and its task-mode subcommands. The compose-level flags sit
// between "compose" and the subcommand (ecs-cli compose -f a.yml up), as in
// the original.

func composeCommand() *command {
	c := group("compose", "Executes docker-compose-style commands on an ECS cluster.",
		composeCreateCommand(),
		composePsCommand(),
		composeRunCommand(),
		composeScaleCommand(),
		composeStartCommand(),
		composeStopCommand(),
		composeUpCommand(),
		serviceCommand(),
	)
	c.flags.from = stepSets("compose2td", "register")
	fl := c.flags
	fl.step("Specifies one or more Docker compose files to use. Defaults to docker-compose.yml file, and an optional docker-compose.override.yml file.", "file").env = "COMPOSE_FILE"
	fl.step("Specifies the project name to use. Defaults to the current directory name.", "project-name").env = "COMPOSE_PROJECT_NAME"
	fl.step("[Optional] Specifies the short name or full Amazon Resource Name (ARN) of the IAM role that containers in this task can assume. All containers in this task are granted the permissions that are specified in this role.", "task-role-arn")
	fl.step("[Optional] Specifies ecs-params file to use. Defaults to ecs-params.yml file, if one exists.", "ecs-params")
	fl.step("[Optional] Specifies the ecs-registry-creds file to use. Defaults to latest 'ecs-registry-creds' output file, if one exists.", "registry-creds")
	verboseFlag(fl)
	configFlags(fl)
	return c
}

func composeCreateCommand() *command {
	c := newCommand("create", "Creates an ECS task definition from your compose file. Note that we do not recommend using plain text environment variables for sensitive information, such as credential data.")
	c.flags.from = stepSets("compose2td", "register")
	configFlags(c.flags)
	launchTypeFlag(c.flags)
	createLogGroupsFlag(c.flags)
	tagsFlag(c.flags, tagsUsageTaskDef)
	jsonFlag(c.flags)
	return c
}

func composePsCommand() *command {
	c := newCommand("ps", "Lists all the containers in your cluster that were started by the compose project.")
	c.flags.from = stepSets("run")
	c.aliases = []string{"list"}
	configFlags(c.flags)
	desiredStatusFlag(c.flags)
	jsonFlag(c.flags)
	return c
}

func composeUpCommand() *command {
	c := newCommand("up", "Creates an ECS task definition from your compose file (if it does not already exist) and runs one instance of that task on your cluster (a combination of create and start).")
	c.flags.from = stepSets("run")
	configFlags(c.flags)
	launchTypeFlag(c.flags)
	createLogGroupsFlag(c.flags)
	forceUpdateFlag(c.flags)
	composeTaskTagFlags(c.flags)
	jsonFlag(c.flags)
	return c
}

func composeStartCommand() *command {
	c := newCommand("start", "Starts a single task from the task definition created from your compose file.")
	c.flags.from = stepSets("run")
	configFlags(c.flags)
	launchTypeFlag(c.flags)
	createLogGroupsFlag(c.flags)
	composeTaskTagFlags(c.flags)
	jsonFlag(c.flags)
	return c
}

func composeRunCommand() *command {
	c := newCommand("run", "Starts all containers overriding commands with the supplied one-off commands for the containers.")
	c.flags.from = stepSets("run")
	c.args = `[CONTAINER_NAME] ["COMMAND ..."] [CONTAINER_NAME] ["COMMAND ..."] ...`
	configFlags(c.flags)
	composeTaskTagFlags(c.flags)
	jsonFlag(c.flags)
	return c
}

func composeStopCommand() *command {
	c := newCommand("stop", "Stops all the running tasks created by the compose project.")
	c.flags.from = stepSets("run")
	c.aliases = []string{"down"}
	configFlags(c.flags)
	jsonFlag(c.flags)
	return c
}

func composeScaleCommand() *command {
	c := newCommand("scale", "Scales the number of running tasks to the specified count.")
	c.flags.from = stepSets("run")
	c.args = "COUNT"
	configFlags(c.flags)
	launchTypeFlag(c.flags)
	composeTaskTagFlags(c.flags)
	jsonFlag(c.flags)
	return c
}
