package awsfake

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// cfnResources are the resources stacks made in the fake's own state, by
// physical id. Guarded by Server.mu.
type cfnResources struct {
	made map[string]*madeResource
}

// A madeResource is one resource a stack created: its evaluated
// properties (the few the fake uses) and, for an Auto Scaling group, the
// container instances it launched.
type madeResource struct {
	stackID, logical, typ, id string
	props                     map[string]string
	instances                 []*instance
}

func (s *Server) cfnMade() *cfnResources {
	st := s.cfnStacks()
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
		st := s.iamRoles()
		if st.roles[m.id] == nil {
			st.roles[m.id] = &role{name: m.id, arn: "arn:aws:iam::" + s.account + ":role/" + m.id, trust: m.props["AssumeRolePolicyDocument"], tags: map[string]string{}}
		}
		if p := m.props["ManagedPolicyArns"]; p != "" {
			st.roles[m.id].attached = strings.Split(p, ",")
		}
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
		c := s.ecs.clusters[name]
		if c == nil || c.status != "ACTIVE" {
			return // the agent finds no cluster to join
		}
		subnets := strings.Split(m.props["VPCZoneIdentifier"], ",")
		for len(m.instances) < want {
			subnet := subnets[len(m.instances)%len(subnets)]
			az := s.region + "a"
			if sn := s.cfnMade().made[subnet]; sn != nil && sn.props["AvailabilityZone"] != "" {
				az = sn.props["AvailabilityZone"]
			}
			s.ec2.ips++
			n := s.ec2.ips
			private, public := fmt.Sprintf("10.0.%d.%d", n/250, n%250+4), ""
			if lt.props["AssociatePublicIpAddress"] != "false" {
				public = fmt.Sprintf("54.%d.%d.%d", n/62500%250+1, n/250%250, n%250+4)
			}
			inst := s.addInstance(c, "i-"+s.newID()[:17], public, private)
			inst.ami = lt.props["ImageId"]
			inst.attrs = map[string]string{
				"ecs.instance-type":     lt.props["InstanceType"],
				"ecs.availability-zone": az,
				"ecs.subnet-id":         subnet,
			}
			if sn := s.cfnMade().made[subnet]; sn != nil {
				inst.attrs["ecs.vpc-id"] = sn.props["VpcId"]
			}
			m.instances = append(m.instances, inst)
		}
		for len(m.instances) > want {
			s.removeInstance(m.instances[len(m.instances)-1])
			m.instances = m.instances[:len(m.instances)-1]
		}
	}
}

// unrealize removes what realize made.
func (s *Server) unrealize(m *madeResource) {
	switch m.typ {
	case "AWS::IAM::Role":
		delete(s.iamRoles().roles, m.id)
	case "AWS::AutoScaling::AutoScalingGroup":
		for _, inst := range m.instances {
			s.removeInstance(inst)
		}
		m.instances = nil
	}
}

// removeInstance deregisters a container instance (its instance was terminated).
func (s *Server) removeInstance(inst *instance) {
	c := inst.cluster
	for i, in := range c.instances {
		if in == inst {
			c.instances = append(c.instances[:i:i], c.instances[i+1:]...)
			return
		}
	}
}

// instanceAttributes are the attributes the ECS agent of the
// ECS-optimized AMI registers: its logging drivers (not fluentd, as in
// the original README's check-attributes example), Docker remote API
// versions and capabilities, plus the instance's own facts and any
// attributes a test added.
func (s *Server) instanceAttributes(inst *instance) []types.Attribute {
	const capa = "com.amazonaws.ecs.capability."
	attrs := map[string]string{
		"ecs.os-type":           "linux",
		"ecs.os-family":         "LINUX",
		"ecs.instance-type":     "t3.medium",
		"ecs.ami-id":            inst.ami,
		"ecs.availability-zone": s.region + "a",
		"ecs.cpu-architecture":  "x86_64",
	}
	for _, d := range []string{"json-file", "syslog", "awslogs", "none", "awsfirelens"} {
		attrs[capa+"logging-driver."+d] = ""
	}
	for _, v := range []string{"1.17", "1.18", "1.19", "1.20", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.37", "1.38", "1.39", "1.40", "1.41", "1.42", "1.43", "1.44"} {
		attrs[capa+"docker-remote-api."+v] = ""
	}
	for _, c := range []string{capa + "privileged-container", capa + "ecr-auth", capa + "task-iam-role", capa + "task-iam-role-network-host",
		"ecs.capability.execution-role-awslogs", "ecs.capability.execution-role-ecr-pull", "ecs.capability.task-eni",
		"ecs.capability.private-registry-authentication.secretsmanager", "ecs.capability.secrets.asm.environment-variables",
		"ecs.capability.secrets.ssm.environment-variables", "ecs.capability.container-health-check", "ecs.capability.docker-plugin.local",
		"ecs.capability.efs", "ecs.capability.efsAuth", "ecs.capability.firelens.fluentbit", "ecs.capability.container-ordering",
		"ecs.capability.task-cpu-mem-limit", "ecs.capability.pid-ipc-namespace-sharing"} {
		attrs[c] = ""
	}
	for k, v := range inst.attrs {
		attrs[k] = v
	}
	if family, _, _ := strings.Cut(attrs["ecs.instance-type"], "."); graviton.MatchString(family) {
		attrs["ecs.cpu-architecture"] = "arm64"
	}
	out := make([]types.Attribute, 0, len(attrs))
	for _, k := range cfnKeys(attrs) {
		a := types.Attribute{Name: ptr(k)}
		if v := attrs[k]; v != "" {
			a.Value = ptr(v)
		}
		out = append(out, a)
	}
	return out
}

// AddContainerInstanceAttributes sets attributes on the container
// instance running on EC2 instance ec2InstanceID in cluster (value ""
// removes one the agent would report).
func (s *Server) AddContainerInstanceAttributes(clusterName, ec2InstanceID string, attrs map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.ecs.clusters[clusterName]
	if c == nil {
		panic("awsfake: AddContainerInstanceAttributes: no cluster " + clusterName)
	}
	for _, in := range c.instances {
		if in.ec2ID == ec2InstanceID {
			if in.attrs == nil {
				in.attrs = map[string]string{}
			}
			for k, v := range attrs {
				in.attrs[k] = v
			}
			return
		}
	}
	panic("awsfake: AddContainerInstanceAttributes: no instance " + ec2InstanceID)
}

// StackResource describes, for tests, a resource a live stack made:
// its physical id and the properties the fake keeps (an Auto Scaling
// group also has "Instances", its container instances' EC2 ids), or nil.
func (s *Server) StackResource(stackName, logical string) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, pid := range cfnKeys(s.cfnMade().made) {
		if s.cfnMade().made[pid].typ == typ {
			out = append(out, pid)
		}
	}
	return out
}
