package awsfake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// cfnResources are the resources stacks made, by physical id. Guarded by
// cfn.mu.
type cfnResources struct {
	made map[string]*madeResource
}

// A madeResource is one resource a stack created: its evaluated
// properties (the few the fake uses) and, for an Auto Scaling group, the
// container instances it launched.
type madeResource struct {
	stackID, logical, typ, id string
	props                     map[string]string
	instances                 []joined
}

// joined is a container instance an Auto Scaling group launched: its EC2
// instance and the cluster its agent joined.
type joined struct{ cluster, ec2ID string }

// The services stacks provision resources in. CloudFormation never
// touches their state: it asks through these, and each method takes its
// own service's lock (inner to cfn.mu, see Server).
type (
	ecsProvisioner interface {
		// clusterActive reports whether an ACTIVE cluster is named name.
		clusterActive(name string) bool
		// joinCluster registers in as a container instance of the ACTIVE
		// cluster named; false when there is none.
		joinCluster(name string, in launched) bool
		// leaveCluster deregisters the container instance on EC2
		// instance ec2ID from the cluster named.
		leaveCluster(name, ec2ID string)
	}
	ec2Provisioner interface {
		// newAddress numbers a new instance's addresses.
		newAddress() int
	}
	iamProvisioner interface {
		// putRole creates the role name unless it exists, and sets its
		// attached policies when attached is not empty.
		putRole(name, arn, trust string, attached []string)
		deleteRole(name string)
	}
)

// launched is an EC2 instance an Auto Scaling group starts, as its ECS
// agent registers it.
type launched struct {
	ec2ID, publicIP, privateIP, ami string
	attrs                           map[string]string
}

func (s *Server) cfnMade() *cfnResources {
	st := &s.cfn
	if st.made == nil {
		st.made = &cfnResources{made: map[string]*madeResource{}}
	}
	return st.made
}

// applyStackOp makes the stack's resources real in the fake's state when
// an operation starts (the fake does not wait for the operation to
// settle): a CREATE or UPDATE creates or updates the live resources and
// removes those whose condition no longer holds, a DELETE removes them
// all, and an operation that fails changes nothing (it rolls back).
func (s *Server) applyStackOp(sk *stack, op *stackOp) {
	if op.reason != "" {
		return
	}
	r := s.cfnMade()
	live := map[string]bool{}
	if op.kind != "DELETE" {
		ev := &cfnEval{s: s, tmpl: op.tmpl, params: op.params, physical: sk.physical}
		ids := s.liveResources(op.tmpl, op.params)
		// Dependencies first: roles before profiles, launch templates before groups.
		sort.SliceStable(ids, func(i, j int) bool {
			return resourceOrder(sub(sub(op.tmpl, "Resources"), ids[i])["Type"]) < resourceOrder(sub(sub(op.tmpl, "Resources"), ids[j])["Type"])
		})
		for _, id := range ids {
			live[id] = true
			res := sub(sub(op.tmpl, "Resources"), id)
			typ, _ := res["Type"].(string)
			pid := sk.physical[id]
			m := r.made[pid]
			if m == nil {
				m = &madeResource{stackID: sk.id, logical: id, typ: typ, id: pid}
				r.made[pid] = m
			}
			m.props = s.resourceProps(ev, typ, sub(res, "Properties"))
			s.realize(m)
		}
	}
	for _, pid := range cfnKeys(r.made) {
		if m := r.made[pid]; m.stackID == sk.id && !live[m.logical] {
			s.unrealize(m)
			delete(r.made, pid)
		}
	}
}

func resourceOrder(typ any) int {
	switch typ {
	case "AWS::IAM::Role":
		return 0
	case "AWS::IAM::InstanceProfile":
		return 1
	case "AWS::AutoScaling::AutoScalingGroup":
		return 3
	}
	return 2
}

// resourceProps evaluates the properties the fake keeps of a resource.
func (s *Server) resourceProps(ev *cfnEval, typ string, p map[string]any) map[string]string {
	val := func(v any) string { return cfnValue(ev, v) }
	out := map[string]string{}
	switch typ {
	case "AWS::EC2::VPC":
		out["CidrBlock"] = val(p["CidrBlock"])
	case "AWS::EC2::Subnet":
		out["VpcId"], out["CidrBlock"], out["AvailabilityZone"] = val(p["VpcId"]), val(p["CidrBlock"]), val(p["AvailabilityZone"])
	case "AWS::EC2::SecurityGroup":
		out["VpcId"], out["GroupDescription"] = val(p["VpcId"]), val(p["GroupDescription"])
	case "AWS::IAM::Role":
		b, _ := json.Marshal(p["AssumeRolePolicyDocument"])
		out["AssumeRolePolicyDocument"] = string(b)
		out["ManagedPolicyArns"] = val(p["ManagedPolicyArns"])
	case "AWS::IAM::InstanceProfile":
		out["Roles"] = val(p["Roles"])
	case "AWS::EC2::LaunchTemplate":
		d := sub(p, "LaunchTemplateData")
		out["ImageId"], out["InstanceType"], out["KeyName"] = val(d["ImageId"]), val(d["InstanceType"]), val(d["KeyName"])
		out["UserData"] = val(d["UserData"])
		if nis, ok := d["NetworkInterfaces"].([]any); ok && len(nis) > 0 {
			ni, _ := nis[0].(map[string]any)
			out["AssociatePublicIpAddress"] = val(ni["AssociatePublicIpAddress"])
			out["Groups"] = val(ni["Groups"])
		}
	case "AWS::AutoScaling::AutoScalingGroup":
		out["DesiredCapacity"], out["MaxSize"], out["MinSize"] = val(p["DesiredCapacity"]), val(p["MaxSize"]), val(p["MinSize"])
		out["VPCZoneIdentifier"] = val(p["VPCZoneIdentifier"])
		out["LaunchTemplateId"] = val(sub(p, "LaunchTemplate")["LaunchTemplateId"])
	}
	return out
}

// cfnValue is cfnEval.value plus Fn::Base64 (the fake keeps the decoded
// text), Fn::FindInMap and AWS::NoValue in lists.
func cfnValue(ev *cfnEval, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool, float64:
		return fmt.Sprint(x)
	case []any:
		var parts []string
		for _, p := range x {
			if s := cfnValue(ev, p); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ",")
	case map[string]any:
		if a, ok := x["Fn::Base64"]; ok {
			return cfnValue(ev, a)
		}
		if a, ok := x["Fn::FindInMap"].([]any); ok && len(a) == 3 {
			m := sub(sub(sub(ev.tmpl, "Mappings"), cfnValue(ev, a[0])), cfnValue(ev, a[1]))
			return fmt.Sprint(m[cfnValue(ev, a[2])])
		}
		if a, ok := x["Fn::If"].([]any); ok && len(a) == 3 {
			if ev.condition(fmt.Sprint(a[0])) {
				return cfnValue(ev, a[1])
			}
			return cfnValue(ev, a[2])
		}
	}
	return ev.value(v)
}

var ecsClusterLine = regexp.MustCompile(`ECS_CLUSTER=([A-Za-z0-9_-]+)`)

// realize creates or updates what a resource stands for: an IAM role, or
// an Auto Scaling group's container instances.
func (s *Server) realize(m *madeResource) {
	switch m.typ {
	case "AWS::IAM::Role":
		var attached []string
		if p := m.props["ManagedPolicyArns"]; p != "" {
			attached = strings.Split(p, ",")
		}
		s.cfn.iam.putRole(m.id, "arn:aws:iam::"+s.account+":role/"+m.id, m.props["AssumeRolePolicyDocument"], attached)
	case "AWS::AutoScaling::AutoScalingGroup":
		want, _ := strconv.Atoi(m.props["DesiredCapacity"])
		lt := s.cfnMade().made[m.props["LaunchTemplateId"]]
		if lt == nil {
			return
		}
		name := ""
		if sm := ecsClusterLine.FindStringSubmatch(lt.props["UserData"]); sm != nil {
			name = sm[1]
		}
		if !s.cfn.ecs.clusterActive(name) {
			return // the agent finds no cluster to join
		}
		subnets := strings.Split(m.props["VPCZoneIdentifier"], ",")
		for len(m.instances) < want {
			subnet := subnets[len(m.instances)%len(subnets)]
			az := s.region + "a"
			if sn := s.cfnMade().made[subnet]; sn != nil && sn.props["AvailabilityZone"] != "" {
				az = sn.props["AvailabilityZone"]
			}
			n := s.cfn.ec2.newAddress()
			in := launched{ec2ID: "i-" + s.newID()[:17], privateIP: fmt.Sprintf("10.0.%d.%d", n/250, n%250+4), ami: lt.props["ImageId"]}
			if lt.props["AssociatePublicIpAddress"] != "false" {
				in.publicIP = fmt.Sprintf("54.%d.%d.%d", n/62500%250+1, n/250%250, n%250+4)
			}
			in.attrs = map[string]string{
				"ecs.instance-type":     lt.props["InstanceType"],
				"ecs.availability-zone": az,
				"ecs.subnet-id":         subnet,
			}
			if sn := s.cfnMade().made[subnet]; sn != nil {
				in.attrs["ecs.vpc-id"] = sn.props["VpcId"]
			}
			if !s.cfn.ecs.joinCluster(name, in) {
				return // the cluster went away meanwhile
			}
			m.instances = append(m.instances, joined{name, in.ec2ID})
		}
		for len(m.instances) > want {
			last := m.instances[len(m.instances)-1]
			s.cfn.ecs.leaveCluster(last.cluster, last.ec2ID)
			m.instances = m.instances[:len(m.instances)-1]
		}
	}
}

// unrealize removes what realize made.
func (s *Server) unrealize(m *madeResource) {
	switch m.typ {
	case "AWS::IAM::Role":
		s.cfn.iam.deleteRole(m.id)
	case "AWS::AutoScaling::AutoScalingGroup":
		for _, in := range m.instances {
			s.cfn.ecs.leaveCluster(in.cluster, in.ec2ID)
		}
		m.instances = nil
	}
}

// StackResource describes, for tests, a resource a live stack made:
// its physical id and the properties the fake keeps (an Auto Scaling
// group also has "Instances", its container instances' EC2 ids), or nil.
func (s *Server) StackResource(stackName, logical string) map[string]string {
	s.cfn.mu.Lock()
	defer s.cfn.mu.Unlock()
	sk := s.findStack(stackName)
	if sk == nil {
		return nil
	}
	m := s.cfnMade().made[sk.physical[logical]]
	if m == nil {
		return nil
	}
	out := map[string]string{"PhysicalResourceId": m.id}
	for k, v := range m.props {
		out[k] = v
	}
	var ids []string
	for _, in := range m.instances {
		ids = append(ids, in.ec2ID)
	}
	if m.typ == "AWS::AutoScaling::AutoScalingGroup" {
		out["Instances"] = strings.Join(ids, ",")
	}
	return out
}

// MadeResources returns the physical ids of the resources of a type
// (such as AWS::EC2::VPC) that live stacks made, sorted.
func (s *Server) MadeResources(typ string) []string {
	s.cfn.mu.Lock()
	defer s.cfn.mu.Unlock()
	var out []string
	for _, pid := range cfnKeys(s.cfnMade().made) {
		if s.cfnMade().made[pid].typ == typ {
			out = append(out, pid)
		}
	}
	return out
}
