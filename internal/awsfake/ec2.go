package awsfake

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// ec2State hands out addresses; instances are the ECS container instances
// and network interfaces are those of awsvpc tasks, both read from ECS
// (ecsState.containerInstances, liveENIs). Guarded by mu.
type ec2State struct {
	mu sync.Mutex

	ips int // addresses handed out
}

var ec2Ops = map[string]queryOp{
	"DescribeInstances":             (*Server).describeInstances,
	"DescribeNetworkInterfaces":     (*Server).describeNetworkInterfaces,
	"DescribeInstanceTypes":         (*Server).describeInstanceTypes,
	"DescribeInstanceTypeOfferings": (*Server).describeInstanceTypeOfferings, // ec2_offerings.go
}

// newENI creates an awsvpc task's network interface in subnet, with a
// public IP when public.
func (s *Server) newENI(subnet string, groups []string, public bool) *eni {
	n := s.ec2.newAddress()
	e := &eni{
		id:             "eni-" + s.newID()[:17],
		attachmentID:   s.uuid(),
		subnet:         subnet,
		vpc:            "vpc-" + s.newID()[:17],
		mac:            fmt.Sprintf("0a:%02x:%02x:%02x:%02x:%02x", n>>24&0xff, n>>16&0xff, n>>8&0xff, n&0xff, 1),
		privateIP:      fmt.Sprintf("10.0.%d.%d", n/250, n%250+4),
		securityGroups: groups,
	}
	if public {
		e.publicIP = fmt.Sprintf("54.%d.%d.%d", n/62500%250+1, n/250%250, n%250+4)
	}
	return e
}

// newAddress hands out the number of a new address: ENIs' and stack
// instances' IPs are made from it. It takes ec2.mu, the innermost service
// lock: ECS and CloudFormation call it with their own held.
func (e *ec2State) newAddress() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ips++
	return e.ips
}

// privateDNS is EC2's private DNS name for ip in us-east-1.
func privateDNS(ip string) string {
	return "ip-" + strings.ReplaceAll(ip, ".", "-") + ".ec2.internal"
}

type ec2Instance struct {
	InstanceID       string           `xml:"instanceId"`
	ImageID          string           `xml:"imageId"`
	State            ec2InstanceState `xml:"instanceState"`
	PrivateDNSName   string           `xml:"privateDnsName"`
	DNSName          string           `xml:"dnsName"`
	InstanceType     string           `xml:"instanceType"`
	LaunchTime       string           `xml:"launchTime"`
	AvailabilityZone string           `xml:"placement>availabilityZone"`
	PrivateIPAddress string           `xml:"privateIpAddress"`
	IPAddress        string           `xml:"ipAddress,omitempty"`
	Architecture     string           `xml:"architecture"`
}

type ec2InstanceState struct {
	Code int    `xml:"code"`
	Name string `xml:"name"`
}

type ec2Reservation struct {
	ReservationID string        `xml:"reservationId"`
	OwnerID       string        `xml:"ownerId"`
	Instances     []ec2Instance `xml:"instancesSet>item"`
}

type describeInstancesResponse struct {
	wire.EC2Result
	Reservations []ec2Reservation `xml:"reservationSet>item"`
	NextToken    string           `xml:"nextToken,omitempty"`
}

// describeInstances answers for the ECS container instances, by
// InstanceId.N or the filters instance-id, instance-state-name,
// private-ip-address and ip-address.
func (s *Server) describeInstances(form url.Values, _ string) (any, error) {
	ids := wire.QueryList(form, "InstanceId")
	names, filters := wire.QueryFilters(form)
	if err := knownFilters(names, "instance-id", "instance-state-name", "private-ip-address", "ip-address"); err != nil {
		return nil, err
	}
	if form.Get("MaxResults") != "" && len(ids) > 0 {
		return nil, wire.Errorf(400, "InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults")
	}
	all := s.ecs.containerInstances()
	var missing []string
	for _, id := range ids {
		if !strings.HasPrefix(id, "i-") {
			return nil, wire.Errorf(400, "InvalidInstanceID.Malformed", "Invalid id: %q", id)
		}
		if !slices.ContainsFunc(all, func(in instance) bool { return in.ec2ID == id }) {
			missing = append(missing, id)
		}
	}
	if err := notFound("InvalidInstanceID.NotFound", "instance ID", missing); err != nil {
		return nil, err
	}
	out := &describeInstancesResponse{Reservations: []ec2Reservation{}}
	for _, in := range all {
		fields := map[string]string{
			"instance-id": in.ec2ID, "instance-state-name": "running",
			"private-ip-address": in.privateIP, "ip-address": in.publicIP,
		}
		if (len(ids) > 0 && !slices.Contains(ids, in.ec2ID)) || !matches(filters, fields) {
			continue
		}
		out.Reservations = append(out.Reservations, ec2Reservation{
			ReservationID: in.reservation, OwnerID: s.account,
			Instances: []ec2Instance{{
				InstanceID: in.ec2ID, ImageID: in.ami, State: ec2InstanceState{16, "running"},
				PrivateDNSName: privateDNS(in.privateIP), DNSName: publicDNS(in.publicIP),
				InstanceType: "t3.medium", LaunchTime: in.registeredAt.UTC().Format(time.RFC3339),
				AvailabilityZone: s.region + "a", PrivateIPAddress: in.privateIP, IPAddress: in.publicIP,
				Architecture: "x86_64",
			}},
		})
	}
	var err error
	out.Reservations, out.NextToken, err = ec2Page(out.Reservations, form)
	return out, err
}

type ec2Association struct {
	PublicIP      string `xml:"publicIp"`
	PublicDNSName string `xml:"publicDnsName"`
	IPOwnerID     string `xml:"ipOwnerId"`
}

type ec2Group struct {
	GroupID string `xml:"groupId"`
}

type ec2PrivateIP struct {
	PrivateIPAddress string          `xml:"privateIpAddress"`
	PrivateDNSName   string          `xml:"privateDnsName"`
	Primary          bool            `xml:"primary"`
	Association      *ec2Association `xml:"association,omitempty"`
}

type ec2NetworkInterface struct {
	NetworkInterfaceID string          `xml:"networkInterfaceId"`
	SubnetID           string          `xml:"subnetId"`
	VpcID              string          `xml:"vpcId"`
	AvailabilityZone   string          `xml:"availabilityZone"`
	Description        string          `xml:"description"`
	OwnerID            string          `xml:"ownerId"`
	RequesterManaged   bool            `xml:"requesterManaged"`
	Status             string          `xml:"status"`
	MacAddress         string          `xml:"macAddress"`
	PrivateIPAddress   string          `xml:"privateIpAddress"`
	PrivateDNSName     string          `xml:"privateDnsName"`
	SourceDestCheck    bool            `xml:"sourceDestCheck"`
	Groups             []ec2Group      `xml:"groupSet>item"`
	Association        *ec2Association `xml:"association,omitempty"`
	PrivateIPs         []ec2PrivateIP  `xml:"privateIpAddressesSet>item"`
	InterfaceType      string          `xml:"interfaceType"`
}

type describeNetworkInterfacesResponse struct {
	wire.EC2Result
	NetworkInterfaces []ec2NetworkInterface `xml:"networkInterfaceSet>item"`
	NextToken         string                `xml:"nextToken,omitempty"`
}

// describeNetworkInterfaces answers for the ENIs of awsvpc tasks that have
// not stopped, by NetworkInterfaceId.N or the filters
// network-interface-id, subnet-id, private-ip-address and
// association.public-ip.
func (s *Server) describeNetworkInterfaces(form url.Values, _ string) (any, error) {
	ids := wire.QueryList(form, "NetworkInterfaceId")
	names, filters := wire.QueryFilters(form)
	if err := knownFilters(names, "network-interface-id", "subnet-id", "private-ip-address", "association.public-ip"); err != nil {
		return nil, err
	}
	live := s.ecs.liveENIs(s.clock.Now())
	var missing []string
	for _, id := range ids {
		if !strings.HasPrefix(id, "eni-") {
			return nil, wire.Errorf(400, "InvalidNetworkInterfaceID.Malformed", "Invalid id: %q (expecting \"eni-...\")", id)
		}
		if !slices.ContainsFunc(live, func(e eni) bool { return e.id == id }) {
			missing = append(missing, id)
		}
	}
	if err := notFound("InvalidNetworkInterfaceID.NotFound", "networkInterface ID", missing); err != nil {
		return nil, err
	}
	out := &describeNetworkInterfacesResponse{NetworkInterfaces: []ec2NetworkInterface{}}
	for _, e := range live {
		fields := map[string]string{
			"network-interface-id": e.id, "subnet-id": e.subnet,
			"private-ip-address": e.privateIP, "association.public-ip": e.publicIP,
		}
		if (len(ids) > 0 && !slices.Contains(ids, e.id)) || !matches(filters, fields) {
			continue
		}
		out.NetworkInterfaces = append(out.NetworkInterfaces, s.eniXML(e))
	}
	var err error
	out.NetworkInterfaces, out.NextToken, err = ec2Page(out.NetworkInterfaces, form)
	return out, err
}

func (s *Server) eniXML(e eni) ec2NetworkInterface {
	x := ec2NetworkInterface{
		NetworkInterfaceID: e.id, SubnetID: e.subnet, VpcID: e.vpc, AvailabilityZone: s.region + "a",
		Description: s.ecsARN("attachment/" + e.attachmentID), OwnerID: s.account,
		RequesterManaged: true, Status: "in-use", MacAddress: e.mac,
		PrivateIPAddress: e.privateIP, PrivateDNSName: privateDNS(e.privateIP), SourceDestCheck: true,
		Groups: []ec2Group{}, InterfaceType: "interface",
	}
	for _, g := range e.securityGroups {
		x.Groups = append(x.Groups, ec2Group{g})
	}
	if e.publicIP != "" {
		x.Association = &ec2Association{PublicIP: e.publicIP, PublicDNSName: publicDNS(e.publicIP), IPOwnerID: "amazon"}
	}
	x.PrivateIPs = []ec2PrivateIP{{PrivateIPAddress: e.privateIP, PrivateDNSName: x.PrivateDNSName, Primary: true, Association: x.Association}}
	return x
}

// ec2Page cuts a page of items by MaxResults (5..1000; all when absent)
// and NextToken.
func ec2Page[T any](items []T, form url.Values) ([]T, string, error) {
	n := len(items)
	if v := form.Get("MaxResults"); v != "" {
		m, err := strconv.Atoi(v)
		if err != nil || m < 5 || m > 1000 {
			return nil, "", wire.Errorf(400, "InvalidParameterValue", "Value ( %s ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.", v)
		}
		n = m
	}
	off := 0
	if tok := form.Get("NextToken"); tok != "" {
		var ok bool
		if off, ok = decodeToken(tok); !ok {
			return nil, "", wire.Errorf(400, "InvalidParameterValue", "Invalid value '%s' for nextToken.", tok)
		}
	}
	p, next, _ := pageAt(items, off, n)
	return p, deref(next), nil
}

// knownFilters refuses a filter name the fake does not evaluate, as EC2
// refuses one it does not know.
func knownFilters(names []string, known ...string) error {
	for _, n := range names {
		if !slices.Contains(known, n) {
			return wire.Errorf(400, "InvalidParameterValue", "The filter '%s' is invalid", n)
		}
	}
	return nil
}

// matches reports whether fields pass every filter (any of its values).
func matches(filters map[string][]string, fields map[string]string) bool {
	for name, values := range filters {
		if !slices.Contains(values, fields[name]) {
			return false
		}
	}
	return true
}

// notFound is EC2's error for IDs that do not exist.
func notFound(code, what string, missing []string) error {
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return wire.Errorf(400, code, "The %s '%s' does not exist", what, missing[0])
	}
	return wire.Errorf(400, code, "The %ss '%s' do not exist", what, strings.Join(missing, ", "))
}

func publicDNS(ip string) string {
	if ip == "" {
		return ""
	}
	return "ec2-" + strings.ReplaceAll(ip, ".", "-") + ".compute-1.amazonaws.com"
}
