package compose

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
)

// FuzzConvert feeds arbitrary compose and ecs-params text to the converter:
// it must never panic, and whatever it accepts must encode as JSON.
func FuzzConvert(f *testing.F) {
	f.Add([]byte("services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n"), []byte(""))
	f.Add([]byte("version: '2'\nservices:\n  a:\n    image: x\n    mem_limit: 1g\n    volumes: [/h:/c, named:/n]\nvolumes:\n  named:\n"),
		[]byte("version: 1\ntask_definition:\n  services:\n    a:\n      mem_reservation: 100m\n"))
	f.Add([]byte("services:\n  a:\n    image: x\n    healthcheck:\n      test: curl x\n      interval: 10s\n"),
		[]byte("task_definition:\n  ecs_network_mode: awsvpc\n  task_size: {cpu_limit: 256, mem_limit: 512}\nrun_params:\n  network_configuration:\n    awsvpc_configuration:\n      subnets: [s]\n"))
	f.Add([]byte("services:\n  a:\n    build: .\n    tmpfs: /t:size=1m\n    devices: [/dev/a:/dev/b:rw]\n"), []byte("task_definition:\n  efs_volumes:\n    - name: e\n      filesystem_id: fs\n"))
	f.Fuzz(func(t *testing.T, composeText, paramsText []byte) {
		dir := t.TempDir()
		write := func(name string, b []byte) {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		write("docker-compose.yml", composeText)
		o := Options{Files: []string{"docker-compose.yml"}, Dir: dir, Env: map[string]string{"HOME": dir}}
		if len(paramsText) > 0 {
			write("ecs-params.yml", paramsText)
			o.EcsParamsFile = "ecs-params.yml"
		}
		res, err := Convert(context.Background(), o)
		if err != nil {
			return
		}
		b, err := ecsjson.Marshal(res.TaskDefinition)
		if err != nil || !json.Valid(b) {
			t.Fatalf("accepted input gave unencodable output: %v", err)
		}
		if res.RunParams != nil {
			if _, err := json.Marshal(res.RunParams); err != nil {
				t.Fatalf("runParams: %v", err)
			}
		}
	})
}

// FuzzReadRegistryCreds: the registry creds reader never panics, and what it
// accepts yields a consistent container map or a clean error.
func FuzzReadRegistryCreds(f *testing.F) {
	f.Add([]byte("version: \"1\"\nregistry_credential_outputs:\n  task_execution_role: r\n  container_credentials:\n    r.io:\n      credentials_parameter: arn:x\n      container_names: [a, b]\n"))
	f.Add([]byte("registry_credential_outputs: {container_credentials: {a: {container_names: [x]}}}"))
	f.Add([]byte("- x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rc, err := ReadRegistryCreds(bytes.NewReader(data), "creds.yml")
		if err != nil {
			return
		}
		m, err := rc.credentialsByContainer("creds.yml", func(string, ...any) {})
		if err != nil {
			return
		}
		for c, arn := range m {
			if c == "" && arn == "" {
				continue
			}
			if arn == "" {
				t.Fatalf("container %q mapped to an empty ARN", c)
			}
		}
	})
}

// FuzzReadEcsParams: the ecs-params reader never panics on any text, and
// what it accepts has every service entry non-nil-safe to convert against.
func FuzzReadEcsParams(f *testing.F) {
	f.Add([]byte("version: 1\ntask_definition:\n  ecs_network_mode: awsvpc\n  task_size: {cpu_limit: 256, mem_limit: 0.5GB}\n  services:\n    web:\n      essential: false\n      healthcheck: {test: [CMD, true], retries: 3}\n"))
	f.Add([]byte("version: 1\nrun_params:\n  network_configuration:\n    awsvpc_configuration:\n      subnets: [a, b]\n      assign_public_ip: ENABLED\n  service_discovery:\n    private_dns_namespace: {name: n, vpc: v}\n"))
	f.Add([]byte("task_definition:\n  docker_volumes:\n    - name: v\n      scope: shared\n      autoprovision: true\n  efs_volumes:\n    - name: e\n      filesystem_id: fs-1\n      transit_encryption: ENABLED\n"))
	f.Add([]byte("version: ${V:-1}\ntask_definition:\n  task_execution_role: $ROLE\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadEcsParams(bytes.NewReader(data), "ecs-params.yml", map[string]string{"ROLE": "r"})
		if err != nil {
			return
		}
		if p == nil {
			t.Fatal("nil params with no error")
		}
		if _, err := json.Marshal(p); err != nil {
			t.Fatalf("accepted params do not encode: %v", err)
		}
	})
}
