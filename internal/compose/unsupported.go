package compose

import (
	"encoding/json"
	"sort"

	"github.com/compose-spec/compose-go/v2/types"
)

// mappedKeys are the compose service keys the converter uses. Everything else
// that is set gets one warning per service and key.
var mappedKeys = map[string]bool{
	"image": true, "command": true, "entrypoint": true, "environment": true, "env_file": true,
	"cap_add": true, "cap_drop": true, "cpu_shares": true, "cpus": true, "devices": true,
	"dns": true, "dns_search": true, "extra_hosts": true, "hostname": true, "labels": true,
	"label_file": true, "links": true, "logging": true,
	"mem_limit": true, "mem_reservation": true, "ports": true, "privileged": true,
	"read_only": true, "security_opt": true, "shm_size": true, "stop_grace_period": true,
	"tmpfs": true, "tty": true, "stdin_open": true, "ulimits": true, "user": true,
	"volumes": true, "volumes_from": true, "working_dir": true, "healthcheck": true, "init": true, "sysctls": true,
	"extends": true, "profiles": true,
	// handled with their own rules below or elsewhere
	"build": true, "depends_on": true, "networks": true, "deploy": true,
}

// hints say where to put what compose cannot express for ECS.
var hints = map[string]string{
	"network_mode": "set ecs_network_mode in ecs-params",
	"pid":          "set pid_mode in ecs-params",
	"ipc":          "set ipc_mode in ecs-params",
	"restart":      "ECS services restart tasks: see ecs-service",
	"secrets":      "use secrets in ecs-params, from SSM or Secrets Manager",
	"scale":        "use ecs-service scale or ecs-run --count",
}

// unsupportedKeys lists the set keys of svc that the converter does not map
// and, apart, the parts of deploy other than resources ("deploy.placement"),
// which ECS has no place for in a task definition. Both are read off
// compose-go's own JSON form, so new compose fields are noticed.
func unsupportedKeys(svc types.ServiceConfig) (keys, deployKeys []string) {
	b, err := json.Marshal(svc)
	if err != nil {
		return nil, nil
	}
	m := setMembers(b)
	for k := range m {
		if !mappedKeys[k] {
			keys = append(keys, k)
		}
	}
	if d, ok := m["deploy"]; ok {
		for k := range setMembers(d) {
			if k != "resources" {
				deployKeys = append(deployKeys, "deploy."+k)
			}
		}
	}
	sort.Strings(keys)
	sort.Strings(deployKeys)
	return keys, deployKeys
}

// setMembers returns the members of a JSON object that hold a value; nil
// when b is not an object.
func setMembers(b []byte) map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	for k, v := range m {
		if isEmptyJSON(v) {
			delete(m, k)
		}
	}
	return m
}

// isEmptyJSON tells a field compose-go wrote without a value (null, {}, [])
// from one the user set.
func isEmptyJSON(v json.RawMessage) bool {
	switch string(v) {
	case "null", "{}", "[]", `""`:
		return true
	}
	return false
}
