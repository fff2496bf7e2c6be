// Package limits holds every bound the toolkit puts on its input and on the
// work a --query may do, in one place, and the bounded readers that enforce
// the size limits. Input is hostile until read: a pipe from /dev/zero or a
// multi-gigabyte file must end in a clear refusal (exit 2), not in a process
// that grows until the machine kills it.
package limits

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// A Kind is one kind of input with its size limit.
type Kind struct {
	What  string // "a pipeline document": for messages
	Limit int64  // bytes
}

const mib = 1 << 20

// The input kinds. Each limit is far beyond any real file of its kind.
var (
	// Document is a pipeline document (stdin or a file argument), and a
	// task definition file for ecs-local.
	Document = Kind{"a pipeline document", 8 * mib}
	// Compose is a compose file and every file it makes the loader read:
	// overrides, extends and include files, env_file, label_file, .env.
	Compose = Kind{"a compose file", 4 * mib}
	// EcsParams is an ecs-params file.
	EcsParams = Kind{"an ecs-params file", 4 * mib}
	// RegistryCreds is a registry-creds input or output file.
	RegistryCreds = Kind{"a registry credentials file", 1 * mib}
	// Config is a file under ~/.ecs (config, credentials).
	Config = Kind{"an ECS CLI configuration file", 1 * mib}
	// UserData is a user data file for cluster up --extra-user-data (EC2
	// takes at most 16 KB of user data anyway).
	UserData = Kind{"a user data file", 1 * mib}
)

// ComposeDepth is how deeply a compose file may nest mappings and lists.
// Real files stay under 10; compose-go's merging is quadratic or worse in
// depth, so a few thousand levels would run for minutes.
const ComposeDepth = 64

// ComposeNodes is how many keys, values and list items (aliases expanded)
// a compose file may hold. A large real file holds a few thousand; the
// loader spends tens of microseconds on each, and on a wide mapping time
// quadratic in its size, so a 4 MiB file of short keys would take minutes.
const ComposeNodes = 50_000

// The --query budget: time, memory (heap growth while the expression runs),
// output size and number of results.
const (
	QueryTime    = 5 * time.Second
	QueryMemory  = 256 * mib
	QueryOutput  = 8 * mib
	QueryResults = 100_000
)

// sniffLen is how much of the input the early check looks at.
const sniffLen = 512

// Size formats a byte count the way the limits are documented.
func Size(n int64) string {
	if n%mib == 0 {
		return fmt.Sprintf("%d MiB", n/mib)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ErrTooLarge matches (errors.Is) every refusal of an input for its size.
var ErrTooLarge = errors.New("input too large")

// TooLarge is the usage error (exit 2) for name being larger than k allows.
func TooLarge(name string, k Kind) error {
	return exitcode.AsUsage(tooLarge{name, k})
}

type tooLarge struct {
	name string
	k    Kind
}

func (e tooLarge) Error() string {
	return fmt.Sprintf("reading %s: larger than %s, the limit for %s", e.name, Size(e.k.Limit), e.k.What)
}

func (e tooLarge) Is(target error) bool { return target == ErrTooLarge }

// Sniff looks at the first bytes of an input (at most 512, possibly fewer
// when the input is short) and says why they cannot be the start of what is
// expected, or nil. It runs as soon as the first bytes arrive, so /dev/zero
// is refused at once rather than after the whole limit is read.
type Sniff func(prefix []byte) error

// Text refuses input that is not UTF-8 text: a NUL byte or an invalid
// UTF-8 sequence among the first bytes. A UTF-16 byte order mark is let
// through (YAML allows UTF-16; the parser reads it).
func Text(prefix []byte) error {
	if bytes.HasPrefix(prefix, []byte{0xff, 0xfe}) || bytes.HasPrefix(prefix, []byte{0xfe, 0xff}) {
		return nil
	}
	if i := bytes.IndexByte(prefix, 0); i >= 0 {
		return fmt.Errorf("not a text file (a NUL byte at offset %d)", i)
	}
	for off := 0; off < len(prefix); {
		r, size := utf8.DecodeRune(prefix[off:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(prefix[off:]) {
				break // cut short by the read; the rest decides
			}
			return fmt.Errorf("not UTF-8 text (byte 0x%02x at offset %d)", prefix[off], off)
		}
		off += size
	}
	return nil
}

// ReadAll reads r to its end, refusing more than k.Limit bytes and, through
// sniff (nil for none), a start that cannot be right. name ("<stdin>" or a
// path) is in every message ("reading NAME: ..."); every refusal is a usage error (exit 2).
func ReadAll(r io.Reader, name string, k Kind, sniff Sniff) ([]byte, error) {
	var buf bytes.Buffer
	sniffed := sniff == nil
	chunk := make([]byte, 32*1024)
	for {
		n, err := r.Read(chunk)
		buf.Write(chunk[:n])
		if int64(buf.Len()) > k.Limit {
			return nil, TooLarge(name, k)
		}
		if !sniffed && (buf.Len() >= sniffLen || (err != nil && buf.Len() > 0)) {
			sniffed = true
			if serr := sniff(buf.Bytes()[:min(buf.Len(), sniffLen)]); serr != nil {
				return nil, exitcode.AsUsage(fmt.Errorf("reading %s: %w", name, serr))
			}
		}
		if err == io.EOF {
			return buf.Bytes(), nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
	}
}

// ReadFile reads the file at path (named name in messages) as ReadAll does.
// A regular file over the limit is refused by its size, before any read.
func ReadFile(path, name string, k Kind, sniff Sniff) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		// A missing or unreadable input file is bad usage.
		return nil, exitcode.AsUsage(fmt.Errorf("reading %s: %w", name, err))
	}
	defer f.Close()
	if err := CheckSize(f, name, k); err != nil {
		return nil, err
	}
	return ReadAll(f, name, k, sniff)
}

// CheckSize refuses a regular file larger than k's limit by its size alone;
// other files (pipes, devices) are left to the bounded read.
func CheckSize(f *os.File, name string, k Kind) error {
	st, err := f.Stat()
	if err == nil && st.Mode().IsRegular() && st.Size() > k.Limit {
		return TooLarge(name, k)
	}
	return nil
}

// AnswerLimit bounds the line read as the answer to a prompt (y/n).
const AnswerLimit = 4096

// Answer reads one line, the answer to a prompt, from r: at most
// AnswerLimit bytes, so stdin from /dev/zero gives a (wrong) answer rather
// than a read that grows without end. The line keeps its newline; err is
// the read's (io.EOF at an end without one).
func Answer(r io.Reader) (string, error) {
	return bufio.NewReader(io.LimitReader(r, AnswerLimit)).ReadString('\n')
}
