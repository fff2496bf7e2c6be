package ecsjson

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// The SDK's own serializer and deserializer are the truth about member
// names and shapes. These tests talk to a real ecs.Client whose HTTP client
// records the request body and answers with a canned response.

// wire is one exchange with the stub endpoint.
type wire struct {
	request  []byte // what the SDK sent
	response []byte // what it will get back
}

func stubClient(t *testing.T, w *wire) *ecs.Client {
	t.Helper()
	return ecs.New(ecs.Options{
		Region:           "us-east-1",
		Credentials:      aws.AnonymousCredentials{},
		BaseEndpoint:     aws.String("https://ecs.invalid"),
		RetryMaxAttempts: 1,
		HTTPClient: smithyhttp.ClientDoFunc(func(r *http.Request) (*http.Response, error) {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				return nil, err
			}
			w.request = body
			return &http.Response{
				StatusCode: 200,
				Header:     http.Header{"Content-Type": {"application/x-amz-json-1.1"}},
				Body:       io.NopCloser(bytes.NewReader(w.response)),
				Request:    r,
			}, nil
		}),
		// Validation would stop filled values (and some corpus files) before
		// they reach the serializer we want to see.
		APIOptions: []func(*middleware.Stack) error{func(s *middleware.Stack) error {
			_, err := s.Initialize.Remove("OperationInputValidation")
			return err
		}},
	})
}

// sentBy returns the request body the SDK sends for RegisterTaskDefinition.
func sentBy(t *testing.T, in *ecs.RegisterTaskDefinitionInput) []byte {
	t.Helper()
	w := &wire{response: []byte(`{}`)}
	if _, err := stubClient(t, w).RegisterTaskDefinition(context.Background(), in); err != nil {
		t.Fatalf("RegisterTaskDefinition: %v", err)
	}
	return w.request
}

// checkSameJSON fails unless a and b are the same JSON value, exactly.
func checkSameJSON(t *testing.T, sdk, ours []byte) {
	t.Helper()
	for _, d := range diffStrict(decodeAny(t, sdk), decodeAny(t, ours), "") {
		t.Errorf("Marshal differs from the SDK's wire body: %s", d)
	}
}

// diffStrict is diffJSON without its string-number leniency.
func diffStrict(want, got any, path string) []string {
	if s, ok := want.(string); ok {
		if _, isNum := got.(json.Number); isNum {
			return []string{path + ": got number " + string(got.(json.Number)) + ", want string " + s}
		}
	}
	return diffJSON(want, got, path)
}

// TestOracleRegisterCorpus sends every corpus task definition through the
// SDK's serializer and compares the wire body with Marshal's output, key by
// key. Describe outputs go in after their describe-only keys are dropped,
// as a step that re-registers one does.
func TestOracleRegisterCorpus(t *testing.T) {
	for _, f := range loadCorpus(t) {
		t.Run(f.name, func(t *testing.T) {
			td := f.td
			if f.describe {
				var m map[string]json.RawMessage
				if err := json.Unmarshal(td, &m); err != nil {
					t.Fatal(err)
				}
				for _, k := range describeOnly {
					delete(m, k)
				}
				td, _ = json.Marshal(m)
			}
			var in ecs.RegisterTaskDefinitionInput
			if err := Unmarshal(td, &in); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			ours, err := Marshal(&in)
			if err != nil {
				t.Fatal(err)
			}
			checkSameJSON(t, sentBy(t, &in), ours)
		})
	}
}

// TestOracleDescribeCorpus serves every describe-shaped corpus file as a
// DescribeTaskDefinition response and checks the SDK decodes it to what
// Unmarshal makes of it. Wire timestamps are epoch seconds, so the string
// timestamps are converted for the response.
func TestOracleDescribeCorpus(t *testing.T) {
	n := 0
	for _, f := range loadCorpus(t) {
		if !f.describe {
			continue
		}
		n++
		t.Run(f.name, func(t *testing.T) {
			var want types.TaskDefinition
			if _, err := (UnmarshalOptions{AllowUnknown: true}).Unmarshal(f.td, &want); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			td := decodeAny(t, f.td).(map[string]any)
			for _, k := range []string{"registeredAt", "deregisteredAt"} {
				if s, ok := td[k].(string); ok {
					ts, err := parseTime(s, true)
					if err != nil {
						t.Fatal(err)
					}
					td[k] = json.Number(epochSeconds(ts))
				}
			}
			resp, err := json.Marshal(map[string]any{"taskDefinition": td})
			if err != nil {
				t.Fatal(err)
			}
			out, err := stubClient(t, &wire{response: resp}).DescribeTaskDefinition(context.Background(),
				&ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String("x")})
			if err != nil {
				t.Fatalf("DescribeTaskDefinition: %v", err)
			}
			// The SDK reads epoch seconds through a float64 and truncates to
			// the millisecond, so it can land 1ms early.
			for _, d := range deepDiff(reflect.ValueOf(want), reflect.ValueOf(*out.TaskDefinition), "", time.Millisecond) {
				t.Error(d)
			}
		})
	}
	if n == 0 {
		t.Fatal("no describe-shaped file in the corpus: nothing was checked")
	}
}
