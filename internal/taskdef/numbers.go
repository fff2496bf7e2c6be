package taskdef

import (
	"fmt"
	"math"

	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
)

// What ECS takes for the numbers of a container definition. A document can
// be edited between steps (jq), so a step that registers one checks them
// before sending it; decoding already keeps each within 32 bits.
var (
	cpuRange        = bounds.Range{Min: 0, Max: bounds.MaxContainerCPU, Unit: "CPU units"}
	memoryRange     = bounds.Range{Min: bounds.MinContainerMiB, Max: math.MaxInt32, Unit: "MiB"}
	hostPortRange   = bounds.Range{Min: 0, Max: bounds.MaxPort}
	stopRange       = bounds.Range{Min: 0, Max: 120, Unit: "seconds"}
	ulimitRange     = bounds.Range{Min: -1, Max: math.MaxInt32}
	swappinessRange = bounds.Range{Min: 0, Max: 100}
	tmpfsRange      = bounds.Range{Min: 1, Max: math.MaxInt32, Unit: "MiB"}
	ephemeralRange  = bounds.Range{Min: 21, Max: 200, Unit: "GiB"}
)

// CheckNumbers checks the numbers of a RegisterTaskDefinition input against
// ECS's ranges. The error is an *ecsjson.FieldError naming the path.
func CheckNumbers(in *ecs.RegisterTaskDefinitionInput) error {
	type num struct {
		path string
		v    *int32
		r    bounds.Range
	}
	var nums []num
	add := func(path string, v *int32, r bounds.Range) { nums = append(nums, num{path, v, r}) }
	for i := range in.ContainerDefinitions {
		cd := &in.ContainerDefinitions[i]
		p := fmt.Sprintf("containerDefinitions[%d].", i)
		add(p+"cpu", &cd.Cpu, cpuRange)
		add(p+"memory", cd.Memory, memoryRange)
		add(p+"memoryReservation", cd.MemoryReservation, memoryRange)
		add(p+"stopTimeout", cd.StopTimeout, stopRange)
		add(p+"startTimeout", cd.StartTimeout, bounds.NonNeg32)
		for j := range cd.PortMappings {
			pm := &cd.PortMappings[j]
			pp := fmt.Sprintf("%sportMappings[%d].", p, j)
			add(pp+"containerPort", pm.ContainerPort, bounds.Port)
			add(pp+"hostPort", pm.HostPort, hostPortRange)
		}
		if hc := cd.HealthCheck; hc != nil {
			add(p+"healthCheck.interval", hc.Interval, bounds.HealthInterval)
			add(p+"healthCheck.timeout", hc.Timeout, bounds.HealthTimeout)
			add(p+"healthCheck.retries", hc.Retries, bounds.HealthRetries)
			add(p+"healthCheck.startPeriod", hc.StartPeriod, bounds.HealthStartPeriod)
		}
		for j := range cd.Ulimits {
			u := &cd.Ulimits[j]
			up := fmt.Sprintf("%sulimits[%d].", p, j)
			add(up+"softLimit", &u.SoftLimit, ulimitRange)
			add(up+"hardLimit", &u.HardLimit, ulimitRange)
		}
		if lp := cd.LinuxParameters; lp != nil {
			add(p+"linuxParameters.sharedMemorySize", lp.SharedMemorySize, bounds.NonNeg32)
			add(p+"linuxParameters.maxSwap", lp.MaxSwap, bounds.NonNeg32)
			add(p+"linuxParameters.swappiness", lp.Swappiness, swappinessRange)
			for j := range lp.Tmpfs {
				add(fmt.Sprintf("%slinuxParameters.tmpfs[%d].size", p, j), &lp.Tmpfs[j].Size, tmpfsRange)
			}
		}
	}
	for i := range in.Volumes {
		if efs := in.Volumes[i].EfsVolumeConfiguration; efs != nil {
			add(fmt.Sprintf("volumes[%d].efsVolumeConfiguration.transitEncryptionPort", i), efs.TransitEncryptionPort, bounds.Port)
		}
	}
	if es := in.EphemeralStorage; es != nil {
		add("ephemeralStorage.sizeInGiB", &es.SizeInGiB, ephemeralRange)
	}
	for _, n := range nums {
		if n.v == nil {
			continue
		}
		if err := n.r.Check(int64(*n.v)); err != nil {
			return &ecsjson.FieldError{Path: n.path, Problem: err.Error()}
		}
	}
	for i := range in.ContainerDefinitions {
		for j, u := range in.ContainerDefinitions[i].Ulimits {
			if !bounds.UlimitFits(u.SoftLimit, u.HardLimit) {
				return &ecsjson.FieldError{Path: fmt.Sprintf("containerDefinitions[%d].ulimits[%d]", i, j),
					Problem: fmt.Sprintf("softLimit %d is above hardLimit %d (-1 is unlimited), which docker refuses when the container starts", u.SoftLimit, u.HardLimit)}
			}
		}
	}
	return nil
}
