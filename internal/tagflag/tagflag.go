// Package tagflag reads the --tags flag every step that tags resources has:
// key=value,key2=value2.
package tagflag

import (
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// Tag is one key and value, in the order given.
type Tag struct{ Key, Value string }

// Parse reads s; a piece without "=" or with an empty key is bad usage.
func Parse(s string) ([]Tag, error) {
	if s == "" {
		return nil, nil
	}
	var tags []Tag
	for _, piece := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(piece, "=")
		if !ok || k == "" {
			return nil, exitcode.Usagef("--tags: %q is not key=value", piece)
		}
		tags = append(tags, Tag{k, v})
	}
	return tags, nil
}

// Convert builds the service's own tag type from each tag.
func Convert[T any](tags []Tag, make func(k, v string) T) []T {
	var out []T
	for _, t := range tags {
		out = append(out, make(t.Key, t.Value))
	}
	return out
}
