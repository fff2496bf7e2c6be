package awsfake

import (
	"net/http"
	"net/url"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// A queryService speaks the AWS query protocol: a form-encoded POST with
// Action and Version, answered in XML. EC2's dialect has its own response
// and error envelopes.
type queryService struct {
	name  string // SigV4 signing name, and the name Calls and Inject use
	xmlns string
	ec2   bool
	ops   map[string]queryOp
}

// A queryOp answers one action. key is the caller's access key ID. It runs
// with its service's lock held (Server.stateLock).
type queryOp func(s *Server, form url.Values, key string) (any, error)

func queryServices() []queryService {
	return []queryService{
		{name: "sts", xmlns: "https://sts.amazonaws.com/doc/2011-06-15/", ops: stsOps},
		{name: "ec2", xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/", ec2: true, ops: ec2Ops},
		{name: "iam", xmlns: "https://iam.amazonaws.com/doc/2010-05-08/", ops: iamOps},
		{name: "cloudformation", xmlns: "http://cloudformation.amazonaws.com/doc/2010-05-15/", ops: cfnOps},
	}
}

func (s *Server) serveQuery(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 10<<20)
	if err := r.ParseForm(); err != nil {
		writeQueryError(w, &queryService{name: "sts"}, wire.Errorf(400, "MalformedQueryString", "%v", err))
		return
	}
	action := r.Form.Get("Action")
	key, scoped, authErr := wire.Credential(r)
	svc := pickQueryService(scoped, action)
	s.count(svc.name, action)
	if authErr != nil {
		writeQueryError(w, svc, authErr)
		return
	}
	if scoped != svc.name {
		writeQueryError(w, svc, wire.Errorf(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: '%s'. ", svc.name))
		return
	}
	latency, fault := s.fault(svc.name, action)
	if !wire.Wait(r, latency) {
		return
	}
	if fault != nil {
		writeQueryError(w, svc, fault)
		return
	}
	handle, ok := svc.ops[action]
	if !ok {
		writeQueryError(w, svc, wire.Errorf(400, "InvalidAction", "The action %s is not valid for this web service.", action))
		return
	}
	id := wire.RequestID()
	b, err := s.answer(s.stateLock(svc.name), action, func() (any, error) { return handle(s, r.Form, key) }, func(out any) ([]byte, error) {
		return wire.EncodeQuery(svc.xmlns, svc.ec2, action, id, out)
	})
	if err != nil {
		writeQueryError(w, svc, wire.AsError(err))
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", id)
	_, _ = w.Write(b)
}

// pickQueryService names the service by the credential scope, or, when
// that names none, by the action.
func pickQueryService(scoped, action string) *queryService {
	all := queryServices()
	for i := range all {
		if all[i].name == scoped {
			return &all[i]
		}
	}
	for i := range all {
		if _, ok := all[i].ops[action]; ok {
			return &all[i]
		}
	}
	return &all[0]
}

func writeQueryError(w http.ResponseWriter, svc *queryService, e *wire.Error) {
	wire.WriteQueryError(w, svc.xmlns, svc.ec2, e)
}
