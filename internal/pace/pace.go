// Package pace is how the steps wait between polls: a Sleep they are handed,
// so tests can move a fake clock instead of waiting.
package pace

import (
	"context"
	"errors"
	"time"

	"github.com/aws/smithy-go"
)

// Sleep waits d or until ctx ends, and returns ctx's error then.
type Sleep func(ctx context.Context, d time.Duration) error

// Real sleeps on the wall clock.
func Real(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Throttled reports whether err is AWS asking the caller to slow down, so a
// poller backs off instead of failing.
func Throttled(err error) bool {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch ae.ErrorCode() {
	case "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded":
		return true
	}
	return false
}
