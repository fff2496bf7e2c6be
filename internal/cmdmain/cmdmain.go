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

	"github.com/ecs-toolkit/ecs-toolkit/internal/version"
)

// RunFunc is the signature every step package exports as Run.
type RunFunc func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int

// Main runs run with os.Args[1:] and the process's streams, then exits.
// `--version` alone is answered here, the same way for every binary.
func Main(run RunFunc) {
	if len(os.Args) == 2 && (os.Args[1] == "--version" || os.Args[1] == "-version") {
		fmt.Printf("%s version %s\n", filepath.Base(os.Args[0]), version.String())
		os.Exit(0)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
