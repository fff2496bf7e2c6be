package ecscli

// The root and the classic top-level commands that are not families of
// their own (configure, compose, local and registry-creds have files of their
// own). Help texts are the original's (its commands/usage package).

const rootName = "ecs-cli"

// classicTree builds the whole classic tree under the root, in the
// original's order, plus this toolkit's completion and help commands.
func classicTree() *command {
	root := newCommand(rootName, "Command line interface for Amazon ECS")
	root.runnable = false
	root.flags.str("Use a custom endpoint with the ECS CLI", "endpoint")
	root.flags.boolean("print the version", "version", "v")
	return root.add(
		configureCommand(),
		upCommand(),
		downCommand(),
		scaleCommand(),
		clusterPsCommand(),
		pushCommand(),
		pullCommand(),
		imagesCommand(),
		licenseCommand(),
		composeCommand(),
		checkAttributesCommand(),
		logsCommand(),
		registryCredsCommand(),
		localCommand(),
		completionCommand(),
		helpCommand(),
	)
}

func upCommand() *command {
	c := newCommand("up", "Creates the ECS cluster (if it does not already exist) and the AWS resources required to set up the cluster.")
	c.flags.from = stepSets("cluster up")
	fl := c.flags
	fl.step("Acknowledges that this command may create IAM resources. Required if --instance-role is not specified. NOTE: Not applicable for launch type FARGATE or when creating an empty cluster.", "capability-iam")
	fl.step("[Optional] Specifies that an ECS cluster will be created with no resources.", "empty")
	fl.step("[Optional] Specifies a custom IAM Role for instances in your cluster. A new instance profile will be created and attached to this role. Required if --capability-iam is not specified. NOTE: Not applicable for launch type FARGATE.", "instance-role")
	fl.step("[Optional] Specifies the name of an existing Amazon EC2 key pair to enable SSH access to the EC2 instances in your cluster. Recommended for EC2 launch type. NOTE: Not applicable for launch type FARGATE.", "keypair")
	fl.step("[Optional] Specifies the EC2 instance type for your container instances. If you specify the A1 instance family, the ECS optimized arm64 AMI will be used, otherwise the x86 AMI will be used. Defaults to t2.micro. NOTE: Not applicable for launch type FARGATE.", "instance-type")
	fl.step("[Optional] If filled and greater than 0, EC2 Spot instances will be requested.", "spot-price")
	fl.step("[Optional] Specify the AMI ID for your container instances. Defaults to amazon-ecs-optimized AMI. NOTE: Not applicable for launch type FARGATE.", "image-id")
	fl.step("[Optional] Do not assign public IP addresses to new instances in this VPC. Unless this option is specified, new instances in this VPC receive an automatically assigned public IP address. NOTE: Not applicable for launch type FARGATE.", "no-associate-public-ip-address")
	fl.step("[Optional] Specifies the number of instances to launch and register to the cluster. Defaults to 1. NOTE: Not applicable for launch type FARGATE.", "size")
	fl.step("[Optional] Specifies a comma-separated list of 2 VPC Availability Zones in which to create subnets (these zones must have the available status). This option is recommended if you do not specify a VPC ID with the --vpc option. WARNING: Leaving this option blank can result in failure to launch container instances if an unavailable zone is chosen at random.", "azs")
	fl.step("[Optional] Specifies a comma-separated list of existing security groups to associate with your container instances. If you do not specify a security group here, then a new one is created.", "security-group")
	fl.step("[Optional] Specifies a CIDR/IP range for the security group to use for container instances in your cluster. This parameter is ignored if an existing security group is specified with the --security-group option. Defaults to 0.0.0.0/0.", "cidr")
	fl.step("[Optional] Specifies a port to open on the security group to use for container instances in your cluster. This parameter is ignored if an existing security group is specified with the --security-group option. Defaults to port 80.", "port")
	fl.step("[Optional] Specifies a comma-separated list of existing VPC Subnet IDs in which to launch your container instances. This option is required if you specify a VPC with the --vpc option.", "subnets")
	fl.step("[Optional] Specifies the ID of an existing VPC in which to launch your container instances. If you specify a VPC ID, you must specify a list of existing subnets in that VPC with the --subnets option. If you do not specify a VPC ID, a new VPC is created with two subnets.", "vpc")
	fl.step("[Optional] Specifies additional User Data for your EC2 instances. Files can be shell scripts or cloud-init directives and are packaged into a MIME Multipart Archive along with ECS CLI provided User Data which directs instances to join your cluster.", "extra-user-data")
	fl.step("[Optional] Forces the recreation of any existing resources that match your current configuration. This option is useful for cleaning up stale resources from previous failed attempts.", "force")
	fl.step("[Optional] Specify tags which will be added to AWS Resources created for your cluster. Specify in the format 'key1=value1,key2=value2,key3=value3'", "tags")
	fl.step("[Optional] Disable IMDSv1 on an EC2 instance launch.", "imdsv2")
	configFlags(fl)
	launchTypeFlag(fl)
	verboseFlag(fl)
	return c
}

func downCommand() *command {
	c := newCommand("down", "Deletes the CloudFormation stack that was created by ecs-cli up and the associated resources.")
	c.flags.from = stepSets("cluster down")
	c.flags.step("[Optional] Acknowledges that this command permanently deletes resources.", "force")
	configFlags(c.flags)
	return c
}

func scaleCommand() *command {
	c := newCommand("scale", "Modifies the number of container instances in your cluster. This command changes the desired and maximum instance count in the Auto Scaling group created by the ecs-cli up command. You can use this command to scale up (increase the number of instances) or scale down (decrease the number of instances) your cluster.")
	c.flags.from = stepSets("cluster scale")
	c.flags.step("Acknowledges that this command may create IAM resources.", "capability-iam")
	c.flags.step("Specifies the number of instances to maintain in your cluster.", "size")
	configFlags(c.flags)
	return c
}

func clusterPsCommand() *command {
	c := newCommand("ps", "Lists all of the running containers in your ECS cluster.")
	c.flags.from = stepSets("cluster ps")
	configFlags(c.flags)
	desiredStatusFlag(c.flags)
	return c
}

func pushCommand() *command {
	c := newCommand("push", "Pushes an image to an Amazon ECR repository.")
	c.flags.from = stepSets("image push")
	c.args = "ECR_REPOSITORY[:TAG]"
	c.flags.step("[Optional] Specifies the Amazon ECR registry ID to push the image to. By default, images are pushed to the current AWS account.", "registry-id")
	c.flags.step("[Optional] Specify AWS Resource tags which will be to your ECR repository. Specify in the format 'key1=value1,key2=value2,key3=value3.", "tags")
	regionAndProfileFlags(c.flags)
	verboseFlag(c.flags)
	fipsFlag(c.flags)
	return c
}

func pullCommand() *command {
	c := newCommand("pull", "Pulls an image from an Amazon ECR repository.")
	c.flags.from = stepSets("image pull")
	c.args = "ECR_REPOSITORY[:TAG|@DIGEST]"
	c.flags.step("[Optional] Specifies the the Amazon ECR registry ID to pull the image from. By default, images are pulled from the current AWS account.", "registry-id")
	regionAndProfileFlags(c.flags)
	verboseFlag(c.flags)
	fipsFlag(c.flags)
	return c
}

func fipsFlag(fl *flags) {
	fl.step("[Optional] Routes calls to ECR through FIPS endpoints.", "use-fips")
}

func imagesCommand() *command {
	c := newCommand("images", "Lists images from an Amazon ECR repository. Lists all images in all repositories by default.")
	c.flags.from = stepSets("image images")
	c.args = "[ECR_REPOSITORY]"
	c.flags.step("[Optional] Filters the result to show only tagged images", "tagged")
	c.flags.step("[Optional] Filters the result to show only untagged images", "untagged")
	regionAndProfileFlags(c.flags)
	verboseFlag(c.flags)
	jsonFlag(c.flags)
	return c
}

func licenseCommand() *command {
	return newCommand("license", "Prints the LICENSE files for the ECS CLI and its dependencies.")
}

func checkAttributesCommand() *command {
	c := newCommand("check-attributes", "Checks if a given list of container instances can run a given task definition by checking their attributes. Outputs attributes that are required by the task definition but not present on the container instances.")
	c.flags.from = stepSets("cluster check-attributes")
	configFlags(c.flags)
	c.flags.step("Specifies the name or full Amazon Resource Name (ARN) of the ECS Task Definition. This is required to gather attributes of a Task Definition.", "task-def")
	c.flags.step("A list of container instance IDs or full ARN entries to check if all required attributes are available for the Task Definition to RunTask.", "container-instances")
	return c
}

func logsCommand() *command {
	c := newCommand("logs", "Retrieves container logs from CloudWatch logs. Assumes your Task Definition uses the awslogs driver and has a log stream prefix specified.")
	c.flags.from = stepSets("logs")
	fl := c.flags
	configFlags(fl)
	fl.step("Print the logs for this ECS Task.", "task-id")
	fl.step("[Optional] Specifies the name or full Amazon Resource Name (ARN) of the ECS Task Definition associated with the Task ID. This is only needed if the Task is using an inactive Task Definition.", "task-def")
	fl.step("[Optional] Specifies if the logs should be streamed.", "follow")
	fl.step("[Optional] Substring to search for within the logs.", "filter-pattern")
	fl.step("[Optional] Prints the logs for the given container. Required if containers in the Task use different log groups", "container-name")
	fl.step("[Optional] Returns logs newer than a relative duration in minutes. Can not be used with --start-time", "since")
	fl.step("[Optional] Returns logs after a specific date (format: RFC 3339. Example: 2006-01-02T15:04:05+07:00). Cannot be used with --since flag", "start-time")
	fl.step("[Optional] Returns logs before a specific date (format: RFC 3339. Example: 2006-01-02T15:04:05+07:00). Cannot be used with --follow", "end-time")
	fl.step("[Optional] Shows timestamps on each line in the log output.", "timestamps")
	return c
}

func registryCredsCommand() *command {
	up := newCommand("up", "Uses a YAML input file to generate AWS Secrets Manager secrets and an IAM Task Execution Role for use in an ECS Task Definition.")
	up.flags.from = stepSets("regcreds")
	up.args = "CREDENTIALS_FILE"
	fl := up.flags
	regionAndProfileFlags(fl)
	fl.step("[Optional] Specifies whether existing secrets should be updated with new credential values.", "update-existing-secrets")
	fl.step("The name to use for the new task execution role. If the role already exists, new policies will be attached to the existing role.", "role-name")
	fl.step("[Optional] If specified, no task execution role will be created.", "no-role")
	fl.step("[Optional] If specified, no output file for use with 'compose' will be created.", "no-output-file")
	fl.step("[Optional] The directory where the output file should be created. If none specified, file will be created in the current working directory.", "output-dir")
	fl.step("[Optional] The AWS Resource tags to add to the Secrets Manager secrets and new IAM Role. Existing IAM Roles cannot be tagged.", "tags")

	c := group("registry-creds", "Facilitates the creation and use of private registry credentials within ECS.", up)
	c.flags.from = stepSets("regcreds")
	regionAndProfileFlags(c.flags)
	return c
}
