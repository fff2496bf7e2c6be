package query

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

const input = `{"taskDefinition": {"family": "web", "cpu": "256",
  "containerDefinitions": [{"name": "a", "memory": 512}, {"name": "b", "memory": 1024}]},
  "zeta": 1, "big": 123456789012345678, "huge": 12345678901234567890123, "dec": 1.50,
  "html": "<&>"}`

func readDoc(t *testing.T, s string) *pipeline.Document {
	t.Helper()
	d, err := pipeline.Read(strings.NewReader(s), "<test>")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestApply(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"identity keeps document order", " . ", `{
  "taskDefinition": {
    "family": "web",
    "cpu": "256",
    "containerDefinitions": [
      {
        "name": "a",
        "memory": 512
      },
      {
        "name": "b",
        "memory": 1024
      }
    ]
  },
  "zeta": 1,
  "big": 123456789012345678,
  "huge": 12345678901234567890123,
  "dec": 1.50,
  "html": "<&>"
}
`},
		{"string", ".taskDefinition.family", "\"web\"\n"},
		{"object keys come out sorted", ".taskDefinition | {family, cpu, a: 1}", `{
  "a": 1,
  "cpu": "256",
  "family": "web"
}
`},
		{"every result is written", ".taskDefinition.containerDefinitions[].name", "\"a\"\n\"b\"\n"},
		{"array result", "[.taskDefinition.containerDefinitions[].memory]", "[\n  512,\n  1024\n]\n"},
		{"no results", "empty", ""},
		{"null", ".absent", "null\n"},
		{"big integer passes through", ".big", "123456789012345678\n"},
		{"huge integer passes through", "{huge}", "{\n  \"huge\": 12345678901234567890123\n}\n"},
		{"decimal keeps its spelling", ".dec", "1.50\n"},
		{"integer arithmetic is exact", ".big + 1", "123456789012345679\n"},
		{"no HTML escaping", ".html", "\"<&>\"\n"},
		{"halt stops quietly", "1, halt, 2", "1\n"},
		{"no environment", "$ENV.HOME", "null\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Apply(context.Background(), readDoc(t, input), tt.expr, &out); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("Apply(%q) =\n%s\nwant\n%s", tt.expr, out.String(), tt.want)
			}
		})
	}
}

func TestApplyErrors(t *testing.T) {
	tests := []struct {
		name, expr, want string
	}{
		{"parse error", ".a[", `parsing --query ".a["`},
		{"unknown function", "nosuch(1)", `compiling --query "nosuch(1)": function not defined: nosuch/1`},
		{"index a string", ".taskDefinition.family.x", `running --query ".taskDefinition.family.x": expected an object but got: string ("web")`},
		{"error after results", `1, error("boom")`, `running --query "1, error(\"boom\")": error: boom`},
		{"halt_error", `"bad" | halt_error`, `running --query "\"bad\" | halt_error": halt error: bad`},
		{"input is not available", "input", `compiling --query "input": input(s)/0 is not allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := Apply(context.Background(), readDoc(t, input), tt.expr, &out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Apply(%q) error = %v, want it to contain %q", tt.expr, err, tt.want)
			}
			if got := exitcode.Of(err); got != exitcode.Usage {
				t.Errorf("exitcode.Of = %d, want %d", got, exitcode.Usage)
			}
			if out.Len() != 0 {
				t.Errorf("a failed query wrote %q", out.String())
			}
		})
	}
}

func TestApplyCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Apply(ctx, readDoc(t, input), "[range(100000000)] | length", &bytes.Buffer{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Apply with a canceled context = %v, want context.Canceled", err)
	}
	if got := exitcode.Of(err); got != exitcode.Failed {
		t.Errorf("exitcode.Of = %d, want %d", got, exitcode.Failed)
	}
}
