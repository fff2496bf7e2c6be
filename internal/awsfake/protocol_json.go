package awsfake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
)

// A jsonService speaks AWS JSON 1.1: POST /, the operation in X-Amz-Target
// as <prefix><Op>, input and output as JSON objects.
type jsonService struct {
	name   string // SigV4 signing name, and the name Calls and Inject use
	prefix string // X-Amz-Target before the operation name
	ops    map[string]jsonOp
	pascal bool // members are PascalCase on the wire (Secrets Manager, KMS, SSM), not camelCase
}

// A jsonOp answers one operation. It runs with its service's lock held
// (Server.stateLock).
type jsonOp func(s *Server, body []byte) (any, error)

// op adapts a handler of a typed input: the body is decoded strictly into
// In, so a member the API has no such name for (a mis-cased key) is a
// SerializationException, as a malformed request is.
func op[In any](f func(*Server, *In) (any, error)) jsonOp {
	return decodedOp(f, ecsjson.Unmarshal)
}

// pascalOp is op for the services whose members are PascalCase on the
// wire: the body is decoded with encoding/json (which matches names without
// regard to case), still refusing members the input has no field for.
func pascalOp[In any](f func(*Server, *In) (any, error)) jsonOp {
	return decodedOp(f, func(body []byte, in any) error {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		return dec.Decode(in)
	})
}

// decodedOp decodes the body (empty counts as {}) into a new In and hands
// it to f; a body that does not decode is a SerializationException.
func decodedOp[In any](f func(*Server, *In) (any, error), decode func([]byte, any) error) jsonOp {
	return func(s *Server, body []byte) (any, error) {
		in := new(In)
		if len(bytes.TrimSpace(body)) == 0 {
			body = []byte("{}")
		}
		if err := decode(body, in); err != nil {
			return nil, errorf(400, "SerializationException", "%s", err)
		}
		return f(s, in)
	}
}

func jsonServices() []jsonService {
	return []jsonService{
		{name: "ecs", prefix: "AmazonEC2ContainerServiceV20141113.", ops: ecsOps},
		{name: "logs", prefix: "Logs_20140328.", ops: logsOps},
		{name: "ecr", prefix: "AmazonEC2ContainerRegistry_V20150921.", ops: ecrOps},
		{name: "secretsmanager", prefix: "secretsmanager.", ops: secretsManagerOps, pascal: true},
		{name: "kms", prefix: "TrentService.", ops: kmsOps, pascal: true},
		{name: "ssm", prefix: "AmazonSSM.", ops: ssmOps, pascal: true},
		{name: "servicediscovery", prefix: "Route53AutoNaming_v20170314.", ops: serviceDiscoveryOps, pascal: true},
	}
}

func (s *Server) serveJSON(w http.ResponseWriter, r *http.Request, target string) {
	var svc *jsonService
	for _, c := range jsonServices() {
		if strings.HasPrefix(target, c.prefix) {
			svc = &c
			break
		}
	}
	if svc == nil {
		writeJSONError(w, errorf(400, "UnknownOperationException", "no service answers X-Amz-Target %q", target))
		return
	}
	name := strings.TrimPrefix(target, svc.prefix)
	s.count(svc.name, name)
	// Read the body first: only then does net/http notice a client that
	// gives up during injected latency.
	body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		writeJSONError(w, errorf(400, "SerializationException", "reading request body: %v", err))
		return
	}
	if err := checkAuth(r, svc.name); err != nil {
		writeJSONError(w, err)
		return
	}
	latency, fault := s.fault(svc.name, name)
	if !wait(r, latency) {
		return
	}
	if fault != nil {
		writeJSONError(w, fault)
		return
	}
	handle, ok := svc.ops[name]
	if !ok || r.Method != http.MethodPost {
		writeJSONError(w, errorf(400, "UnknownOperationException", "%s is not an operation of this fake's %s", name, svc.name))
		return
	}
	encode := encodeJSON
	if svc.pascal {
		encode = json.Marshal
	}
	b, err := s.answer(s.stateLock(svc.name), name, func() (any, error) { return handle(s, body) }, encode)
	if err != nil {
		writeJSONError(w, asAPIError(err))
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-Requestid", requestID())
	_, _ = w.Write(b)
}

// answer runs handle under its service's lock and encodes its output
// before letting go: outputs share state that later calls change.
func (s *Server) answer(lock sync.Locker, name string, handle func() (any, error), encode func(any) ([]byte, error)) ([]byte, error) {
	lock.Lock()
	defer lock.Unlock()
	out, err := handle()
	if err != nil {
		return nil, err
	}
	b, err := encode(out)
	if err != nil {
		return nil, errorf(500, "InternalFailure", "awsfake: encoding %s output: %v", name, err)
	}
	return b, nil
}

// wait sleeps for d unless the client goes away first.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func asAPIError(err error) *apiError {
	if e, ok := err.(*apiError); ok {
		return e
	}
	return errorf(500, "InternalFailure", "awsfake: %v", err)
}

// writeJSONError writes the JSON protocols' error envelope; the SDK reads
// the code from __type (or X-Amzn-Errortype).
func writeJSONError(w http.ResponseWriter, e *apiError) {
	b, _ := json.Marshal(map[string]string{"__type": e.code, "message": e.message})
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-Errortype", e.code)
	w.Header().Set("X-Amzn-Requestid", requestID())
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

// encodeJSON writes v in the API's casing (ecsjson), with timestamps as
// epoch seconds, as the JSON 1.1 wire has them. Timestamps are found by
// v's type, never by key name.
func encodeJSON(v any) ([]byte, error) {
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
