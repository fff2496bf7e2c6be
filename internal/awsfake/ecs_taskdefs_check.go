package awsfake

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// checkTaskDefinition refuses what ECS refuses, with ECS's messages.
func checkTaskDefinition(in *registerTaskDefinitionInput) error {
	cds := in.ContainerDefinitions
	if len(cds) == 0 {
		return wire.Errorf(400, "ClientException", "Container list cannot be empty.")
	}
	fargate := slices.Contains(in.RequiresCompatibilities, types.CompatibilityFargate)
	if fargate {
		if err := checkFargate(in); err != nil {
			return err
		}
	}
	if in.Cpu != nil {
		if _, ok := parseCPU(*in.Cpu); !ok {
			return wire.Errorf(400, "ClientException", "Invalid 'cpu' setting for task.")
		}
	}
	if in.Memory != nil {
		if _, ok := parseMemory(*in.Memory); !ok {
			return wire.Errorf(400, "ClientException", "Invalid 'memory' setting for task.")
		}
	}
	seen := map[string]bool{}
	essential := false
	for _, cd := range cds {
		name := deref(cd.Name)
		switch {
		case name == "":
			return wire.Errorf(400, "ClientException", "Container.name should not be null or empty.")
		case !name255.MatchString(name):
			return wire.Errorf(400, "ClientException", "Container.name contains invalid characters: %q.", name)
		case deref(cd.Image) == "":
			return wire.Errorf(400, "ClientException", "Container.image should not be null or empty.")
		case seen[name]:
			return wire.Errorf(400, "ClientException", "Duplicate container name found: %s.", name)
		}
		seen[name] = true
		if cd.Essential == nil || *cd.Essential {
			essential = true
		}
		if err := checkContainerMemory(cd, in.Memory != nil); err != nil {
			return err
		}
		if err := checkPortMappings(cd, in.NetworkMode); err != nil {
			return err
		}
	}
	if !essential {
		return wire.Errorf(400, "ClientException", "A task definition must have at least one essential container.")
	}
	return nil
}

func checkFargate(in *registerTaskDefinitionInput) error {
	if in.NetworkMode != types.NetworkModeAwsvpc {
		return wire.Errorf(400, "ClientException", "Fargate only supports network mode 'awsvpc'.")
	}
	if in.Cpu == nil {
		return wire.Errorf(400, "ClientException", "Fargate requires that 'cpu' be defined at the task level.")
	}
	if in.Memory == nil {
		return wire.Errorf(400, "ClientException", "Fargate requires that 'memory' be defined at the task level.")
	}
	if !fargateSize(*in.Cpu, *in.Memory) {
		return wire.Errorf(400, "ClientException", "No Fargate configuration exists for given values: %s CPU, %s memory. See the Amazon ECS documentation for the valid values.", *in.Cpu, *in.Memory)
	}
	return nil
}

func checkContainerMemory(cd types.ContainerDefinition, taskMemory bool) error {
	name := deref(cd.Name)
	switch {
	case cd.Memory == nil && cd.MemoryReservation == nil && !taskMemory:
		return wire.Errorf(400, "ClientException", "Invalid setting for container '%s'. At least one of 'memory' or 'memoryReservation' must be specified.", name)
	case cd.Memory != nil && *cd.Memory < 6:
		return wire.Errorf(400, "ClientException", "Invalid setting for container '%s'. The 'memory' value must be at least 6 MiB.", name)
	case cd.Memory != nil && cd.MemoryReservation != nil && *cd.MemoryReservation > *cd.Memory:
		return wire.Errorf(400, "ClientException", "Invalid setting for container '%s'. The value for 'memoryReservation' must be less than or equal to 'memory'.", name)
	}
	return nil
}

// checkPortMappings: with awsvpc or host networking a container's ports
// are the task's, so a host port, when given, must be the container port.
func checkPortMappings(cd types.ContainerDefinition, mode types.NetworkMode) error {
	if mode != types.NetworkModeAwsvpc && mode != types.NetworkModeHost {
		return nil
	}
	for _, pm := range cd.PortMappings {
		if pm.HostPort != nil && pm.ContainerPort != nil && *pm.HostPort != *pm.ContainerPort {
			return wire.Errorf(400, "ClientException", "When networkMode=%s, the host ports and container ports in port mappings must match.", mode)
		}
	}
	return nil
}

// withDefaults fills in what ECS fills in on registration: essential true,
// protocol tcp, and the host port for awsvpc and host networking.
func withDefaults(cds []types.ContainerDefinition, mode types.NetworkMode) []types.ContainerDefinition {
	out := slices.Clone(cds)
	for i := range out {
		cd := &out[i]
		if cd.Essential == nil {
			cd.Essential = ptr(true)
		}
		cd.PortMappings = slices.Clone(cd.PortMappings)
		for j := range cd.PortMappings {
			pm := &cd.PortMappings[j]
			if pm.Protocol == "" {
				pm.Protocol = types.TransportProtocolTcp
			}
			if pm.HostPort == nil && (mode == types.NetworkModeAwsvpc || mode == types.NetworkModeHost) {
				pm.HostPort = pm.ContainerPort
			}
		}
	}
	return out
}

// compatibilities are the launch types a definition can run on: EC2
// always, EXTERNAL unless it uses awsvpc, FARGATE when it passes
// Fargate's checks.
func compatibilities(in *registerTaskDefinitionInput) []types.Compatibility {
	var c []types.Compatibility
	if in.NetworkMode != types.NetworkModeAwsvpc {
		c = append(c, types.CompatibilityExternal)
	}
	c = append(c, types.CompatibilityEc2)
	if checkFargate(in) == nil {
		c = append(c, types.CompatibilityFargate)
	}
	return c
}
