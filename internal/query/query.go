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
	"strings"

	"github.com/itchyny/gojq"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
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
	var out bytes.Buffer
	iter := code.RunWithContext(ctx, input)
	for {
		v, ok := iter.Next()
		if !ok {
			break
		}
		if err, isErr := v.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				break
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				return fmt.Errorf("running --query %q: %w", expr, ctxErr)
			}
			return exitcode.Usagef("running --query %q: %v", expr, err)
		}
		if err := writeIndented(&out, v); err != nil {
			return fmt.Errorf("running --query %q: %w", expr, err)
		}
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return fmt.Errorf("writing --query result: %w", err)
	}
	return nil
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
