package awsconf

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// Under DryRun, a client from Settings.Config fails with ErrDryRun and
// sends nothing; the same Resolve without it calls the endpoint.
func TestDryRunSendsNothing(t *testing.T) {
	hit := &recorder{}
	srv := httptest.NewServer(hit)
	defer srv.Close()
	sealed(t, with(envKeys, "AWS_REGION", "us-east-1"))
	s, err := Resolve(DryRun(context.Background()), Flags{Endpoint: srv.URL}, Env{Getenv: os.Getenv, Home: os.Getenv("HOME")})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ecs.NewFromConfig(s.Config).ListClusters(context.Background(), &ecs.ListClustersInput{})
	if !errors.Is(err, ErrDryRun) {
		t.Errorf("got %v, want ErrDryRun", err)
	}
	if hit.count() != 0 {
		t.Errorf("the endpoint got %d calls under DryRun", hit.count())
	}
	s = mustResolve(t, Flags{Endpoint: srv.URL})
	if _, err := ecs.NewFromConfig(s.Config).ListClusters(context.Background(), &ecs.ListClustersInput{}); err != nil || hit.count() != 1 {
		t.Errorf("without DryRun: %v, %d calls", err, hit.count())
	}
}
