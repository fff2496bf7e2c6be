package ecscli

// compose service: the compose project run as an ECS service.

func serviceCommand() *command {
	c := group("service", "Manage Amazon ECS services with docker-compose-style commands on an ECS cluster.",
		serviceCreateCommand(),
		serviceStartCommand(),
		serviceUpCommand(),
		servicePsCommand(),
		serviceScaleCommand(),
		serviceStopCommand(),
		serviceRmCommand(),
	)
	c.flags.from = stepSets("service")
	configFlags(c.flags)
	return c
}

func serviceCreateCommand() *command {
	c := newCommand("create", "Creates an ECS service from your compose file. The service is created with a desired count of 0, so no containers are started by this command. Note that we do not recommend using plain text environment variables for sensitive information, such as credential data.")
	c.flags.from = stepSets("service")
	fl := c.flags
	deploymentConfigFlags(fl, true)
	loadBalancerFlags(fl)
	configFlags(fl)
	launchTypeFlag(fl)
	createLogGroupsFlag(fl)
	serviceDiscoveryFlags(fl)
	schedulingStrategyFlag(fl)
	serviceTaggingFlags(fl)
	jsonFlag(fl)
	return c
}

func serviceStartCommand() *command {
	c := newCommand("start", "Starts one copy of each of the containers on an existing ECS service by setting the desired count to 1 (only if the current desired count is 0).")
	c.flags.from = stepSets("service")
	configFlags(c.flags)
	timeoutFlag(c.flags)
	createLogGroupsFlag(c.flags)
	forceDeploymentFlag(c.flags)
	jsonFlag(c.flags)
	return c
}

func serviceUpCommand() *command {
	c := newCommand("up", "Creates a new ECS service or updates an existing one according to your compose file. For new services or existing services with a current desired count of 0, the desired count for the service is set to 1. For existing services with non-zero desired counts, a new task definition is created to reflect any changes to the compose file and the service is updated to use that task definition. In this case, the desired count does not change.")
	c.flags.from = stepSets("service")
	fl := c.flags
	deploymentConfigFlags(fl, true)
	loadBalancerFlags(fl)
	configFlags(fl)
	timeoutFlag(fl)
	launchTypeFlag(fl)
	createLogGroupsFlag(fl)
	forceDeploymentFlag(fl)
	serviceDiscoveryFlags(fl)
	fl.step("[Optional] [Service Discovery] Allows update of Service Discovery Service settings DNS TTL and Failure Threshold.", "update-service-discovery")
	schedulingStrategyFlag(fl)
	serviceTaggingFlags(fl)
	jsonFlag(fl)
	return c
}

func servicePsCommand() *command {
	c := newCommand("ps", "Lists all the containers in your cluster that belong to the service created with the compose project.")
	c.flags.from = stepSets("service")
	c.aliases = []string{"list"}
	configFlags(c.flags)
	desiredStatusFlag(c.flags)
	jsonFlag(c.flags)
	return c
}

func serviceScaleCommand() *command {
	c := newCommand("scale", "Scales the desired count of the service to the specified count.")
	c.flags.from = stepSets("service")
	c.args = "COUNT"
	deploymentConfigFlags(c.flags, false)
	configFlags(c.flags)
	timeoutFlag(c.flags)
	jsonFlag(c.flags)
	return c
}

func serviceStopCommand() *command {
	c := newCommand("stop", "Stops the running tasks that belong to the service created with the compose project. This command updates the desired count of the service to 0.")
	c.flags.from = stepSets("service")
	configFlags(c.flags)
	timeoutFlag(c.flags)
	jsonFlag(c.flags)
	return c
}

func serviceRmCommand() *command {
	c := newCommand("rm", "Updates the desired count of the service to 0 and then deletes the service.")
	c.flags.from = stepSets("service")
	c.aliases = []string{"delete", "down"}
	configFlags(c.flags)
	timeoutFlag(c.flags)
	c.flags.step("[Optional] [Service Discovery] Deletes the private namespace created by the ECS CLI", "delete-namespace")
	jsonFlag(c.flags)
	return c
}
