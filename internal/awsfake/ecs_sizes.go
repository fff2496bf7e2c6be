package awsfake

import (
	"strconv"
	"strings"
)

// parseCPU reads task or container CPU as ECS accepts it: CPU units
// ("1024") or vCPUs ("1 vCPU", "0.25 vcpu").
func parseCPU(s string) (int32, bool) {
	return parseUnits(s, "vcpu", 1024)
}

// parseMemory reads task memory as ECS accepts it: MiB ("2048") or GB
// ("2 GB", "2GB").
func parseMemory(s string) (int32, bool) {
	return parseUnits(s, "gb", 1024)
}

func parseUnits(s, unit string, per float64) (int32, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, ok := strings.CutSuffix(s, unit); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
		if err != nil || f <= 0 || f*per > 1<<30 {
			return 0, false
		}
		return int32(f * per), true
	}
	n, err := strconv.ParseInt(s, 10, 32)
	return int32(n), err == nil && n > 0
}

// fargateSizes are Fargate's Linux task sizes: CPU units → the memory
// range in MiB and its step.
var fargateSizes = map[int32][3]int32{
	256:   {512, 2048, 0}, // 512, 1024, 2048
	512:   {1024, 4096, 1024},
	1024:  {2048, 8192, 1024},
	2048:  {4096, 16384, 1024},
	4096:  {8192, 30720, 1024},
	8192:  {16384, 61440, 4096},
	16384: {32768, 122880, 8192},
}

// fargateSize reports whether cpu and memory are a Fargate task size.
func fargateSize(cpu, memory string) bool {
	c, ok1 := parseCPU(cpu)
	m, ok2 := parseMemory(memory)
	r, ok3 := fargateSizes[c]
	if !ok1 || !ok2 || !ok3 || m < r[0] || m > r[1] {
		return false
	}
	if r[2] == 0 {
		return m == 512 || m == 1024 || m == 2048
	}
	return (m-r[0])%r[2] == 0
}
