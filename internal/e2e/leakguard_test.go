package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A secret written in two pieces is still caught, recorded by pattern and
// never by value, and the output still goes through.
func TestLeakGuard(t *testing.T) {
	work, out := guardWork(t)
	t.Setenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-example-key")
	t.Setenv("AWS_SESSION_TOKEN", "")
	g := newLeakGuard(out, "ecs-x stderr")

	g.Write([]byte("fine so far\n"))
	if _, err := os.Stat(filepath.Join(work, leakLog)); err == nil {
		t.Fatal("a leak recorded for harmless output")
	}
	g.Write([]byte("token awsfake-ecr-0123456789abcdef"))
	g.Write([]byte("0123456789abcdef and key wJalrXUtnFEMI-"))
	g.Write([]byte("example-key\n"))

	data, err := os.ReadFile(filepath.Join(work, leakLog))
	if err != nil {
		t.Fatal("no leak recorded")
	}
	log := string(data)
	for _, want := range []string{"ecs-x stderr printed awsfake-ecr-", "ecs-x stderr printed a secret from the environment"} {
		if !strings.Contains(log, want) {
			t.Errorf("leak log %q lacks %q", log, want)
		}
	}
	if strings.Contains(log, "0123456789abcdef") || strings.Contains(log, "wJalrXUtnFEMI") {
		t.Errorf("the leak log holds the secret itself: %q", log)
	}
	written, _ := os.ReadFile(filepath.Join(work, "out"))
	if !strings.HasSuffix(string(written), "example-key\n") {
		t.Errorf("output not passed through: %q", written)
	}
}

// guardWork makes the $WORK a guard logs under, and the file its output
// goes to.
func guardWork(t *testing.T) (work string, out *os.File) {
	t.Helper()
	work = t.TempDir()
	t.Setenv("WORK", work)
	out, err := os.Create(filepath.Join(work, "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { out.Close() })
	return work, out
}
