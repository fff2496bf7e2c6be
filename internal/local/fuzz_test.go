package local

import (
	"bytes"
	"os"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/testcorpus"
)

// FuzzTaskDefinition feeds arbitrary text to ecs-local's task definition
// reader: it must never panic, and a task definition it accepts either
// converts into compose files that are valid YAML, or is refused with an
// error.
func FuzzTaskDefinition(f *testing.F) {
	f.Add([]byte(`{"family":"web","containerDefinitions":[{"name":"web","image":"nginx","portMappings":[{"containerPort":80,"hostPort":8080}]}]}`))
	f.Add([]byte(`{"taskDefinition":{"containerDefinitions":[{"name":"a","image":"x","secrets":[{"name":"S","valueFrom":"/p"}],"volumesFrom":[{"sourceContainer":"a"}]}]},"taskDefinitionArn":"arn:aws:ecs:us-east-1:1:task-definition/a:1"}`))
	f.Add([]byte(`{"containerDefinitions":[{"name":"a","image":"x","memory":"512","ulimits":[{"name":"nofile","softLimit":1,"hardLimit":2}],"healthCheck":{"command":["CMD","true"],"retries":3}}],"volumes":[{"name":"v","dockerVolumeConfiguration":{"scope":"shared"}}]}`))
	for _, p := range testcorpus.TaskDefinitions(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		td, err := ReadTaskDefinition(bytes.NewReader(in), "fuzz.json")
		if err != nil {
			return
		}
		c, err := Convert(td, Options{Input: Input{Type: "local", Value: "fuzz.json"}})
		if err != nil {
			return
		}
		for _, p := range []*Project{c.Base, c.Override} {
			b, err := Marshal(p)
			if err != nil {
				t.Fatalf("an accepted task definition did not marshal: %v", err)
			}
			var back map[string]any
			if err := yaml.Unmarshal(b, &back); err != nil {
				t.Fatalf("written compose file is not YAML: %v\n%s", err, b)
			}
		}
	})
}
