package local

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/loader"
	composetypes "github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/compose"
)

const roundTripCompose = `services:
  web:
    image: nginx:1.27
    command: ["nginx", "-g", "daemon off;"]
    entrypoint: ["/docker-entrypoint.sh"]
    environment:
      A: "1"
      B: two words
    ports: ["8080:80", "53:53/udp"]
    working_dir: /srv
    user: "1000:1000"
    privileged: true
    read_only: true
    hostname: web1
    labels: {team: web}
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    dns: [10.0.0.2]
    dns_search: [example.com]
    extra_hosts: ["db:10.0.0.9"]
    ulimits: {nofile: {soft: 1024, hard: 4096}}
    init: true
    healthcheck: {test: ["CMD", "true"], interval: 30s, timeout: 5s, retries: 3}
  worker:
    image: busybox
    command: ["sh", "-c", "sleep 1000"]
    links: [web]
`

// A compose project goes to a task definition (ecs-compose2td) and back to
// compose (ecs-local create): what both formats can say survives the trip.
func TestRoundTripComposeTaskDefinitionCompose(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(roundTripCompose), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := compose.Convert(context.Background(), compose.Options{Files: []string{"docker-compose.yml"}, Dir: dir, ProjectName: "trip", Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	in := res.TaskDefinition
	td := &types.TaskDefinition{Family: in.Family, ContainerDefinitions: in.ContainerDefinitions, NetworkMode: in.NetworkMode, Volumes: in.Volumes}
	c, err := Convert(td, Options{Input: Input{Type: "local", Value: "/trip.json"}})
	if err != nil {
		t.Fatal(err)
	}
	base, err := Marshal(c.Base)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "back.yml")
	if err := os.WriteFile(out, base, 0o600); err != nil {
		t.Fatal(err)
	}
	back, err := loader.LoadWithContext(context.Background(), composetypes.ConfigDetails{WorkingDir: dir, ConfigFiles: []composetypes.ConfigFile{{Filename: out}}, Environment: composetypes.Mapping{}},
		func(o *loader.Options) { o.SetProjectName("trip", true); o.SkipConsistencyCheck = true })
	if err != nil {
		t.Fatalf("loading the compose file ecs-local wrote: %v\n%s", err, base)
	}
	orig, err := loader.LoadWithContext(context.Background(), composetypes.ConfigDetails{WorkingDir: dir, ConfigFiles: []composetypes.ConfigFile{{Filename: filepath.Join(dir, "docker-compose.yml")}}, Environment: composetypes.Mapping{}},
		func(o *loader.Options) { o.SetProjectName("trip", true) })
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"web", "worker"} {
		a, b := orig.Services[name], back.Services[name]
		same := func(field string, x, y any) {
			if !reflect.DeepEqual(x, y) {
				t.Errorf("%s.%s: %v went in, %v came back", name, field, x, y)
			}
		}
		same("image", a.Image, b.Image)
		same("command", a.Command, b.Command)
		same("entrypoint", a.Entrypoint, b.Entrypoint)
		same("working_dir", a.WorkingDir, b.WorkingDir)
		same("user", a.User, b.User)
		same("privileged", a.Privileged, b.Privileged)
		same("read_only", a.ReadOnly, b.ReadOnly)
		same("hostname", a.Hostname, b.Hostname)
		same("cap_add", a.CapAdd, b.CapAdd)
		same("cap_drop", a.CapDrop, b.CapDrop)
		same("dns", a.DNS, b.DNS)
		same("dns_search", a.DNSSearch, b.DNSSearch)
		same("extra_hosts", a.ExtraHosts, b.ExtraHosts)
		same("ulimits", a.Ulimits, b.Ulimits)
		same("ports", portSet(a.Ports), portSet(b.Ports))
		for k, v := range a.Environment {
			if got := b.Environment[k]; got == nil || *got != *v {
				t.Errorf("%s.environment.%s: %q went in, %v came back", name, k, *v, got)
			}
		}
		for k, v := range a.Labels {
			if b.Labels[k] != v {
				t.Errorf("%s.labels.%s: %q went in, %q came back", name, k, v, b.Labels[k])
			}
		}
		if a.HealthCheck != nil {
			same("healthcheck.test", a.HealthCheck.Test, b.HealthCheck.Test)
			same("healthcheck.retries", a.HealthCheck.Retries, b.HealthCheck.Retries)
		}
		if a.Init != nil {
			same("init", *a.Init, b.Init != nil && *b.Init)
		}
	}
	if aws.ToString(td.Family) != "trip" {
		t.Errorf("family %s", aws.ToString(td.Family))
	}
}

func portSet(ps []composetypes.ServicePortConfig) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Published+":"+strconv.FormatUint(uint64(p.Target), 10)+"/"+p.Protocol)
	}
	sort.Strings(out)
	return out
}
