package awsfake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
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
			return nil, wire.Errorf(400, "SerializationException", "%s", err)
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
		wire.WriteJSONError(w, wire.Errorf(400, "UnknownOperationException", "no service answers X-Amz-Target %q", target))
		return
	}
	name := strings.TrimPrefix(target, svc.prefix)
	s.count(svc.name, name)
	// Read the body first: only then does net/http notice a client that
	// gives up during injected latency.
	body, err := io.ReadAll(io.LimitReader(r.Body, 10<<20))
	if err != nil {
		wire.WriteJSONError(w, wire.Errorf(400, "SerializationException", "reading request body: %v", err))
		return
	}
	if err := wire.CheckAuth(r, svc.name); err != nil {
		wire.WriteJSONError(w, err)
		return
	}
	latency, fault := s.fault(svc.name, name)
	if !wire.Wait(r, latency) {
		return
	}
	if fault != nil {
		wire.WriteJSONError(w, fault)
		return
	}
	handle, ok := svc.ops[name]
	if !ok || r.Method != http.MethodPost {
		wire.WriteJSONError(w, wire.Errorf(400, "UnknownOperationException", "%s is not an operation of this fake's %s", name, svc.name))
		return
	}
	encode := wire.EncodeJSON
	if svc.pascal {
		encode = json.Marshal
	}
	b, err := s.answer(s.stateLock(svc.name), name, func() (any, error) { return handle(s, body) }, encode)
	if err != nil {
		wire.WriteJSONError(w, wire.AsError(err))
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-Requestid", wire.RequestID())
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
		return nil, wire.Errorf(500, "InternalFailure", "awsfake: encoding %s output: %v", name, err)
	}
	return b, nil
}
