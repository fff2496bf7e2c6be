package awsfake

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// An instance is an EC2 container instance: 2048 CPU units and 3943 MiB,
// like a t3.medium, with the agent's reserved ports taken.
type instance struct {
	arn, id, ec2ID      string
	publicIP, privateIP string
	cluster             *cluster
	registeredAt        time.Time
	nextPort            int32 // next ephemeral host port for bridge mappings
	reservation, ami    string
	attrs               map[string]string // beyond the agent's (cloudformation_resources.go)
}

const (
	instanceCPU    = 2048
	instanceMemory = 3943
)

var reservedPorts = []int32{22, 2375, 2376, 51678, 51679}

type describeContainerInstancesInput struct {
	ContainerInstances []string
	Cluster            *string
	Include            []types.ContainerInstanceField
}

type listContainerInstancesInput struct {
	Cluster    *string
	Filter     *string
	MaxResults *int32
	NextToken  *string
	Status     types.ContainerInstanceStatus
}

// AddContainerInstance registers an EC2 instance with cluster (creating
// the cluster when it does not exist), so EC2 tasks can be placed there;
// EC2's DescribeInstances answers for it. publicIP may be "".
func (s *Server) AddContainerInstance(clusterName, ec2InstanceID, publicIP, privateIP string) {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	c := s.ecs.clusters[clusterName]
	if c == nil || c.status != "ACTIVE" {
		if _, err := s.createCluster(&createClusterInput{ClusterName: &clusterName}); err != nil {
			panic("awsfake: AddContainerInstance: " + err.Error())
		}
		c = s.ecs.clusters[clusterName]
	}
	s.addInstance(c, ec2InstanceID, publicIP, privateIP)
}

// addInstance registers a container instance with c.
func (s *Server) addInstance(c *cluster, ec2InstanceID, publicIP, privateIP string) *instance {
	id := s.newID()
	arn := s.ecsARN("container-instance/" + id)
	if s.setting(types.SettingNameContainerInstanceLongArnFormat) == "enabled" {
		arn = s.ecsARN("container-instance/" + c.name + "/" + id)
	}
	inst := &instance{
		arn: arn, id: id, ec2ID: ec2InstanceID, publicIP: publicIP, privateIP: privateIP,
		cluster: c, registeredAt: s.clock.Now(), nextPort: 32768,
		reservation: "r-" + s.newID()[:17], ami: "ami-" + s.newID()[:17],
	}
	c.instances = append(c.instances, inst)
	return inst
}

func (s *Server) findInstance(c *cluster, ref string) *instance {
	id, ok := s.resourceName(ref, "container-instance")
	if !ok {
		return nil
	}
	id = id[strings.LastIndex(id, "/")+1:]
	for _, in := range c.instances {
		if in.id == id {
			return in
		}
	}
	return nil
}

func (s *Server) describeContainerInstances(in *describeContainerInstancesInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	if len(in.ContainerInstances) == 0 || len(in.ContainerInstances) > 100 {
		return nil, wire.Errorf(400, "InvalidParameterException", "containerInstances must have between 1 and 100 items.")
	}
	out := struct {
		ContainerInstances []types.ContainerInstance
		Failures           []types.Failure
	}{[]types.ContainerInstance{}, []types.Failure{}}
	for _, ref := range in.ContainerInstances {
		inst := s.findInstance(c, ref)
		if inst == nil {
			out.Failures = append(out.Failures, types.Failure{Arn: ptr(ref), Reason: ptr("MISSING")})
			continue
		}
		out.ContainerInstances = append(out.ContainerInstances, s.instanceView(inst))
	}
	return out, nil
}

func (s *Server) listContainerInstances(in *listContainerInstancesInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	if deref(in.Filter) != "" {
		return nil, wire.Errorf(400, "InvalidParameterException", "awsfake does not evaluate cluster query language filters.")
	}
	arns := []string{}
	if in.Status == "" || in.Status == types.ContainerInstanceStatusActive {
		for _, inst := range c.instances {
			arns = append(arns, inst.arn)
		}
	}
	p, next, err := page(arns, in.MaxResults, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		ContainerInstanceArns []string
		NextToken             *string
	}{p, next}, nil
}

// usage sums what the instance's tasks that have not stopped hold.
func (s *Server) usage(inst *instance, now time.Time) (cpu, mem int32, ports []int32, running, pending int32) {
	ports = slices.Clone(reservedPorts)
	for _, t := range s.ecs.tasks {
		if t.instance != inst {
			continue
		}
		switch t.lastStatus(now) {
		case "STOPPED":
			continue
		case "RUNNING":
			running++
		case "PROVISIONING", "PENDING":
			pending++
		}
		cpu += t.needCPU
		mem += t.needMemory
		ports = append(ports, t.hostPorts...)
	}
	return cpu, mem, ports, running, pending
}

func (s *Server) instanceView(inst *instance) types.ContainerInstance {
	cpu, mem, ports, running, pending := s.usage(inst, s.clock.Now())
	resources := func(cpu, mem int32, ports []int32) []types.Resource {
		var p []string
		for _, port := range ports {
			p = append(p, strconv.Itoa(int(port)))
		}
		return []types.Resource{
			{Name: ptr("CPU"), Type: ptr("INTEGER"), IntegerValue: cpu},
			{Name: ptr("MEMORY"), Type: ptr("INTEGER"), IntegerValue: mem},
			{Name: ptr("PORTS"), Type: ptr("STRINGSET"), StringSetValue: p},
			{Name: ptr("PORTS_UDP"), Type: ptr("STRINGSET"), StringSetValue: []string{}},
		}
	}
	return types.ContainerInstance{
		ContainerInstanceArn: &inst.arn,
		Ec2InstanceId:        &inst.ec2ID,
		Status:               ptr("ACTIVE"),
		AgentConnected:       true,
		RegisteredAt:         &inst.registeredAt,
		RegisteredResources:  resources(instanceCPU, instanceMemory, reservedPorts),
		RemainingResources:   resources(instanceCPU-cpu, instanceMemory-mem, ports),
		RunningTasksCount:    running,
		PendingTasksCount:    pending,
		Version:              1,
		VersionInfo:          &types.VersionInfo{AgentVersion: ptr("1.89.2"), DockerVersion: ptr("DockerVersion: 25.0.8")},
		Attributes:           s.instanceAttributes(inst),
	}
}
