package awsfake

import (
	"sync"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// callBook counts the calls of every operation and holds the faults
// injected into them, by "service:Op". It has its own lock, taken last:
// it never calls out.
type callBook struct {
	mu     sync.Mutex
	calls  map[string]int
	faults map[string]*Fault // by "service:Op" or "service:*"
}

func (b *callBook) init() {
	b.calls = map[string]int{}
	b.faults = map[string]*Fault{}
}

// Calls reports how many requests reached service's operation op, e.g.
// Calls("ecs", "RunTask"), counting every attempt: those answered with an
// injected fault and those refused for bad input too.
func (s *Server) Calls(service, op string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return s.calls.calls[service+":"+op]
}

// ResetCalls sets every call count back to zero.
func (s *Server) ResetCalls() {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	clear(s.calls.calls)
}

// count notes one call of service's op.
func (s *Server) count(service, op string) {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	s.calls.calls[service+":"+op]++
}

// fault returns the latency and error to answer this call of op with.
func (s *Server) fault(service, op string) (time.Duration, *wire.Error) {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return s.calls.takeFault(service, op)
}
