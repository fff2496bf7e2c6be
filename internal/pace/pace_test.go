package pace

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/smithy-go"
)

func TestThrottled(t *testing.T) {
	for code, want := range map[string]bool{"ThrottlingException": true, "Throttling": true, "RequestLimitExceeded": true, "TooManyRequestsException": true, "ClientException": false} {
		err := fmt.Errorf("wrapped: %w", &smithy.GenericAPIError{Code: code})
		if got := Throttled(err); got != want {
			t.Errorf("%s: %v", code, got)
		}
	}
	if Throttled(errors.New("plain")) || Throttled(nil) {
		t.Errorf("a plain error or nil counted as throttling")
	}
}

func TestRealStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Real(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}
