package limits

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

var small = Kind{"a test file", 1024}

func TestReadAllLimit(t *testing.T) {
	at := bytes.Repeat([]byte("a"), int(small.Limit))
	got, err := ReadAll(bytes.NewReader(at), "in", small, Text)
	if err != nil || len(got) != len(at) {
		t.Fatalf("ReadAll(exactly the limit) = %d bytes, %v; want all of it", len(got), err)
	}
	_, err = ReadAll(bytes.NewReader(append(at, 'a')), "in", small, Text)
	if !errors.Is(err, ErrTooLarge) || exitcode.Of(err) != exitcode.Usage {
		t.Fatalf("ReadAll(one byte over) = %v (exit %d), want ErrTooLarge, exit 2", err, exitcode.Of(err))
	}
	if want := "reading in: larger than 1024 bytes, the limit for a test file"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

// endless stands for /dev/zero: reads never end, and it counts what was read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadAllRefusesNULAtOnce(t *testing.T) {
	zero := &endless{}
	_, err := ReadAll(zero, "<stdin>", Document, Text)
	if err == nil || exitcode.Of(err) != exitcode.Usage || !strings.Contains(err.Error(), "reading <stdin>: not a text file (a NUL byte at offset 0)") {
		t.Fatalf("ReadAll(zeros) = %v (exit %d), want a NUL refusal, exit 2", err, exitcode.Of(err))
	}
	if zero.n > 64*1024 {
		t.Errorf("read %d bytes of zeros before refusing, want only the first chunk", zero.n)
	}
}

func TestText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // "" for accepted
	}{
		{"services:\n  web: {}\n", ""},
		{"name: caf\xc3\xa9", ""},
		{"name: caf\xc3", ""}, // cut mid-rune by the read
		{"\xff\xfes\x00", ""}, // UTF-16 with its byte order mark
		{"a\x00b", "a NUL byte at offset 1"},
		{"ab\xffcd", "not UTF-8 text (byte 0xff at offset 2)"},
	} {
		err := Text([]byte(tt.in))
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Text(%q) = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	under := filepath.Join(dir, "under")
	over := filepath.Join(dir, "over")
	os.WriteFile(under, bytes.Repeat([]byte("x"), int(small.Limit)), 0o644)
	os.WriteFile(over, bytes.Repeat([]byte("x"), int(small.Limit)+1), 0o644)
	if _, err := ReadFile(under, "under", small, Text); err != nil {
		t.Errorf("ReadFile(at the limit) = %v", err)
	}
	_, err := ReadFile(over, "over", small, Text)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "reading over: larger than 1024 bytes") {
		t.Errorf("ReadFile(over the limit) = %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), "missing", small, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) = %v, want not-exist", err)
	}
}

func TestReadAllShortInputIsSniffed(t *testing.T) {
	_, err := ReadAll(io.MultiReader(strings.NewReader("\x00")), "f", small, Text)
	if err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("ReadAll(one NUL byte) = %v, want a NUL refusal", err)
	}
}

func TestAnswer(t *testing.T) {
	if got, err := Answer(strings.NewReader("y\nmore")); got != "y\n" || err != nil {
		t.Errorf("Answer(y) = %q, %v", got, err)
	}
	zero := &endless{}
	got, _ := Answer(zero)
	if len(got) != AnswerLimit || zero.n > 2*AnswerLimit {
		t.Errorf("Answer(zeros) = %d bytes after reading %d, want at most the limit", len(got), zero.n)
	}
}
