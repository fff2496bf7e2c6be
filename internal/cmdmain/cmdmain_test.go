package cmdmain_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/register"
)

// The test binary is also the child these tests signal: with
// CMDMAIN_TEST_CHILD set it runs cmdmain.Main, as a cmd/*/main.go does.
func TestMain(m *testing.M) {
	switch os.Getenv("CMDMAIN_TEST_CHILD") {
	case "":
		os.Exit(m.Run())
	case "register":
		// ecs-register reading a document from a pipe that never ends: the
		// read does not watch the context.
		os.Args = []string{"ecs-register"}
		cmdmain.Main(ready(register.Run))
	case "polite":
		// A step that stops by itself when its context ends.
		os.Args = []string{"ecs-polite"}
		cmdmain.Main(ready(func(ctx context.Context, _ []string, _ io.Reader, _, stderr io.Writer) int {
			<-ctx.Done()
			fmt.Fprintln(stderr, "ecs-polite: interrupted")
			return 1
		}))
	}
}

// ready says so on stderr once the signal handling is in place.
func ready(run cmdmain.RunFunc) cmdmain.RunFunc {
	return func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
		fmt.Fprintln(stderr, "ready")
		return run(ctx, args, stdin, stdout, stderr)
	}
}

// hangGuard is how long a signalled child may take before the test calls
// it hung. It is no measure of speed: the child has cmdmain.Grace.
const hangGuard = 10 * time.Second

// signalChild starts child, sends it sigs once it is ready, and returns its
// exit code and what it wrote on stderr after "ready".
func signalChild(t *testing.T, child string, sigs ...syscall.Signal) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "CMDMAIN_TEST_CHILD="+child)
	stdin, err := cmd.StdinPipe() // held open: the child's read never ends
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewReader(stderr)
	if line, err := lines.ReadString('\n'); err != nil || line != "ready\n" {
		cmd.Process.Kill()
		t.Fatalf("child said %q, %v; want ready", line, err)
	}
	for _, s := range sigs {
		if err := cmd.Process.Signal(s); err != nil {
			t.Fatal(err)
		}
	}
	rest := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(lines)
		rest <- string(b)
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(hangGuard):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not end within %s of %v", child, hangGuard, sigs)
	}
	return cmd.ProcessState.ExitCode(), <-rest
}

// SIGTERM ends a step stuck in work that does not watch the context (here a
// read of stdin that never ends) after the grace period, with exit 143.
func TestSIGTERMEndsStuckStep(t *testing.T) {
	code, stderr := signalChild(t, "register", syscall.SIGTERM)
	if code != 143 || stderr != "ecs-register: stopped by SIGTERM\n" {
		t.Errorf("exit %d, stderr %q; want 143 and stopped by SIGTERM", code, stderr)
	}
}

// A second Ctrl-C ends the process without waiting out the grace period.
func TestSecondSIGINTEndsStuckStep(t *testing.T) {
	code, stderr := signalChild(t, "register", syscall.SIGINT, syscall.SIGINT)
	if code != 130 || stderr != "ecs-register: stopped by SIGINT\n" {
		t.Errorf("exit %d, stderr %q; want 130 and stopped by SIGINT", code, stderr)
	}
}

// A step that stops by itself on the cancelled context reports its own
// exit code and message.
func TestSignalledStepStopsByItself(t *testing.T) {
	code, stderr := signalChild(t, "polite", syscall.SIGTERM)
	if code != 1 || strings.Contains(stderr, "stopped by") || !strings.Contains(stderr, "ecs-polite: interrupted") {
		t.Errorf("exit %d, stderr %q; want the step's own exit 1 and message", code, stderr)
	}
}
