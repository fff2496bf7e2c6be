package ecscli

import "fmt"

// Flag groups the original shared between commands (its flags.go). Each is
// one function that registers into any command's flags, so `ecs-cli ps
// --cluster` and `ecs-cli compose up --cluster` are the same flag, with the
// same help, by construction. Help texts are the original's; a step flag's
// names, short forms, kind and default are its step's (flags.step), so
// ecs-cli parses it as the step will.

func regionFlag(fl *flags) {
	fl.step("[Optional] Specifies the AWS region to use. Defaults to the region configured using the configure command", "region")
}

func ecsProfileFlag(fl *flags) {
	fl.step("[Optional] Specifies the name of the ECS profile configuration to use. Defaults to the default profile configuration.", "ecs-profile").env = "ECS_PROFILE"
}

func awsProfileFlag(fl *flags) {
	fl.step("[Optional] Use the AWS credentials from an existing named profile in ~/.aws/credentials.", "aws-profile").env = "AWS_PROFILE"
}

func clusterConfigFlag(fl *flags) {
	fl.step("[Optional] Specifies the name of the ECS cluster configuration to use. Defaults to the default cluster configuration.", "cluster-config")
}

// regionAndProfileFlags is the original's OptionalRegionAndProfileFlags.
func regionAndProfileFlags(fl *flags) {
	regionFlag(fl)
	ecsProfileFlag(fl)
	awsProfileFlag(fl)
	clusterConfigFlag(fl)
}

// configFlags is the original's OptionalConfigFlags: region and profiles,
// then the cluster.
func configFlags(fl *flags) {
	regionAndProfileFlags(fl)
	fl.step("[Optional] Specifies the ECS cluster name to use. Defaults to the cluster configured using the configure command", "cluster")
}

func launchTypeFlag(fl *flags) {
	fl.step("[Optional] Specifies the launch type. Options: EC2 or FARGATE. Overrides the default launch type stored in your cluster configuration. Defaults to EC2 if a cluster configuration is not used.", "launch-type")
}

func schedulingStrategyFlag(fl *flags) {
	fl.step("[Optional] Specifies the scheduling strategy type. Options: REPLICA (default) or DAEMON.", "scheduling-strategy")
}

func createLogGroupsFlag(fl *flags) {
	fl.step("[Optional] Create the CloudWatch log groups specified in your compose file(s).", "create-log-groups")
}

func forceUpdateFlag(fl *flags) {
	fl.step("[Optional] Forces update of task or service with current run parameters", "force-update")
}

// verboseFlag is the original's DebugFlag: --verbose, also spelt --debug.
func verboseFlag(fl *flags) {
	fl.step("[Optional] Increase the verbosity of command output to aid in diagnostics.", "verbose")
}

func desiredStatusFlag(fl *flags) {
	fl.step("[Optional] Filter tasks by desired status. Valid values: RUNNING or STOPPED", "desired-status")
}

func disableECSManagedTagsFlag(fl *flags, usage string) {
	fl.step(usage, "disable-ecs-managed-tags")
}

const (
	tagsUsageTaskDef = "[Optional] Specify resource tags for your Task Definition. Specify tags in the format 'key1=value1,key2=value2,key3=value3'."
	tagsUsageTasks   = "[Optional] Specify resource tags for your ECS Tasks and Task Definition. Specify tags in the format 'key1=value1,key2=value2,key3=value3'."
	disableTagsTasks = "[Optional] Disable ECS Managed Tags (A Cluster name tag will not be automatically added to tasks)."
)

func tagsFlag(fl *flags, usage string) {
	fl.step(usage, "tags")
}

// composeTaskTagFlags is what compose start/up/run/scale share: tags that
// reach the tasks, and the switch for ECS managed tags.
func composeTaskTagFlags(fl *flags) {
	tagsFlag(fl, tagsUsageTasks)
	disableECSManagedTagsFlag(fl, disableTagsTasks)
}

// timeoutFlag is the compose service --timeout, in minutes (default 5).
func timeoutFlag(fl *flags) {
	fl.step("Specifies the timeout value in minutes (decimals supported) to wait for the running task count to change. If the running task count has not changed for the specified period of time, then the CLI times out and returns an error. Setting the timeout to 0 will cause the command to return without checking for success.", "timeout")
}

func forceDeploymentFlag(fl *flags) {
	fl.step("[Optional] Whether or not to force a new deployment of the service.", "force-deployment")
}

// deploymentConfigFlags takes withDefaults because the original's help names
// ECS's defaults on create and up but not on scale (the CLI sends none).
func deploymentConfigFlags(fl *flags, withDefaults bool) {
	maxUsage := "[Optional] Specifies the upper limit (as a percentage of the service's desiredCount) of the number of running tasks that can be running in a service during a deployment."
	minUsage := "[Optional] Specifies the lower limit (as a percentage of the service's desiredCount) of the number of running tasks that must remain running and healthy in a service during a deployment."
	if withDefaults {
		maxUsage += " Defaults to 200."
		minUsage += " Defaults to 100."
	}
	fl.step(maxUsage, "deployment-max-percent")
	fl.step(minUsage, "deployment-min-healthy-percent")
}

func loadBalancerFlags(fl *flags) {
	fl.step("[Deprecated] Specifies the full Amazon Resource Name (ARN) of a previously configured target group for an Application Load Balancer or Network Load Balancer to associate with your service. NOTE: For Classic Load Balancers, use the --load-balancer-name flag.", "target-group-arn")
	fl.step("[Deprecated] Specifies the container name (as it appears in a container definition). This parameter is required if --load-balancer-name or --target-group-arn is specified.", "container-name")
	fl.step("[Deprecated] Specifies the port on the container to associate with the load balancer. This port must correspond to a containerPort in the service's task definition. This parameter is required if --load-balancer-name or --target-group-arn is specified.", "container-port")
	fl.step("[Deprecated] Specifies the name of a previously configured Classic Elastic Load Balancing load balancer to associate with your service. NOTE: For Application Load Balancers or Network Load Balancers, use the --target-group-arn flag.", "load-balancer-name")
	fl.step("[Optional] Specifies the name or full Amazon Resource Name (ARN) of the IAM role that allows Amazon ECS to make calls to your load balancer or target group on your behalf. This parameter requires either --load-balancer-name or --target-group-arn to be specified.", "role")
	fl.step("[Optional] Specifies the period of time, in seconds, that the Amazon ECS service scheduler should ignore unhealthy Elastic Load Balancing target health checks after a task has first started.", "health-check-grace-period")
	fl.step("[Optional] Specifies multiple target groups to register with a service. Can't be used with --load-balancer-name flag or --target-group-arn at the same time. To specify multiple target groups, add multiple seperate --target-groups flags Example: ecs-cli compose service create --target-groups targetGroupArn=arn,containerName=nginx,containerPort=80 --target-groups targetGroupArn=arn,containerName=database,containerPort=3306", "target-groups")
}

func serviceDiscoveryFlags(fl *flags) {
	const sd = "[Service Discovery] "
	fl.step(sd+"Enable Service Discovery for your ECS Service.", "enable-service-discovery")
	fl.step(sd+"The VPC that will be attached to the private DNS namespace.", "vpc")
	fl.step(sd+"The name of the private DNS namespace to use with Service Discovery. The CLI creates the namespace if it doesn't already exist. For example, if the name is 'corp' than a service 'foo' will be reachable via DNS at 'foo.corp'.", "private-dns-namespace")
	fl.step(sd+"The ID of an existing private DNS namespace to use with Service Discovery.", "private-dns-namespace-id")
	fl.step(sd+"The ID of an existing public DNS namespace to use with Service Discovery.", "public-dns-namespace-id")
	fl.step(sd+"The name of an existing public DNS namespace to use with Service Discovery. For example, if the name is 'corp' than a service 'foo' will be reachable via DNS at 'foo.corp'.", "public-dns-namespace")
	fl.step(sd+"The name of the container (service name in compose) that will use Service Discovery.", "sd-container-name")
	fl.step(sd+"The port on the container used for Service Discovery.", "sd-container-port")
	fl.step(sd+"The TTL of the DNS Records used with the Route53 Service Discovery Resource. Default value is 60 seconds.", "dns-ttl")
	fl.step(sd+"The type of the DNS Records used with the Route53 Service Discovery Resource (A or SRV). Note that SRV records require container name and container port.", "dns-type")
	fl.step(sd+"The number of 30-second intervals that you want service discovery service to wait after receiving an UpdateInstanceCustomHealthStatus request before it changes the health status of a service instance. Default value is 1.", "healthcheck-custom-config-failure-threshold")
}

// serviceTaggingFlags is the original's taggingFlags for compose service.
func serviceTaggingFlags(fl *flags) {
	disableECSManagedTagsFlag(fl, "[Optional] Disable ECS Managed Tags (Cluster name and Service name tags will not be automatically added to tasks). Only affects new Services.")
	tagsFlag(fl, "[Optional] Specify resource tags for your ECS Service and Task Definition; tags are only added when resources are created. Tags will be propogated from your task definition to tasks created by the service. Specify tags in the format 'key1=value1,key2=value2,key3=value3'")
}

// taskDefFileFlags are local's -f/-t pair; the help differs per subcommand,
// so each caller passes the verb phrase the original used.
func taskDefFileFlags(fl *flags, fileUsage, remoteUsage string) {
	fl.step(fileUsage, "task-def-file")
	fl.step(remoteUsage, "task-def-remote")
}

func localOutputFlag(fl *flags) {
	fl.step(fmt.Sprintf("Specifies the local filename to write the Docker Compose file to. If one is not specified, the default is %s.", localOutFile), "output")
}

func localForceFlag(fl *flags) {
	fl.step(fmt.Sprintf("Overwrite output docker compose file if it exists and local create wrote it. Default compose file is %s.", localOutFile), "force")
}

// jsonFlag is this toolkit's machine output for the compose commands: the
// pipeline document (ps: one JSON object per container) instead of the table.
func jsonFlag(fl *flags) {
	fl.boolean("[Optional] Print JSON for programs: the pipeline document, or for ps one object per container.", "json")
}
