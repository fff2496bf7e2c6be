// Package exitcode holds the toolkit's exit codes and the error type that
// carries one, so a step can say "bad input" (2) or "the operation failed" (1)
// deep inside and have main exit with the right code.
package exitcode

import (
	"errors"
	"fmt"
	"io"
)

// The three outcomes every binary reports (DESIGN.md §4).
const (
	OK     = 0 // done
	Failed = 1 // the operation failed: AWS refused, tasks failed, timeout
	Usage  = 2 // bad usage or bad input; nothing was changed
)

// Error is an error with the exit code it should end the process with.
type Error struct {
	Code int
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Usagef returns a bad-input error (exit 2).
func Usagef(format string, args ...any) error {
	return &Error{Code: Usage, Err: fmt.Errorf(format, args...)}
}

// Failedf returns an operation-failed error (exit 1).
func Failedf(format string, args ...any) error {
	return &Error{Code: Failed, Err: fmt.Errorf(format, args...)}
}

// AsUsage marks err as bad input (exit 2), keeping its message.
func AsUsage(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Code: Usage, Err: err}
}

// Of returns the exit code for err: OK for nil, the code an *Error carries,
// and Failed for anything else.
func Of(err error) int {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Failed
}

// Report ends a step: it prints err as "name: err" on w when there is one
// and returns the exit code for it.
func Report(w io.Writer, name string, err error) int {
	if err != nil {
		fmt.Fprintf(w, "%s: %v\n", name, err)
	}
	return Of(err)
}
