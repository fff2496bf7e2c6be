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
	c.flags.from = stepSets("local")
	ecsProfileFlag(c.flags)
	awsProfileFlag(c.flags)
	regionFlag(c.flags)
	return c
}

func localCreateCommand() *command {
	c := newCommand("create", "Creates a Compose file from an ECS task definition.")
	c.flags.from = stepSets("local create")
	taskDefFileFlags(c.flags,
		"Specifies the filename that contains the task definition JSON to convert to a Docker Compose file. If one is not specified, the ECS CLI will look for "+localInFile+".",
		"Specifies the full Amazon Resource Name (ARN) or family:revision of the task definition to convert to a Docker Compose file. If you specify a task definition family without a revision, the latest revision is used.")
	localOutputFlag(c.flags)
	localForceFlag(c.flags)
	c.flags.step("Uses the task role ARN instead of temporary credentials.", "use-role")
	return c
}

func localUpCommand() *command {
	c := newCommand("up", "Runs containers locally from an ECS Task Definition. NOTE: Creates a docker-compose file in current directory and a "+localNetwork+" if one doesn't exist.")
	c.flags.from = stepSets("local up")
	c.flags.step("Specifies the filename that contains the Docker Compose content to run locally.", "task-def-compose")
	taskDefFileFlags(c.flags,
		"Specifies the filename containing the task definition JSON to convert and run locally.  If one is not specified, the ECS CLI will look for "+localInFile+".",
		"Specifies the full Amazon Resource Name (ARN) or family:revision of the task definition to convert and run locally. If you specify a task definition family without a revision, the latest revision is used.")
	localOutputFlag(c.flags)
	c.flags.step("Specifies the local Docker Compose override filename to use.", "override")
	localForceFlag(c.flags)
	return c
}

func localPsCommand() *command {
	c := newCommand("ps", "Lists locally running ECS task containers.")
	c.flags.from = stepSets("local ps")
	taskDefFileFlags(c.flags,
		"Lists all running containers matching the task definition filename. If one is not specified, the ECS CLI will list containers started with the task definition filename "+localInFile+".",
		"Lists all running containers matching the task definition Amazon Resource Name (ARN) or family:revision. If you specify a task definition family without a revision, the latest revision is used.")
	c.flags.step("Lists all locally running containers.", "all")
	c.flags.step("Sets the output to JSON format.", "json")
	return c
}

func localDownCommand() *command {
	c := newCommand("down", "Stops and removes a running ECS task. NOTE: Removes the "+localNetwork+" if it has no more running tasks.")
	c.flags.from = stepSets("local down")
	taskDefFileFlags(c.flags,
		"Stops and removes all running containers matching the task definition filename. If one is not specified, the ECS CLI removes all running containers matching the task definition filename "+localInFile+".",
		"Stops and removes all running containers matching the task definition Amazon Resource Name (ARN) or family:revision. If you specify a task definition family without a revision, the latest revision is used.")
	c.flags.step("Stops and removes all locally running containers.", "all")
	return c
}
