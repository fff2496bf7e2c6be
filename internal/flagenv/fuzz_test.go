package flagenv

import (
	"flag"
	"io"
	"slices"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary command lines (NUL-separated words) to the
// parser a step uses: it never panics; when it accepts a line, every word
// is either a flag it set or a positional argument it returns — none is
// dropped — and Join of Split parses back to the same flags and arguments.
func FuzzParse(f *testing.F) {
	for _, line := range []string{
		"--cluster\x00c\x00doc.json\x00--endpoint\x00http://x",
		"--cluster\x00--endpoint\x00x",
		"-f\x00a.yml\x00--\x00-weird\x00--verbose",
		"scale\x00-3\x00--timeout=5",
		"-\x00--count\x00-1",
		"--verbose=false\x00--tags\x00a=b\x00--tags\x00c=d",
	} {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		newFS := func() (*flag.FlagSet, map[string]*string) {
			fs := flag.NewFlagSet("fuzz", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			vals := map[string]*string{}
			for _, n := range []string{"cluster", "endpoint", "f", "timeout", "count"} {
				vals[n] = fs.String(n, "", "")
			}
			fs.Bool("verbose", false, "")
			fs.Var(&StringList{}, "tags", "")
			return fs, vals
		}
		fs, _ := newFS()
		if err := Parse(fs, args, func(string) string { return "" }); err != nil {
			return
		}
		flags, positional, err := Split(fs, args, true)
		if err != nil {
			t.Fatalf("Parse accepted %q but Split refused it: %v", args, err)
		}
		if !slices.Equal(positional, fs.Args()) {
			t.Fatalf("%q: Split's arguments %q differ from Parse's %q", args, positional, fs.Args())
		}
		if n := len(flags) + len(positional); n < len(args)-1 || n > len(args) {
			t.Fatalf("%q: %d flags and %d arguments from %d words (only one \"--\" may go)", args, len(flags), len(positional), len(args))
		}
		again, _ := newFS()
		if err := Parse(again, Join(flags, positional), func(string) string { return "" }); err != nil {
			t.Fatalf("Join(Split(%q)) does not parse: %v", args, err)
		}
		if !slices.Equal(again.Args(), fs.Args()) {
			t.Fatalf("Join(Split(%q)) gives arguments %q, want %q", args, again.Args(), fs.Args())
		}
		fs.VisitAll(func(fl *flag.Flag) {
			if got := again.Lookup(fl.Name).Value.String(); got != fl.Value.String() {
				t.Fatalf("Join(Split(%q)): flag %s = %q, want %q", args, fl.Name, got, fl.Value.String())
			}
		})
	})
}
