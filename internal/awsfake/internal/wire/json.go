package wire

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
)

// WriteJSONError writes the JSON protocols' error envelope; the SDK reads
// the code from __type (or X-Amzn-Errortype).
func WriteJSONError(w http.ResponseWriter, e *Error) {
	b, _ := json.Marshal(map[string]string{"__type": e.Code, "message": e.Message})
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-Errortype", e.Code)
	w.Header().Set("X-Amzn-Requestid", RequestID())
	w.WriteHeader(e.Status)
	_, _ = w.Write(b)
}

// EncodeJSON writes v in the API's casing (ecsjson), with timestamps as
// epoch seconds, as the JSON 1.1 wire has them. Timestamps are found by
// v's type, never by key name.
func EncodeJSON(v any) ([]byte, error) {
	if v == nil {
		return []byte("{}"), nil
	}
	b, err := ecsjson.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, err
	}
	tree = epochs(tree, reflect.TypeOf(v))
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(tree); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), nil
}

var timeType = reflect.TypeFor[time.Time]()

// epochs rewrites the RFC 3339 strings ecsjson writes for t's timestamps
// in n as epoch seconds with millisecond precision.
func epochs(n any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		if str, ok := n.(string); ok {
			if tm, err := time.Parse(time.RFC3339Nano, str); err == nil {
				return epochSeconds(tm)
			}
		}
		return n
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := n.(map[string]any)
		if !ok {
			return n
		}
		for i := range t.NumField() {
			f := t.Field(i)
			key := lowerFirst(f.Name)
			if v, ok := m[key]; ok && f.IsExported() {
				m[key] = epochs(v, f.Type)
			}
		}
	case reflect.Slice, reflect.Array:
		if l, ok := n.([]any); ok {
			for i := range l {
				l[i] = epochs(l[i], t.Elem())
			}
		}
	case reflect.Map:
		if m, ok := n.(map[string]any); ok {
			for k, v := range m {
				m[k] = epochs(v, t.Elem())
			}
		}
	}
	return n
}

// epochSeconds spells t as epoch seconds to the millisecond, as AWS does.
func epochSeconds(t time.Time) json.Number {
	ms := t.UnixMilli()
	if ms%1000 == 0 {
		return json.Number(strconv.FormatInt(ms/1000, 10))
	}
	return json.Number(strings.TrimRight(strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64), "0"))
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
