package pipeline

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/testcorpus"
)

// corpusFiles are the real-world task definitions (see SOURCES.md there).
func corpusFiles(t testing.TB) []string { return testcorpus.TaskDefinitions(t) }

// TestCorpusRoundTrip reads every corpus file, checks it was wrapped (or not)
// as the design says, writes it and reads it back: the task definition must
// come back as the very same JSON text, whitespace aside.
func TestCorpusRoundTrip(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var top map[string]json.RawMessage
			if err := json.Unmarshal(orig, &top); err != nil {
				t.Fatal(err)
			}
			_, isWrapper := top[KeyTaskDefinition]

			d, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := d.Write(&out); err != nil {
				t.Fatal(err)
			}
			again, err := Read(bytes.NewReader(out.Bytes()), "written "+path)
			if err != nil {
				t.Fatal(err)
			}

			want := compact(t, orig)
			got := mustMarshal(t, again)
			if !isWrapper {
				if keys := again.Keys(); len(keys) != 1 || keys[0] != KeyTaskDefinition {
					t.Fatalf("bare task definition read as keys %q, want [taskDefinition]", keys)
				}
				got = string(again.Raw(KeyTaskDefinition))
			}
			if got != want {
				t.Errorf("round trip changed the JSON:\n got %s\nwant %s", got, want)
			}
			if out.Len() == 0 || out.Bytes()[out.Len()-1] != '\n' {
				t.Error("Write left no trailing newline")
			}
		})
	}
}

func compact(t testing.TB, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
