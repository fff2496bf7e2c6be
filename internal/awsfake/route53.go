package awsfake

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// Route 53 speaks REST-XML: the operation is the method and the path under
// /2013-04-01/, answers are <OpResponse> documents and errors
// <ErrorResponse><Error>. The fake answers GetHostedZone only, from the
// hosted zones Cloud Map namespaces own (one each, see sdNewNamespace): a
// private namespace's zone is associated with the VPC it was made with, in
// the server's region; a public one's has a delegation set and no VPC.

const route53NS = "https://route53.amazonaws.com/doc/2013-04-01/"

// Route 53's throttling and internal errors, for Inject("route53", ...).
func init() {
	faultCodes["route53"] = [2]wire.Error{{Status: 400, Code: "Throttling", Message: "Rate exceeded"}, {Status: 500, Code: "InternalFailure", Message: "An internal error occurred."}}
}

type r53Config struct {
	Comment     string `xml:"Comment,omitempty"`
	PrivateZone bool   `xml:"PrivateZone"`
}

type r53LinkedService struct {
	ServicePrincipal string `xml:"ServicePrincipal"`
	Description      string `xml:"Description"`
}

type r53HostedZone struct {
	ID                     string            `xml:"Id"`
	Name                   string            `xml:"Name"`
	CallerReference        string            `xml:"CallerReference"`
	Config                 r53Config         `xml:"Config"`
	ResourceRecordSetCount int64             `xml:"ResourceRecordSetCount"`
	LinkedService          *r53LinkedService `xml:"LinkedService,omitempty"`
}

type r53VPC struct {
	VPCRegion string `xml:"VPCRegion"`
	VPCId     string `xml:"VPCId"`
}

type r53GetHostedZoneResponse struct {
	XMLName       xml.Name      `xml:"GetHostedZoneResponse"`
	Xmlns         string        `xml:"xmlns,attr"`
	HostedZone    r53HostedZone `xml:"HostedZone"`
	DelegationSet *struct {
		NameServers []string `xml:"NameServers>NameServer"`
	} `xml:"DelegationSet,omitempty"`
	VPCs *struct {
		VPC []r53VPC `xml:"VPC"`
	} `xml:"VPCs,omitempty"`
}

// serveRoute53 answers one Route 53 request (restPrefixes).
func (s *Server) serveRoute53(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/2013-04-01/")
	op := r.Method + " " + rest
	id, isZone := strings.CutPrefix(rest, "hostedzone/")
	if isZone && r.Method == http.MethodGet && id != "" && !strings.Contains(id, "/") {
		op = "GetHostedZone"
	}
	s.count("route53", op)
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 10<<20))
	_, scoped, authErr := wire.Credential(r)
	switch {
	case authErr != nil:
		writeRoute53Error(w, authErr)
		return
	case scoped != "route53":
		writeRoute53Error(w, wire.Errorf(403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'route53'. "))
		return
	}
	latency, fault := s.fault("route53", op)
	if !wire.Wait(r, latency) {
		return
	}
	if fault != nil {
		writeRoute53Error(w, fault)
		return
	}
	if op != "GetHostedZone" {
		writeRoute53Error(w, wire.Errorf(400, "InvalidInput", "%s /2013-04-01/%s is not an operation of this fake's route53", r.Method, rest))
		return
	}
	b, err := s.answer(s.stateLock("route53"), op, func() (any, error) { return s.r53GetHostedZone(id) }, func(out any) ([]byte, error) {
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		if err := xml.NewEncoder(&buf).Encode(out); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
	if err != nil {
		writeRoute53Error(w, wire.AsError(err))
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", wire.RequestID())
	_, _ = w.Write(b)
}

// r53GetHostedZone finds the zone of a DNS namespace (sdFromStacks).
func (s *Server) r53GetHostedZone(id string) (any, error) {
	nss, _ := s.sdFromStacks()
	for _, ns := range nss {
		zone := ns.hostedZone()
		if zone == "" || zone != id {
			continue
		}
		private := deref(ns.Type) == "DNS_PRIVATE"
		out := &r53GetHostedZoneResponse{
			Xmlns: route53NS,
			HostedZone: r53HostedZone{
				ID: "/hostedzone/" + zone, Name: deref(ns.Name) + ".", CallerReference: deref(ns.Id),
				Config: r53Config{PrivateZone: private}, ResourceRecordSetCount: 2,
				LinkedService: &r53LinkedService{ServicePrincipal: "servicediscovery.amazonaws.com", Description: deref(ns.Arn)},
			},
		}
		if private && ns.vpc != "" {
			out.VPCs = &struct {
				VPC []r53VPC `xml:"VPC"`
			}{[]r53VPC{{VPCRegion: s.region, VPCId: ns.vpc}}}
		} else {
			out.DelegationSet = &struct {
				NameServers []string `xml:"NameServers>NameServer"`
			}{[]string{"ns-1.awsdns-01.com", "ns-2.awsdns-02.net", "ns-3.awsdns-03.org", "ns-4.awsdns-04.co.uk"}}
		}
		return out, nil
	}
	return nil, wire.Errorf(404, "NoSuchHostedZone", "No hosted zone found with ID: %s", id)
}

// writeRoute53Error writes REST-XML's <ErrorResponse>.
func writeRoute53Error(w http.ResponseWriter, e *wire.Error) {
	typ := "Sender"
	if e.Status >= 500 {
		typ = "Receiver"
	}
	id := wire.RequestID()
	b, _ := xml.Marshal(struct {
		XMLName   xml.Name        `xml:"ErrorResponse"`
		Xmlns     string          `xml:"xmlns,attr"`
		Error     wire.QueryError `xml:"Error"`
		RequestID string          `xml:"RequestId"`
	}{Xmlns: route53NS, Error: wire.QueryError{Type: typ, Code: e.Code, Message: e.Message}, RequestID: id})
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", id)
	w.WriteHeader(e.Status)
	_, _ = w.Write(append([]byte(xml.Header), b...))
}
