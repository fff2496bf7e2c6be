package compose2td

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/testcorpus"
)

// TestRealWorldCorpus runs the step on every compose file other people wrote
// (shared/corpus/real-world): each converts to one JSON document, or fails
// with exit 2 and a one-line message; never a panic, never half a document.
func TestRealWorldCorpus(t *testing.T) {
	root := testcorpus.Dir(t, "real-world")
	var files []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(p)
		if !d.IsDir() && (ext == ".yml" || ext == ".yaml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("found only %d compose files under %s", len(files), root)
	}
	converted := 0
	for _, f := range files {
		abs, _ := filepath.Abs(f)
		rel, _ := filepath.Rel(root, f)
		t.Run(rel, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), []string{"-f", abs}, nil, &stdout, &stderr)
			switch code {
			case exitcode.OK:
				var doc map[string]any
				if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
					t.Fatalf("stdout is not one JSON document: %v\n%s", err, stdout.String())
				}
				td, _ := doc["taskDefinition"].(map[string]any)
				if defs, _ := td["containerDefinitions"].([]any); len(defs) == 0 {
					t.Fatalf("no containers in %s", stdout.String())
				}
				converted++
			case exitcode.Usage:
				if stdout.Len() != 0 {
					t.Fatalf("failed but wrote stdout:\n%s", stdout.String())
				}
				lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
				last := lines[len(lines)-1]
				if !strings.HasPrefix(last, name+": ") || strings.Contains(last, "warning:") {
					t.Fatalf("exit 2 without a clear message:\n%s", stderr.String())
				}
				t.Logf("refused: %s", last)
			default:
				t.Fatalf("exit %d\n%s", code, stderr.String())
			}
		})
	}
	t.Logf("%d of %d corpus files converted", converted, len(files))
}
