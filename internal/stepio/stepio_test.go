package stepio

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

func TestInput(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "doc.json")
	if err := os.WriteFile(file, []byte(`{"project":"fromfile"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	stdin := strings.NewReader(`{"family":"bare","containerDefinitions":[]}`)
	for _, tc := range []struct {
		name    string
		args    []string
		in      io.Reader
		key     string
		errCode int
	}{
		{"file", []string{file}, nil, "project", 0},
		{"stdin", nil, stdin, "taskDefinition", 0},
		{"dash is stdin", []string{"-"}, strings.NewReader(`{"a":1}`), "a", 0},
		{"two files", []string{file, file}, nil, "", exitcode.Usage},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, nil, "", exitcode.Usage},
		{"empty stdin", nil, strings.NewReader(""), "", exitcode.Usage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Input(tc.args, tc.in)
			if tc.errCode != 0 {
				if exitcode.Of(err) != tc.errCode {
					t.Fatalf("err %v (code %d), want code %d", err, exitcode.Of(err), tc.errCode)
				}
				return
			}
			if err != nil || !doc.Has(tc.key) {
				t.Fatalf("doc %v err %v; want key %q", doc, err, tc.key)
			}
		})
	}
}

func TestOutputQuery(t *testing.T) {
	doc, err := Input(nil, strings.NewReader(`{"project":"p","taskDefinition":{"family":"p"}}`))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Output(context.Background(), doc, ".taskDefinition.family", &buf); err != nil || buf.String() != "\"p\"\n" {
		t.Errorf("query output %q, %v", buf.String(), err)
	}
	buf.Reset()
	if err := Output(context.Background(), doc, "", &buf); err != nil || !strings.Contains(buf.String(), `"project": "p"`) {
		t.Errorf("plain output %q, %v", buf.String(), err)
	}
}
