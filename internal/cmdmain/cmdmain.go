// Package cmdmain is the whole of every cmd/*/main.go: a context that Ctrl-C
// cancels, the step's Run on the process's streams, and its exit code.
package cmdmain

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// RunFunc is the signature every step package exports as Run.
type RunFunc func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Main runs run with os.Args[1:] and the process's streams, then exits.
func Main(run RunFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
