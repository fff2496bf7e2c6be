package ecsjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs/document"
)

// filler sets every member of an SDK value, recursively, to a distinct
// non-zero value, so that a test can see each member reach the other side.
type filler struct {
	n     int
	depth int
}

// fillTime has a fraction that float64 holds exactly: the SDK reads epoch
// seconds through a float64 and truncates to the millisecond.
var fillTime = time.Unix(1700000000, 125e6).UTC()

func (f *filler) fill(v reflect.Value) {
	f.n++
	switch v.Type() {
	case timeType:
		v.Set(reflect.ValueOf(fillTime.Add(time.Duration(f.n) * time.Second)))
		return
	case documentType:
		v.Set(reflect.ValueOf(document.NewLazyDocument(map[string]any{"Mixed-Case": "x", "n": f.n})))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem())
		v.Set(p)
	case reflect.Interface:
		members := unionMembers(v.Type())
		if len(members) == 0 {
			panic("no union members for " + v.Type().String())
		}
		m := reflect.New(members[0].Elem())
		f.fill(m.Elem().FieldByName("Value"))
		v.Set(m)
	case reflect.Struct:
		if f.depth > 20 {
			panic("recursive type " + v.Type().String())
		}
		f.depth++
		for _, fd := range fieldsOf(v.Type()) {
			f.fill(v.Field(fd.index))
		}
		f.depth--
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		f.fill(s.Index(0))
		f.fill(s.Index(1))
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for _, k := range []string{"Mixed-Case_Key", "lower.key"} {
			e := reflect.New(v.Type().Elem()).Elem()
			f.fill(e)
			m.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), e)
		}
		v.Set(m)
	case reflect.String:
		v.SetString(fmt.Sprintf("S%d", f.n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.n))
	case reflect.Float64:
		v.SetFloat(float64(f.n) + 0.5)
	default:
		panic("filler: unsupported " + v.Type().String())
	}
}

// deepDiff lists where got differs from want. Timestamps compare as
// instants within tolerance, documents as JSON values; output
// ResultMetadata and unexported fields are ignored.
func deepDiff(want, got reflect.Value, path string, tolerance time.Duration) []string {
	if want.IsValid() != got.IsValid() {
		return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
	}
	if !want.IsValid() {
		return nil
	}
	if want.Type() != got.Type() {
		return []string{fmt.Sprintf("%s: got type %s, want %s", path, got.Type(), want.Type())}
	}
	switch want.Type() {
	case timeType:
		w, g := want.Interface().(time.Time), got.Interface().(time.Time)
		if d := g.Sub(w); d > tolerance || d < -tolerance {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, g, w)}
		}
		return nil
	case documentType:
		if want.IsNil() || got.IsNil() {
			if want.IsNil() != got.IsNil() {
				return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
			}
			return nil
		}
		w, _ := want.Interface().(document.Interface).MarshalSmithyDocument()
		g, _ := got.Interface().(document.Interface).MarshalSmithyDocument()
		if !jsonEqual(w, g) {
			return []string{fmt.Sprintf("%s: got document %s, want %s", path, g, w)}
		}
		return nil
	}
	switch want.Kind() {
	case reflect.Pointer, reflect.Interface:
		if want.IsNil() || got.IsNil() {
			if want.IsNil() != got.IsNil() {
				return []string{fmt.Sprintf("%s: got %v, want %v", path, show(got), show(want))}
			}
			return nil
		}
		return deepDiff(want.Elem(), got.Elem(), path, tolerance)
	case reflect.Struct:
		var diffs []string
		for _, f := range fieldsOf(want.Type()) {
			diffs = append(diffs, deepDiff(want.Field(f.index), got.Field(f.index), join(path, f.key), tolerance)...)
		}
		return diffs
	case reflect.Slice:
		if want.IsNil() != got.IsNil() || want.Len() != got.Len() {
			return []string{fmt.Sprintf("%s: got %d items (nil %v), want %d (nil %v)", path, got.Len(), got.IsNil(), want.Len(), want.IsNil())}
		}
		var diffs []string
		for i := range want.Len() {
			diffs = append(diffs, deepDiff(want.Index(i), got.Index(i), fmt.Sprintf("%s[%d]", path, i), tolerance)...)
		}
		return diffs
	case reflect.Map:
		if want.IsNil() != got.IsNil() || want.Len() != got.Len() {
			return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
		}
		var diffs []string
		for _, k := range want.MapKeys() {
			diffs = append(diffs, deepDiff(want.MapIndex(k), got.MapIndex(k), fmt.Sprintf("%s[%q]", path, k), tolerance)...)
		}
		return diffs
	}
	if want.Interface() != got.Interface() {
		return []string{fmt.Sprintf("%s: got %v, want %v", path, got, want)}
	}
	return nil
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	da, db := json.NewDecoder(bytes.NewReader(a)), json.NewDecoder(bytes.NewReader(b))
	da.UseNumber()
	db.UseNumber()
	if da.Decode(&x) != nil || db.Decode(&y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// show prints what a pointer points at.
func show(v reflect.Value) any {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		return v.Elem()
	}
	return v
}
