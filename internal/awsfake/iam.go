package awsfake

import (
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// iamState is IAM's state: roles and customer policies. Guarded by mu.
type iamState struct {
	mu sync.Mutex

	roles    map[string]*role
	policies map[string]string // policy ARN -> document
}

type role struct {
	name, arn, trust string
	attached         []string
	tags             map[string]string
}

var iamOps = map[string]queryOp{
	"CreateRole":       (*Server).createRole,
	"GetRole":          (*Server).getRole,
	"CreatePolicy":     (*Server).createPolicy,
	"AttachRolePolicy": (*Server).attachRolePolicy,
}

func (e *iamState) init() {
	e.roles = map[string]*role{}
	e.policies = map[string]string{}
}

type roleResult struct {
	RoleName string `xml:"RoleName"`
	RoleID   string `xml:"RoleId"`
	Arn      string `xml:"Arn"`
	Path     string `xml:"Path"`
}

type createRoleResult struct {
	XMLName xml.Name   `xml:"CreateRoleResult"`
	Role    roleResult `xml:"Role"`
}

type getRoleResult struct {
	XMLName xml.Name   `xml:"GetRoleResult"`
	Role    roleResult `xml:"Role"`
}

func (s *Server) createRole(form url.Values, _ string) (any, error) {
	st := &s.iam
	name := form.Get("RoleName")
	if name == "" || form.Get("AssumeRolePolicyDocument") == "" {
		return nil, wire.Errorf(400, "ValidationError", "RoleName and AssumeRolePolicyDocument are required")
	}
	if st.roles[name] != nil {
		return nil, wire.Errorf(409, "EntityAlreadyExists", "Role with name %s already exists.", name)
	}
	r := &role{name: name, arn: "arn:aws:iam::" + s.account + ":role/" + name, trust: form.Get("AssumeRolePolicyDocument"), tags: map[string]string{}}
	for i := 1; form.Get("Tags.member."+strconv.Itoa(i)+".Key") != ""; i++ {
		r.tags[form.Get("Tags.member."+strconv.Itoa(i)+".Key")] = form.Get("Tags.member." + strconv.Itoa(i) + ".Value")
	}
	st.roles[name] = r
	return createRoleResult{Role: roleResult{name, "AROA" + strings.ToUpper(hexOf(name))[:17], r.arn, "/"}}, nil
}

func (s *Server) getRole(form url.Values, _ string) (any, error) {
	r := s.iam.roles[form.Get("RoleName")]
	if r == nil {
		return nil, wire.Errorf(404, "NoSuchEntity", "The role with name %s cannot be found.", form.Get("RoleName"))
	}
	return getRoleResult{Role: roleResult{r.name, "AROA" + strings.ToUpper(hexOf(r.name))[:17], r.arn, "/"}}, nil
}

type createPolicyResult struct {
	XMLName xml.Name `xml:"CreatePolicyResult"`
	Policy  struct {
		PolicyName string `xml:"PolicyName"`
		Arn        string `xml:"Arn"`
	} `xml:"Policy"`
}

func (s *Server) createPolicy(form url.Values, _ string) (any, error) {
	st := &s.iam
	name := form.Get("PolicyName")
	arn := "arn:aws:iam::" + s.account + ":policy/" + name
	if _, ok := st.policies[arn]; ok {
		return nil, wire.Errorf(409, "EntityAlreadyExists", "A policy called %s already exists. Duplicate names are not allowed.", name)
	}
	st.policies[arn] = form.Get("PolicyDocument")
	var out createPolicyResult
	out.Policy.PolicyName, out.Policy.Arn = name, arn
	return out, nil
}

type emptyResult struct {
	XMLName xml.Name
}

func (s *Server) attachRolePolicy(form url.Values, _ string) (any, error) {
	st := &s.iam
	r := st.roles[form.Get("RoleName")]
	if r == nil {
		return nil, wire.Errorf(404, "NoSuchEntity", "The role with name %s cannot be found.", form.Get("RoleName"))
	}
	arn := form.Get("PolicyArn")
	if _, ok := st.policies[arn]; !ok && !strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") {
		return nil, wire.Errorf(404, "NoSuchEntity", "Policy %s does not exist or is not attachable.", arn)
	}
	r.attached = append(r.attached, arn)
	return emptyResult{XMLName: xml.Name{Local: "AttachRolePolicyResult"}}, nil
}

// RolePolicies returns the ARNs attached to a role, and the documents of
// those that are customer policies, for tests.
func (s *Server) RolePolicies(name string) (attached []string, documents []string) {
	s.iam.mu.Lock()
	defer s.iam.mu.Unlock()
	st := &s.iam
	r := st.roles[name]
	if r == nil {
		return nil, nil
	}
	for _, a := range r.attached {
		attached = append(attached, a)
		if d, ok := st.policies[a]; ok {
			documents = append(documents, d)
		}
	}
	return attached, documents
}

// putRole creates role name unless it exists, and sets its attached
// policies when attached is not empty: a stack's AWS::IAM::Role
// (iamProvisioner).
func (e *iamState) putRole(name, arn, trust string, attached []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.roles[name] == nil {
		e.roles[name] = &role{name: name, arn: arn, trust: trust, tags: map[string]string{}}
	}
	if len(attached) > 0 {
		e.roles[name].attached = attached
	}
}

// deleteRole removes role name (iamProvisioner).
func (e *iamState) deleteRole(name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.roles, name)
}
