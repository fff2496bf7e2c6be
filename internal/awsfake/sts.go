package awsfake

import (
	"encoding/xml"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// stsState remembers the credentials AssumeRole handed out, so
// GetCallerIdentity signed with them answers as the role. Guarded by mu.
type stsState struct {
	mu sync.Mutex

	sessions map[string]session // by access key ID
}

type session struct {
	account, role, name string
}

func (e *stsState) init() { e.sessions = map[string]session{} }

var stsOps = map[string]queryOp{
	"GetCallerIdentity": (*Server).getCallerIdentity,
	"AssumeRole":        (*Server).assumeRole,
}

type getCallerIdentityResult struct {
	XMLName xml.Name `xml:"GetCallerIdentityResult"`
	Arn     string   `xml:"Arn"`
	UserID  string   `xml:"UserId"`
	Account string   `xml:"Account"`
}

// getCallerIdentity answers as the role for AssumeRole's credentials and
// as the IAM user awsfake of the server's account for any other key.
func (s *Server) getCallerIdentity(_ url.Values, key string) (any, error) {
	if ss, ok := s.sts.sessions[key]; ok {
		return getCallerIdentityResult{
			Arn:     "arn:aws:sts::" + ss.account + ":assumed-role/" + ss.role + "/" + ss.name,
			UserID:  roleID(ss) + ":" + ss.name,
			Account: ss.account,
		}, nil
	}
	return getCallerIdentityResult{
		Arn:     "arn:aws:iam::" + s.account + ":user/awsfake",
		UserID:  "AIDA" + strings.ToUpper(hexOf(s.account))[:17],
		Account: s.account,
	}, nil
}

type assumeRoleResult struct {
	XMLName     xml.Name `xml:"AssumeRoleResult"`
	Credentials struct {
		AccessKeyID     string `xml:"AccessKeyId"`
		SecretAccessKey string `xml:"SecretAccessKey"`
		SessionToken    string `xml:"SessionToken"`
		Expiration      string `xml:"Expiration"`
	} `xml:"Credentials"`
	AssumedRoleUser struct {
		AssumedRoleID string `xml:"AssumedRoleId"`
		Arn           string `xml:"Arn"`
	} `xml:"AssumedRoleUser"`
}

var (
	roleARN     = regexp.MustCompile(`^arn:aws:iam::(\d{12}):role/(?:[\w+=,.@/-]*/)?([\w+=,.@-]{1,64})$`)
	sessionName = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)
)

// assumeRole hands out temporary credentials for any role ARN, valid for
// DurationSeconds (900..3600, a role's default maximum; default 3600).
func (s *Server) assumeRole(form url.Values, _ string) (any, error) {
	arn, name := form.Get("RoleArn"), form.Get("RoleSessionName")
	m := roleARN.FindStringSubmatch(arn)
	switch {
	case arn == "":
		return nil, wire.Errorf(400, "ValidationError", "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null")
	case m == nil:
		return nil, wire.Errorf(400, "ValidationError", "%s is invalid", arn)
	case !sessionName.MatchString(name):
		return nil, wire.Errorf(400, "ValidationError", "1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", name)
	}
	secs := 3600
	if v := form.Get("DurationSeconds"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 900:
			return nil, wire.Errorf(400, "ValidationError", "1 validation error detected: Value '%s' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", v)
		case n > 3600:
			return nil, wire.Errorf(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
		}
		secs = n
	}
	ss := session{account: m[1], role: m[2], name: name}
	key := "ASIA" + strings.ToUpper(s.newID()[:16])
	s.sts.sessions[key] = ss
	var out assumeRoleResult
	out.Credentials.AccessKeyID = key
	out.Credentials.SecretAccessKey = s.newID()
	out.Credentials.SessionToken = "FwoGZXIvYXdzEAwaDawsfake" + s.newID()
	out.Credentials.Expiration = s.clock.Now().Add(time.Duration(secs) * time.Second).UTC().Format(time.RFC3339)
	out.AssumedRoleUser.AssumedRoleID = roleID(ss) + ":" + name
	out.AssumedRoleUser.Arn = "arn:aws:sts::" + ss.account + ":assumed-role/" + ss.role + "/" + name
	return out, nil
}

// roleID is a stable role ID (AROA...) for a role.
func roleID(ss session) string {
	return "AROA" + strings.ToUpper(hexOf(ss.account + "/" + ss.role))[:17]
}
