package compose

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// convertNumbers converts one service's compose keys (svc, indented under
// services.web) with an optional ecs-params file.
func convertNumbers(t *testing.T, svc, params string) (*Result, error) {
	t.Helper()
	dir := t.TempDir()
	compose := "services:\n  web:\n    image: nginx\n" + svc
	if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(compose), 0o644); err != nil {
		t.Fatal(err)
	}
	o := Options{Files: []string{"docker-compose.yml"}, Dir: dir, ProjectName: "p", Env: map[string]string{}}
	if params != "" {
		if err := os.WriteFile(filepath.Join(dir, "ecs-params.yml"), []byte(params), 0o644); err != nil {
			t.Fatal(err)
		}
		o.EcsParamsFile = "ecs-params.yml"
	}
	return Convert(context.Background(), o)
}

// Every number the converter reads is refused out of its range, naming the
// file and field, instead of wrapping, going negative or falling back.
func TestNumbersOutOfRange(t *testing.T) {
	const params = "version: 1\ntask_definition:\n"
	for _, tc := range []struct {
		name, svc, params, want string
	}{
		{"mem_limit overflowing 64 bits", "    mem_limit: 99999999999999999999\n", "",
			"docker-compose.yml: services.web.mem_limit: 99999999999999999999 is not a size compose can read"},
		{"mem_limit as a float", "    mem_limit: 1.5e9\n", "", "services.web.mem_limit: 1.5e9 is not a size compose can read"},
		{"mem_limit string overflowing", "    mem_limit: \"99999999999999999999\"\n", "", "services.web.mem_limit: the size is too large to read"},
		{"mem_limit over 32-bit MiB", "    mem_limit: 9000000000000000000\n", "", "services.web.mem_limit: 9000000000000000000 bytes is more than ECS can hold (2147483647 MiB)"},
		{"mem_limit in bytes below the minimum", "    mem_limit: 1000\n", "", "services.web.mem_limit: 1000 bytes is below the 6 MiB ECS needs"},
		{"mem_limit negative", "    mem_limit: -5\n", "", "services.web.mem_limit: -5 bytes is negative"},
		{"mem_reservation negative", "    mem_reservation: -5\n", "", "services.web.mem_reservation: -5 bytes is negative"},
		{"mem_reservation overflowing", "    mem_reservation: 100000000000g\n", "", "services.web.mem_reservation: the size is too large to read"},
		{"deploy memory negative", "    deploy: {resources: {limits: {memory: \"-5\"}}}\n", "", "services.web.deploy.resources.limits.memory: -5 bytes is negative"},
		{"deploy reservation tiny", "    deploy: {resources: {reservations: {memory: 4m}}}\n", "", "services.web.deploy.resources.reservations.memory: 4194304 bytes is below"},
		{"losing source checked too", "    mem_limit: -5\n", params + "  services:\n    web:\n      mem_limit: 256m\n", "services.web.mem_limit: -5 bytes is negative"},
		{"cpu_shares negative", "    cpu_shares: -5\n", "", "services.web.cpu_shares: -5 CPU units is outside what ECS gives a container (0 to 262144"},
		{"cpu_shares overflowing", "    cpu_shares: 99999999999999999999\n", "", "services.web.cpu_shares: the number is too large to read"},
		{"cpu_shares above the kernel's", "    cpu_shares: 4294967296\n", "", "services.web.cpu_shares: 4294967296 CPU units is outside"},
		{"cpus negative", "    cpus: -1\n", "", "services.web.cpus: -1 CPUs is negative"},
		{"cpus huge", "    cpus: 1e300\n", "", "services.web.cpus: the number is too large to read"},
		{"cpus above the kernel's", "    cpus: 300\n", "", "services.web.cpus: 300 CPUs is more than ECS gives a container (256 CPUs, 262144 CPU units)"},
		{"cpus rounding to no CPU unit", "    cpus: 0.0001\n", "", "services.web.cpus: 0.0001 CPUs is less than one CPU unit (1/1024 of a CPU)"},
		{"deploy cpus negative", "    deploy: {resources: {reservations: {cpus: \"-2\"}}}\n", "", "services.web.deploy.resources.reservations.cpus: -2 CPUs is negative"},
		{"deploy limit cpus negative", "    deploy: {resources: {limits: {cpus: \"-0.5\"}}}\n", "", "services.web.deploy.resources.limits.cpus: -0.5 CPUs is negative"},
		{"ulimit above int32", "    ulimits: {nofile: 4294967296}\n", "", "services.web.ulimits.nofile: 4294967296 is outside the accepted range (-1 to 2147483647)"},
		{"ulimit soft below -1", "    ulimits: {nproc: {soft: -2, hard: 10}}\n", "", "services.web.ulimits.nproc: soft limit -2 is outside"},
		{"ulimit hard above int32", "    ulimits: {nproc: {soft: 1, hard: 3000000000}}\n", "", "services.web.ulimits.nproc: hard limit 3000000000 is outside"},
		{"ulimit soft above hard", "    ulimits: {nproc: {soft: 20, hard: 10}}\n", "", "services.web.ulimits.nproc: soft limit 20 is above the hard limit 10 (-1 is unlimited), which docker refuses when the container starts"},
		{"ulimit soft unlimited under a hard limit", "    ulimits: {memlock: {soft: -1, hard: 10}}\n", "", "services.web.ulimits.memlock: soft limit -1 is above the hard limit 10"},
		{"stop_grace_period negative", "    stop_grace_period: -5s\n", "", "services.web.stop_grace_period: -5s is negative; ECS waits 0 to 120 seconds"},
		{"stop_grace_period beyond 32 bits", "    stop_grace_period: 1000000h\n", "", "services.web.stop_grace_period: 3600000000s is more than ECS allows (120 seconds)"},
		{"shm_size below 1 MiB", "    shm_size: 1000\n", "", "services.web.shm_size: 1000 bytes is below 1 MiB"},
		{"shm_size overflowing", "    shm_size: 100000000000g\n", "", "services.web.shm_size: the size is too large to read"},
		{"shm_size negative", "    shm_size: -1\n", "", "services.web.shm_size: -1 bytes is negative"},
		{"tmpfs size overflowing", "    tmpfs: [\"/x:size=100000000000g\"]\n", "", "services.web.tmpfs[0]: invalid size \"100000000000g\": too large"},
		{"tmpfs volume size over 32-bit MiB", "    volumes: [{type: tmpfs, target: /x, tmpfs: {size: 9000000000000000000}}]\n", "", "services.web.volumes[0]: tmpfs /x: 9000000000000000000 bytes is more than ECS can hold"},
		{"port target above 65535", "    ports: [{target: 70000, published: \"80\"}]\n", "", "services.web.ports[0]: target 70000 is outside the accepted range (1 to 65535)"},
		{"port target 0", "    ports: [{target: 0}]\n", "", "services.web.ports[0]: target 0 is outside the accepted range (1 to 65535)"},
		{"params gpu not a number", "", params + "  services:\n    web:\n      gpu: lots\n", "ecs-params.yml: task_definition.services.web.gpu: \"lots\" is not a whole number"},
		{"params gpu 0", "", params + "  services:\n    web:\n      gpu: 0\n", "ecs-params.yml: task_definition.services.web.gpu: 0 is outside the accepted range (1 to 2147483647 GPUs)"},
		{"deploy gpu count beyond 32 bits", "    deploy: {resources: {reservations: {devices: [{capabilities: [gpu], count: 4294967296}]}}}\n", "", "services.web.deploy.resources.reservations.devices: 4294967296 is outside the accepted range (1 to 2147483647 GPUs)"},
		{"params cpu_shares negative", "", params + "  services:\n    web:\n      cpu_shares: -1\n", "ecs-params.yml: task_definition.services.web.cpu_shares: -1 CPU units is outside"},
		{"params mem_limit overflowing", "", params + "  services:\n    web:\n      mem_limit: 99999999999999999999\n", "ecs-params.yml: line 5: task_definition.services.web.mem_limit: 99999999999999999999 is too large"},
		{"params mem_limit with a unit overflowing", "", params + "  services:\n    web:\n      mem_limit: 100000000000g\n", "ecs-params.yml: line 5: invalid size \"100000000000g\": too large"},
		{"params cpu_shares beyond 64 bits", "", params + "  services:\n    web:\n      cpu_shares: 99999999999999999999\n", "ecs-params.yml: line 5: task_definition.services.web.cpu_shares: 99999999999999999999 is too large"},
		{"params retries beyond 32 bits", "", params + "  services:\n    web:\n      healthcheck: {test: x, retries: 99999999999}\n", "ecs-params.yml: task_definition.services.web.healthcheck.retries: 99999999999 is outside what ECS accepts (1 to 10)"},
		{"params sd port beyond 32 bits", "", "run_params:\n  service_discovery:\n    container_port: 4294967376\n", "run_params.service_discovery.container_port: 4294967376 is outside the accepted range (1 to 65535)"},
		{"params sd threshold beyond 32 bits", "", "run_params:\n  service_discovery:\n    service_discovery_service:\n      healthcheck_custom_config: {failure_threshold: 4294967297}\n", "failure_threshold: 4294967297 is outside the accepted range (1 to 10)"},
		{"params efs port beyond 32 bits", "", params + "  efs_volumes:\n    - {name: v, filesystem_id: fs-1, transit_encryption_port: 4294967297}\n", "task_definition.efs_volumes[0].transit_encryption_port: 4294967297 is outside the accepted range (1 to 65535)"},
		{"params mem_reservation in bytes", "", params + "  services:\n    web:\n      mem_reservation: 512\n", "ecs-params.yml: task_definition.services.web.mem_reservation: 512 bytes is below the 6 MiB"},
		{"params healthcheck retries 0", "", params + "  services:\n    web:\n      healthcheck: {test: x, retries: 0}\n", "ecs-params.yml: task_definition.services.web.healthcheck.retries: 0 is outside what ECS accepts (1 to 10)"},
		{"params healthcheck interval negative", "", params + "  services:\n    web:\n      healthcheck: {test: x, interval: -3}\n", "task_definition.services.web.healthcheck.interval: -3 is outside what ECS accepts (5 to 300 seconds)"},
		{"params healthcheck timeout beyond 32 bits", "", params + "  services:\n    web:\n      healthcheck: {test: x, timeout: 4294967296}\n", "task_definition.services.web.healthcheck.timeout: 4294967296 is outside what ECS accepts (2 to 120 seconds)"},
		{"params healthcheck start_period huge", "", params + "  services:\n    web:\n      healthcheck: {test: x, start_period: 99999999999999999999}\n", "healthcheck.start_period: 99999999999999999999 seconds is too large"},
		{"params task memory beyond 32 bits", "", params + "  task_size: {cpu_limit: 512, mem_limit: 99999999999999}\n", "task_definition.task_size.mem_limit: \"99999999999999\" is more than ECS accepts (2147483647 MiB)"},
		{"params efs transit port", "", params + "  efs_volumes:\n    - {name: v, filesystem_id: fs-1, transit_encryption: ENABLED, transit_encryption_port: 70000}\n", "ecs-params.yml: task_definition.efs_volumes[0].transit_encryption_port: 70000 is outside the accepted range (1 to 65535)"},
		{"params sd container port", "", "run_params:\n  service_discovery:\n    container_port: -80\n", "ecs-params.yml: run_params.service_discovery.container_port: -80 is outside the accepted range (1 to 65535)"},
		{"params sd ttl", "", "run_params:\n  service_discovery:\n    service_discovery_service:\n      dns_config: {ttl: -1}\n", "run_params.service_discovery.service_discovery_service.dns_config.ttl: -1 is outside the accepted range (0 to 2147483647 seconds)"},
		{"params sd threshold", "", "run_params:\n  service_discovery:\n    service_discovery_service:\n      healthcheck_custom_config: {failure_threshold: 0}\n", "healthcheck_custom_config.failure_threshold: 0 is outside the accepted range (1 to 10)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := convertNumbers(t, tc.svc, tc.params)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %q", err, tc.want)
			}
		})
	}
}

// The edges of each range convert.
func TestNumbersInRange(t *testing.T) {
	res, err := convertNumbers(t, "    mem_limit: 6m\n    cpu_shares: 262144\n    shm_size: 1m\n    stop_grace_period: 2m\n    ulimits: {memlock: -1, nofile: 2147483647}\n", "")
	if err != nil {
		t.Fatal(err)
	}
	cd := res.TaskDefinition.ContainerDefinitions[0]
	if *cd.Memory != 6 || cd.Cpu != 262144 || *cd.LinuxParameters.SharedMemorySize != 1 || *cd.StopTimeout != 120 {
		t.Errorf("memory %d cpu %d shm %d stop %d", *cd.Memory, cd.Cpu, *cd.LinuxParameters.SharedMemorySize, *cd.StopTimeout)
	}
	if u := cd.Ulimits; len(u) != 2 || u[0].SoftLimit != -1 || u[1].HardLimit != 2147483647 {
		t.Errorf("ulimits %+v", u)
	}
}

// A compose health check value far outside ECS's range is clamped with a
// warning that quotes it whole, not its 32-bit remainder.
func TestHealthCheckClampQuotesWholeValue(t *testing.T) {
	res, err := convertNumbers(t, "    healthcheck: {test: [CMD, x], interval: 2000000h, retries: 99999999999999}\n", "")
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(res.Warnings, "\n")
	for _, want := range []string{"healthcheck.interval: 7200000000 is outside what ECS accepts (5 to 300 seconds); using 300", "healthcheck.retries: 99999999999999 is outside what ECS accepts (1 to 10); using 10"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
	hc := res.TaskDefinition.ContainerDefinitions[0].HealthCheck
	if *hc.Interval != 300 || *hc.Retries != 10 {
		t.Errorf("interval %d retries %d", *hc.Interval, *hc.Retries)
	}
}
