package awsfake_test

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

const sig = "AWS4-HMAC-SHA256 Credential=AKIDAWSFAKETEST/20240501/us-east-1/%s/aws4_request, SignedHeaders=host;x-amz-date, Signature=0"

// TestWire sends raw requests, including ones the SDK would refuse to
// send, and checks the status and error code of the answer.
func TestWire(t *testing.T) {
	const ecsPrefix = "AmazonEC2ContainerServiceV20141113."
	tests := []struct {
		desc    string
		target  string // X-Amz-Target; "" for a query request
		scope   string // credential scope service; "" for no Authorization
		body    string
		status  int
		errCode string // "" for success
	}{
		{"ECS operation", ecsPrefix + "ListClusters", "ecs", `{}`, 200, ""},
		{"empty body is {}", ecsPrefix + "ListClusters", "ecs", ``, 200, ""},
		{"no Authorization", ecsPrefix + "ListClusters", "", `{}`, 400, "MissingAuthenticationTokenException"},
		{"signed for another service", ecsPrefix + "ListClusters", "logs", `{}`, 400, "InvalidSignatureException"},
		{"unknown operation", ecsPrefix + "LaunchRocket", "ecs", `{}`, 400, "UnknownOperationException"},
		{"unknown service", "Nope_20200101.Op", "ecs", `{}`, 400, "UnknownOperationException"},
		{"malformed JSON", ecsPrefix + "ListClusters", "ecs", `{`, 400, "SerializationException"},
		{"mis-cased member", ecsPrefix + "ListClusters", "ecs", `{"MaxResults": 1}`, 400, "SerializationException"},
		{"family missing", ecsPrefix + "RegisterTaskDefinition", "ecs",
			`{"containerDefinitions":[{"name":"a","image":"b","memory":64}]}`, 400, "ClientException"},
		{"Logs operation", "Logs_20140328.DescribeLogGroups", "logs", `{}`, 200, ""},
		{"STS action", "", "sts", `Action=GetCallerIdentity&Version=2011-06-15`, 200, ""},
		{"STS unknown action", "", "sts", `Action=LaunchRocket&Version=2011-06-15`, 400, "InvalidAction"},
		{"STS without Authorization", "", "", `Action=GetCallerIdentity&Version=2011-06-15`, 403, "MissingAuthenticationToken"},
		{"EC2 malformed instance ID", "", "ec2", `Action=DescribeInstances&Version=2016-11-15&InstanceId.1=bogus`, 400, "InvalidInstanceID.Malformed"},
	}
	h := awsfake.New()
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tt.body))
			if tt.target != "" {
				r.Header.Set("X-Amz-Target", tt.target)
				r.Header.Set("Content-Type", "application/x-amz-json-1.1")
			} else {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			if tt.scope != "" {
				r.Header.Set("Authorization", strings.Replace(sig, "%s", tt.scope, 1))
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			body, _ := io.ReadAll(w.Body)
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d; body %s", w.Code, tt.status, body)
			}
			if got := errorCode(t, tt.target != "", body); got != tt.errCode {
				t.Errorf("error code = %q, want %q; body %s", got, tt.errCode, body)
			}
		})
	}
}

// errorCode reads the error code from a JSON or query error body.
func errorCode(t *testing.T, isJSON bool, body []byte) string {
	t.Helper()
	if isJSON {
		var e struct {
			Type string `json:"__type"`
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Fatalf("answer is not JSON: %s", body)
		}
		return e.Type
	}
	_, rest, ok := strings.Cut(string(body), "<Code>")
	code, _, _ := strings.Cut(rest, "</Code>")
	if !ok {
		return ""
	}
	return code
}

// TestWireTimestamps: JSON 1.1 sends timestamps as epoch seconds.
func TestWireTimestamps(t *testing.T) {
	h := awsfake.New(awsfake.WithClock(awsfake.NewFakeClock(t0.Add(123_000_000))))
	r := httptest.NewRequest("POST", "/", strings.NewReader(`{"family":"web","containerDefinitions":[{"name":"web","image":"nginx","memory":64}]}`))
	r.Header.Set("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition")
	r.Header.Set("Authorization", strings.Replace(sig, "%s", "ecs", 1))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var out struct {
		TaskDefinition struct {
			RegisteredAt json.RawMessage `json:"registeredAt"`
		} `json:"taskDefinition"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if got, want := string(out.TaskDefinition.RegisteredAt), "1714564800.123"; got != want {
		t.Errorf("registeredAt = %s, want %s", got, want)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		t.Errorf("Content-Type = %q", ct)
	}
}
