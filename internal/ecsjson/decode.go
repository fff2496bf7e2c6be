package ecsjson

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/ecs/document"
	smithydocument "github.com/aws/smithy-go/document"
)

// FieldError is bad input at one place in a JSON value.
type FieldError struct {
	Path    string // e.g. containerDefinitions[2].portMappings[0].containerPort; "" for the whole value
	Problem string
}

func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Problem
	}
	return e.Path + ": " + e.Problem
}

// Unmarshal decodes API-cased JSON into v, a non-nil pointer to an SDK value.
// It is strict: a key the type has no member for is an error naming its path
// (containerDefinitions[2].portMapping: unknown field), and so is a value of
// the wrong type. It is lenient where real files are: null means absent, an
// integer or float member accepts a string holding a number ("512"), and a
// timestamp accepts epoch seconds or an RFC 3339 string. Errors about the
// input are *FieldError.
func Unmarshal(data []byte, v any) error {
	_, err := UnmarshalOptions{}.Unmarshal(data, v)
	return err
}

// UnmarshalOptions relaxes Unmarshal.
type UnmarshalOptions struct {
	// AllowUnknown skips keys the type has no member for, instead of failing,
	// and reports their paths; a step can then warn about them.
	AllowUnknown bool
}

// Unmarshal is Unmarshal with options. unknown lists the paths of the keys
// that were skipped, in input order.
func (o UnmarshalOptions) Unmarshal(data []byte, v any) (unknown []string, err error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, fmt.Errorf("ecsjson: Unmarshal needs a non-nil pointer, got %T", v)
	}
	n, err := parse(data)
	if err != nil {
		return nil, err
	}
	d := decoder{allowUnknown: o.AllowUnknown}
	if err := d.decode(n, rv.Elem(), ""); err != nil {
		return nil, err
	}
	return d.unknown, nil
}

type decoder struct {
	allowUnknown bool
	unknown      []string
}

// unknownKey reports a key the type has no member for.
func (d *decoder) unknownKey(path string) error {
	if !d.allowUnknown {
		return &FieldError{Path: path, Problem: "unknown field"}
	}
	d.unknown = append(d.unknown, path)
	return nil
}

// node is one parsed JSON value. Objects keep their member order so errors
// come out in input order; numbers keep their text.
type node struct {
	kind    byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, '0' null
	text    string
	bool    bool
	items   []node
	members []member
}

type member struct {
	key string
	val node
}

func parse(data []byte) (node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseNode(dec)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return node{}, &FieldError{Problem: "malformed JSON: " + err.Error()}
	}
	if _, err := dec.Token(); err != io.EOF {
		return node{}, &FieldError{Problem: "malformed JSON: more than one value"}
	}
	return n, nil
}

func parseNode(dec *json.Decoder) (node, error) {
	tok, err := dec.Token()
	if err != nil {
		return node{}, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			n := node{kind: 'a', items: []node{}}
			for dec.More() {
				item, err := parseNode(dec)
				if err != nil {
					return node{}, err
				}
				n.items = append(n.items, item)
			}
			_, err := dec.Token()
			return n, err
		}
		n := node{kind: 'o', members: []member{}}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return node{}, err
			}
			val, err := parseNode(dec)
			if err != nil {
				return node{}, err
			}
			n.members = append(n.members, member{key.(string), val})
		}
		_, err := dec.Token()
		return n, err
	case string:
		return node{kind: 's', text: t}, nil
	case json.Number:
		return node{kind: 'n', text: string(t)}, nil
	case bool:
		return node{kind: 'b', bool: t}, nil
	default:
		return node{kind: '0'}, nil
	}
}

func (n node) describe() string {
	switch n.kind {
	case 'o':
		return "an object"
	case 'a':
		return "a list"
	case 's':
		return fmt.Sprintf("string %q", n.text)
	case 'n':
		return "number " + n.text
	case 'b':
		return "a boolean"
	}
	return "null"
}

// decode sets v, which must be settable, from n.
func (d *decoder) decode(n node, v reflect.Value, path string) error {
	if n.kind == '0' {
		v.SetZero() // null means absent
		return nil
	}
	wrong := func(want string) error {
		return &FieldError{Path: path, Problem: fmt.Sprintf("want %s, got %s", want, n.describe())}
	}
	switch v.Type() {
	case timeType:
		if n.kind != 'n' && n.kind != 's' {
			return wrong("a timestamp")
		}
		t, err := parseTime(n.text, n.kind == 's')
		if err != nil {
			return &FieldError{Path: path, Problem: err.Error()}
		}
		v.Set(reflect.ValueOf(t))
		return nil
	case documentType:
		// The SDK's document encoder refuses empty object keys, so a document
		// holding one could never be sent: refuse it here, with its path.
		if p := n.emptyKey(path); p != "" {
			return &FieldError{Path: p, Problem: "empty key in a document value"}
		}
		v.Set(reflect.ValueOf(document.NewLazyDocument(n.generic(true))))
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if err := d.decode(n, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(n.generic(false)))
			return nil
		}
		return d.decodeUnion(n, v, path)
	case reflect.Struct:
		if n.kind != 'o' {
			return wrong("an object (" + v.Type().Name() + ")")
		}
		return d.decodeStruct(n, v, path)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 && n.kind == 's' {
			b, err := base64.StdEncoding.DecodeString(n.text)
			if err != nil {
				return &FieldError{Path: path, Problem: "want base64 data: " + err.Error()}
			}
			v.SetBytes(b)
			return nil
		}
		if n.kind != 'a' {
			return wrong("a list")
		}
		s := reflect.MakeSlice(v.Type(), len(n.items), len(n.items))
		for i, item := range n.items {
			p := fmt.Sprintf("%s[%d]", path, i)
			if item.kind == '0' { // dropping it would renumber the rest
				return &FieldError{Path: p, Problem: "null is not allowed in a list"}
			}
			if err := d.decode(item, s.Index(i), p); err != nil {
				return err
			}
		}
		v.Set(s)
	case reflect.Map:
		if n.kind != 'o' || v.Type().Key().Kind() != reflect.String {
			return wrong("an object")
		}
		m := reflect.MakeMapWithSize(v.Type(), len(n.members))
		for _, mem := range n.members {
			if mem.val.kind == '0' {
				continue // null means absent
			}
			val := reflect.New(v.Type().Elem()).Elem()
			if err := d.decode(mem.val, val, fmt.Sprintf("%s[%q]", path, mem.key)); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(mem.key).Convert(v.Type().Key()), val)
		}
		v.Set(m)
	case reflect.String:
		if n.kind != 's' {
			return wrong("a string")
		}
		v.SetString(n.text)
	case reflect.Bool:
		if n.kind != 'b' {
			return wrong("a boolean")
		}
		v.SetBool(n.bool)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(n.text, 10, v.Type().Bits())
		if (n.kind != 'n' && n.kind != 's') || err != nil {
			return wrong(wholeNumber(v.Type().Bits(), true))
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(n.text, 10, v.Type().Bits())
		if (n.kind != 'n' && n.kind != 's') || err != nil {
			return wrong(wholeNumber(v.Type().Bits(), false))
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(n.text, v.Type().Bits())
		if (n.kind != 'n' && n.kind != 's') || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return wrong("a number")
		}
		v.SetFloat(f)
	default:
		return &FieldError{Path: path, Problem: "unsupported type " + v.Type().String()}
	}
	return nil
}

// wholeNumber describes an integer field of the given size in user words
// (its range, rather than a Go type name).
func wholeNumber(bits int, signed bool) string {
	switch {
	case signed && bits < 64:
		return fmt.Sprintf("a whole number from %d to %d", -(int64(1) << (bits - 1)), int64(1)<<(bits-1)-1)
	case signed:
		return "a whole number"
	case bits < 64:
		return fmt.Sprintf("a whole number from 0 to %d", uint64(1)<<bits-1)
	}
	return "a whole number from 0 up"
}

func (d *decoder) decodeStruct(n node, v reflect.Value, path string) error {
	fields := infoOf(v.Type()).byKey
	seen := map[string]bool{}
	for _, mem := range n.members {
		p := join(path, mem.key)
		i, ok := fields[mem.key]
		if !ok {
			if err := d.unknownKey(p); err != nil {
				return err
			}
			continue
		}
		if seen[mem.key] {
			return &FieldError{Path: p, Problem: "duplicate key"}
		}
		seen[mem.key] = true
		if err := d.decode(mem.val, v.Field(i), p); err != nil {
			return err
		}
	}
	return nil
}

// decodeUnion reads {"memberName": value} into a union interface.
func (d *decoder) decodeUnion(n node, v reflect.Value, path string) error {
	members := unionMembers(v.Type())
	if members == nil {
		return &FieldError{Path: path, Problem: "unsupported type " + v.Type().String()}
	}
	var set []member
	for _, m := range n.members {
		if m.val.kind != '0' {
			set = append(set, m)
		}
	}
	if n.kind != 'o' || len(set) != 1 {
		return &FieldError{Path: path, Problem: fmt.Sprintf("want an object with exactly one member set (%s), got %s", v.Type().Name(), n.describe())}
	}
	for _, mt := range members {
		if unionKey(v.Type(), mt) != set[0].key {
			continue
		}
		m := reflect.New(mt.Elem())
		if err := d.decode(set[0].val, m.Elem().FieldByName("Value"), join(path, set[0].key)); err != nil {
			return err
		}
		v.Set(m)
		return nil
	}
	return d.unknownKey(join(path, set[0].key))
}

// emptyKey returns the path of the first object with an empty key under n,
// or "" when there is none.
func (n node) emptyKey(path string) string {
	switch n.kind {
	case 'o':
		for _, mem := range n.members {
			if mem.key == "" {
				return path
			}
			if p := mem.val.emptyKey(join(path, mem.key)); p != "" {
				return p
			}
		}
	case 'a':
		for i, item := range n.items {
			if p := item.emptyKey(fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	}
	return ""
}

// generic returns n as plain Go values; numbers stay exact, as
// smithy document.Number for a document, json.Number otherwise.
func (n node) generic(doc bool) any {
	switch n.kind {
	case 'o':
		m := make(map[string]any, len(n.members))
		for _, mem := range n.members {
			m[mem.key] = mem.val.generic(doc)
		}
		return m
	case 'a':
		s := make([]any, len(n.items))
		for i, item := range n.items {
			s[i] = item.generic(doc)
		}
		return s
	case 's':
		return n.text
	case 'n':
		if doc {
			return smithydocument.Number(n.text)
		}
		return json.Number(n.text)
	case 'b':
		return n.bool
	}
	return nil
}

// Under puts err's path below key ("taskDefinition.family: ..."), for a value
// decoded from under that key of a larger document; other errors get key in
// front.
func Under(key string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		if fe.Path == "" {
			return fmt.Errorf("%s: %s", key, fe.Problem)
		}
		return fmt.Errorf("%s.%s: %s", key, fe.Path, fe.Problem)
	}
	return fmt.Errorf("%s: %w", key, err)
}
