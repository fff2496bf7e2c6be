// Package awsfake is a test-only AWS endpoint: an in-process HTTP server that
// the real aws-sdk-go-v2 clients talk to, speaking each service's wire
// protocol, holding state, and answering with AWS's own error shapes. See
// README.md for what is faithful and what is simplified, and for the layout:
// a protocol core (internal/wire; this file, protocol_*.go, calls.go,
// faults.go, ids.go, clock.go) in front of one state type per service.
package awsfake

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Server is the fake endpoint. It is an http.Handler; Start serves it on
// 127.0.0.1. All methods are safe for concurrent use.
//
// The Server itself holds only what every service shares: the clock, the
// account and region, call counts and faults (calls.go, faults.go) and IDs
// (ids.go), each with its own lock. Each service's state is its own type
// with its own lock, and an operation runs under its service's lock
// (stateLock). A few operations reach another service's state; they do so
// through that service's methods, which take its lock. CloudFormation
// provisions in IAM, ECS and EC2 while holding its own lock, and ECS takes
// addresses from EC2 while holding its own, so two locks are held at once
// only in this order, outer first:
//
//	cloudformation → iam → ecs → ec2
//
// No lock is ever taken in the other direction (EC2 reads ECS's container
// instances and network interfaces, and Cloud Map reads stacks, without
// holding a lock of their own), so no two operations can wait on each
// other.
type Server struct {
	clock   Clock
	account string
	region  string

	calls callBook // counts and faults, by "service:Op"
	ids   idSource // feeds newID

	ecs  ecsState
	ec2  ec2State
	sts  stsState
	logs logsState
	ecr  ecrState
	sm   smState
	kms  kmsState
	iam  iamState
	ssm  ssmState
	cfn  cfnState
	cmap sdState
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
func WithTaskTimeline(t Timeline) Option { return func(s *Server) { s.ecs.timeline = t } }

// New returns an empty server: no clusters, no task definitions.
func New(opts ...Option) *Server {
	s := &Server{
		clock:   realClock{},
		account: "123456789012",
		region:  "us-east-1",
	}
	s.calls.init()
	s.ecs.init()
	s.sts.init()
	s.logs.init()
	s.sm.init()
	s.kms.init()
	s.iam.init()
	s.ssm.init()
	s.cfn.init()
	s.cfn.ecs, s.cfn.ec2, s.cfn.iam = ecsPeer{s}, &s.ec2, &s.iam
	s.cmap.init()
	for _, o := range opts {
		o(s)
	}
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

// stateLock is the lock service's operations run under: its state's own.
// EC2 has none to hold: its address counter locks itself, and it reads
// ECS's instances and interfaces through ECS's locking methods. Cloud Map
// (and Route 53, whose hosted zones are Cloud Map's namespaces') read the
// stacks first and then lock their own state (sdFromStacks), so they too
// run under none.
func (s *Server) stateLock(service string) sync.Locker {
	switch service {
	case "ecs":
		return &s.ecs.mu
	case "sts":
		return &s.sts.mu
	case "logs":
		return &s.logs.mu
	case "ecr":
		return &s.ecr.mu
	case "secretsmanager":
		return &s.sm.mu
	case "kms":
		return &s.kms.mu
	case "iam":
		return &s.iam.mu
	case "ssm":
		return &s.ssm.mu
	case "cloudformation":
		return &s.cfn.mu
	}
	return noLock{}
}

// noLock is the lock of a service without state of its own.
type noLock struct{}

func (noLock) Lock()   {}
func (noLock) Unlock() {}
