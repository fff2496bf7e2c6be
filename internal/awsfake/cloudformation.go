package awsfake

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// cfnState is CloudFormation's state: stacks by name (deleted ones stay,
// as DELETE_COMPLETE, under their id). Guarded by mu.
type cfnState struct {
	mu sync.Mutex

	stacks map[string]*stack // by name, the live one
	made   *cfnResources     // what stacks made (cloudformation_resources.go)

	// The services stacks provision resources in, each behind its own lock.
	ecs ecsProvisioner
	ec2 ec2Provisioner
	iam iamProvisioner
}

// cfnStep is how long a stack operation takes on the server's clock.
const cfnStep = time.Second

// A stack's status and events are computed from the server's clock: each
// operation starts at start and settles cfnStep later.
type stack struct {
	name, id string
	tags     [][2]string
	created  time.Time
	ops      []stackOp // oldest first
	physical map[string]string
}

type stackOp struct {
	kind   string // CREATE, UPDATE, DELETE
	start  time.Time
	reason string // invalid parameter: the operation fails and rolls back
	bad    string // logical id of the failing resource
	params map[string]string
	body   string
	tmpl   map[string]any
}

var cfnOps = map[string]queryOp{
	"CreateStack":            (*Server).createStack,
	"UpdateStack":            (*Server).updateStack,
	"DeleteStack":            (*Server).deleteStack,
	"DescribeStacks":         (*Server).describeStacks,
	"DescribeStackEvents":    (*Server).describeStackEvents,
	"DescribeStackResources": (*Server).describeStackResources,
	"ValidateTemplate":       (*Server).validateTemplate,
}

func (c *cfnState) init() { c.stacks = map[string]*stack{} }

// parseTemplate parses a JSON or YAML template body.
func parseTemplate(body string) (map[string]any, error) {
	var t map[string]any
	trimmed := strings.TrimSpace(body)
	if strings.HasPrefix(trimmed, "{") {
		if err := json.Unmarshal([]byte(trimmed), &t); err != nil {
			return nil, wire.Errorf(400, "ValidationError", "Template format error: JSON not well-formed. (%v)", err)
		}
	} else {
		v, err := parseYAML(body)
		if t, _ = v.(map[string]any); err != nil || t == nil {
			return nil, wire.Errorf(400, "ValidationError", "Template format error: YAML not well-formed. (%v)", err)
		}
	}
	res, ok := t["Resources"].(map[string]any)
	if !ok || len(res) == 0 {
		return nil, wire.Errorf(400, "ValidationError", "Template format error: At least one Resources member must be defined.")
	}
	for id, r := range res {
		m, ok := r.(map[string]any)
		if !ok || m["Type"] == nil {
			return nil, wire.Errorf(400, "ValidationError", "Template format error: [/Resources/%s] Every Resources object must contain a Type member.", id)
		}
	}
	return t, nil
}

func sub(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	if v == nil {
		return map[string]any{}
	}
	return v
}

// stackParams reads Parameters.member.N from the form; previous supplies
// the values of UsePreviousValue parameters.
func stackParams(form url.Values, previous map[string]string) map[string]string {
	out := map[string]string{}
	for i := 1; ; i++ {
		p := "Parameters.member." + strconv.Itoa(i) + "."
		k := form.Get(p + "ParameterKey")
		if k == "" {
			return out
		}
		if form.Get(p+"UsePreviousValue") == "true" {
			if v, ok := previous[k]; ok {
				out[k] = v
			}
			continue
		}
		out[k] = form.Get(p + "ParameterValue")
	}
}

// checkParams returns why the parameters don't fit the template ("" when they do).
func checkParams(tmpl map[string]any, params map[string]string) (reason string, param string) {
	decl := sub(tmpl, "Parameters")
	for _, k := range cfnKeys(params) {
		if _, ok := decl[k]; !ok {
			return fmt.Sprintf("Parameters: [%s] do not exist in the template", k), k
		}
	}
	for _, k := range cfnKeys(decl) {
		d, _ := decl[k].(map[string]any)
		v, given := params[k]
		if !given {
			def, ok := d["Default"]
			if !ok {
				return fmt.Sprintf("Parameters: [%s] must have values", k), k
			}
			v = fmt.Sprint(def)
		}
		if d["Type"] == "Number" {
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				return fmt.Sprintf("Parameter '%s' must be a number.", k), k
			}
		}
		if av, ok := d["AllowedValues"].([]any); ok && !slices.ContainsFunc(av, func(a any) bool { return fmt.Sprint(a) == v }) {
			return fmt.Sprintf("Parameter '%s' must be one of AllowedValues", k), k
		}
		if pat, ok := d["AllowedPattern"].(string); ok {
			re, err := regexp.Compile("^(?:" + pat + ")$")
			if err == nil && !re.MatchString(v) {
				return fmt.Sprintf("Parameter '%s' must match pattern %s", k, pat), k
			}
		}
	}
	return "", ""
}

func (s *Server) now() time.Time { return s.clock.Now() }

func (s *Server) createStack(form url.Values, _ string) (any, error) {
	st := &s.cfn
	name := form.Get("StackName")
	if name == "" {
		return nil, wire.Errorf(400, "ValidationError", "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null")
	}
	if old := st.stacks[name]; old != nil && old.status(s.now()) != "DELETE_COMPLETE" {
		return nil, wire.Errorf(400, "AlreadyExistsException", "Stack [%s] already exists", name)
	}
	tmpl, err := parseTemplate(form.Get("TemplateBody"))
	if err != nil {
		return nil, err
	}
	if needsIAM(tmpl) && !hasCapability(form) {
		return nil, wire.Errorf(400, "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_IAM]")
	}
	params := stackParams(form, nil)
	id := "arn:aws:cloudformation:" + s.region + ":" + s.account + ":stack/" + name + "/" + s.uuid()
	sk := &stack{name: name, id: id, created: s.now(), physical: map[string]string{}}
	for i := 1; form.Get("Tags.member."+strconv.Itoa(i)+".Key") != ""; i++ {
		sk.tags = append(sk.tags, [2]string{form.Get("Tags.member." + strconv.Itoa(i) + ".Key"), form.Get("Tags.member." + strconv.Itoa(i) + ".Value")})
	}
	s.startOp(sk, "CREATE", form.Get("TemplateBody"), tmpl, params)
	st.stacks[name] = sk
	return struct {
		XMLName xml.Name `xml:"CreateStackResult"`
		StackID string   `xml:"StackId"`
	}{StackID: id}, nil
}

func hasCapability(form url.Values) bool {
	for i := 1; form.Get("Capabilities.member."+strconv.Itoa(i)) != ""; i++ {
		if strings.HasPrefix(form.Get("Capabilities.member."+strconv.Itoa(i)), "CAPABILITY_") {
			return true
		}
	}
	return false
}

func needsIAM(tmpl map[string]any) bool {
	for _, r := range sub(tmpl, "Resources") {
		if t, _ := r.(map[string]any)["Type"].(string); strings.HasPrefix(t, "AWS::IAM::") {
			return true
		}
	}
	return false
}

// startOp begins an operation on sk, deciding now whether it will fail.
func (s *Server) startOp(sk *stack, kind, body string, tmpl map[string]any, params map[string]string) {
	op := stackOp{kind: kind, start: s.now(), params: params, body: body, tmpl: tmpl}
	if kind != "DELETE" {
		op.reason, op.bad = checkParams(tmpl, params)
		for _, id := range s.liveResources(tmpl, params) {
			if sk.physical[id] == "" {
				sk.physical[id] = s.physicalID(sk.name, id, sub(sub(tmpl, "Resources"), id)["Type"])
			}
		}
	}
	sk.ops = append(sk.ops, op)
	s.applyStackOp(sk, &sk.ops[len(sk.ops)-1])
}

func (s *Server) physicalID(stackName, logical string, typ any) string {
	h := s.newID()
	switch typ {
	case "AWS::EC2::VPC":
		return "vpc-" + h[:17]
	case "AWS::EC2::Subnet":
		return "subnet-" + h[:17]
	case "AWS::EC2::SecurityGroup":
		return "sg-" + h[:17]
	case "AWS::EC2::InternetGateway":
		return "igw-" + h[:17]
	case "AWS::EC2::RouteTable":
		return "rtb-" + h[:17]
	case "AWS::EC2::LaunchTemplate":
		return "lt-" + h[:17]
	case "AWS::EC2::SubnetRouteTableAssociation":
		return "rtbassoc-" + h[:17]
	}
	return stackName + "-" + logical + "-" + strings.ToUpper(h[:12])
}

// current returns the stack's latest operation and its view of the template.
func (sk *stack) current() *stackOp { return &sk.ops[len(sk.ops)-1] }

// settled returns the last operation that succeeded (its template and parameters are the stack's).
func (sk *stack) settled(now time.Time) *stackOp {
	for i := len(sk.ops) - 1; i >= 0; i-- {
		op := &sk.ops[i]
		if op.kind != "DELETE" && op.reason == "" && !now.Before(op.start.Add(cfnStep)) {
			return op
		}
	}
	return &sk.ops[0]
}

func (sk *stack) status(now time.Time) string {
	op := sk.current()
	done := !now.Before(op.start.Add(cfnStep))
	switch {
	case op.kind == "DELETE" && done:
		return "DELETE_COMPLETE"
	case op.reason == "" && done:
		return op.kind + "_COMPLETE"
	case op.reason == "" || now.Before(op.start.Add(cfnStep/2)):
		return op.kind + "_IN_PROGRESS"
	case op.kind == "CREATE" && done:
		return "ROLLBACK_COMPLETE"
	case op.kind == "CREATE":
		return "ROLLBACK_IN_PROGRESS"
	case done:
		return "UPDATE_ROLLBACK_COMPLETE"
	}
	return "UPDATE_ROLLBACK_IN_PROGRESS"
}

type stackEvent struct {
	at                           time.Time
	logical, physical, typ, stat string
	reason                       string
}

// events returns the stack's events up to now, newest first.
func (s *Server) events(sk *stack, now time.Time) []stackEvent {
	var out []stackEvent
	for _, op := range sk.ops {
		res := s.liveResources(op.tmpl, op.params)
		stackEv := func(at time.Time, stat, reason string) {
			out = append(out, stackEvent{at, sk.name, sk.id, "AWS::CloudFormation::Stack", stat, reason})
		}
		resEv := func(at time.Time, id, stat, reason string) {
			typ, _ := sub(sub(op.tmpl, "Resources"), id)["Type"].(string)
			out = append(out, stackEvent{at, id, sk.physical[id], typ, stat, reason})
		}
		t0, mid, end := op.start, op.start.Add(cfnStep/2), op.start.Add(cfnStep)
		reason := map[string]string{"CREATE": "User Initiated", "UPDATE": "User Initiated", "DELETE": "User Initiated"}[op.kind]
		stackEv(t0, op.kind+"_IN_PROGRESS", reason)
		switch {
		case op.kind == "DELETE":
			for _, id := range res {
				resEv(t0.Add(time.Millisecond), id, "DELETE_IN_PROGRESS", "")
				resEv(end.Add(-time.Millisecond), id, "DELETE_COMPLETE", "")
			}
			stackEv(end, "DELETE_COMPLETE", "")
		case op.reason != "":
			failed := ""
			for _, id := range res {
				b, _ := json.Marshal(sub(op.tmpl, "Resources")[id])
				if strings.Contains(string(b), `{"Ref":"`+op.bad+`"}`) {
					failed = id
					break
				}
			}
			if failed == "" && len(res) > 0 {
				failed = res[0]
			}
			if failed != "" {
				resEv(mid.Add(-time.Millisecond), failed, op.kind+"_FAILED", op.reason)
			}
			if op.kind == "CREATE" {
				stackEv(mid, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: ["+failed+"]. Rollback requested by user.")
				stackEv(end, "ROLLBACK_COMPLETE", "")
			} else {
				stackEv(mid, "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: ["+failed+"].")
				stackEv(end, "UPDATE_ROLLBACK_COMPLETE", "")
			}
		default:
			for i, id := range res {
				at := t0.Add(time.Duration(i+1) * cfnStep / time.Duration(2*len(res)+2))
				resEv(at, id, op.kind+"_IN_PROGRESS", "")
				resEv(at.Add(cfnStep/2), id, op.kind+"_COMPLETE", "")
			}
			stackEv(end, op.kind+"_COMPLETE", "")
		}
	}
	var seen []stackEvent
	for _, e := range out {
		if !e.at.After(now) {
			seen = append(seen, e)
		}
	}
	sort.SliceStable(seen, func(i, j int) bool { return seen[i].at.After(seen[j].at) })
	return seen
}

// liveResources returns the logical ids of the resources whose condition holds, sorted.
func (s *Server) liveResources(tmpl map[string]any, params map[string]string) []string {
	ev := &cfnEval{s: s, tmpl: tmpl, params: params}
	var out []string
	for id, r := range sub(tmpl, "Resources") {
		if c, ok := r.(map[string]any)["Condition"].(string); ok && !ev.condition(c) {
			continue
		}
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// cfnEval evaluates the intrinsic functions conditions and outputs use.
type cfnEval struct {
	s        *Server
	tmpl     map[string]any
	params   map[string]string
	physical map[string]string
}

func (e *cfnEval) param(name string) string {
	if v, ok := e.params[name]; ok {
		return v
	}
	if d, ok := sub(e.tmpl, "Parameters")[name].(map[string]any); ok && d["Default"] != nil {
		return fmt.Sprint(d["Default"])
	}
	return ""
}

func (e *cfnEval) condition(name string) bool {
	c, ok := sub(e.tmpl, "Conditions")[name]
	if !ok {
		return true
	}
	return e.truth(c)
}

func (e *cfnEval) truth(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprint(v) == "true"
	}
	for k, a := range m {
		args, _ := a.([]any)
		switch k {
		case "Fn::Equals":
			return len(args) == 2 && e.value(args[0]) == e.value(args[1])
		case "Fn::Not":
			return len(args) == 1 && !e.truth(args[0])
		case "Fn::And":
			for _, x := range args {
				if !e.truth(x) {
					return false
				}
			}
			return true
		case "Fn::Or":
			for _, x := range args {
				if e.truth(x) {
					return true
				}
			}
			return false
		case "Condition":
			return e.condition(fmt.Sprint(a))
		}
	}
	return true
}

// value resolves v to a string (lists joined by commas).
func (e *cfnEval) value(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var parts []string
		for _, p := range x {
			parts = append(parts, e.value(p))
		}
		return strings.Join(parts, ",")
	case map[string]any:
		for k, a := range x {
			switch k {
			case "Ref":
				n := fmt.Sprint(a)
				switch n {
				case "AWS::Region":
					return e.s.region
				case "AWS::AccountId":
					return e.s.account
				case "AWS::StackName", "AWS::StackId", "AWS::NoValue":
					return ""
				}
				if _, ok := sub(e.tmpl, "Parameters")[n]; ok {
					return e.param(n)
				}
				return e.physical[n]
			case "Fn::GetAtt":
				var parts []string
				switch y := a.(type) {
				case []any:
					for _, p := range y {
						parts = append(parts, fmt.Sprint(p))
					}
				case string:
					parts = strings.SplitN(y, ".", 2)
				}
				if len(parts) == 2 {
					return e.physical[parts[0]] + "." + parts[1]
				}
			case "Fn::Join":
				args, _ := a.([]any)
				if len(args) == 2 {
					var parts []string
					if l, ok := args[1].([]any); ok {
						for _, p := range l {
							parts = append(parts, e.value(p))
						}
					} else if v := e.value(args[1]); v != "" {
						parts = strings.Split(v, ",")
					}
					return strings.Join(parts, fmt.Sprint(args[0]))
				}
			case "Fn::If":
				args, _ := a.([]any)
				if len(args) == 3 {
					if e.condition(fmt.Sprint(args[0])) {
						return e.value(args[1])
					}
					return e.value(args[2])
				}
			case "Fn::Select":
				args, _ := a.([]any)
				if len(args) == 2 {
					i, _ := strconv.Atoi(fmt.Sprint(args[0]))
					l := strings.Split(e.value(args[1]), ",")
					if i < len(l) {
						return l[i]
					}
				}
			case "Fn::GetAZs":
				return e.s.region + "a," + e.s.region + "b"
			}
		}
	}
	return fmt.Sprint(v)
}

// findStack finds a live stack by name or id.
// eachLiveResource calls fn with every resource of the stacks that have
// been created and not rolled back, by stack name: its type, physical id,
// properties as written, and the evaluator of its stack's expressions. It
// takes cfn.mu for Cloud Map, which reads its namespaces and services from
// stacks; fn must not call into CloudFormation.
func (s *Server) eachLiveResource(fn func(typ, physical string, props map[string]any, value func(any) string)) {
	s.cfn.mu.Lock()
	defer s.cfn.mu.Unlock()
	now := s.now()
	for _, n := range cfnKeys(s.cfn.stacks) {
		sk := s.findStack(n)
		if sk == nil {
			continue
		}
		st := sk.status(now)
		if strings.HasSuffix(st, "_IN_PROGRESS") && strings.HasPrefix(st, "CREATE") || st == "ROLLBACK_COMPLETE" {
			continue
		}
		op := sk.settled(now)
		ev := &cfnEval{s: s, tmpl: op.tmpl, params: op.params, physical: sk.physical}
		resources := sub(op.tmpl, "Resources")
		for _, id := range s.liveResources(op.tmpl, op.params) {
			r, _ := resources[id].(map[string]any)
			typ, _ := r["Type"].(string)
			fn(typ, sk.physical[id], sub(r, "Properties"), ev.value)
		}
	}
}

func (s *Server) findStack(nameOrID string) *stack {
	st := &s.cfn
	if sk := st.stacks[nameOrID]; sk != nil {
		if sk.status(s.now()) == "DELETE_COMPLETE" {
			return nil
		}
		return sk
	}
	for _, sk := range st.stacks {
		if sk.id == nameOrID {
			return sk
		}
	}
	return nil
}

func noStack(name string) error {
	return wire.Errorf(400, "ValidationError", "Stack with id %s does not exist", name)
}

// formStack finds the live stack the form's StackName names.
func (s *Server) formStack(form url.Values) (*stack, error) {
	name := form.Get("StackName")
	if sk := s.findStack(name); sk != nil {
		return sk, nil
	}
	return nil, noStack(name)
}

func (s *Server) updateStack(form url.Values, _ string) (any, error) {
	sk, err := s.formStack(form)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if st := sk.status(now); strings.HasSuffix(st, "_IN_PROGRESS") || st == "ROLLBACK_COMPLETE" {
		return nil, wire.Errorf(400, "ValidationError", "Stack:%s is in %s state and can not be updated.", sk.id, st)
	}
	prev := sk.settled(now)
	body, tmpl := prev.body, prev.tmpl
	if form.Get("UsePreviousTemplate") != "true" {
		t, err := parseTemplate(form.Get("TemplateBody"))
		if err != nil {
			return nil, err
		}
		body, tmpl = form.Get("TemplateBody"), t
	}
	if needsIAM(tmpl) && !hasCapability(form) {
		return nil, wire.Errorf(400, "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_IAM]")
	}
	params := stackParams(form, prev.params)
	if body == prev.body && fmt.Sprint(params) == fmt.Sprint(prev.params) {
		return nil, wire.Errorf(400, "ValidationError", "No updates are to be performed.")
	}
	s.startOp(sk, "UPDATE", body, tmpl, params)
	return struct {
		XMLName xml.Name `xml:"UpdateStackResult"`
		StackID string   `xml:"StackId"`
	}{StackID: sk.id}, nil
}

func (s *Server) deleteStack(form url.Values, _ string) (any, error) {
	sk := s.findStack(form.Get("StackName"))
	if sk != nil && sk.current().kind != "DELETE" {
		prev := sk.settled(s.now())
		s.startOp(sk, "DELETE", prev.body, prev.tmpl, prev.params)
	}
	return struct {
		XMLName xml.Name `xml:"DeleteStackResult"`
	}{}, nil
}

type cfnParam struct {
	Key   string `xml:"ParameterKey"`
	Value string `xml:"ParameterValue"`
}

type cfnOutput struct {
	Key         string `xml:"OutputKey"`
	Value       string `xml:"OutputValue"`
	Description string `xml:"Description,omitempty"`
}

type cfnTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type cfnStack struct {
	StackID      string      `xml:"StackId"`
	StackName    string      `xml:"StackName"`
	CreationTime string      `xml:"CreationTime"`
	StackStatus  string      `xml:"StackStatus"`
	StatusReason string      `xml:"StackStatusReason,omitempty"`
	Parameters   []cfnParam  `xml:"Parameters>member"`
	Outputs      []cfnOutput `xml:"Outputs>member"`
	Tags         []cfnTag    `xml:"Tags>member"`
	Capabilities []string    `xml:"Capabilities>member"`
}

func cfnTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func (s *Server) describeStacks(form url.Values, _ string) (any, error) {
	now := s.now()
	var list []*stack
	if n := form.Get("StackName"); n != "" {
		sk := s.findStack(n)
		if sk == nil {
			return nil, noStack(n)
		}
		list = append(list, sk)
	} else {
		for _, n := range cfnKeys(s.cfn.stacks) {
			if sk := s.findStack(n); sk != nil {
				list = append(list, sk)
			}
		}
	}
	out := struct {
		XMLName xml.Name   `xml:"DescribeStacksResult"`
		Stacks  []cfnStack `xml:"Stacks>member"`
	}{}
	for _, sk := range list {
		st := sk.status(now)
		op := sk.settled(now)
		if strings.HasSuffix(st, "_IN_PROGRESS") {
			op = sk.current()
		}
		cs := cfnStack{StackID: sk.id, StackName: sk.name, CreationTime: cfnTime(sk.created), StackStatus: st}
		if sk.current().reason != "" && !strings.HasSuffix(st, "_IN_PROGRESS") {
			cs.StatusReason = sk.current().reason
		}
		ev := &cfnEval{s: s, tmpl: op.tmpl, params: op.params, physical: sk.physical}
		for _, k := range cfnKeys(sub(op.tmpl, "Parameters")) {
			cs.Parameters = append(cs.Parameters, cfnParam{k, ev.param(k)})
		}
		if strings.HasSuffix(st, "_COMPLETE") && !strings.Contains(st, "ROLLBACK") {
			outs := sub(op.tmpl, "Outputs")
			for _, k := range cfnKeys(outs) {
				o, _ := outs[k].(map[string]any)
				if c, ok := o["Condition"].(string); ok && !ev.condition(c) {
					continue
				}
				d, _ := o["Description"].(string)
				cs.Outputs = append(cs.Outputs, cfnOutput{k, ev.value(o["Value"]), d})
			}
		}
		for _, t := range sk.tags {
			cs.Tags = append(cs.Tags, cfnTag{t[0], t[1]})
		}
		out.Stacks = append(out.Stacks, cs)
	}
	return out, nil
}

type cfnEvent struct {
	StackID    string `xml:"StackId"`
	EventID    string `xml:"EventId"`
	StackName  string `xml:"StackName"`
	Logical    string `xml:"LogicalResourceId"`
	Physical   string `xml:"PhysicalResourceId"`
	Type       string `xml:"ResourceType"`
	Timestamp  string `xml:"Timestamp"`
	Status     string `xml:"ResourceStatus"`
	StatusText string `xml:"ResourceStatusReason,omitempty"`
}

func (s *Server) describeStackEvents(form url.Values, _ string) (any, error) {
	sk, err := s.formStack(form)
	if err != nil {
		return nil, err
	}
	out := struct {
		XMLName xml.Name   `xml:"DescribeStackEventsResult"`
		Events  []cfnEvent `xml:"StackEvents>member"`
	}{}
	evs := s.events(sk, s.now())
	for i, e := range evs {
		out.Events = append(out.Events, cfnEvent{sk.id, fmt.Sprintf("%s-%d", e.logical, len(evs)-i), sk.name, e.logical, e.physical, e.typ, cfnTime(e.at), e.stat, e.reason})
	}
	return out, nil
}

type cfnResource struct {
	StackID   string `xml:"StackId"`
	StackName string `xml:"StackName"`
	Logical   string `xml:"LogicalResourceId"`
	Physical  string `xml:"PhysicalResourceId"`
	Type      string `xml:"ResourceType"`
	Timestamp string `xml:"Timestamp"`
	Status    string `xml:"ResourceStatus"`
}

func (s *Server) describeStackResources(form url.Values, _ string) (any, error) {
	sk, err := s.formStack(form)
	if err != nil {
		return nil, err
	}
	now := s.now()
	latest := map[string]stackEvent{}
	evs := s.events(sk, now)
	for i := len(evs) - 1; i >= 0; i-- {
		if e := evs[i]; e.typ != "AWS::CloudFormation::Stack" {
			latest[e.logical] = e
		}
	}
	out := struct {
		XMLName   xml.Name      `xml:"DescribeStackResourcesResult"`
		Resources []cfnResource `xml:"StackResources>member"`
	}{}
	want := form.Get("LogicalResourceId")
	for _, id := range cfnKeys(latest) {
		e := latest[id]
		if (want != "" && id != want) || e.stat == "DELETE_COMPLETE" || strings.HasSuffix(e.stat, "_FAILED") {
			continue
		}
		out.Resources = append(out.Resources, cfnResource{sk.id, sk.name, id, e.physical, e.typ, cfnTime(e.at), e.stat})
	}
	return out, nil
}

type cfnTemplateParam struct {
	Key          string `xml:"ParameterKey"`
	DefaultValue string `xml:"DefaultValue,omitempty"`
	NoEcho       bool   `xml:"NoEcho"`
	Description  string `xml:"Description,omitempty"`
}

func (s *Server) validateTemplate(form url.Values, _ string) (any, error) {
	tmpl, err := parseTemplate(form.Get("TemplateBody"))
	if err != nil {
		return nil, err
	}
	out := struct {
		XMLName      xml.Name           `xml:"ValidateTemplateResult"`
		Description  string             `xml:"Description,omitempty"`
		Parameters   []cfnTemplateParam `xml:"Parameters>member"`
		Capabilities []string           `xml:"Capabilities>member"`
	}{}
	out.Description, _ = tmpl["Description"].(string)
	params := sub(tmpl, "Parameters")
	for _, k := range cfnKeys(params) {
		d, _ := params[k].(map[string]any)
		p := cfnTemplateParam{Key: k}
		if d["Default"] != nil {
			p.DefaultValue = fmt.Sprint(d["Default"])
		}
		p.NoEcho = fmt.Sprint(d["NoEcho"]) == "true"
		p.Description, _ = d["Description"].(string)
		out.Parameters = append(out.Parameters, p)
	}
	if needsIAM(tmpl) {
		out.Capabilities = []string{"CAPABILITY_IAM"}
	}
	return out, nil
}

func cfnKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// StackStatus returns a stack's status now ("" when there is none, or
// only a deleted one).
func (s *Server) StackStatus(name string) string {
	s.cfn.mu.Lock()
	defer s.cfn.mu.Unlock()
	if sk := s.findStack(name); sk != nil {
		return sk.status(s.now())
	}
	return ""
}

// StackParameter returns the value a stack's current operation gave a parameter.
func (s *Server) StackParameter(name, key string) string {
	s.cfn.mu.Lock()
	defer s.cfn.mu.Unlock()
	if sk := s.findStack(name); sk != nil {
		return sk.current().params[key]
	}
	return ""
}
