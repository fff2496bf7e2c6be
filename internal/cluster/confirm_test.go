package cluster

import (
	"io"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// zeros stands for stdin from /dev/zero, which counts as a terminal (a
// character device); it counts what was read.
type zeros struct{ n int }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.n += len(p)
	return len(p), nil
}

// The delete prompt reads a bounded answer: /dev/zero is a "no", not a
// read that grows without end.
func TestConfirmAnswerIsBounded(t *testing.T) {
	z := &zeros{}
	c := &cmd{env: Env{Stdin: z, Terminal: true}, stderr: io.Discard}
	err := c.confirm()
	if exitcode.Of(err) != exitcode.Usage || !strings.Contains(err.Error(), "Aborted cluster deletion") {
		t.Errorf("confirm(zeros) = %v, want aborted (exit 2)", err)
	}
	if z.n > 64*1024 {
		t.Errorf("read %d bytes of the answer", z.n)
	}
	c.env.Stdin = strings.NewReader("yes\n")
	if err := c.confirm(); err != nil {
		t.Errorf("confirm(yes) = %v", err)
	}
}
