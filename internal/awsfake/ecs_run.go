package awsfake

import (
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

type runTaskInput struct {
	TaskDefinition           *string
	CapacityProviderStrategy []types.CapacityProviderStrategyItem
	ClientToken              *string
	Cluster                  *string
	Count                    *int32
	EnableECSManagedTags     bool
	EnableExecuteCommand     bool
	Group                    *string
	LaunchType               types.LaunchType
	NetworkConfiguration     *types.NetworkConfiguration
	Overrides                *types.TaskOverride
	PlacementConstraints     []types.PlacementConstraint
	PlacementStrategy        []types.PlacementStrategy
	PlatformVersion          *string
	PropagateTags            types.PropagateTags
	ReferenceId              *string
	StartedBy                *string
	Tags                     []types.Tag
	VolumeConfigurations     []types.TaskVolumeConfiguration
}

// runOutput is RunTask's answer.
type runOutput struct {
	Tasks    []types.Task
	Failures []types.Failure
}

// A run is what one RunTask did, kept by its clientToken.
type run struct {
	tasks    []*task
	failures []types.Failure
}

// runTask starts count tasks. FARGATE tasks always start; EC2 tasks are
// placed on the cluster's container instances by CPU, memory and host
// ports, and those that fit nowhere come back as failures. A retry with
// the same clientToken (the SDK fills one in) starts nothing and answers
// with the first call's tasks, as ECS does.
func (s *Server) runTask(in *runTaskInput) (any, error) {
	now := s.clock.Now()
	if r, ok := s.ecs.runs[deref(in.ClientToken)]; ok {
		out := runOutput{[]types.Task{}, r.failures}
		for _, t := range r.tasks {
			out.Tasks = append(out.Tasks, t.view(now, true))
		}
		return out, nil
	}
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	td := s.findTaskDefinition(deref(in.TaskDefinition))
	if td == nil {
		return nil, wire.Errorf(400, "ClientException", "Unable to describe task definition.")
	}
	if td.Status != types.TaskDefinitionStatusActive {
		return nil, wire.Errorf(400, "ClientException", "TaskDefinition is inactive")
	}
	count := int32(1)
	if in.Count != nil {
		count = *in.Count
	}
	if count < 1 || count > 10 {
		return nil, wire.Errorf(400, "InvalidParameterException", "count must be between 1 and 10.")
	}
	launch, provider, err := launchType(in)
	if err != nil {
		return nil, err
	}
	if err := checkRun(in, td, launch); err != nil {
		return nil, err
	}
	if launch == types.LaunchTypeEc2 && len(c.instances) == 0 {
		return nil, wire.Errorf(400, "InvalidParameterException", "No Container Instances were found in your cluster.")
	}
	out := runOutput{[]types.Task{}, []types.Failure{}}
	r := &run{failures: out.Failures}
	for i := range int(count) {
		t := s.newTask(c, td, in, launch, provider, i)
		if launch == types.LaunchTypeEc2 {
			if failures := s.place(t, td, now); failures != nil {
				out.Failures, r.failures = failures, failures
				break
			}
		}
		s.ecs.tasks = append(s.ecs.tasks, t)
		s.ecs.taskByID[t.id] = t
		r.tasks = append(r.tasks, t)
		out.Tasks = append(out.Tasks, t.view(now, true))
	}
	if tok := deref(in.ClientToken); tok != "" {
		s.ecs.runs[tok] = r
	}
	return out, nil
}

// launchType is the launch type asked for: launchType, or FARGATE through
// the FARGATE or FARGATE_SPOT capacity provider, or EC2.
func launchType(in *runTaskInput) (types.LaunchType, string, error) {
	if len(in.CapacityProviderStrategy) == 0 {
		if in.LaunchType == "" {
			return types.LaunchTypeEc2, "", nil
		}
		if in.LaunchType != types.LaunchTypeEc2 && in.LaunchType != types.LaunchTypeFargate {
			return "", "", wire.Errorf(400, "InvalidParameterException", "awsfake runs only EC2 and FARGATE tasks, not %s.", in.LaunchType)
		}
		return in.LaunchType, "", nil
	}
	if in.LaunchType != "" {
		return "", "", wire.Errorf(400, "InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.")
	}
	p := deref(in.CapacityProviderStrategy[0].CapacityProvider)
	if p != "FARGATE" && p != "FARGATE_SPOT" {
		return "", "", wire.Errorf(400, "InvalidParameterException", "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster: %s.", p)
	}
	return types.LaunchTypeFargate, p, nil
}

// checkRun refuses what ECS refuses for this definition and launch type.
func checkRun(in *runTaskInput, td *types.TaskDefinition, launch types.LaunchType) error {
	bad := func(format string, args ...any) error {
		return wire.Errorf(400, "InvalidParameterException", format, args...)
	}
	fargate := launch == types.LaunchTypeFargate
	switch {
	case fargate && !slices.Contains(td.Compatibilities, types.CompatibilityFargate):
		return bad("Task definition does not support launch_type FARGATE.")
	case fargate && len(in.PlacementConstraints) > 0:
		return bad("Placement constraints are not supported with FARGATE launch type.")
	case fargate && len(in.PlacementStrategy) > 0:
		return bad("Placement strategies are not supported with FARGATE launch type.")
	case !fargate && in.PlatformVersion != nil:
		return bad("The platform version must be null when specifying an EC2 launch type.")
	case len(deref(in.StartedBy)) > 128:
		return bad("startedBy must be at most 128 characters.")
	}
	if err := checkNetwork(in.NetworkConfiguration, td.NetworkMode, fargate); err != nil {
		return err
	}
	if in.Overrides != nil {
		for _, o := range in.Overrides.ContainerOverrides {
			if !slices.ContainsFunc(td.ContainerDefinitions, func(cd types.ContainerDefinition) bool {
				return deref(cd.Name) == deref(o.Name)
			}) {
				return bad("Override for container named %s is not a container in the TaskDefinition.", deref(o.Name))
			}
		}
	}
	if len(in.Tags) > 50 {
		return bad("Tags can have at most 50 items.")
	}
	for _, tag := range in.Tags {
		if strings.HasPrefix(strings.ToLower(deref(tag.Key)), "aws:") {
			return bad("Tag keys starting with 'aws:' are reserved for AWS use.")
		}
	}
	return nil
}

func checkNetwork(nc *types.NetworkConfiguration, mode types.NetworkMode, fargate bool) error {
	bad := func(format string, args ...any) error {
		return wire.Errorf(400, "InvalidParameterException", format, args...)
	}
	if mode != types.NetworkModeAwsvpc {
		if nc != nil {
			return bad("Network Configuration is not valid for the given networkMode of this task definition.")
		}
		return nil
	}
	if nc == nil || nc.AwsvpcConfiguration == nil {
		return bad("Network Configuration must be provided when networkMode 'awsvpc' is specified.")
	}
	vpc := nc.AwsvpcConfiguration
	switch {
	case len(vpc.Subnets) == 0:
		return bad("subnets can not be empty.")
	case len(vpc.Subnets) > 16:
		return bad("subnets can have at most 16 items.")
	case len(vpc.SecurityGroups) > 5:
		return bad("securityGroups can have at most 5 items.")
	case vpc.AssignPublicIp == types.AssignPublicIpEnabled && !fargate:
		return bad("Assign public IP is not supported for this launch type.")
	}
	return nil
}

// newTask builds the i-th task of a RunTask call, not yet placed.
func (s *Server) newTask(c *cluster, td *types.TaskDefinition, in *runTaskInput, launch types.LaunchType, provider string, i int) *task {
	now := s.clock.Now()
	id := s.newID()
	arn := s.ecsARN("task/" + id)
	if s.setting(types.SettingNameTaskLongArnFormat) == "enabled" {
		arn = s.ecsARN("task/" + c.name + "/" + id)
	}
	t := &task{
		id: id, cluster: c, family: *td.Family, created: now, timeline: s.timelineFor(*td.Family),
		bindings: make([][]types.NetworkBinding, len(td.ContainerDefinitions)),
	}
	overrides := in.Overrides
	if overrides == nil {
		overrides = &types.TaskOverride{ContainerOverrides: []types.ContainerOverride{}}
	}
	t.base = types.Task{
		TaskArn:              &arn,
		ClusterArn:           &c.arn,
		TaskDefinitionArn:    td.TaskDefinitionArn,
		CreatedAt:            ptr(now),
		Group:                in.Group,
		StartedBy:            in.StartedBy,
		LaunchType:           launch,
		Overrides:            overrides,
		Cpu:                  firstSet(overrides.Cpu, td.Cpu),
		Memory:               firstSet(overrides.Memory, td.Memory),
		EnableExecuteCommand: in.EnableExecuteCommand,
		AvailabilityZone:     ptr(s.region + "a"),
		Tags:                 s.taskTags(c, td, in),
		Attributes:           []types.Attribute{},
	}
	if t.base.Group == nil {
		t.base.Group = ptr("family:" + *td.Family)
	}
	if provider != "" {
		t.base.CapacityProviderName = &provider
	}
	if launch == types.LaunchTypeFargate {
		t.base.PlatformVersion = ptr("1.4.0")
		if v := deref(in.PlatformVersion); v != "" && v != "LATEST" {
			t.base.PlatformVersion = &v
		}
		t.base.PlatformFamily = ptr("Linux")
		t.base.EphemeralStorage = &types.EphemeralStorage{SizeInGiB: 20}
	}
	for _, cd := range td.ContainerDefinitions {
		o := containerOverride(overrides, *cd.Name)
		mem, res := firstSet(o.Memory, cd.Memory), firstSet(o.MemoryReservation, cd.MemoryReservation)
		cpu := cd.Cpu
		if o.Cpu != nil {
			cpu = *o.Cpu
		}
		t.base.Containers = append(t.base.Containers, types.Container{
			ContainerArn:      ptr(s.ecsARN("container/" + c.name + "/" + id + "/" + s.uuid())),
			TaskArn:           &arn,
			Name:              cd.Name,
			Image:             cd.Image,
			Cpu:               ptr(strconv.Itoa(int(cpu))),
			Memory:            itoaPtr(mem),
			MemoryReservation: itoaPtr(res),
		})
		t.needCPU += cpu
		t.needMemory += deref(firstSet(mem, res))
	}
	if n, ok := parseCPU(deref(t.base.Cpu)); ok {
		t.needCPU = n
	}
	if n, ok := parseMemory(deref(t.base.Memory)); ok {
		t.needMemory = n
	}
	if td.NetworkMode == types.NetworkModeAwsvpc {
		vpc := in.NetworkConfiguration.AwsvpcConfiguration
		public := launch == types.LaunchTypeFargate && vpc.AssignPublicIp == types.AssignPublicIpEnabled
		t.eni = s.newENI(vpc.Subnets[i%len(vpc.Subnets)], vpc.SecurityGroups, public)
		t.eni.task = t
	}
	return t
}

// taskTags are the request's tags, the definition's when propagated, and
// ECS's managed tags when enabled.
func (s *Server) taskTags(c *cluster, td *types.TaskDefinition, in *runTaskInput) []types.Tag {
	tags := append([]types.Tag{}, in.Tags...)
	if in.PropagateTags == types.PropagateTagsTaskDefinition {
		tags = append(tags, s.ecs.tdTags[*td.TaskDefinitionArn]...)
	}
	if in.EnableECSManagedTags {
		tags = append(tags, types.Tag{Key: ptr("aws:ecs:clusterName"), Value: ptr(c.name)})
	}
	return tags
}

func containerOverride(o *types.TaskOverride, name string) types.ContainerOverride {
	for _, co := range o.ContainerOverrides {
		if deref(co.Name) == name {
			return co
		}
	}
	return types.ContainerOverride{}
}

func firstSet[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

func itoaPtr(n *int32) *string {
	if n == nil {
		return nil
	}
	return ptr(strconv.Itoa(int(*n)))
}
