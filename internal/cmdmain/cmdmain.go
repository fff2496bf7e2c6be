// Package cmdmain is the whole of every cmd/*/main.go: a context that Ctrl-C
// cancels, the step's Run on the process's streams, and its exit code.
package cmdmain

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/version"
)

// RunFunc is the signature every step package exports as Run.
type RunFunc func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Grace is how long a step has, after the first SIGINT or SIGTERM cancelled
// its context, to stop by itself before the process ends anyway.
const Grace = 3 * time.Second

// Main runs run with os.Args[1:] and the process's streams, then exits.
// `--version` alone is answered here, the same way for every binary.
func Main(run RunFunc) {
	name := filepath.Base(os.Args[0])
	if len(os.Args) == 2 && (os.Args[1] == "--version" || os.Args[1] == "-version") {
		fmt.Printf("%s version %s\n", name, version.String())
		os.Exit(0)
	}
	os.Exit(Run(name, run, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Run runs run until it returns, and returns its exit code, with SIGINT and
// SIGTERM handled: the first cancels run's context, and a step that stops
// then returns its own code. Some work cannot watch the context (a read of
// stdin, a third-party parser), so when run has not returned Grace after the
// first signal, or a second signal comes, Run gives up on it: it says so on
// stderr and returns 128 plus the signal's number (130 for SIGINT, 143 for
// SIGTERM), as a shell reports a process a signal ended.
func Run(name string, run RunFunc, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, stdin, stdout, stderr) }()
	var sig os.Signal
	select {
	case code := <-done:
		return code
	case sig = <-sigs:
	}
	cancel()
	grace := time.NewTimer(Grace)
	defer grace.Stop()
	select {
	case code := <-done:
		return code
	case <-sigs:
	case <-grace.C:
	}
	n := 15
	if s, ok := sig.(syscall.Signal); ok {
		n = int(s)
	}
	fmt.Fprintf(stderr, "%s: stopped by %s\n", name, signalName(sig))
	return 128 + n
}

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}
