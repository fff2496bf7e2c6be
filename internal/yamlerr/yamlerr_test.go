package yamlerr

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	yaml4 "go.yaml.in/yaml/v4"
)

type settings struct {
	Password   string   `yaml:"password"`
	Containers []string `yaml:"container_names"`
	Count      int      `yaml:"count"`
}

type file struct {
	Entries map[string]*settings `yaml:"entries"`
}

func decode3(t *testing.T, text string) (*yaml.Node, error) {
	t.Helper()
	var root yaml.Node
	yaml.Unmarshal([]byte(text), &root)
	dec := yaml.NewDecoder(strings.NewReader(text))
	dec.KnownFields(true)
	return &root, dec.Decode(&file{})
}

func TestClean(t *testing.T) {
	tests := []struct {
		text       string
		hide       bool
		want       string
		withoutDoc string
	}{
		{"entries: [web]\n", true, "line 1: entries: expected a mapping of names to settings, found a list", "line 1: expected a mapping of names to settings, found a list"},
		{"entries:\n  r:\n    pasword: x\n", true, "line 3: entries.r.pasword: unknown field", "line 3: pasword: unknown field"},
		{"entries:\n  r:\n    container_names: hunter2-do-not-print\n", true, "line 3: entries.r.container_names: expected a list of strings, found a string", ""},
		// A back quote inside the value once cut the match short and showed
		// the value's tail and the Go type (found in review).
		{"entries:\n  r:\n    container_names: \"p4`ssw0rd-do-not-print\"\n", true, "line 3: entries.r.container_names: expected a list of strings, found a string", ""},
		{"entries: \"hu`nt3r-do-not-print\"\n", true, "line 1: entries: expected a mapping of names to settings, found a string", ""},
		{"entries:\n  r:\n    count: lots\n", false, "line 3: entries.r.count: expected a whole number, found a string `lots`", ""},
		{"entries:\n  r:\n    container_names:\n      - {a: 1}\n", true, "line 4: entries.r.container_names[0]: expected a string, found a mapping", ""},
		{"entries:\n  r: {pasword: x}\n", true, "line 2: entries.r.pasword: unknown field", ""},
		{"entries:\n  r: [1]\n", true, "line 2: entries.r: expected a mapping of settings, found a list", ""},
		{"entries:\n  r:\n    password: 'hunter2-do-not-print\n", true, "line 3: found unexpected end of stream", ""},
	}
	for _, tt := range tests {
		root, err := decode3(t, tt.text)
		if err == nil {
			t.Fatalf("%q decoded", tt.text)
		}
		if got := Clean(err, Options{HideValues: tt.hide, Root: root}).Error(); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", err, got, tt.want)
		}
		if tt.withoutDoc != "" {
			if got := Clean(err, Options{HideValues: tt.hide}).Error(); got != tt.withoutDoc {
				t.Errorf("Clean(%q) without the document = %q, want %q", err, got, tt.withoutDoc)
			}
		}
	}
}

// yaml v4 (the ~/.ecs files) words its errors its own way; values are
// hidden all the same.
func TestCleanV4(t *testing.T) {
	l, err := yaml4.NewLoader(bytes.NewReader([]byte("entries:\n  r:\n    container_names: hunter2-do-not-print\n")))
	if err != nil {
		t.Fatal(err)
	}
	err = l.Load(&file{})
	got := Clean(err, Options{HideValues: true}).Error()
	if want := "line 3: expected a list of strings, found a string"; got != want {
		t.Errorf("Clean(%q) = %q, want %q", err, got, want)
	}
}

func TestCleanV4Syntax(t *testing.T) {
	for text, want := range map[string]string{
		"a:\n\tb: 1\n":          "line 2: found character that cannot start any token",
		"a: \"hunter2-do-not\n": "line 2: found unexpected end of stream",
	} {
		l, err := yaml4.NewLoader(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		err = l.Load(&file{})
		if got := Clean(err, Options{HideValues: true}).Error(); got != want {
			t.Errorf("Clean(%q) = %q, want %q", err, got, want)
		}
	}
}

func TestCleanHidesQuotedText(t *testing.T) {
	err := Clean(errString("yaml: line 2: something about `hunter2...` here"), Options{HideValues: true})
	if strings.Contains(err.Error(), "hunter") {
		t.Errorf("Clean kept a value: %q", err)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
