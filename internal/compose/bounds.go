package compose

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// Compose-go reads whole files with no limit and its merging is quadratic
// or worse in nesting depth, and nothing in it watches the context. So every
// file it will read is checked here first: its size (limits.Compose), that
// it is a regular text file, and for YAML its depth (limits.ComposeDepth).

// yamlDocuments parses every document in content, refusing one that nests
// mappings and lists deeper than limits.ComposeDepth, or that holds more
// than limits.ComposeNodes keys, values and list items in all (an alias
// counts as what it stands for). YAML that does not parse gives no documents
// and no error: compose-go reports syntax errors with their lines.
func yamlDocuments(content []byte, name string) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(strings.NewReader(string(content)))
	var docs []*yaml.Node
	count := nodeCounter{memo: map[*yaml.Node]int{}}
	total := 0
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if err == io.EOF {
				return docs, nil
			}
			if strings.Contains(err.Error(), "exceeded max depth") {
				return nil, tooDeep(name, 0)
			}
			return nil, nil
		}
		if line := deeper(&doc, 0); line >= 0 {
			return nil, tooDeep(name, line)
		}
		if total += count.nodes(&doc); total > limits.ComposeNodes {
			return nil, fmt.Errorf("%s: more than %d keys, values and list items, the limit for a compose file", name, limits.ComposeNodes)
		}
		docs = append(docs, &doc)
	}
}

func tooDeep(name string, line int) error {
	at := ""
	if line > 0 {
		at = fmt.Sprintf("line %d: ", line)
	}
	return fmt.Errorf("%s: %snested more than %d levels deep, the limit for a compose file", name, at, limits.ComposeDepth)
}

// deeper returns the line of the first mapping or list nested deeper than
// the limit below n (at depth d), or -1. Aliases are not followed: their
// anchors are checked where they are defined.
func deeper(n *yaml.Node, d int) int {
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		if d++; d > limits.ComposeDepth {
			return n.Line
		}
	}
	for _, c := range n.Content {
		if line := deeper(c, d); line >= 0 {
			return line
		}
	}
	return -1
}

// nodeCounter counts the nodes a YAML tree stands for once its aliases are
// expanded, as the loader will expand them; each anchor is counted once,
// and counts stop growing past the limit (no overflow, no long walks).
type nodeCounter struct{ memo map[*yaml.Node]int }

func (c nodeCounter) nodes(n *yaml.Node) int {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if v, ok := c.memo[n]; ok {
		return v
	}
	c.memo[n] = limits.ComposeNodes + 1 // an alias inside its own anchor
	total := 1
	for _, k := range n.Content {
		if total += c.nodes(k); total > limits.ComposeNodes {
			break
		}
	}
	c.memo[n] = total
	return total
}

// checkSideFile checks a file compose-go will read whole (an env_file, a
// label_file, .env, an extends or include file): a missing one is left to
// compose-go's own message; any other must be a regular file within the
// limit that starts as text. what says where it was named, for messages.
func checkSideFile(path, what string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: %s is not a regular file", what, path)
	}
	if err := limits.CheckSize(f, what+": "+path, limits.Compose); err != nil {
		return err
	}
	prefix := make([]byte, 512)
	n, _ := io.ReadFull(f, prefix)
	if err := limits.Text(prefix[:n]); err != nil {
		return fmt.Errorf("%s: %s: %w", what, path, err)
	}
	return nil
}

// checkEnvFiles checks every env_file and label_file of the loaded project
// (paths already resolved by compose-go) before they are read.
func checkEnvFiles(p *types.Project) error {
	for _, name := range p.ServiceNames() {
		svc := p.Services[name]
		specs := []types.ContainerSpec{svc.ContainerSpec}
		for _, h := range svc.PreStart {
			specs = append(specs, h.ContainerSpec)
		}
		for _, spec := range specs {
			for _, f := range spec.EnvFiles {
				if err := checkSideFile(f.Path, "services."+name+".env_file"); err != nil {
					return err
				}
			}
			for _, f := range spec.LabelFiles {
				if err := checkSideFile(f, "services."+name+".label_file"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// refChecker follows the extends and include files compose files name, so
// each is checked before compose-go reads it.
type refChecker struct {
	env  map[string]string
	seen map[string]bool
}

// check looks at the parsed documents of the compose file name, whose
// relative paths are relative to dir.
func (rc *refChecker) check(docs []*yaml.Node, dir string) error {
	for _, doc := range docs {
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			continue
		}
		top := doc.Content[0]
		for _, svc := range mappingValues(lookup(top, "services")) {
			if file := lookup(lookup(svc.value, "extends"), "file"); file != nil {
				if err := rc.follow(file.Value, dir, "services."+svc.key+".extends.file"); err != nil {
					return err
				}
			}
		}
		if inc := lookup(top, "include"); inc != nil && inc.Kind == yaml.SequenceNode {
			for i, item := range inc.Content {
				item = deref(item)
				where := fmt.Sprintf("include[%d]", i)
				paths, envFiles := []*yaml.Node{item}, []*yaml.Node(nil)
				if item.Kind == yaml.MappingNode {
					paths = scalars(lookup(item, "path"))
					envFiles = scalars(lookup(item, "env_file"))
				}
				for _, p := range paths {
					if err := rc.follow(p.Value, dir, where+".path"); err != nil {
						return err
					}
				}
				for _, e := range envFiles {
					if err := checkSideFile(rc.resolve(e.Value, dir), where+".env_file"); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// follow checks the compose file at ref (named at where) and, once, the
// files it names in turn.
func (rc *refChecker) follow(ref, dir, where string) error {
	path := rc.resolve(ref, dir)
	if path == "" || rc.seen[path] {
		return nil
	}
	rc.seen[path] = true
	if err := checkSideFile(path, where); err != nil {
		return err
	}
	content, err := os.ReadFile(path) // checked just above
	if err != nil {
		return nil // compose-go reports it
	}
	docs, err := yamlDocuments(content, path)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	// The numbers compose-go would read wrongly are checked here too: a
	// service extended from this file takes its values.
	if err := checkPorts(content); err != nil {
		return fmt.Errorf("%s: %s: %w", where, path, err)
	}
	if err := checkByteSizes(content); err != nil {
		return fmt.Errorf("%s: %s: %w", where, path, err)
	}
	return rc.check(docs, filepath.Dir(path))
}

// resolve interpolates ref as compose-go will and makes it absolute; ""
// when it cannot be known here (compose-go then reports the problem).
func (rc *refChecker) resolve(ref, dir string) string {
	s, err := template.Substitute(ref, func(k string) (string, bool) {
		v, ok := rc.env[k]
		return v, ok
	})
	if err != nil || s == "" || strings.Contains(s, "://") {
		return ""
	}
	if !filepath.IsAbs(s) {
		s = filepath.Join(dir, s)
	}
	return s
}

type keyValue struct {
	key   string
	value *yaml.Node
}

// lookup returns the value of key in the mapping n, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return deref(n.Content[i+1])
		}
	}
	// Then what a merge key (<<: *base, or a list of them) brings in, as
	// compose-go sees it.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "<<" {
			continue
		}
		merged := deref(n.Content[i+1])
		if merged != nil && merged.Kind == yaml.SequenceNode {
			for _, m := range merged.Content {
				if v := lookup(m, key); v != nil {
					return v
				}
			}
			continue
		}
		if v := lookup(merged, key); v != nil {
			return v
		}
	}
	return nil
}

// deref is the node an alias stands for (n itself otherwise): a file may
// name what compose-go reads through an alias (extends: *ext).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// mappingValues lists the entries of the mapping n (none when n is not one).
func mappingValues(n *yaml.Node) []keyValue {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out []keyValue
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, keyValue{n.Content[i].Value, deref(n.Content[i+1])})
	}
	return out
}

// scalars is n itself when it is a scalar, the scalars of a list, or for
// a list of mappings (env_file's long form) their path values.
func scalars(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	case n.Kind != yaml.SequenceNode:
		return nil
	}
	var out []*yaml.Node
	for _, c := range n.Content {
		if c = deref(c); c.Kind == yaml.MappingNode {
			c = lookup(c, "path")
		}
		if c != nil && c.Kind == yaml.ScalarNode {
			out = append(out, c)
		}
	}
	return out
}
