package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// Read reads exactly one JSON object from r; name ("<stdin>" or a path) goes
// into error messages. A bare task definition (a top-level "containerDefinitions"
// or "family" and no "taskDefinition") is wrapped as {"taskDefinition": ...}.
// Every error about the input is a usage error (exit code 2).
//
// At most limits.Document bytes are read, and input whose first bytes cannot
// start a JSON object (a NUL byte, say) is refused as soon as they arrive.
func Read(r io.Reader, name string) (*Document, error) {
	data, err := limits.ReadAll(r, name, limits.Document, sniff)
	if err != nil {
		return nil, err
	}
	return decode(data, name)
}

// ReadFile reads the document in the file at path. It does not treat "-"
// as stdin; callers do that. A missing or unreadable file is bad usage, not
// a failed operation.
func ReadFile(path string) (*Document, error) {
	data, err := limits.ReadFile(path, path, limits.Document, sniff)
	if err != nil {
		return nil, err
	}
	return decode(data, path)
}

// decode is Read's work once the input is read.
func decode(data []byte, name string) (*Document, error) {
	d, err := parse(data)
	if err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("reading %s: %w", name, err))
	}
	if !d.Has(KeyTaskDefinition) && (d.Has("containerDefinitions") || d.Has("family")) {
		whole, _ := d.MarshalJSON()
		return &Document{
			keys: []string{KeyTaskDefinition},
			vals: map[string]json.RawMessage{KeyTaskDefinition: whole},
		}, nil
	}
	return d, nil
}

// sniff refuses a document whose first bytes are not text or whose first
// non-space byte is not '{', with the messages parse would give.
func sniff(prefix []byte) error {
	if err := limits.Text(prefix); err != nil {
		return err
	}
	start := skipSpace(prefix, 0)
	if start == int64(len(prefix)) || prefix[start] == '{' {
		return nil
	}
	switch c := prefix[start]; {
	case c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-' || c >= '0' && c <= '9':
		return fmt.Errorf("%s: want a JSON object, got %s", position(prefix, start), kindOf(c))
	}
	return syntaxError(prefix[:start+1], errors.New("invalid start"))
}

// parse decodes one top-level object into a document, keeping each value's
// raw bytes (compacted) and rejecting duplicate keys, which encoding/json
// would silently resolve to the last one.
func parse(data []byte) (*Document, error) {
	if len(trimSpace(data)) == 0 {
		return nil, errors.New("empty input, want one JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var first json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return nil, syntaxError(data, err)
	}
	firstEnd := dec.InputOffset()
	var next json.RawMessage
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, fmt.Errorf("after the first value: %w", syntaxError(data, err))
	default:
		return nil, fmt.Errorf("%s: more than one JSON value, want exactly one object",
			position(data, skipSpace(data, firstEnd)))
	}
	start := skipSpace(data, 0)
	if data[start] != '{' {
		return nil, fmt.Errorf("%s: want a JSON object, got %s", position(data, start), kindOf(data[start]))
	}
	d, err := members(first, start)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", position(data, err.off), err.err)
	}
	return d, nil
}

// memberError is an error at byte offset off of the whole input.
type memberError struct {
	off int64
	err error
}

// members splits obj, a valid JSON object found at offset base of the input,
// into a document.
func members(obj json.RawMessage, base int64) (*Document, *memberError) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	d := New()
	if _, err := dec.Token(); err != nil { // '{'; obj is already validated
		return nil, &memberError{base, err}
	}
	for dec.More() {
		keyStart := skipSpace(obj, dec.InputOffset())
		if obj[keyStart] == ',' {
			keyStart = skipSpace(obj, keyStart+1)
		}
		tok, err := dec.Token()
		if err != nil {
			return nil, &memberError{base + keyStart, err}
		}
		key, _ := tok.(string) // keys of a valid object are strings
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, &memberError{base + keyStart, err}
		}
		if d.Has(key) {
			return nil, &memberError{base + keyStart, fmt.Errorf("duplicate key %q", key)}
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err != nil {
			return nil, &memberError{base + keyStart, err}
		}
		d.put(key, buf.Bytes())
	}
	return d, nil
}

// syntaxError turns a decoder error into one that gives line and column. The
// decoder's own offsets are unreliable mid-stream, so the position comes from
// validating the whole input, which stops at the first bad byte.
func syntaxError(data []byte, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: malformed JSON: unexpected end of input",
			position(data, int64(len(trimSpace(data)))))
	}
	var se *json.SyntaxError
	if errors.As(json.Unmarshal(data, new(json.RawMessage)), &se) {
		return fmt.Errorf("%s: malformed JSON: %s", position(data, se.Offset-1), se.Error())
	}
	return fmt.Errorf("malformed JSON: %w", err)
}

// position gives "line L, column C" (both from 1; columns count characters)
// for the byte offset off in data.
func position(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// trimSpace drops JSON whitespace at both ends.
func trimSpace(data []byte) []byte { return bytes.Trim(data, " \t\r\n") }

// skipSpace returns the offset of the first non-whitespace byte at or after off.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n"), data[off]) >= 0 {
		off++
	}
	return off
}

// kindOf names the JSON kind of a value by its first byte.
func kindOf(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}
