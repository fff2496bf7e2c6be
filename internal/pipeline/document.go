// Package pipeline is the JSON document that flows between the toolkit's
// steps (DESIGN.md §2): a top-level object whose values are kept as raw JSON,
// so a step decodes only the keys it owns and passes every other key through
// byte for byte, in the order it came.
package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/ecs-toolkit/ecs-toolkit/internal/typewords"
)

// Top-level keys of the pipeline document and the steps that write them
// (DESIGN.md §2).
const (
	KeyProject           = "project"           // ecs-compose2td: compose project name
	KeyTaskDefinition    = "taskDefinition"    // ecs-compose2td: RegisterTaskDefinition input
	KeyRunParams         = "runParams"         // ecs-compose2td: ecs-params run_params
	KeyBuilds            = "builds"            // ecs-compose2td: containers built from compose build:
	KeyTaskDefinitionArn = "taskDefinitionArn" // ecs-register: ARN of the registered revision
	KeyTasks             = "tasks"             // ecs-run: DescribeTasks Task objects
	KeyFailures          = "failures"          // ecs-run, ecs-service: API Failure objects
	KeyService           = "service"           // ecs-service: DescribeServices Service object
	KeyCluster           = "cluster"           // any step: cluster name given on the command line
)

// Document is one pipeline document: top-level keys in order, each with its
// value as compact raw JSON. The zero value is an empty document.
type Document struct {
	keys []string
	vals map[string]json.RawMessage
}

// New returns an empty document.
func New() *Document {
	return &Document{vals: map[string]json.RawMessage{}}
}

// Has reports whether key is present.
func (d *Document) Has(key string) bool {
	_, ok := d.vals[key]
	return ok
}

// Raw returns key's value as stored (compact JSON), or nil when absent.
// The caller must not modify the returned bytes.
func (d *Document) Raw(key string) json.RawMessage {
	return d.vals[key]
}

// Get decodes key's value into v and reports whether key was present.
// Numbers decoded into an interface are json.Number, so none is rounded.
func (d *Document) Get(key string, v any) (bool, error) {
	raw, ok := d.vals[key]
	if !ok {
		return false, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return true, typewords.JSON(err) // "expected a string, found a number"; callers name the key
	}
	return true, nil
}

// Set stores v, marshaled with encoding/json (without HTML escaping), under
// key. A present key keeps its position; a new key goes last. SDK structs
// have no json tags, so encoding/json would write them PascalCase: marshal
// those with ecsjson.Marshal and use SetRaw.
func (d *Document) Set(key string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding %q: %w", key, err)
	}
	return d.SetRaw(key, bytes.TrimRight(buf.Bytes(), "\n"))
}

// SetRaw stores raw, which must be exactly one JSON value, under key. It is
// stored compacted: whitespace goes, number spelling and string escapes stay.
func (d *Document) SetRaw(key string, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return fmt.Errorf("setting %q: %w", key, err)
	}
	if buf.Len() == 0 {
		return fmt.Errorf("setting %q: empty value", key)
	}
	d.put(key, buf.Bytes())
	return nil
}

// put stores an already compact value.
func (d *Document) put(key string, raw json.RawMessage) {
	if d.vals == nil {
		d.vals = map[string]json.RawMessage{}
	}
	if _, ok := d.vals[key]; !ok {
		d.keys = append(d.keys, key)
	}
	d.vals[key] = raw
}

// Delete removes key; a missing key is not an error.
func (d *Document) Delete(key string) {
	if _, ok := d.vals[key]; !ok {
		return
	}
	delete(d.vals, key)
	d.keys = slices.DeleteFunc(d.keys, func(k string) bool { return k == key })
}

// Keys returns the top-level keys in document order.
func (d *Document) Keys() []string {
	return slices.Clone(d.keys)
}

// MarshalJSON returns the document as compact JSON: keys in order, values
// exactly as stored. (json.Marshal of a *Document re-escapes <, > and & in
// strings; Write does not.)
func (d *Document) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range d.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeString(&buf, k); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		buf.Write(d.vals[k])
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Write writes the document indented by two spaces, with a trailing newline.
// Only insignificant whitespace differs from MarshalJSON.
func (d *Document) Write(w io.Writer) error {
	compact, err := d.MarshalJSON()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, compact, "", "  "); err != nil {
		return fmt.Errorf("writing document: %w", err)
	}
	buf.WriteByte('\n')
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing document: %w", err)
	}
	return nil
}

// writeString writes s as a JSON string without HTML escaping.
func writeString(buf *bytes.Buffer, s string) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}
