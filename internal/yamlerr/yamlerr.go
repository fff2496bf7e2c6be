// Package yamlerr turns the YAML libraries' errors into messages for users:
// one line, what the file should hold instead of a Go type name, and the
// dotted path of the offending key where the document is at hand. With
// HideValues no text from the file is quoted, for files that may hold
// secrets (the libraries quote the first characters of a value they could
// not use: "cannot unmarshal !!str `hunter2...` into []string").
package yamlerr

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/redact"
	"github.com/ecs-toolkit/ecs-toolkit/internal/typewords"
)

// Options says how to clean an error.
type Options struct {
	// HideValues drops every value the library quoted.
	HideValues bool
	// Root, when set, is the parsed document: messages then name the key
	// path at the line they report.
	Root *yaml.Node
}

var (
	// line 3: cannot unmarshal !!str `abc` into []string (v3: unmarshal, v4: construct)
	// (the value may hold back quotes itself: it runs to the last "` into")
	typeErr = regexp.MustCompile("^line (\\d+): cannot (?:unmarshal|construct) !!(\\w+)( `.*`)? into ([^`]+)$")
	// line 3: field pasword not found in type regcreds.Registry
	fieldErr = regexp.MustCompile(`^line (\d+): field (.+) not found in type .+$`)
	// v4: while scanning for the next token at line 4: found character ...
	while = regexp.MustCompile(`^while .*? at line (\d+)(?:, column \d+)?: (.*)$`)
)

// Clean returns err in user words; nil stays nil.
func Clean(err error, o Options) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, header := range []string{"yaml: unmarshal errors:\n", "yaml: construct errors:\n", "yaml: "} {
		msg = strings.TrimPrefix(msg, header)
	}
	var out []string
	for _, line := range strings.Split(msg, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, o.line(line))
		}
	}
	return errors.New(strings.Join(out, "; "))
}

func (o Options) line(s string) string {
	if m := while.FindStringSubmatch(s); m != nil {
		s = m[2]
		if !strings.HasPrefix(s, "line ") {
			s = "line " + m[1] + ": " + s
		}
	}
	if m := typeErr.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		found := kinds[m[2]]
		if found == "" {
			found = "a " + m[2]
		}
		if m[3] != "" && !o.HideValues {
			found += m[3]
		}
		return fmt.Sprintf("line %d: %sexpected %s, found %s", n, o.pathAt(n, nodeKind(m[2])), typewords.Of(m[4]), found)
	}
	if m := fieldErr.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		key := m[2]
		if p := strings.TrimSuffix(o.pathAt(n, 0), ": "); p != "" {
			key = p
			if p != m[2] && !strings.HasSuffix(p, "."+m[2]) { // in a flow mapping
				key = p + "." + m[2]
			}
		}
		return fmt.Sprintf("line %d: %s: unknown field", n, key)
	}
	if o.HideValues {
		s = redact.Quoted(s)
	}
	return s
}

// kinds names the YAML tags the libraries report.
var kinds = map[string]string{
	"str": "a string", "int": "a number", "float": "a number", "bool": "true or false",
	"null": "nothing", "seq": "a list", "map": "a mapping", "timestamp": "a date",
	"binary": "binary data", "merge": "a merge key",
}

// nodeKind is the kind of node a tag the library reports comes from.
func nodeKind(tag string) yaml.Kind {
	switch tag {
	case "seq":
		return yaml.SequenceNode
	case "map":
		return yaml.MappingNode
	}
	return yaml.ScalarNode
}

// pathAt is "a.b.c: " for the node of kind want (0: any) the library
// reported at line, or "" when the document is not at hand or holds nothing
// there.
func (o Options) pathAt(line int, want yaml.Kind) string {
	if o.Root == nil {
		return ""
	}
	p := find(o.Root, line, "", want)
	if p == "" {
		return ""
	}
	return p + ": "
}

// find returns the path of the node a decoding error at line is about: a
// value of the kind the library found (want; 0 for any) starting on that
// line, else the key on that line.
func find(n *yaml.Node, line int, path string, want yaml.Kind) string {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if p := find(c, line, path, want); p != "" {
				return p
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := join(path, k.Value)
			if k.Line == line || (v.Line == line && want != 0 && v.Kind == want) {
				return p
			}
			if deeper := find(v, line, p, want); deeper != "" {
				return deeper
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if c.Line == line && (want == 0 || c.Kind == want) {
				return p
			}
			if deeper := find(c, line, p, want); deeper != "" {
				return deeper
			}
		}
	}
	return ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
