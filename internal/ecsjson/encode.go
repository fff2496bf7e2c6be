// Package ecsjson converts between aws-sdk-go-v2 ECS values (types.*, and
// operation inputs and outputs) and JSON in the AWS API's own shape and
// casing: what `aws ecs describe-*` prints and what
// `aws ecs register-task-definition --cli-input-json` accepts.
//
// SDK v2 structs carry no json tags, so encoding/json would write PascalCase
// keys; re-casing its output by key name damages map keys (dockerLabels, log
// options, driverOpts, labels). This codec walks the types instead: struct
// fields become API member names and map keys are written as they are.
package ecsjson

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs/document"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// Marshal returns v (an SDK struct, or a pointer, slice or map of them) as
// compact JSON in the API's casing.
//
//   - nil pointers, slices, maps and interfaces inside a struct are omitted, as
//     are empty enum strings; a non-nil empty slice or map is written as [] or {}.
//   - A non-pointer number or bool that is zero is omitted exactly when the
//     SDK's own serializer omits it: members with a default (a container's
//     cpu: 0) go, required ones (a ulimit's softLimit: 0) stay. So zero
//     counts in output shapes (a service's runningCount: 0) are omitted too;
//     reading them back gives the same zero.
//   - Timestamps are RFC 3339 strings in the value's own offset (UTC when
//     read from epoch seconds), with 0, 3, 6 or 9 fractional digits: the
//     fewest that hold the value, so API millisecond times keep their
//     ".530" but the CLI's ".123000" comes back as ".123".
//   - Numbers read from strings are written as numbers.
//   - Map keys are sorted, as encoding/json does.
func Marshal(v any) ([]byte, error) {
	var e encoder
	if err := e.value(reflect.ValueOf(v), ""); err != nil {
		return nil, err
	}
	return e.buf.Bytes(), nil
}

type encoder struct {
	buf bytes.Buffer
	// epoch writes timestamps as epoch seconds, the wire format; tests use it
	// to build responses the SDK can decode.
	epoch bool
}

func (e *encoder) value(v reflect.Value, path string) error {
	if !v.IsValid() {
		e.buf.WriteString("null")
		return nil
	}
	switch v.Type() {
	case timeType:
		e.time(v.Interface().(time.Time))
		return nil
	case documentType:
		if v.IsNil() {
			e.buf.WriteString("null")
			return nil
		}
		b, err := v.Interface().(document.Interface).MarshalSmithyDocument()
		if err != nil {
			return &FieldError{Path: path, Problem: err.Error()}
		}
		e.buf.Write(b)
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.buf.WriteString("null")
			return nil
		}
		if v.Kind() == reflect.Interface && v.NumMethod() > 0 {
			return e.union(v, path)
		}
		return e.value(v.Elem(), path)
	case reflect.Struct:
		return e.structure(v, path)
	case reflect.Slice:
		if v.IsNil() {
			e.buf.WriteString("null")
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.str(base64.StdEncoding.EncodeToString(v.Bytes())) // blobs, as encoding/json
			return nil
		}
		fallthrough
	case reflect.Array:
		e.buf.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			if err := e.value(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		e.buf.WriteByte(']')
		return nil
	case reflect.Map:
		return e.mapping(v, path)
	case reflect.String:
		e.str(v.String())
	case reflect.Bool:
		e.buf.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.buf.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return &FieldError{Path: path, Problem: fmt.Sprintf("cannot write %v as JSON", f)}
		}
		b, _ := json.Marshal(f) // encoding/json's shortest spelling
		e.buf.Write(b)
	default:
		return &FieldError{Path: path, Problem: "unsupported type " + v.Type().String()}
	}
	return nil
}

func (e *encoder) structure(v reflect.Value, path string) error {
	e.buf.WriteByte('{')
	si := infoOf(v.Type())
	first := true
	for _, f := range si.fields {
		fv := v.Field(f.index)
		if si.zero.omit(fv, f.key) {
			continue
		}
		if !first {
			e.buf.WriteByte(',')
		}
		first = false
		e.str(f.key)
		e.buf.WriteByte(':')
		if err := e.value(fv, join(path, f.key)); err != nil {
			return err
		}
	}
	e.buf.WriteByte('}')
	return nil
}

// zeroRule says which zero scalars of one struct type are written.
type zeroRule struct {
	written map[string]bool // members the SDK writes even when zero
	sdk     bool            // the type is an SDK structure
}

// omit reports whether a struct field is left out: absent pointers,
// collections and unions, unset enums (the SDK writes an enum only when it
// is non-empty), and zero scalars the SDK leaves out.
func (r zeroRule) omit(v reflect.Value, key string) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return r.sdk && v.IsZero() && !r.written[key]
	}
	return false
}

func (e *encoder) mapping(v reflect.Value, path string) error {
	if v.IsNil() {
		e.buf.WriteString("null")
		return nil
	}
	if v.Type().Key().Kind() != reflect.String {
		return &FieldError{Path: path, Problem: "unsupported map key type " + v.Type().Key().String()}
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	e.buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		e.str(k.String())
		e.buf.WriteByte(':')
		if err := e.value(v.MapIndex(k), fmt.Sprintf("%s[%q]", path, k.String())); err != nil {
			return err
		}
	}
	e.buf.WriteByte('}')
	return nil
}

// union writes a union member as {"memberName": value}.
func (e *encoder) union(v reflect.Value, path string) error {
	m := v.Elem()
	if u, ok := m.Interface().(*types.UnknownUnionMember); ok {
		if !json.Valid(u.Value) {
			return &FieldError{Path: join(path, u.Tag), Problem: "unknown union member holds invalid JSON"}
		}
		e.buf.WriteByte('{')
		e.str(u.Tag)
		e.buf.WriteByte(':')
		var c bytes.Buffer
		_ = json.Compact(&c, u.Value)
		e.buf.Write(c.Bytes())
		e.buf.WriteByte('}')
		return nil
	}
	if !slices.Contains(unionMembers(v.Type()), m.Type()) {
		return &FieldError{Path: path, Problem: fmt.Sprintf("unsupported union member %s", m.Type())}
	}
	key := unionKey(v.Type(), m.Type())
	e.buf.WriteByte('{')
	e.str(key)
	e.buf.WriteByte(':')
	if err := e.value(m.Elem().FieldByName("Value"), join(path, key)); err != nil {
		return err
	}
	e.buf.WriteByte('}')
	return nil
}

func (e *encoder) time(t time.Time) {
	if e.epoch {
		e.buf.WriteString(epochSeconds(t))
		return
	}
	e.str(formatTime(t))
}

// str writes s as a JSON string without HTML escaping.
func (e *encoder) str(s string) {
	if plainASCII(s) { // most keys and values: nothing to escape
		e.buf.WriteByte('"')
		e.buf.WriteString(s)
		e.buf.WriteByte('"')
		return
	}
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	e.buf.Truncate(e.buf.Len() - 1)
}

// plainASCII reports whether s is printable ASCII without '"' or '\\', which
// encoding/json (HTML escaping off) writes unchanged between quotes.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// join appends a member name to a JSON path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
