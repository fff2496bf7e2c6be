// Package awsfake is a test-only AWS endpoint: an in-process HTTP server that
// the real aws-sdk-go-v2 clients talk to, speaking each service's wire
// protocol, holding state, and answering with AWS's own error shapes. See
// README.md for what is faithful and what is simplified.
package awsfake

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Server is the fake endpoint. It is an http.Handler; Start serves it on
// 127.0.0.1. All methods are safe for concurrent use.
type Server struct {
	clock   Clock
	account string
	region  string

	mu        sync.Mutex
	timeline  Timeline
	timelines map[string]Timeline // by task definition family
	calls     map[string]int      // by "service:Op"
	faults    map[string]*Fault   // by "service:Op" or "service:*"
	seq       int                 // feeds newID

	// registryHost, when set, is where the caller's ECR registry is
	// served instead of its amazonaws.com name (SetRegistryHost).
	registryHost string

	ecs  ecsState
	ec2  ec2State
	sts  stsState
	logs logsState
	ecr  *ecrState // made on first use (ecr.go)
	sm   *smState  // made on first use (secretsmanager.go)
	kms  *kmsState // made on first use (kms.go)
	iam  *iamState // made on first use (iam.go)
	ssm  *ssmState // made on first use (ssm.go)
	cfn  *cfnState // made on first use (cloudformation.go)
	cmap *sdState  // made on first use (servicediscovery.go)
}

// Option configures a Server.
type Option func(*Server)

// WithClock sets the clock task states are computed from (default: real time).
func WithClock(c Clock) Option { return func(s *Server) { s.clock = c } }

// WithAccount sets the account ID used in ARNs and caller identities
// (default "123456789012").
func WithAccount(id string) Option { return func(s *Server) { s.account = id } }

// WithRegion sets the region used in ARNs (default "us-east-1").
func WithRegion(r string) Option { return func(s *Server) { s.region = r } }

// WithTaskTimeline sets the timeline of new tasks whose family has none set
// with SetTimeline (default: PENDING for 200ms, then RUNNING until stopped).
func WithTaskTimeline(t Timeline) Option { return func(s *Server) { s.timeline = t } }

// New returns an empty server: no clusters, no task definitions.
func New(opts ...Option) *Server {
	s := &Server{
		clock:     realClock{},
		account:   "123456789012",
		region:    "us-east-1",
		timeline:  defaultTimeline,
		timelines: map[string]Timeline{},
		calls:     map[string]int{},
		faults:    map[string]*Fault{},
	}
	for _, o := range opts {
		o(s)
	}
	s.ecs.init()
	s.sts.init()
	s.logs.init()
	return s
}

// Start serves s on a new 127.0.0.1 port and returns its URL (for
// BaseEndpoint or AWS_ENDPOINT_URL) and a func that stops it.
func (s *Server) Start() (url string, stop func()) {
	srv := httptest.NewServer(s)
	return srv.URL, srv.Close
}

// ServeHTTP answers one AWS API request. REST services are told apart by
// their path prefix (restPrefixes), JSON services by the X-Amz-Target
// prefix, query services by the SigV4 credential scope's service name
// (and, without one, by the Action).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for prefix, serve := range restPrefixes {
		if strings.HasPrefix(r.URL.Path, prefix) {
			serve(s, w, r)
			return
		}
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		s.serveJSON(w, r, target)
		return
	}
	s.serveQuery(w, r)
}

// restPrefixes routes the services whose operations live in the URL path:
// one line a service, next to jsonServices and queryServices.
var restPrefixes = map[string]func(*Server, http.ResponseWriter, *http.Request){
	"/2013-04-01/": (*Server).serveRoute53,
}

// SetTimeline sets the timeline of tasks started from now on from task
// definitions of family ("" sets the default for all other families).
func (s *Server) SetTimeline(family string, t Timeline) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if family == "" {
		s.timeline = t
		return
	}
	s.timelines[family] = t
}

// timelineFor returns the timeline for new tasks of family. s.mu is held.
func (s *Server) timelineFor(family string) Timeline {
	if t, ok := s.timelines[family]; ok {
		return t
	}
	return s.timeline
}

// Calls reports how many requests reached service's operation op, e.g.
// Calls("ecs", "RunTask"), counting every attempt: those answered with an
// injected fault and those refused for bad input too.
func (s *Server) Calls(service, op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[service+":"+op]
}

// ResetCalls sets every call count back to zero.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.calls)
}

// count notes one call of service's op.
func (s *Server) count(service, op string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[service+":"+op]++
}

// fault returns the latency and error to answer this call of op with.
func (s *Server) fault(service, op string) (time.Duration, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.takeFault(service, op)
}

// newID returns 32 hex digits, different on every call and the same
// sequence for every server, so IDs look random but tests repeat. s.mu is
// held.
func (s *Server) newID() string {
	s.seq++
	sum := sha256.Sum256(fmt.Appendf(nil, "awsfake/%d", s.seq))
	return hex.EncodeToString(sum[:16])
}

// uuid returns newID in UUID form.
func (s *Server) uuid() string {
	h := s.newID()
	return strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}

// hexOf returns the SHA-256 of s in hex: stable IDs derived from names.
func hexOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
