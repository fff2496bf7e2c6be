package compose

import (
	"fmt"
	"math"
	"strings"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"
)

// defaultMemoryMiB is the container memory the original set when nothing
// else gave one and the task has no memory size.
const defaultMemoryMiB = 512

// resources settles cpu, memory, memoryReservation and GPUs. Sources, first
// hit wins: ecs-params, then the service's own keys (mem_limit,
// mem_reservation, cpu_shares, cpus), then deploy.resources, which the
// original ignored.
func (c *converter) resources(cd *ecstypes.ContainerDefinition, svc types.ServiceConfig, p *ServiceParams) error {
	field := "services." + svc.Name
	var lim, res *types.Resource
	if svc.Deploy != nil {
		lim, res = svc.Deploy.Resources.Limits, svc.Deploy.Resources.Reservations
	}
	mem := first(paramMiB(p, true), toMiB(int64(svc.MemLimit)), resourceMiB(lim))
	resv := first(paramMiB(p, false), toMiB(int64(svc.MemReservation)), resourceMiB(res))
	if mem == 0 && resv == 0 && c.taskMemory == "" {
		mem = defaultMemoryMiB
	}
	if mem != 0 && mem < resv {
		return fmt.Errorf("%s: memory limit %d MiB is below the reservation %d MiB", field, mem, resv)
	}
	cd.Memory = ptrIfNonZero(mem)
	cd.MemoryReservation = ptrIfNonZero(resv)

	var cpu int64
	switch {
	case p != nil && p.CpuShares > 0:
		cpu = p.CpuShares
	case svc.CPUShares > 0:
		cpu = svc.CPUShares
	case svc.CPUS > 0:
		cpu = cpuUnits(float64(svc.CPUS))
	case res != nil && res.NanoCPUs > 0:
		cpu = cpuUnits(float64(res.NanoCPUs))
	case lim != nil && lim.NanoCPUs > 0:
		cpu = cpuUnits(float64(lim.NanoCPUs))
	}
	if cpu > math.MaxInt32 {
		return fmt.Errorf("%s: cpu_shares %d is too large", field, cpu)
	}
	if cpu > 0 {
		cd.Cpu = int32(cpu)
	}

	if cd.ResourceRequirements == nil && res != nil {
		gpus, err := gpuCount(field, res.Devices)
		if err != nil {
			return err
		}
		if gpus > 0 {
			cd.ResourceRequirements = []ecstypes.ResourceRequirement{{Type: ecstypes.ResourceTypeGpu, Value: str(fmt.Sprint(gpus))}}
		}
	}
	return nil
}

// cpuUnits turns a number of CPUs into ECS CPU units (1 vCPU = 1024).
func cpuUnits(cpus float64) int64 { return int64(math.Round(cpus * 1024)) }

func paramMiB(p *ServiceParams, limit bool) int32 {
	if p == nil {
		return 0
	}
	if limit {
		return toMiB(int64(p.MemLimit))
	}
	return toMiB(int64(p.MemReservation))
}

func resourceMiB(r *types.Resource) int32 {
	if r == nil {
		return 0
	}
	return toMiB(int64(r.MemoryBytes))
}

func first(vs ...int32) int32 {
	for _, v := range vs {
		if v > 0 {
			return v
		}
	}
	return 0
}

// gpuCount reads deploy.resources.reservations.devices entries that ask for
// GPUs by count; ECS reserves whole GPUs, so "all" cannot be expressed.
func gpuCount(field string, devs []types.DeviceRequest) (int64, error) {
	var n int64
	for i, d := range devs {
		isGPU := false
		for _, c := range d.Capabilities {
			if strings.EqualFold(c, "gpu") {
				isGPU = true
			}
		}
		if !isGPU {
			continue
		}
		switch {
		case d.Count < 0:
			return 0, fmt.Errorf("%s.deploy.resources.reservations.devices[%d].count: ECS needs a number of GPUs, not \"all\"", field, i)
		case d.Count > 0:
			n += int64(d.Count)
		case len(d.IDs) > 0:
			n += int64(len(d.IDs))
		default:
			n++
		}
	}
	return n, nil
}
