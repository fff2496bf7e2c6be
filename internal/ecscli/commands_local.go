package ecscli

// local: ECS task definitions run as docker compose projects on this machine.

const (
	localInFile  = "task-definition.json"
	localOutFile = "docker-compose.ecs-local.yml"
	localNetwork = "ecs-local-network"
)

func localCommand() *command {
	c := group("local", "Runs your ECS tasks locally.",
		localCreateCommand(),
		localUpCommand(),
		localDownCommand(),
		localPsCommand(),
	)
	ecsProfileFlag(c.flags)
	awsProfileFlag(c.flags)
	regionFlag(c.flags)
	return c
}

func localCreateCommand() *command {
	c := newCommand("create", "Creates a Compose file from an ECS task definition.")
	taskDefFileFlags(c.flags,
		"Specifies the filename that contains the task definition JSON to convert to a Docker Compose file. If one is not specified, the ECS CLI will look for "+localInFile+".",
		"Specifies the full Amazon Resource Name (ARN) or family:revision of the task definition to convert to a Docker Compose file. If you specify a task definition family without a revision, the latest revision is used.")
	localOutputFlag(c.flags)
	localForceFlag(c.flags)
	c.flags.boolean("Uses the task role ARN instead of temporary credentials.", "use-role")
	return c
}

func localUpCommand() *command {
	c := newCommand("up", "Runs containers locally from an ECS Task Definition. NOTE: Creates a docker-compose file in current directory and a "+localNetwork+" if one doesn't exist.")
	c.flags.str("Specifies the filename that contains the Docker Compose content to run locally.", "task-def-compose", "c")
	taskDefFileFlags(c.flags,
		"Specifies the filename containing the task definition JSON to convert and run locally.  If one is not specified, the ECS CLI will look for "+localInFile+".",
		"Specifies the full Amazon Resource Name (ARN) or family:revision of the task definition to convert and run locally. If you specify a task definition family without a revision, the latest revision is used.")
	localOutputFlag(c.flags)
	c.flags.list("Specifies the local Docker Compose override filename to use.", "override")
	localForceFlag(c.flags)
	return c
}

func localPsCommand() *command {
	c := newCommand("ps", "Lists locally running ECS task containers.")
	taskDefFileFlags(c.flags,
		"Lists all running containers matching the task definition filename. If one is not specified, the ECS CLI will list containers started with the task definition filename "+localInFile+".",
		"Lists all running containers matching the task definition Amazon Resource Name (ARN) or family:revision. If you specify a task definition family without a revision, the latest revision is used.")
	c.flags.boolean("Lists all locally running containers.", "all")
	c.flags.boolean("Sets the output to JSON format.", "json")
	return c
}

func localDownCommand() *command {
	c := newCommand("down", "Stops and removes a running ECS task. NOTE: Removes the "+localNetwork+" if it has no more running tasks.")
	taskDefFileFlags(c.flags,
		"Stops and removes all running containers matching the task definition filename. If one is not specified, the ECS CLI removes all running containers matching the task definition filename "+localInFile+".",
		"Stops and removes all running containers matching the task definition Amazon Resource Name (ARN) or family:revision. If you specify a task definition family without a revision, the latest revision is used.")
	c.flags.boolean("Stops and removes all locally running containers.", "all")
	return c
}
