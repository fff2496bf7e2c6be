package awsfake

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/servicediscovery/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// Cloud Map (AWS Cloud Map / Route 53 auto naming): JSON 1.1 with
// PascalCase members. Namespaces and services come from two places: those
// added with AddNamespace, and those CloudFormation stacks made
// (AWS::ServiceDiscovery::PrivateDnsNamespace, PublicDnsNamespace and
// Service resources of a stack whose last operation settled). The stacks are
// only read here: their resources appear while the stack lives and go with
// it. UpdateService keeps its changes in sdState, by service id.

// sdState is Cloud Map's own state. Guarded by mu.
type sdState struct {
	mu sync.Mutex

	namespaces []sdNamespace            // added with AddNamespace
	changes    map[string]sdServiceEdit // UpdateService changes, by service id
	ops        map[string]string        // operation id -> service id
}

type sdServiceEdit struct {
	ttl       *int64
	threshold *int32
}

var serviceDiscoveryOps = map[string]jsonOp{
	"ListNamespaces": pascalOp((*Server).sdListNamespaces),
	"GetNamespace":   pascalOp((*Server).sdGetNamespace),
	"ListServices":   pascalOp((*Server).sdListServices),
	"GetService":     pascalOp((*Server).sdGetService),
	"UpdateService":  pascalOp((*Server).sdUpdateService),
	"GetOperation":   pascalOp((*Server).sdGetOperation),
}

func (e *sdState) init() {
	e.changes = map[string]sdServiceEdit{}
	e.ops = map[string]string{}
}

type sdDNSProperties struct {
	HostedZoneId *string `json:",omitempty"`
}

type sdNamespaceProperties struct {
	DnsProperties *sdDNSProperties `json:",omitempty"`
}

type sdNamespace struct {
	Id, Arn, Name, Type *string
	Description         *string `json:",omitempty"`
	ServiceCount        *int32  `json:",omitempty"`
	Properties          *sdNamespaceProperties
	vpc                 string
}

type sdDNSRecord struct {
	Type string
	TTL  int64
}

type sdDNSConfig struct {
	NamespaceId   *string `json:",omitempty"`
	RoutingPolicy string  `json:",omitempty"`
	DnsRecords    []sdDNSRecord
}

type sdHealthCustom struct {
	FailureThreshold *int32 `json:",omitempty"`
}

type sdService struct {
	Id, Arn, Name           *string
	NamespaceId             *string         `json:",omitempty"`
	Description             *string         `json:",omitempty"`
	InstanceCount           *int32          `json:",omitempty"`
	DnsConfig               *sdDNSConfig    `json:",omitempty"`
	HealthCheckCustomConfig *sdHealthCustom `json:",omitempty"`
	Type                    string          `json:",omitempty"`
}

// AddNamespace makes a namespace Cloud Map knows without a stack (a public
// namespace, which the ECS CLI never creates); typ is DNS_PUBLIC,
// DNS_PRIVATE or HTTP. It returns the namespace id.
func (s *Server) AddNamespace(name, typ, vpc string) string {
	s.cmap.mu.Lock()
	defer s.cmap.mu.Unlock()
	id := "ns-" + s.newID()[:16]
	s.cmap.namespaces = append(s.cmap.namespaces, s.sdNewNamespace(id, name, typ, vpc, ""))
	return id
}

// sdNewNamespace makes a namespace. A DNS namespace owns a Route 53 hosted
// zone (route53.go), its id derived from the namespace's: private zones are
// associated with vpc, public ones with none.
func (s *Server) sdNewNamespace(id, name, typ, vpc, desc string) sdNamespace {
	ns := sdNamespace{
		Id: ptr(id), Arn: ptr("arn:aws:servicediscovery:" + s.region + ":" + s.account + ":namespace/" + id),
		Name: ptr(name), Type: ptr(typ), Description: nonEmptyPtr(desc),
		Properties: &sdNamespaceProperties{},
		vpc:        vpc,
	}
	if typ == "DNS_PRIVATE" || typ == "DNS_PUBLIC" {
		zone := "Z" + strings.ToUpper(hexOf(id)[:13])
		ns.Properties.DnsProperties = &sdDNSProperties{HostedZoneId: ptr(zone)}
	}
	return ns
}

// hostedZone is the id of the namespace's hosted zone ("" for HTTP).
func (ns sdNamespace) hostedZone() string {
	if ns.Properties == nil || ns.Properties.DnsProperties == nil {
		return ""
	}
	return deref(ns.Properties.DnsProperties.HostedZoneId)
}

func nonEmptyPtr(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// sdFromStacks returns the namespaces and services Cloud Map knows now:
// those added with AddNamespace and those of the live stacks, with
// UpdateService's changes. It reads the stacks under cfn.mu
// (eachLiveResource), then its own state under cmap.mu, never both at
// once; so Cloud Map's operations hold no lock of their own.
func (s *Server) sdFromStacks() ([]sdNamespace, []sdService) {
	var nss []sdNamespace
	var svcs []sdService
	s.eachLiveResource(func(typ, phys string, props map[string]any, value func(any) string) {
		str := func(m map[string]any, k string) string {
			if v, ok := m[k]; ok {
				return value(v)
			}
			return ""
		}
		switch typ {
		case "AWS::ServiceDiscovery::PrivateDnsNamespace":
			nss = append(nss, s.sdNewNamespace(phys, str(props, "Name"), "DNS_PRIVATE", str(props, "Vpc"), str(props, "Description")))
		case "AWS::ServiceDiscovery::PublicDnsNamespace":
			nss = append(nss, s.sdNewNamespace(phys, str(props, "Name"), "DNS_PUBLIC", "", str(props, "Description")))
		case "AWS::ServiceDiscovery::Service":
			sv := sdService{
				Id: ptr(phys), Arn: ptr("arn:aws:servicediscovery:" + s.region + ":" + s.account + ":service/" + phys),
				Name: ptr(str(props, "Name")), Description: nonEmptyPtr(str(props, "Description")), InstanceCount: ptr(int32(0)),
			}
			if dc, ok := props["DnsConfig"].(map[string]any); ok {
				cfg := &sdDNSConfig{NamespaceId: nonEmptyPtr(str(dc, "NamespaceId")), RoutingPolicy: "MULTIVALUE"}
				recs, _ := dc["DnsRecords"].([]any)
				for _, x := range recs {
					rec, _ := x.(map[string]any)
					ttl, _ := strconv.ParseInt(str(rec, "TTL"), 10, 64)
					cfg.DnsRecords = append(cfg.DnsRecords, sdDNSRecord{Type: str(rec, "Type"), TTL: ttl})
				}
				sv.DnsConfig, sv.NamespaceId = cfg, cfg.NamespaceId
			}
			if hc, ok := props["HealthCheckCustomConfig"].(map[string]any); ok {
				n, _ := strconv.ParseInt(str(hc, "FailureThreshold"), 10, 32)
				sv.HealthCheckCustomConfig = &sdHealthCustom{FailureThreshold: ptr(int32(n))}
			}
			if sv.NamespaceId == nil {
				sv.NamespaceId = nonEmptyPtr(str(props, "NamespaceId"))
			}
			svcs = append(svcs, sv)
		}
	})
	s.cmap.mu.Lock()
	defer s.cmap.mu.Unlock()
	for i := range svcs {
		sv := &svcs[i]
		if ch, ok := s.cmap.changes[*sv.Id]; ok {
			if ch.ttl != nil && sv.DnsConfig != nil {
				for j := range sv.DnsConfig.DnsRecords {
					sv.DnsConfig.DnsRecords[j].TTL = *ch.ttl
				}
			}
			if ch.threshold != nil {
				sv.HealthCheckCustomConfig = &sdHealthCustom{FailureThreshold: ch.threshold}
			}
		}
	}
	return append(append([]sdNamespace(nil), s.cmap.namespaces...), nss...), svcs
}

type sdListNamespacesInput struct {
	Filters    []types.NamespaceFilter
	MaxResults *int32
	NextToken  *string
}

func (s *Server) sdListNamespaces(in *sdListNamespacesInput) (any, error) {
	for _, f := range in.Filters {
		if f.Name != types.NamespaceFilterNameType && f.Name != types.NamespaceFilterNameName {
			return nil, wire.Errorf(400, "InvalidInput", "filter %s is not supported by this fake", f.Name)
		}
	}
	nss, _ := s.sdFromStacks()
	out := []sdNamespace{}
	for _, ns := range nss {
		keep := true
		for _, f := range in.Filters {
			switch f.Name {
			case types.NamespaceFilterNameType:
				keep = keep && slices.Contains(f.Values, deref(ns.Type))
			case types.NamespaceFilterNameName:
				keep = keep && slices.Contains(f.Values, deref(ns.Name))
			}
		}
		if keep {
			out = append(out, ns)
		}
	}
	return struct{ Namespaces []sdNamespace }{out}, nil
}

type sdGetNamespaceInput struct{ Id *string }

func (s *Server) sdGetNamespace(in *sdGetNamespaceInput) (any, error) {
	nss, _ := s.sdFromStacks()
	for _, ns := range nss {
		if deref(ns.Id) == deref(in.Id) {
			return struct{ Namespace sdNamespace }{ns}, nil
		}
	}
	return nil, wire.Errorf(400, "NamespaceNotFound", "Namespace %s not found", deref(in.Id))
}

type sdListServicesInput struct {
	Filters    []types.ServiceFilter
	MaxResults *int32
	NextToken  *string
}

func (s *Server) sdListServices(in *sdListServicesInput) (any, error) {
	_, svcs := s.sdFromStacks()
	out := []sdService{}
	for _, sv := range svcs {
		keep := true
		for _, f := range in.Filters {
			if f.Name == types.ServiceFilterNameNamespaceId {
				keep = keep && slices.Contains(f.Values, deref(sv.NamespaceId))
			}
		}
		if keep {
			out = append(out, sv)
		}
	}
	return struct{ Services []sdService }{out}, nil
}

type sdGetServiceInput struct{ Id *string }

func (s *Server) sdFindService(id string) (sdService, error) {
	_, svcs := s.sdFromStacks()
	for _, sv := range svcs {
		if deref(sv.Id) == id {
			return sv, nil
		}
	}
	return sdService{}, wire.Errorf(400, "ServiceNotFound", "Service %s not found", id)
}

func (s *Server) sdGetService(in *sdGetServiceInput) (any, error) {
	sv, err := s.sdFindService(deref(in.Id))
	if err != nil {
		return nil, err
	}
	return struct{ Service sdService }{sv}, nil
}

type sdUpdateServiceInput struct {
	Id      *string
	Service *types.ServiceChange
}

func (s *Server) sdUpdateService(in *sdUpdateServiceInput) (any, error) {
	if in.Id == nil || in.Service == nil {
		return nil, wire.Errorf(400, "InvalidInput", "Id and Service are required")
	}
	if _, err := s.sdFindService(*in.Id); err != nil {
		return nil, err
	}
	s.cmap.mu.Lock()
	defer s.cmap.mu.Unlock()
	ch := s.cmap.changes[*in.Id]
	if dc := in.Service.DnsConfig; dc != nil {
		for _, r := range dc.DnsRecords {
			ch.ttl = r.TTL
		}
	}
	if hc := in.Service.HealthCheckConfig; hc != nil && hc.FailureThreshold != nil {
		ch.threshold = hc.FailureThreshold
	}
	s.cmap.changes[*in.Id] = ch
	opID := s.newID()[:32]
	s.cmap.ops[opID] = *in.Id
	return struct{ OperationId string }{opID}, nil
}

type sdGetOperationInput struct {
	OperationId  *string
	OwnerAccount *string
}

func (s *Server) sdGetOperation(in *sdGetOperationInput) (any, error) {
	s.cmap.mu.Lock()
	id, ok := s.cmap.ops[deref(in.OperationId)]
	s.cmap.mu.Unlock()
	if !ok {
		return nil, wire.Errorf(400, "OperationNotFound", "Operation %s not found", deref(in.OperationId))
	}
	type operation struct {
		Id, Status, Type string
		Targets          map[string]string
	}
	return struct{ Operation operation }{operation{deref(in.OperationId), "SUCCESS", "UPDATE_SERVICE", map[string]string{"SERVICE": id}}}, nil
}

// SDNamespace is a Cloud Map namespace as the fake sees it.
type SDNamespace struct{ ID, Name, Type, VPC string }

// SDService is a Cloud Map service as the fake sees it.
type SDService struct {
	ID, Arn, Name, NamespaceID, DNSType string
	TTL                                 int64
	FailureThreshold                    int32
}

// DiscoveryNamespaces returns the namespaces Cloud Map knows now.
func (s *Server) DiscoveryNamespaces() []SDNamespace {
	nss, _ := s.sdFromStacks()
	var out []SDNamespace
	for _, ns := range nss {
		out = append(out, SDNamespace{deref(ns.Id), deref(ns.Name), deref(ns.Type), ns.vpc})
	}
	return out
}

// DiscoveryServices returns the services Cloud Map knows now.
func (s *Server) DiscoveryServices() []SDService {
	_, svcs := s.sdFromStacks()
	var out []SDService
	for _, sv := range svcs {
		o := SDService{ID: deref(sv.Id), Arn: deref(sv.Arn), Name: deref(sv.Name), NamespaceID: deref(sv.NamespaceId)}
		if sv.DnsConfig != nil && len(sv.DnsConfig.DnsRecords) > 0 {
			o.DNSType, o.TTL = sv.DnsConfig.DnsRecords[0].Type, sv.DnsConfig.DnsRecords[0].TTL
		}
		if sv.HealthCheckCustomConfig != nil {
			o.FailureThreshold = deref(sv.HealthCheckCustomConfig.FailureThreshold)
		}
		out = append(out, o)
	}
	return out
}
