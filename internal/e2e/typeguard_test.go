package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The patterns catch what Go and its libraries say about types, and leave
// the tools' own messages alone.
func TestGoTypePatterns(t *testing.T) {
	caught := []string{
		"ecs-params.yml: line 3: cannot unmarshal !!seq into map[string]*compose.ServiceParams",
		"creds.yml: line 5: field pasword not found in type regcreds.Registry",
		"line 2: cannot unmarshal !!str `abc` into []string",
		"value of *compose.HealthCheck is nil",
		"cannot construct !!seq into awsconf.ProfileConfig",
		"json: cannot unmarshal string into Go value of type int32",
		"json: cannot unmarshal number into Go struct field ContainerDefinition.containerDefinitions.memory of type string",
		"json: unknown field \"portMapping\"",
		"got struct { Name string }",
		"unexpected interface {}",
		"bad value %!s(int=3)",
		"expected []compose.Secret",
	}
	fine := []string{
		"ecs-params.yml: line 3: task_definition.services: expected a mapping of names to settings, found a list",
		"creds.yml: line 5: registry_credentials.registry.example.com.pasword: unknown field",
		"reading unknown.json: taskDefinition.containerDefinitions[0].portMapping: unknown field",
		"ecs-cli configure: Error saving cluster configuration: /home/u/.ecs/config cannot be read",
		"Saved ECS CLI cluster configuration default.",
		"docker-compose.ecs-local.yml already exists; use --force to write over it",
		"INFO[0000] Using ECS task definition TaskDefinition=\"web:1\"",
		"stopped: exit code 1 (Essential container in task exited)",
		"unknown command \"nope\" for \"ecs-cli compose\"",
		"progress 100% done",
		"containers [web db] are not in the project",
	}
	match := func(s string) bool {
		for _, re := range goTypePatterns {
			if re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, s := range caught {
		if !match(s) {
			t.Errorf("not caught: %q", s)
		}
	}
	for _, s := range fine {
		if match(s) {
			t.Errorf("caught, but in user words: %q", s)
		}
	}
}

// The guard sees lines split over writes and a last line without a
// newline, logs the line with secrets hidden, and passes the output on.
func TestTypeGuard(t *testing.T) {
	work, out := guardWork(t)
	g := newTypeGuard(out, "ecs-x stderr")
	g.Write([]byte("fine\n"))
	if _, err := os.Stat(filepath.Join(work, goTypeLog)); err == nil {
		t.Fatal("a harmless line was logged")
	}
	g.Write([]byte("secret-do-not-print: cannot unmarshal !!seq into map[str"))
	g.Write([]byte("ing]*compose.ServiceParams\nlast: field x not found in type a.B"))
	g.Close()
	data, err := os.ReadFile(filepath.Join(work, goTypeLog))
	if err != nil {
		t.Fatal("nothing logged")
	}
	log := string(data)
	for _, want := range []string{"ecs-x stderr printed \"(secret): cannot unmarshal !!seq into map[string]*compose.ServiceParams\"", "not found in type a.B"} {
		if !strings.Contains(log, want) {
			t.Errorf("log %q lacks %q", log, want)
		}
	}
	if strings.Contains(log, "do-not-print") {
		t.Errorf("the log holds a secret: %q", log)
	}
	written, _ := os.ReadFile(filepath.Join(work, "out"))
	if !strings.HasPrefix(string(written), "fine\nsecret-do-not-print") {
		t.Errorf("output not passed through: %q", written)
	}
}
