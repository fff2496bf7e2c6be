package query

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/itchyny/gojq"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// generous is a budget nothing in these tests comes near, but for the one
// bound a test lowers.
var generous = budget{time: time.Minute, memory: 1 << 30, results: 1 << 20, output: 1 << 26}

func runExpr(t *testing.T, expr string, b budget) (string, error) {
	t.Helper()
	code, err := compile(expr)
	if err != nil {
		t.Fatal(err)
	}
	out, err := run(context.Background(), code, map[string]any{}, b)
	return string(out), err
}

func wantOver(t *testing.T, err error, want string) {
	t.Helper()
	var over overBudget
	if !errors.As(err, &over) || err.Error() != want {
		t.Fatalf("error = %v, want over budget: %q", err, want)
	}
}

func TestBudgetTime(t *testing.T) {
	b := generous
	b.time = 50 * time.Millisecond
	_, err := runExpr(t, "def f: f; f", b)
	wantOver(t, err, "took longer than 50ms, the limit for a query")
}

func TestBudgetMemory(t *testing.T) {
	b := generous
	b.memory = 16 << 20
	for _, expr := range []string{"def f: [f]; f", "[range(1e9)]"} {
		_, err := runExpr(t, expr, b)
		wantOver(t, err, "used more than 16 MiB of memory, the limit for a query")
	}
}

func TestBudgetResults(t *testing.T) {
	b := generous
	b.results = 10
	if out, err := runExpr(t, "range(10)", b); err != nil || strings.Count(out, "\n") != 10 {
		t.Fatalf("exactly the limit of results: %q, %v", out, err)
	}
	_, err := runExpr(t, "range(11)", b)
	wantOver(t, err, "produced more than 10 results, the limit for a query")
}

func TestBudgetOutput(t *testing.T) {
	b := generous
	b.output = 100
	at := `"` + strings.Repeat("x", 96) + `"` // 98 bytes of string, newline: 99
	if out, err := runExpr(t, at+`+"x"`, b); err != nil || len(out) != 100 {
		t.Fatalf("exactly the limit of output: %d bytes, %v", len(out), err)
	}
	_, err := runExpr(t, at+`+"xx"`, b)
	wantOver(t, err, "produced more than 100 bytes of output, the limit for a query")
	// Small in memory, huge as text: refused before it is written out.
	b.output = limits.QueryOutput
	_, err = runExpr(t, "reduce range(60) as $i (1; [., .])", b)
	wantOver(t, err, "produced more than 8 MiB of output, the limit for a query")
	_, err = runExpr(t, "reduce range(100000) as $i (null; [.])", b)
	wantOver(t, err, "produced more than 8 MiB of output, the limit for a query")
}

// An expression's own error is still bad usage, and the caller's context
// ending is not mistaken for the budget.
func TestBudgetOtherErrors(t *testing.T) {
	_, err := runExpr(t, `error("boom")`, generous)
	if exitcode.Of(err) != exitcode.Usage || !strings.Contains(err.Error(), "boom") {
		t.Errorf("error(boom): %v (exit %d)", err, exitcode.Of(err))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _ := gojq.Parse("def f: f; f")
	c, _ := gojq.Compile(code)
	_, err = run(ctx, c, nil, generous)
	var over overBudget
	if !errors.Is(err, context.Canceled) || errors.As(err, &over) {
		t.Errorf("cancelled: %v, want context.Canceled", err)
	}
}

// Through Apply, the hostile expressions of issue 13 end as usage errors
// naming the query and the limit.
func TestApplyHostile(t *testing.T) {
	doc := readDoc(t, `{"a": 1}`)
	var out strings.Builder
	err := Apply(context.Background(), doc, "def f: [f]; f", &out)
	// It grows past the memory limit in about 2 s; on a machine loaded
	// enough to make that more than 5 s the time limit ends it first.
	// Either is the budget doing its work (TestBudgetMemory pins the
	// memory limit alone).
	memory := `running --query "def f: [f]; f": used more than 256 MiB of memory, the limit for a query`
	time := `running --query "def f: [f]; f": took longer than 5s, the limit for a query`
	if exitcode.Of(err) != exitcode.Usage || err == nil || err.Error() != memory && err.Error() != time {
		t.Errorf("def f: [f]; f: %v (exit %d)", err, exitcode.Of(err))
	}
	if out.Len() != 0 {
		t.Errorf("wrote %d bytes, want nothing", out.Len())
	}
}
