// Package query is the --query flag every JSON-writing step has: a jq
// expression (gojq) run over the step's output document, as the AWS CLI's
// --query filters its output.
package query

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/itchyny/gojq"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

// Apply runs the jq expression expr over doc and writes every result to w,
// each as indented JSON (two spaces, as pipeline.Document.Write) followed
// by a newline; a single object result is therefore a pipeline document.
//
// Output is written only when the whole expression succeeded, so a failing
// query leaves nothing half-written. Numbers keep their text when the
// expression passes them through (123456789012345678 stays exact); numbers
// it computes are jq's. Objects come out with sorted keys, because gojq holds
// them in Go maps; the expression "." writes doc itself, in its own key order.
// A parse or compile error, and an error the expression raises at run time,
// is a usage error (exit code 2). halt stops without error; halt_error fails
// with its message.
//
// The expression runs under a budget (see package limits): at most
// limits.QueryTime, limits.QueryMemory of heap growth, limits.QueryResults
// results and limits.QueryOutput bytes of output. Going over any of them is a
// usage error saying which, so a hostile or mistaken expression (def f: f; f)
// ends instead of running or growing until the machine stops it.
func Apply(ctx context.Context, doc *pipeline.Document, expr string, w io.Writer) error {
	if strings.TrimSpace(expr) == "." {
		return doc.Write(w)
	}
	code, err := compile(expr)
	if err != nil {
		return err
	}
	input, err := jqValue(doc)
	if err != nil {
		return err
	}
	out, err := run(ctx, code, input, budget{limits.QueryTime, limits.QueryMemory, limits.QueryResults, limits.QueryOutput})
	if err != nil {
		var over overBudget
		if errors.As(err, &over) {
			return exitcode.Usagef("running --query %q: %v", expr, err)
		}
		var usage *exitcode.Error
		if errors.As(err, &usage) {
			return exitcode.Usagef("running --query %q: %v", expr, usage.Err)
		}
		return fmt.Errorf("running --query %q: %w", expr, err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("writing --query result: %w", err)
	}
	return nil
}

// budget is what one run of an expression may use.
type budget struct {
	time    time.Duration
	memory  uint64 // heap growth, bytes
	results int
	output  int // bytes
}

// overBudget is the error for an expression that went over its budget.
type overBudget string

func (e overBudget) Error() string { return string(e) }

// run runs code over input within b and returns every result, indented,
// each followed by a newline. An error the expression raises is a usage
// error; ctx ending (the user's interrupt) is returned as it is.
func run(ctx context.Context, code *gojq.Code, input any, b budget) ([]byte, error) {
	ctx, cancelTime := context.WithTimeoutCause(ctx, b.time, overBudget(fmt.Sprintf("took longer than %s, the limit for a query", b.time)))
	defer cancelTime()
	ctx, cancelMem := context.WithCancelCause(ctx)
	defer cancelMem(nil)
	// gojq checks ctx between steps but cannot see its own allocations, so
	// a watcher cancels it when the heap has grown too much.
	stopWatch := watchHeap(ctx, b.memory, func() {
		cancelMem(overBudget(fmt.Sprintf("used more than %s of memory, the limit for a query", limits.Size(int64(b.memory)))))
	})
	defer stopWatch()
	tooMuch := overBudget(fmt.Sprintf("produced more than %s of output, the limit for a query", limits.Size(int64(b.output))))
	var out bytes.Buffer
	iter := code.RunWithContext(ctx, input)
	for n := 0; ; n++ {
		v, ok := iter.Next()
		if !ok {
			break
		}
		if err, isErr := v.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				break
			}
			if ctx.Err() != nil {
				return nil, context.Cause(ctx)
			}
			return nil, exitcode.AsUsage(err)
		}
		if n >= b.results {
			return nil, overBudget(fmt.Sprintf("produced more than %d results, the limit for a query", b.results))
		}
		// A small value can stand for a huge text (the same array repeated
		// at every level), so its size is estimated before it is written.
		if estimate(v, 0, b.output-out.Len()) > b.output-out.Len() {
			return nil, tooMuch
		}
		if err := writeIndented(&out, v); err != nil {
			return nil, err
		}
		if out.Len() > b.output {
			return nil, tooMuch
		}
	}
	return out.Bytes(), nil
}

// estimate returns a lower bound of the size of v written indented at
// depth d, or any number above limit once it is known to be over it.
func estimate(v any, d, limit int) int {
	switch v := v.(type) {
	case string:
		return len(v) + 2
	case []any:
		n := 2
		for _, e := range v {
			if n += 2*d + 4 + estimate(e, d+1, limit-n); n > limit {
				return n
			}
		}
		return n
	case map[string]any:
		n := 2
		for k, e := range v {
			if n += 2*d + 8 + len(k) + estimate(e, d+1, limit-n); n > limit {
				return n
			}
		}
		return n
	}
	return 1 // numbers, booleans, null
}

// watchHeap calls over, once, when the heap has grown by more than max since
// the call, until the returned stop is called or ctx ends.
func watchHeap(ctx context.Context, max uint64, over func()) (stop func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
	base := heap()
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if h := heap(); h > base && h-base > max {
					over()
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

// compile parses and compiles expr; every failure is bad usage.
func compile(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err != nil {
		var pe *gojq.ParseError
		if errors.As(err, &pe) {
			return nil, exitcode.Usagef("parsing --query %q: %v (at offset %d)", expr, err, pe.Offset)
		}
		return nil, exitcode.Usagef("parsing --query %q: %v", expr, err)
	}
	// No environment loader: $ENV and env stay empty, so a query cannot read
	// the process environment.
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, exitcode.Usagef("compiling --query %q: %v", expr, err)
	}
	return code, nil
}

// jqValue turns doc into the plain values gojq runs on. Numbers stay
// json.Number, which gojq accepts and writes back with the same text.
func jqValue(doc *pipeline.Document) (any, error) {
	raw, err := doc.MarshalJSON()
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decoding document for --query: %w", err)
	}
	return v, nil
}

// writeIndented writes one result as the pipeline writes documents.
func writeIndented(buf *bytes.Buffer, v any) error {
	compact, err := gojq.Marshal(v)
	if err != nil {
		return err
	}
	if err := json.Indent(buf, compact, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}
