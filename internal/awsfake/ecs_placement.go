package awsfake

import (
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// place puts t on the first container instance with room for it, giving
// its bridge and host port mappings their host ports. With no room it
// returns a failure per instance, as ECS does.
func (s *Server) place(t *task, td *types.TaskDefinition, now time.Time) []types.Failure {
	var static []int32
	for _, cd := range td.ContainerDefinitions {
		for _, pm := range cd.PortMappings {
			if hp := hostPort(pm, td.NetworkMode); hp > 0 {
				static = append(static, hp)
			}
		}
	}
	var failures []types.Failure
	for _, inst := range t.cluster.instances {
		cpu, mem, used, _, _ := s.usage(inst, now)
		reason := ""
		switch {
		case cpu+t.needCPU > instanceCPU:
			reason = "RESOURCE:CPU"
		case mem+t.needMemory > instanceMemory:
			reason = "RESOURCE:MEMORY"
		case slices.ContainsFunc(static, func(p int32) bool { return slices.Contains(used, p) }):
			reason = "RESOURCE:PORTS"
		}
		if reason != "" {
			failures = append(failures, types.Failure{Arn: ptr(inst.arn), Reason: &reason})
			continue
		}
		t.instance = inst
		t.base.ContainerInstanceArn = &inst.arn
		s.bind(t, td, inst, used)
		return nil
	}
	return failures
}

// bind gives t's port mappings their host ports on inst: the given one,
// the container port with host networking, else the next free ephemeral
// port from 32768.
func (s *Server) bind(t *task, td *types.TaskDefinition, inst *instance, used []int32) {
	if td.NetworkMode == types.NetworkModeAwsvpc {
		return
	}
	for i, cd := range td.ContainerDefinitions {
		for _, pm := range cd.PortMappings {
			hp := hostPort(pm, td.NetworkMode)
			if hp == 0 {
				for slices.Contains(used, inst.nextPort) {
					inst.nextPort++
				}
				hp = inst.nextPort
				inst.nextPort++
			}
			used = append(used, hp)
			t.hostPorts = append(t.hostPorts, hp)
			t.bindings[i] = append(t.bindings[i], types.NetworkBinding{
				BindIP: ptr("0.0.0.0"), ContainerPort: pm.ContainerPort, HostPort: ptr(hp), Protocol: pm.Protocol,
			})
		}
	}
}

// hostPort is a mapping's fixed host port, or 0 for an ephemeral one.
func hostPort(pm types.PortMapping, mode types.NetworkMode) int32 {
	if mode == types.NetworkModeHost {
		return deref(pm.ContainerPort)
	}
	return deref(pm.HostPort)
}
