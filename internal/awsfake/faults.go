package awsfake

import (
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// Fault is trouble injected into one operation's answers.
type Fault struct {
	Latency     time.Duration // every call waits this long (real time) before it is answered
	Throttle    int           // the next N calls get the service's throttling error
	ServerError int           // then the next N calls get a 500
}

// Inject sets the fault of service's operation op, replacing any it had;
// op "*" stands for every operation of service without a fault of its own.
// A zero Fault removes it. Throttling is each service's own throttling
// error (ThrottlingException or Throttling, 400; EC2's
// RequestLimitExceeded, 503); server errors are 500s with the service's
// internal error code (faultCodes). The SDK's standard retryer retries
// both. The registries under /v2/ take Latency only.
func (s *Server) Inject(service, op string, f Fault) {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	key := service + ":" + op
	if f == (Fault{}) {
		delete(s.calls.faults, key)
		return
	}
	s.calls.faults[key] = &f
}

// takeFault returns the latency and error to answer this call of op with,
// using up one throttle or server error. b.mu is held.
func (b *callBook) takeFault(service, op string) (time.Duration, *wire.Error) {
	f := b.faults[service+":"+op]
	if f == nil {
		f = b.faults[service+":*"]
	}
	if f == nil {
		return 0, nil
	}
	codes := faultCodes[service]
	switch {
	case f.Throttle > 0:
		f.Throttle--
		e := codes[0]
		return f.Latency, &e
	case f.ServerError > 0:
		f.ServerError--
		e := codes[1]
		return f.Latency, &e
	}
	return f.Latency, nil
}

// faultCodes are each service's throttling and internal errors.
var faultCodes = map[string][2]wire.Error{
	"ecs":  {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "ServerException", Message: "Service Unavailable. Please try again later."}},
	"logs": {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "ServiceUnavailableException", Message: "The service cannot complete the request."}},
	"sts":  {{Status: 400, Code: "Throttling", Message: "Rate exceeded"}, {Status: 500, Code: "InternalFailure", Message: "An internal error occurred."}},
	"ec2":  {{Status: 503, Code: "RequestLimitExceeded", Message: "Request limit exceeded."}, {Status: 500, Code: "InternalError", Message: "An internal error has occurred."}},
	// Every other service the fake serves has an entry too: an injected
	// fault into a service without one used to answer with status 0,
	// which panicked the handler.
	"ecr":              {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "ServerException", Message: "An internal error occurred."}},
	"secretsmanager":   {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "InternalServiceError", Message: "An error occurred on the server side."}},
	"kms":              {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "KMSInternalException", Message: "An internal error occurred."}},
	"ssm":              {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "InternalServerError", Message: "An error occurred on the server side."}},
	"servicediscovery": {{Status: 400, Code: "ThrottlingException", Message: "Rate exceeded"}, {Status: 500, Code: "InternalFailure", Message: "An internal error occurred."}},
	"iam":              {{Status: 400, Code: "Throttling", Message: "Rate exceeded"}, {Status: 500, Code: "ServiceFailure", Message: "The request processing has failed because of an unknown error."}},
	"cloudformation":   {{Status: 400, Code: "Throttling", Message: "Rate exceeded"}, {Status: 500, Code: "InternalFailure", Message: "An internal error occurred."}},
}
