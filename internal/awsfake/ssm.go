package awsfake

import (
	"strings"
	"sync"

	ssmtypes "github.com/aws/aws-sdk-go-v2/service/ssm/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// ssmState is Parameter Store: parameters by name. Guarded by mu.
type ssmState struct {
	mu sync.Mutex

	params map[string]string
}

var ssmOps = map[string]jsonOp{
	"GetParameter":  pascalOp((*Server).getParameter),
	"GetParameters": pascalOp((*Server).getParameters),
}

func (e *ssmState) init() { e.params = map[string]string{} }

// PutParameter stores a parameter (a SecureString is stored as given).
func (s *Server) PutParameter(name, value string) {
	s.ssm.mu.Lock()
	defer s.ssm.mu.Unlock()
	s.ssm.params[name] = value
}

type getParameterInput struct {
	Name           *string
	WithDecryption *bool
}

type getParametersInput struct {
	Names          []string
	WithDecryption *bool
}

func (s *Server) parameter(name string) (ssmtypes.Parameter, bool) {
	name = s.parameterName(name)
	v, ok := s.ssm.params[name]
	arn := "arn:aws:ssm:" + s.region + ":" + s.account + ":parameter/" + trimSlash(name)
	return ssmtypes.Parameter{Name: ptr(name), Value: ptr(v), Type: ssmtypes.ParameterTypeSecureString, ARN: &arn, Version: 1}, ok
}

func trimSlash(n string) string {
	if len(n) > 0 && n[0] == '/' {
		return n[1:]
	}
	return n
}

func (s *Server) getParameter(in *getParameterInput) (any, error) {
	p, ok := s.parameter(deref(in.Name))
	if !ok {
		return nil, wire.Errorf(400, "ParameterNotFound", "Parameter %s not found.", deref(in.Name))
	}
	return struct{ Parameter ssmtypes.Parameter }{p}, nil
}

func (s *Server) getParameters(in *getParametersInput) (any, error) {
	out := struct {
		Parameters        []ssmtypes.Parameter
		InvalidParameters []string
	}{[]ssmtypes.Parameter{}, []string{}}
	for _, n := range in.Names {
		if p, ok := s.parameter(n); ok {
			out.Parameters = append(out.Parameters, p)
		} else {
			out.InvalidParameters = append(out.InvalidParameters, n)
		}
	}
	return out, nil
}

// parameterName turns a parameter's ARN, which GetParameter accepts in
// place of its name, into the name: arn:aws:ssm:REGION:ACCOUNT:parameter/db/pass
// names "/db/pass" (a hierarchical name) or, when that does not exist,
// "db/pass"; ...:parameter/plain names "plain".
func (s *Server) parameterName(ref string) string {
	p := strings.SplitN(ref, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[2] != "ssm" {
		return ref
	}
	rest, ok := strings.CutPrefix(p[5], "parameter/")
	if !ok {
		return ref
	}
	if _, ok := s.ssm.params["/"+rest]; ok {
		return "/" + rest
	}
	return rest
}
