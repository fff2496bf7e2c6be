package service

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// The step on a fake clock: up creates the service and stops polling on the
// first steady state; the document gets the service.
func TestStepUpOnFakeClock(t *testing.T) {
	srv, clock, arn := fakeStep(t, awsfake.Timeline{Pending: 4 * time.Second})
	ctx := context.Background()
	var slept []time.Duration
	td := `{"family":"app","containerDefinitions":[{"name":"web","image":"nginx","memory":128}]}`
	doc := `{"project":"app","taskDefinition":` + td + `,"taskDefinitionArn":"` + arn + `","other":{"kept":true}}`
	var stdout, stderr bytes.Buffer
	srv.ResetCalls()
	code := RunWith(ctx, []string{"up", "--cluster", "c"}, strings.NewReader(doc), &stdout, &stderr, func(w *Waiter) { onClock(w, clock, &slept) })
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var out struct {
		Service struct {
			ServiceName  string
			RunningCount int
			Status       string
		}
		Other map[string]bool
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if out.Service.ServiceName != "app" || out.Service.RunningCount != 1 || !out.Other["kept"] {
		t.Errorf("document %s", stdout.String())
	}
	// One describe before creating, then one a second until RUNNING at 4s.
	if calls := srv.Calls("ecs", "DescribeServices"); calls != 1+4+1 {
		t.Errorf("%d DescribeServices calls; want 6", calls)
	}
	if !strings.Contains(stderr.String(), "has reached a steady state") {
		t.Errorf("stderr %s", stderr.String())
	}
}
