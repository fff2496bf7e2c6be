package pipeline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// docOfSize is a valid document of exactly n bytes.
func docOfSize(n int) []byte {
	head, tail := `{"pad":"`, `"}`
	return []byte(head + strings.Repeat("x", n-len(head)-len(tail)) + tail)
}

func TestReadDocumentLimit(t *testing.T) {
	max := int(limits.Document.Limit)
	if _, err := Read(bytes.NewReader(docOfSize(max)), "<stdin>"); err != nil {
		t.Fatalf("Read(a document of exactly the limit) = %v", err)
	}
	_, err := Read(bytes.NewReader(docOfSize(max+1)), "<stdin>")
	if !errors.Is(err, limits.ErrTooLarge) || exitcode.Of(err) != exitcode.Usage {
		t.Fatalf("Read(one byte over) = %v (exit %d), want too large, exit 2", err, exitcode.Of(err))
	}
	if want := "reading <stdin>: larger than 8 MiB, the limit for a pipeline document"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, docOfSize(max+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path); !errors.Is(err, limits.ErrTooLarge) || !strings.Contains(err.Error(), "reading "+path+": larger than 8 MiB") {
		t.Errorf("ReadFile(one byte over) = %v", err)
	}
}

// repeat is an endless input of one byte, counting what was read.
type repeat struct {
	b byte
	n int
}

func (r *repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.b
	}
	r.n += len(p)
	return len(p), nil
}

// An endless input that cannot be a document is refused from its first
// bytes, not after reading 8 MiB of it.
func TestReadRefusesBadStartAtOnce(t *testing.T) {
	for _, tt := range []struct {
		b    byte
		want string
	}{
		{0, "reading <stdin>: not a text file (a NUL byte at offset 0)"},
		{'y', "reading <stdin>: line 1, column 1: malformed JSON: invalid character 'y' looking for beginning of value"},
		{'[', "reading <stdin>: line 1, column 1: want a JSON object, got an array"},
		{0xff, "reading <stdin>: not UTF-8 text (byte 0xff at offset 0)"},
	} {
		in := &repeat{b: tt.b}
		_, err := Read(in, "<stdin>")
		if err == nil || err.Error() != tt.want || exitcode.Of(err) != exitcode.Usage {
			t.Errorf("Read(endless %q) = %v (exit %d), want %q, exit 2", tt.b, err, exitcode.Of(err), tt.want)
		}
		if in.n > 64*1024 {
			t.Errorf("Read(endless %q) read %d bytes before refusing", tt.b, in.n)
		}
	}
}

// A document that arrives slowly, a byte at a time, is still read whole.
func TestReadSlowDocument(t *testing.T) {
	d, err := Read(iotest.OneByteReader(strings.NewReader("  \n"+`{"a":1}`)), "<stdin>")
	if err != nil || !d.Has("a") {
		t.Fatalf("Read = %v, %v", d, err)
	}
}
