package awsfake

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
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
		writeQueryError(w, &queryService{name: "sts"}, errorf(400, "MalformedQueryString", "%v", err))
		return
	}
	action := r.Form.Get("Action")
	key, scoped, authErr := credential(r)
	svc := pickQueryService(scoped, action)
	s.count(svc.name, action)
	if authErr != nil {
		writeQueryError(w, svc, authErr)
		return
	}
	if scoped != svc.name {
		writeQueryError(w, svc, errorf(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: '%s'. ", svc.name))
		return
	}
	latency, fault := s.fault(svc.name, action)
	if !wait(r, latency) {
		return
	}
	if fault != nil {
		writeQueryError(w, svc, fault)
		return
	}
	handle, ok := svc.ops[action]
	if !ok {
		writeQueryError(w, svc, errorf(400, "InvalidAction", "The action %s is not valid for this web service.", action))
		return
	}
	id := requestID()
	b, err := s.answer(s.stateLock(svc.name), action, func() (any, error) { return handle(s, r.Form, key) }, func(out any) ([]byte, error) {
		return encodeQuery(svc, action, id, out)
	})
	if err != nil {
		writeQueryError(w, svc, asAPIError(err))
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

// ec2Result starts every EC2 response.
type ec2Result struct {
	RequestID string `xml:"requestId"`
}

func (r *ec2Result) setRequestID(id string) { r.RequestID = id }

// stsEnvelope wraps a query result: Result's type names its element
// (<GetCallerIdentityResult>).
type stsEnvelope struct {
	Result    any
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

// encodeQuery writes a query result: <ActionResponse> around EC2's
// members, or around <ActionResult> and <ResponseMetadata>.
func encodeQuery(svc *queryService, action, id string, out any) ([]byte, error) {
	start := xml.StartElement{
		Name: xml.Name{Local: action + "Response"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: svc.xmlns}},
	}
	var v any = stsEnvelope{Result: out, RequestID: id}
	if svc.ec2 {
		out.(interface{ setRequestID(string) }).setRequestID(id)
		v = out
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if err := xml.NewEncoder(&b).EncodeElement(v, start); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type queryError struct {
	Type    string `xml:"Type,omitempty"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// writeQueryError writes the query protocol's <ErrorResponse>, or EC2's
// <Response><Errors>.
func writeQueryError(w http.ResponseWriter, svc *queryService, e *apiError) {
	id := requestID()
	var v any
	if svc.ec2 {
		v = struct {
			XMLName   xml.Name     `xml:"Response"`
			Errors    []queryError `xml:"Errors>Error"`
			RequestID string       `xml:"RequestID"`
		}{Errors: []queryError{{Code: e.code, Message: e.message}}, RequestID: id}
	} else {
		typ := "Sender"
		if e.status >= 500 {
			typ = "Receiver"
		}
		v = struct {
			XMLName   xml.Name   `xml:"ErrorResponse"`
			Xmlns     string     `xml:"xmlns,attr"`
			Error     queryError `xml:"Error"`
			RequestID string     `xml:"RequestId"`
		}{Xmlns: svc.xmlns, Error: queryError{typ, e.code, e.message}, RequestID: id}
	}
	b, _ := xml.Marshal(v)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", id)
	w.WriteHeader(e.status)
	_, _ = w.Write(append([]byte(xml.Header), b...))
}

// queryList reads a query list, Name.1, Name.2, ..., in index order.
func queryList(form url.Values, name string) []string {
	type item struct {
		i int
		v string
	}
	var items []item
	for k, vs := range form {
		rest, ok := strings.CutPrefix(k, name+".")
		if i, err := strconv.Atoi(rest); ok && err == nil && len(vs) > 0 {
			items = append(items, item{i, vs[0]})
		}
	}
	slices.SortFunc(items, func(a, b item) int { return a.i - b.i })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// queryFilters reads EC2's Filter.N.Name / Filter.N.Value.M into name →
// values, in index order.
func queryFilters(form url.Values) ([]string, map[string][]string) {
	var names []string
	values := map[string][]string{}
	for i := 1; ; i++ {
		prefix := "Filter." + strconv.Itoa(i)
		name := form.Get(prefix + ".Name")
		if name == "" {
			return names, values
		}
		names = append(names, name)
		values[name] = append(values[name], queryList(form, prefix+".Value")...)
	}
}

// requestID returns a fresh request ID in AWS's UUID form.
func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
