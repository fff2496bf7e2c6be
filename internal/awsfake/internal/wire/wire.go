// Package wire is the fake's protocol core below the services: AWS's error
// shape, SigV4 header checks, and the encoding of AWS JSON 1.1 and query
// answers and errors. It knows no service and holds no state.
package wire

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"
)

// Error is an error answer: its HTTP status, the service's error code
// (ClientException, InvalidParameterException, ...) and message.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf returns an Error with a formatted message.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{status, code, fmt.Sprintf(format, args...)}
}

// AsError returns err as an Error; anything else is a 500 InternalFailure,
// the fake's own fault.
func AsError(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return Errorf(500, "InternalFailure", "awsfake: %v", err)
}

// RequestID returns a fresh request ID in AWS's UUID form.
func RequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// Wait sleeps for d unless the client goes away first; false means it did.
func Wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}
