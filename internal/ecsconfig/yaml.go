package ecsconfig

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"go.yaml.in/yaml/v4"
)

// The original wrote both files with the gopkg.in/yaml.v2 it vendored (a
// revision that folds long plain scalars at 80 columns), and users' files
// are in that layout. We write the same bytes: the document is built as a
// yaml.Node tree whose scalar styles and key order are decided the way
// yaml.v2 decided them (v2Plain, v2Less below), and emitted by yaml v4 with
// its V2 preset (2-space indent, 80-column folding). go.yaml.in/yaml/v3 can't
// do this: its emitter never folds, and its own quoting rules differ from v2
// ("<<", "1e3" and "1." are plain in v2, quoted in v3). TestEncodeLikeYAMLv2
// (files_test.go) holds outputs of the original's yaml.v2 for awkward values.

// encode writes a document of the original's shape.
func encode(doc *yaml.Node) ([]byte, error) {
	return yaml.Dump(doc, yaml.V2)
}

// decode reads the first YAML document of data into out as yaml.v2 did:
// unknown keys are ignored, a later duplicate key wins, and an empty or
// comment-only file is an empty document.
func decode(data []byte, out any) error {
	l, err := yaml.NewLoader(bytes.NewReader(data), yaml.V2, yaml.WithUniqueKeys(false))
	if err != nil {
		return err
	}
	if err := l.Load(out); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// mapping is a block mapping of the given key/value nodes.
func mapping(kv ...*yaml.Node) *yaml.Node {
	if len(kv) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle} // v2 writes {}
	}
	return &yaml.Node{Kind: yaml.MappingNode, Content: kv}
}

// scalar is a string scalar styled as yaml.v2's encoder styled it: literal
// when it holds a line break, plain when reading it back plain would give
// the same string, double-quoted otherwise. The emitter may still quote a
// plain scalar it can't write plain (": " inside, a leading "-"...), as v2's
// did; both emitters are libyaml ports and agree there.
func scalar(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	switch {
	case strings.Contains(s, "\n"):
		n.Style = yaml.LiteralStyle
	case v2Plain(s):
	default:
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// sortedKeys returns m's keys in yaml.v2's map order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Sort(v2Keys(keys)) // not sort.Strings: v2 compares digit runs as numbers
	return keys
}

// v2Plain reports whether yaml.v2 resolved plain s back to a string, and so
// wrote it unquoted: its resolve(), for the implicit tag, and its check for
// base-60 floats.
func v2Plain(s string) bool {
	if v2Base60Float().MatchString(s) {
		return false
	}
	hint := byte('N')
	if s != "" {
		hint = v2ResolveHint(s[0])
	}
	if hint == 0 {
		return true
	}
	if _, ok := v2ResolveMap()[s]; ok {
		return false
	}
	switch hint {
	case '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return false
		}
	case 'D', 'S':
		if v2Timestamp(s) {
			return false
		}
		plain := strings.ReplaceAll(s, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return false
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return false
		}
		if v2StyleFloat().MatchString(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return false
			}
		}
		if rest, ok := strings.CutPrefix(plain, "0b"); ok {
			if _, err := strconv.ParseUint(rest, 2, 64); err == nil {
				return false
			}
		} else if rest, ok := strings.CutPrefix(plain, "-0b"); ok {
			if _, err := strconv.ParseInt("-"+rest, 2, 64); err == nil {
				return false
			}
		}
	}
	return true
}

// v2ResolveHint is yaml.v2's resolveTable: what the first byte suggests.
func v2ResolveHint(c byte) byte {
	switch {
	case c == '+' || c == '-':
		return 'S'
	case c >= '0' && c <= '9':
		return 'D'
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		return 'M'
	case c == '.':
		return '.'
	}
	return 0
}

// v2ResolveMap holds the plain words yaml.v2 read as booleans, null, and
// the special floats (YAML 1.1). "<<" is in v2's map too, but its first byte
// has no hint, so v2 never looked it up and wrote it plain. It and the
// patterns below are built when a file is first written, not at every start
// of every binary.
var v2ResolveMap = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`y Y yes Yes YES true True TRUE on On ON
		n N no No NO false False FALSE off Off OFF ~ null Null NULL
		.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF`) {
		m[w] = true
	}
	m[""] = true
	return m
})

var (
	v2StyleFloat  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$`) })
	v2Base60Float = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
	})
)

// v2Timestamp is yaml.v2's parseTimestamp, as a predicate.
func v2Timestamp(s string) bool {
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// v2Keys sorts string map keys as yaml.v2's keyList did: letters after
// other characters, and runs of digits by their numeric value.
type v2Keys []string

func (l v2Keys) Len() int      { return len(l) }
func (l v2Keys) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l v2Keys) Less(i, j int) bool {
	ar, br := []rune(l[i]), []rune(l[j])
	for i := 0; i < len(ar) && i < len(br); i++ {
		if ar[i] == br[i] {
			continue
		}
		al, bl := unicode.IsLetter(ar[i]), unicode.IsLetter(br[i])
		if al && bl {
			return ar[i] < br[i]
		}
		if al || bl {
			return bl
		}
		var ai, bi int
		var an, bn int64
		if ar[i] == '0' || br[i] == '0' {
			for j := i - 1; j >= 0 && unicode.IsDigit(ar[j]); j-- {
				if ar[j] != '0' {
					an, bn = 1, 1
					break
				}
			}
		}
		for ai = i; ai < len(ar) && unicode.IsDigit(ar[ai]); ai++ {
			an = an*10 + int64(ar[ai]-'0')
		}
		for bi = i; bi < len(br) && unicode.IsDigit(br[bi]); bi++ {
			bn = bn*10 + int64(br[bi]-'0')
		}
		if an != bn {
			return an < bn
		}
		if ai != bi {
			return ai < bi
		}
		return ar[i] < br[i]
	}
	return len(ar) < len(br)
}
