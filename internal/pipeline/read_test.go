package pipeline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// badInputs are inputs Read must refuse, each with the part of the message
// that says what was wrong and where.
var badInputs = []struct {
	name, in, want string
}{
	{"empty", "", "reading in.json: empty input"},
	{"whitespace only", " \n\t\r\n", "reading in.json: empty input"},
	{"two objects", "{\"a\":1}\n{\"b\":2}", "reading in.json: line 2, column 1: more than one JSON value"},
	{"object then array", `{"a":1} []`, "line 1, column 9: more than one JSON value"},
	{"trailing garbage", `{"a":1} x`, "line 1, column 9: malformed JSON: invalid character 'x'"},
	{"array", `[]`, "reading in.json: line 1, column 1: want a JSON object, got an array"},
	{"string", ` "x"`, "line 1, column 2: want a JSON object, got a string"},
	{"null", `null`, "want a JSON object, got null"},
	{"number", `3`, "want a JSON object, got a number"},
	{"boolean", `true`, "want a JSON object, got a boolean"},
	{"truncated", "{\"family\": \"web\",\n  \"containerDefinitions\": [", "reading in.json: line 2, column 28: malformed JSON: unexpected end of input"},
	{"truncated string", `{"a": "b`, "malformed JSON: unexpected end of input"},
	{"missing colon", "{\n \"a\" 1}", "line 2, column 6: malformed JSON: invalid character '1' after object key"},
	{"trailing comma", `{"a":1,}`, "line 1, column 8: malformed JSON: invalid character '}'"},
	{"bad value", `{"a": <>}`, "line 1, column 7: malformed JSON: invalid character '<'"},
	{"duplicate key", "{\"a\": 1,\n \"b\": 2,\n \"a\": 3}", `reading in.json: line 3, column 2: duplicate key "a"`},
	{"duplicate key spelled differently", `{"a": 1, "\u0061": 2}`, `duplicate key "a"`},
	{"duplicate key in bare task definition", `{"family": "a", "family": "b"}`, `duplicate key "family"`},
}

func TestReadBadInput(t *testing.T) {
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(strings.NewReader(tt.in), "in.json")
			if err == nil {
				t.Fatalf("Read(%q) = %s, want error", tt.in, mustMarshal(t, d))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Read(%q) error = %q, want it to contain %q", tt.in, err, tt.want)
			}
			if got := exitcode.Of(err); got != exitcode.Usage {
				t.Errorf("exitcode.Of(%v) = %d, want %d", err, got, exitcode.Usage)
			}
		})
	}
}

func TestReadWrapsBareTaskDefinition(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"register input", `{"family": "web", "containerDefinitions": []}`,
			`{"taskDefinition":{"family":"web","containerDefinitions":[]}}`},
		{"family only", `{"family":"web"}`, `{"taskDefinition":{"family":"web"}}`},
		{"containerDefinitions only", `{"containerDefinitions":[{"name":"a"}]}`,
			`{"taskDefinition":{"containerDefinitions":[{"name":"a"}]}}`},
		{"describe wrapper with tags", `{"taskDefinition": {"family": "web"}, "tags": [{"key": "k", "value": "v"}]}`,
			`{"taskDefinition":{"family":"web"},"tags":[{"key":"k","value":"v"}]}`},
		{"document", `{"project": "p", "taskDefinition": {"family": "web"}, "cluster": "c"}`,
			`{"project":"p","taskDefinition":{"family":"web"},"cluster":"c"}`},
		{"other object", `{"zzz": 1, "aaa": [2]}`, `{"zzz":1,"aaa":[2]}`},
		{"empty object", `{}`, `{}`},
		{"family beside taskDefinition stays", `{"family": "x", "taskDefinition": {}}`, `{"family":"x","taskDefinition":{}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Read(strings.NewReader(tt.in), "<stdin>")
			if err != nil {
				t.Fatal(err)
			}
			if got := mustMarshal(t, d); got != tt.want {
				t.Errorf("Read(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestReadKeepsValuesVerbatim(t *testing.T) {
	// Numbers keep their spelling, strings their escapes; only whitespace goes.
	in := `{"n": 123456789012345678901234567890, "f": 1.50e+10, "neg": -0,
	  "s": "<&> \u00e9 \/ \"q\"", "null": null, "empty": [], "obj": {"Z": 1, "a": {}}}`
	want := `{"n":123456789012345678901234567890,"f":1.50e+10,"neg":-0,"s":"<&> \u00e9 \/ \"q\"","null":null,"empty":[],"obj":{"Z":1,"a":{}}}`
	d, err := Read(strings.NewReader(in), "<stdin>")
	if err != nil {
		t.Fatal(err)
	}
	if got := mustMarshal(t, d); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	wantIndented := `{
  "n": 123456789012345678901234567890,
  "f": 1.50e+10,
  "neg": -0,
  "s": "<&> \u00e9 \/ \"q\"",
  "null": null,
  "empty": [],
  "obj": {
    "Z": 1,
    "a": {}
  }
}
`
	if buf.String() != wantIndented {
		t.Errorf("Write:\n%s\nwant:\n%s", buf.String(), wantIndented)
	}
}

func TestReadFile(t *testing.T) {
	_, err := ReadFile("testdata/does-not-exist.json")
	if err == nil || !strings.Contains(err.Error(), "testdata/does-not-exist.json") {
		t.Errorf("ReadFile(missing) error = %v, want one naming the file", err)
	}
	if got := exitcode.Of(err); got != exitcode.Usage {
		t.Errorf("exitcode.Of = %d, want %d", got, exitcode.Usage)
	}
}

func mustMarshal(t *testing.T, d *Document) string {
	t.Helper()
	b, err := d.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
