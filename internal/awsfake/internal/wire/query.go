package wire

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// EC2Result starts every EC2 response: embed it, and EncodeQuery fills in
// the request ID.
type EC2Result struct {
	RequestID string `xml:"requestId"`
}

// SetRequestID sets the response's request ID.
func (r *EC2Result) SetRequestID(id string) { r.RequestID = id }

// stsEnvelope wraps a query result: Result's type names its element
// (<GetCallerIdentityResult>).
type stsEnvelope struct {
	Result    any
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

// EncodeQuery writes a query result: <ActionResponse> around EC2's
// members (ec2), or around <ActionResult> and <ResponseMetadata>.
func EncodeQuery(xmlns string, ec2 bool, action, id string, out any) ([]byte, error) {
	start := xml.StartElement{
		Name: xml.Name{Local: action + "Response"},
		Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: xmlns}},
	}
	var v any = stsEnvelope{Result: out, RequestID: id}
	if ec2 {
		out.(interface{ SetRequestID(string) }).SetRequestID(id)
		v = out
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if err := xml.NewEncoder(&b).EncodeElement(v, start); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// QueryError is the <Error> of the query and REST-XML error envelopes.
type QueryError struct {
	Type    string `xml:"Type,omitempty"`
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// WriteQueryError writes the query protocol's <ErrorResponse>, or EC2's
// <Response><Errors> (ec2).
func WriteQueryError(w http.ResponseWriter, xmlns string, ec2 bool, e *Error) {
	id := RequestID()
	var v any
	if ec2 {
		v = struct {
			XMLName   xml.Name     `xml:"Response"`
			Errors    []QueryError `xml:"Errors>Error"`
			RequestID string       `xml:"RequestID"`
		}{Errors: []QueryError{{Code: e.Code, Message: e.Message}}, RequestID: id}
	} else {
		typ := "Sender"
		if e.Status >= 500 {
			typ = "Receiver"
		}
		v = struct {
			XMLName   xml.Name   `xml:"ErrorResponse"`
			Xmlns     string     `xml:"xmlns,attr"`
			Error     QueryError `xml:"Error"`
			RequestID string     `xml:"RequestId"`
		}{Xmlns: xmlns, Error: QueryError{typ, e.Code, e.Message}, RequestID: id}
	}
	b, _ := xml.Marshal(v)
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", id)
	w.WriteHeader(e.Status)
	_, _ = w.Write(append([]byte(xml.Header), b...))
}

// QueryList reads a query list, Name.1, Name.2, ..., in index order.
func QueryList(form url.Values, name string) []string {
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

// QueryFilters reads EC2's Filter.N.Name / Filter.N.Value.M into name →
// values, in index order.
func QueryFilters(form url.Values) ([]string, map[string][]string) {
	var names []string
	values := map[string][]string{}
	for i := 1; ; i++ {
		prefix := "Filter." + strconv.Itoa(i)
		name := form.Get(prefix + ".Name")
		if name == "" {
			return names, values
		}
		names = append(names, name)
		values[name] = append(values[name], QueryList(form, prefix+".Value")...)
	}
}
