package compose

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
)

// defaultMemoryMiB is the container memory the original set when nothing
// else gave one and the task has no memory size.
const defaultMemoryMiB = 512

// resources settles cpu, memory, memoryReservation and GPUs. Sources, first
// hit wins: ecs-params, then the service's own keys (mem_limit,
// mem_reservation, cpu_shares, cpus), then deploy.resources, which the
// original ignored. Every source given is checked, the ones that lose too:
// a value out of range is an error, never skipped for the next source or
// the default.
func (c *converter) resources(cd *ecstypes.ContainerDefinition, svc types.ServiceConfig, p *ServiceParams) error {
	field := "services." + svc.Name
	pfield := c.paramsName + ": task_definition." + field
	var lim, res *types.Resource
	if svc.Deploy != nil {
		lim, res = svc.Deploy.Resources.Limits, svc.Deploy.Resources.Reservations
	}
	var pMem, pResv, pCPU int64
	if p != nil {
		pMem, pResv, pCPU = int64(p.MemLimit), int64(p.MemReservation), p.CpuShares
	}
	mem, err := firstMiB(
		sized{pfield + ".mem_limit", pMem},
		sized{field + ".mem_limit", int64(svc.MemLimit)},
		sized{field + ".deploy.resources.limits.memory", resourceBytes(lim)})
	if err != nil {
		return err
	}
	resv, err := firstMiB(
		sized{pfield + ".mem_reservation", pResv},
		sized{field + ".mem_reservation", int64(svc.MemReservation)},
		sized{field + ".deploy.resources.reservations.memory", resourceBytes(res)})
	if err != nil {
		return err
	}
	if mem == 0 && resv == 0 && c.taskMemory == "" {
		mem = defaultMemoryMiB
	}
	if mem != 0 && mem < resv {
		return fmt.Errorf("%s: memory limit %d MiB is below the reservation %d MiB", field, mem, resv)
	}
	cd.Memory = ptrIfNonZero(mem)
	cd.MemoryReservation = ptrIfNonZero(resv)

	shares := []cpuSource{
		{pfield + ".cpu_shares", pCPU, nil},
		{field + ".cpu_shares", svc.CPUShares, nil},
	}
	for _, cp := range []struct {
		field string
		cpus  float64
	}{
		{field + ".cpus", float64(svc.CPUS)},
		{field + ".deploy.resources.reservations.cpus", resourceCPUs(res)},
		{field + ".deploy.resources.limits.cpus", resourceCPUs(lim)},
	} {
		u, err := cpuUnits(cp.cpus)
		shares = append(shares, cpuSource{cp.field, u, err})
	}
	var cpu int64
	for _, sh := range shares {
		switch {
		case sh.err != nil:
			return fmt.Errorf("%s: %w", sh.field, sh.err)
		case sh.units == math.MinInt64:
			return fmt.Errorf("%s: the number is too large to read", sh.field)
		case sh.units < 0 || sh.units > bounds.MaxContainerCPU:
			return fmt.Errorf("%s: %d CPU units is outside what ECS gives a container (0 to %d, the Linux kernel's largest CPU share)", sh.field, sh.units, bounds.MaxContainerCPU)
		case cpu == 0:
			cpu = sh.units
		}
	}
	if cpu > 0 {
		cd.Cpu = int32(cpu)
	}

	if cd.ResourceRequirements == nil && res != nil {
		gpus, err := gpuCount(field, res.Devices)
		if err != nil {
			return err
		}
		if err := gpuRange.Check(gpus); gpus != 0 && err != nil {
			return fmt.Errorf("%s.deploy.resources.reservations.devices: %w", field, err)
		}
		if gpus > 0 {
			cd.ResourceRequirements = []ecstypes.ResourceRequirement{{Type: ecstypes.ResourceTypeGpu, Value: str(fmt.Sprint(gpus))}}
		}
	}
	return nil
}

// cpuSource is a container cpu as read from one field, in CPU units.
type cpuSource struct {
	field string
	units int64
	err   error
}

// cpuUnits turns a number of CPUs into ECS CPU units (1 vCPU = 1024).
func cpuUnits(cpus float64) (int64, error) {
	switch {
	case math.IsNaN(cpus):
		return 0, fmt.Errorf("not a number of CPUs")
	case math.IsInf(cpus, 0):
		return 0, fmt.Errorf("the number is too large to read")
	case cpus < 0:
		return 0, fmt.Errorf("%s CPUs is negative", cpuText(cpus))
	case cpus*1024 > bounds.MaxContainerCPU:
		return 0, fmt.Errorf("%s CPUs is more than ECS gives a container (%d CPUs, %d CPU units)", cpuText(cpus), bounds.MaxContainerCPU/1024, bounds.MaxContainerCPU)
	}
	u := int64(math.Round(cpus * 1024))
	if u == 0 && cpus > 0 {
		// Rounded to nothing, it would silently mean "no CPU set".
		return 0, fmt.Errorf("%s CPUs is less than one CPU unit (1/1024 of a CPU)", cpuText(cpus))
	}
	return u, nil
}

// cpuText writes a CPU count as the user wrote it: compose-go reads cpus as
// a 32-bit float, so 0.0001 comes back as 9.9999997e-05.
func cpuText(cpus float64) string { return strconv.FormatFloat(cpus, 'g', 7, 64) }

// sized is a byte count and the field it came from.
type sized struct {
	field string
	bytes int64
}

// firstMiB checks every given (non-zero) size and returns the first in MiB.
// A size under the container minimum is refused rather than read as unset
// (the original fell back to 512 MiB for mem_limit: 1000, a byte count).
func firstMiB(sizes ...sized) (int32, error) {
	var out int32
	for _, s := range sizes {
		if s.bytes == 0 {
			continue
		}
		m, err := toMiB(s.bytes)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", s.field, err)
		}
		if m < bounds.MinContainerMiB {
			return 0, fmt.Errorf("%s: %d bytes is below the %d MiB ECS needs for a container (a bare number counts bytes: write 512m for 512 MiB)", s.field, s.bytes, bounds.MinContainerMiB)
		}
		if out == 0 {
			out = m
		}
	}
	return out, nil
}

func resourceBytes(r *types.Resource) int64 {
	if r == nil {
		return 0
	}
	return int64(r.MemoryBytes)
}

func resourceCPUs(r *types.Resource) float64 {
	if r == nil {
		return 0
	}
	return float64(r.NanoCPUs)
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
