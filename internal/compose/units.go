package compose

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/docker/go-units"
	"go.yaml.in/yaml/v3"
)

const mib = 1024 * 1024

// toMiB converts bytes to MiB, rounding down as the original did. A negative
// count, or one whose MiB do not fit ECS's 32-bit fields, is an error, never
// a default: compose-go reads a size too large for 64 bits as the most
// negative number, and the original's conversion wrapped.
func toMiB(b int64) (int32, error) {
	switch {
	case b == math.MinInt64:
		return 0, fmt.Errorf("the size is too large to read")
	case b < 0:
		return 0, fmt.Errorf("%d bytes is negative", b)
	case b/mib > math.MaxInt32:
		return 0, fmt.Errorf("%d bytes is more than ECS can hold (%d MiB)", b, math.MaxInt32)
	}
	return int32(b / mib), nil
}

// parseBytes reads a size the way docker does: a bare number is bytes, a unit
// letter (k, m, g, t, p, optionally followed by i and b) is a power of 1024.
func parseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return 0, fmt.Errorf("invalid size %q: negative", s)
		}
		return n, nil
	}
	n, err := units.RAMInBytes(s)
	if err != nil {
		return 0, fmt.Errorf("invalid size %q (use bytes, or a number with a unit such as 512m or 1g)", s)
	}
	if n < 0 {
		// go-units overflows to a negative count rather than failing.
		return 0, fmt.Errorf("invalid size %q: too large", s)
	}
	return n, nil
}

// byteSize is an ecs-params memory value: a YAML integer is bytes, a string
// may carry a unit.
type byteSize int64

func (b *byteSize) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a size such as 512m, got a %s", n.Line, kindName(n))
	}
	v, err := parseBytes(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*b = byteSize(v)
	return nil
}

// scalarString accepts any YAML scalar as a string, so `cpu_limit: 512` and
// `gpu: 1` read the same as their quoted forms.
type scalarString string

func (s *scalarString) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a single value, got a %s", n.Line, kindName(n))
	}
	if n.Tag == "!!null" {
		*s = ""
		return nil
	}
	*s = scalarString(n.Value)
	return nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}
