package ecscli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// callLog records when each AWS call the fake answers starts and ends.
type callLog struct {
	mu    sync.Mutex
	calls []loggedCall
}

type loggedCall struct {
	op         string
	start, end time.Time
}

// wrap serves h, logging each call by its X-Amz-Target operation.
func (l *callLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		op := r.Header.Get("X-Amz-Target")
		if _, after, ok := strings.Cut(op, "."); ok {
			op = after
		}
		start := time.Now()
		h.ServeHTTP(w, r)
		l.mu.Lock()
		l.calls = append(l.calls, loggedCall{op, start, time.Now()})
		l.mu.Unlock()
	})
}

// criticalPath is the longest chain of calls each of which started only
// after the one before it had ended: the round trips a user waits for,
// whatever ran alongside them.
func (l *callLog) criticalPath() []string {
	l.mu.Lock()
	calls := append([]loggedCall(nil), l.calls...)
	l.mu.Unlock()
	sort.Slice(calls, func(i, j int) bool { return calls[i].start.Before(calls[j].start) })
	chain := make([][]string, len(calls))
	var longest []string
	for i, c := range calls {
		var best []string
		for j := range i {
			if !calls[j].end.After(c.start) && len(chain[j]) > len(best) {
				best = chain[j]
			}
		}
		chain[i] = append(append([]string(nil), best...), c.op)
		if len(chain[i]) > len(longest) {
			longest = chain[i]
		}
	}
	return longest
}

// BenchmarkComposeUpRoundTrips runs `ecs-cli compose up` of a two-container
// project against the fake with 50 ms added to every ECS call, and reports
// the calls on the critical path (sequential-calls) and the time taken.
// Goal: 5 sequential calls. DescribeTaskDefinition, RegisterTaskDefinition,
// RunTask and DescribeTasks need each other's answers; ecs-run's listing
// (ListTasks) runs alongside ListAccountSettings, but after the
// registration, as the steps of a chain run one after the other.
func BenchmarkComposeUpRoundTrips(b *testing.B) {
	dir := b.TempDir()
	compose := filepath.Join(dir, "docker-compose.yml")
	if err := os.WriteFile(compose, []byte("services:\n  web: {image: nginx, mem_limit: 64m}\n  worker: {image: busybox, mem_limit: 64m}\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	srv := awsfake.New(awsfake.WithTaskTimeline(awsfake.Timeline{}))
	srv.CreateCluster("c")
	srv.AddContainerInstance("c", "i-0123456789abcdef0", "54.1.2.3", "10.0.0.5")
	srv.Inject("ecs", "*", awsfake.Fault{Latency: 50 * time.Millisecond})
	for k, v := range map[string]string{"HOME": dir, "AWS_ACCESS_KEY_ID": "AKIDFAKE", "AWS_SECRET_ACCESS_KEY": "secretfake", "AWS_REGION": "us-east-1",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "", "ECS_PROFILE": "", "ECS_CLUSTER": "", "AWS_CONFIG_FILE": "", "AWS_SHARED_CREDENTIALS_FILE": "",
		"AWS_SESSION_TOKEN": "", "AWS_DEFAULT_REGION": ""} {
		b.Setenv(k, v)
	}
	var path []string
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		log := &callLog{}
		hs := httptest.NewServer(log.wrap(srv))
		b.Setenv("AWS_ENDPOINT_URL", hs.URL)
		// A fresh project each round, so every round registers and runs.
		args := []string{"compose", "--file", compose, "--project-name", fmt.Sprintf("p%d", i), "--cluster", "c", "up"}
		b.StartTimer()
		var stderr strings.Builder
		if code := Run(context.Background(), args, strings.NewReader(""), io.Discard, &stderr); code != 0 {
			b.Fatalf("compose up: exit %d: %s", code, stderr.String())
		}
		b.StopTimer()
		hs.Close()
		path = log.criticalPath()
		b.StartTimer()
	}
	b.ReportMetric(float64(len(path)), "sequential-calls")
	b.Logf("critical path: %s", strings.Join(path, " -> "))
	if len(path) > 5 {
		b.Errorf("%d sequential calls, want at most 5: %s", len(path), strings.Join(path, " -> "))
	}
}
