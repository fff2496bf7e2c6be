package local

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	composetypes "github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/testcorpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/local")

// TestCorpus converts every real-world task definition of the shared corpus
// and compares the compose file, its override and the notes with
// testdata/local/<name>.yml, .override.yml and .notes. Each compose file
// must load with compose-go, the loader docker compose uses.
func TestCorpus(t *testing.T) {
	files := testcorpus.TaskDefinitions(t)
	golden := filepath.Join("..", "..", "testdata", "local")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			td, err := ReadTaskDefinition(bytes.NewReader(data), filepath.Base(f))
			if err != nil {
				t.Fatal(err)
			}
			c, err := Convert(td, Options{Input: Input{Type: "local", Value: "/corpus/" + filepath.Base(f)}})
			if err != nil {
				t.Fatal(err)
			}
			base, err := Marshal(c.Base)
			if err != nil {
				t.Fatal(err)
			}
			over, err := Marshal(c.Override)
			if err != nil {
				t.Fatal(err)
			}
			notes := strings.Join(c.Notes, "\n")
			if notes != "" {
				notes += "\n"
			}
			validate(t, base, over)
			check(t, filepath.Join(golden, name+".yml"), base)
			check(t, filepath.Join(golden, name+".override.yml"), over)
			check(t, filepath.Join(golden, name+".notes"), []byte(notes))
		})
	}
}

func check(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// validate loads the files as `docker compose -f base -f override config`
// would, with every secret variable unset.
func validate(t *testing.T, base, over []byte) {
	t.Helper()
	cfg := composetypes.ConfigDetails{
		WorkingDir:  t.TempDir(),
		ConfigFiles: []composetypes.ConfigFile{{Filename: "docker-compose.ecs-local.yml", Content: base}, {Filename: "docker-compose.ecs-local.override.yml", Content: over}},
		Environment: composetypes.Mapping{},
	}
	p, err := loader.LoadWithContext(context.Background(), cfg, func(o *loader.Options) {
		o.SetProjectName("ecslocal", true)
		o.SkipResolveEnvironment = true
	})
	if err != nil {
		t.Fatalf("compose-go refuses the file: %v\n%s", err, base)
	}
	for name, s := range p.Services {
		if s.Logging == nil || s.Logging.Driver != "json-file" {
			t.Errorf("service %s: override did not set json-file logging", name)
		}
		if _, ok := s.Networks[NetworkName]; !ok {
			t.Errorf("service %s: not on %s", name, NetworkName)
		}
	}
}
