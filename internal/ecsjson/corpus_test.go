package ecsjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/testcorpus"
)

// A corpusFile is one corpus task definition: its taskDefinition object and
// whether it is a describe output (else a RegisterTaskDefinition input).
type corpusFile struct {
	name     string
	td       json.RawMessage
	describe bool
}

// describeOnly are the TaskDefinition members that RegisterTaskDefinition
// does not take; any of them marks a describe output.
var describeOnly = []string{"taskDefinitionArn", "revision", "status", "registeredAt",
	"registeredBy", "deregisteredAt", "compatibilities", "requiresAttributes"}

func loadCorpus(t testing.TB) []corpusFile {
	t.Helper()
	paths := testcorpus.TaskDefinitions(t) // the real-world task definitions (see SOURCES.md there)
	var files []corpusFile
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(b, &top); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		f := corpusFile{name: filepath.Base(p), td: b}
		if inner, ok := top["taskDefinition"]; ok {
			f.td = inner
			if err := json.Unmarshal(inner, &top); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		for _, k := range describeOnly {
			if _, ok := top[k]; ok {
				f.describe = true
			}
		}
		files = append(files, f)
	}
	return files
}

// unknownInCorpus lists, per file, the keys its SDK type has no member for.
// Both are describe outputs that also carry "tags" inside the task
// definition (ecspresso writes them so; DescribeTaskDefinition puts tags
// beside it). RegisterTaskDefinitionInput does have tags, so a step that
// drops the describe-only keys and registers loses nothing.
var unknownInCorpus = map[string][]string{
	"ecspresso-td-plain-describe.json": {"tags"},
	"gha-aghcampus-describe-ec2.json":  {"tags"},
}

// zeroDefaults are members that corpus files set to 0, their default: the
// SDK cannot tell 0 from unset for them and leaves them out on the wire, and
// so does Marshal.
var zeroDefaults = []string{"cpu"}

// decodeCorpus unmarshals f strictly into the SDK type for its shape:
// types.TaskDefinition for describe outputs, RegisterTaskDefinitionInput for
// register inputs.
func decodeCorpus(f corpusFile, opts UnmarshalOptions) (any, []string, error) {
	var v any = &ecs.RegisterTaskDefinitionInput{}
	if f.describe {
		v = &types.TaskDefinition{}
	}
	unknown, err := opts.Unmarshal(f.td, v)
	return v, unknown, err
}

// TestCorpusRoundTrip decodes every corpus task definition into its SDK type
// and encodes it again. The result must equal the original JSON value but
// for these normalisations:
//   - null, and members whose value is null, are dropped (the API reads null
//     as absent);
//   - a string holding a number may come back as that number;
//   - a zeroDefaults member that is 0 is dropped (see zeroDefaults);
//   - the unknownInCorpus keys, which strict decoding refuses, are dropped.
//
// Every other key, including map keys such as dockerLabels and log options,
// must come back with its exact casing and value.
func TestCorpusRoundTrip(t *testing.T) {
	for _, f := range loadCorpus(t) {
		t.Run(f.name, func(t *testing.T) {
			wantUnknown := unknownInCorpus[f.name]
			_, _, err := decodeCorpus(f, UnmarshalOptions{})
			var fe *FieldError
			switch {
			case len(wantUnknown) == 0 && err != nil:
				t.Fatalf("Unmarshal: %v", err)
			case len(wantUnknown) > 0 && (!errors.As(err, &fe) || fe.Path != wantUnknown[0] || fe.Problem != "unknown field"):
				t.Fatalf("strict Unmarshal error = %v, want %s: unknown field", err, wantUnknown[0])
			}
			v, unknown, err := decodeCorpus(f, UnmarshalOptions{AllowUnknown: true})
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if !slices.Equal(unknown, wantUnknown) {
				t.Errorf("unknown keys = %q, want %q", unknown, wantUnknown)
			}
			got, err := Marshal(v)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			want := dropNulls(decodeAny(t, f.td)).(map[string]any)
			for _, k := range wantUnknown {
				delete(want, k)
			}
			dropZeroDefaults(want)
			for _, d := range diffJSON(want, decodeAny(t, got), "") {
				t.Error(d)
			}
		})
	}
}

// dropZeroDefaults removes zeroDefaults members that are 0.
func dropZeroDefaults(v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if slices.Contains(zeroDefaults, k) && x == json.Number("0") {
				delete(v, k)
			}
			dropZeroDefaults(x)
		}
	case []any:
		for _, x := range v {
			dropZeroDefaults(x)
		}
	}
}

func decodeAny(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return v
}

// dropNulls removes null object members (the API's absent).
func dropNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil {
				delete(v, k)
			} else {
				v[k] = dropNulls(x)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = dropNulls(x)
		}
	}
	return v
}

// diffJSON lists the differences between two decoded JSON values. A string
// in want matches a number in got with the same text.
func diffJSON(want, got any, path string) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: got %v, want an object", path, got)}
		}
		var diffs []string
		for _, k := range sortedKeys(w, g) {
			wv, inW := w[k]
			gv, inG := g[k]
			switch {
			case !inG:
				diffs = append(diffs, fmt.Sprintf("%s.%s: missing", path, k))
			case !inW:
				diffs = append(diffs, fmt.Sprintf("%s.%s: unexpected, = %v", path, k, gv))
			default:
				diffs = append(diffs, diffJSON(wv, gv, path+"."+k)...)
			}
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, diffJSON(w[i], g[i], fmt.Sprintf("%s[%d]", path, i))...)
		}
		return diffs
	case string:
		if n, ok := got.(json.Number); ok && string(n) == strings.TrimSpace(w) {
			return nil
		}
	}
	if fmt.Sprintf("%T %v", want, want) != fmt.Sprintf("%T %v", got, got) {
		return []string{fmt.Sprintf("%s: got %T %v, want %T %v", path, got, got, want, want)}
	}
	return nil
}

func sortedKeys(a, b map[string]any) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
