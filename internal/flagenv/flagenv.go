// Package flagenv parses a step's flags with ff and then fills the flags the
// command line left unset from the environment variables the original ECS CLI
// read (COMPOSE_FILE for --file, not ff's derived FILE).
package flagenv

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/peterbourgon/ff/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/query"
)

// Binding ties one flag to the environment variable that backs it.
type Binding struct {
	Flag string // flag name without dashes, e.g. "file"
	Env  string // e.g. "COMPOSE_FILE"
}

// Parse parses args into fs. Then, for every binding whose flag was not given
// on the command line and whose variable is non-empty, it sets the flag from
// the variable. getenv is handed in so callers (and tests) decide what the
// environment is.
//
// Flags may come after positional arguments (`ecs-logs doc.json --region r`,
// as with the AWS CLI and docker): the flag package alone would stop at the
// first positional argument and leave every later flag unread. "--" ends the
// flags. A flag that takes a value refuses one that looks like another flag
// (see Split). Both errors are printed to fs's output, as the flag package
// prints its own.
func Parse(fs *flag.FlagSet, args []string, getenv func(string) string, bindings ...Binding) error {
	flags, positional, err := Split(fs, args, true)
	if err != nil {
		fmt.Fprintln(fs.Output(), err)
		return err
	}
	if err := ff.Parse(fs, Join(flags, positional)); err != nil {
		return err
	}
	// A flag counts as given under any of its names: short forms share the
	// long name's value.
	given := map[flag.Value]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Value] = true })
	for _, b := range bindings {
		if f := fs.Lookup(b.Flag); f != nil && given[f.Value] {
			continue
		}
		v := getenv(b.Env)
		if v == "" {
			continue
		}
		if err := fs.Set(b.Flag, v); err != nil {
			return err
		}
	}
	return nil
}

// StringList is a repeatable string flag: every use appends.
type StringList []string

func (s *StringList) String() string { return strings.Join(*s, ",") }

// Set appends v.
func (s *StringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// PrintDefaults writes fs's flags to w, one entry per flag with its short
// and long names together ("-f, --file"), sorted by long name.
func PrintDefaults(fs *flag.FlagSet, w io.Writer) {
	type entry struct {
		names []string
		f     *flag.Flag
	}
	var entries []*entry
	byValue := map[flag.Value]*entry{}
	fs.VisitAll(func(f *flag.Flag) {
		if e, ok := byValue[f.Value]; ok {
			e.names = append(e.names, f.Name)
			return
		}
		e := &entry{names: []string{f.Name}, f: f}
		byValue[f.Value] = e
		entries = append(entries, e)
	})
	for _, e := range entries {
		sort.Slice(e.names, func(i, j int) bool { return len(e.names[i]) < len(e.names[j]) })
	}
	sort.Slice(entries, func(i, j int) bool {
		return entries[i].names[len(entries[i].names)-1] < entries[j].names[len(entries[j].names)-1]
	})
	for _, e := range entries {
		var parts []string
		for _, n := range e.names {
			if len(n) == 1 {
				parts = append(parts, "-"+n)
			} else {
				parts = append(parts, "--"+n)
			}
		}
		typ, usage := flag.UnquoteUsage(e.f)
		line := "  " + strings.Join(parts, ", ")
		if typ != "" {
			line += " " + typ
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
	}
}

// UsageHint follows a flag parsing error, which flag has already printed.
func UsageHint(w io.Writer, name string) {
	fmt.Fprintf(w, "Run '%s --help' for usage.\n", name)
}

// ParseCommand parses a step's command line into fs. --help prints intro
// and the flags to stdout and ends the step with 0; a bad flag (which flag
// has reported on stderr) ends it with 2. When done is false the step goes on.
//
// A --query that does not compile is a bad flag too: the step would only
// find out when writing its output, after its AWS work.
func ParseCommand(fs *flag.FlagSet, args []string, getenv func(string) string, intro string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // printed below, on stdout for --help
	err := Parse(fs, args, getenv)
	if f := fs.Lookup("query"); err == nil && f != nil {
		if qerr := query.Check(f.Value.String()); qerr != nil {
			fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), qerr)
			return 2, true
		}
	}
	switch {
	case err == nil:
		return 0, false
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, intro)
		PrintDefaults(fs, stdout)
		return 0, true
	}
	UsageHint(stderr, fs.Name())
	return 2, true
}

// Split sorts args into the flags fs knows, each followed by its value when
// it takes one, and the positional arguments, in their order. With
// interspersed, flags after positional arguments are flags too, and
// everything after "--" is positional. Without, Split stops at the first
// positional argument or "--" and returns it and everything after it as
// positional, as the flag package would leave them (for commands whose first
// argument selects a subcommand with flags of its own). A flag Split does not
// know is kept as a flag, for the flag package to report.
//
// A flag that takes a value, given as `--name value`, refuses a value that
// looks like a flag: `--cluster --endpoint URL` is a forgotten value, not a
// cluster named "--endpoint". Numbers ("-1") and "-" (stdin) are values; any
// other value starting with "-" can be given as --name=-value.
func Split(fs *flag.FlagSet, args []string, interspersed bool) (flags, positional []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if !interspersed {
				return flags, args[i:], nil
			}
			return flags, append(positional, args[i+1:]...), nil
		}
		if !looksLikeFlag(a) {
			if !interspersed {
				return flags, append(positional, args[i:]...), nil
			}
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		f := fs.Lookup(name)
		if hasValue || f == nil || isBool(f) {
			continue
		}
		if i+1 >= len(args) {
			// Said here, not left to the flag package: Join puts "--" and
			// the positional arguments after the flags, and the flag
			// package would take that "--" as this flag's value.
			return nil, nil, fmt.Errorf("flag needs an argument: %s", a)
		}
		if v := args[i+1]; v == "--" || looksLikeFlag(v) {
			return nil, nil, missingValue(fs, a, name, v)
		}
		i++
		flags = append(flags, args[i])
	}
	return flags, positional, nil
}

// missingValue is the error for flag a (named name) followed by next, which
// looks like a flag. next is quoted only when it is "--" or one of fs's
// flags: any other text might be a secret given as the value (--secret-key
// -X...), which must not reach stderr.
func missingValue(fs *flag.FlagSet, a, name, next string) error {
	dashes := a[:len(a)-len(strings.TrimLeft(a, "-"))]
	nextName, _, _ := strings.Cut(strings.TrimPrefix(next[1:], "-"), "=")
	if next != "--" && fs.Lookup(nextName) == nil {
		return fmt.Errorf("flag %s needs a value, but the next argument starts with \"-\"; to give a value that starts with \"-\", write %s%s=VALUE", a, dashes, name)
	}
	shown := next // "--", or the flag without any "=value" after it
	if next != "--" {
		shown = next[:len(next)-len(strings.TrimLeft(next, "-"))] + nextName
	}
	return fmt.Errorf("flag %s needs a value, but the next argument %q is a flag; to give a value that starts with \"-\", write %s%s=VALUE", a, shown, dashes, name)
}

// Join puts flags and positional arguments back into one command line that
// the flag package parses into the same flags and arguments: positional
// arguments follow a "--", so one starting with "-" stays an argument.
func Join(flags, positional []string) []string {
	out := append([]string(nil), flags...)
	if len(positional) == 0 {
		return out
	}
	return append(append(out, "--"), positional...)
}

// looksLikeFlag reports whether a is written as a flag: "-x" or "--x".
// A lone "-" is an argument (stdin), and so is a negative number (scale
// -3), which the command then range-checks: no flag is named by digits.
func looksLikeFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && !isNumber(a)
}

// isNumber reports whether a is a number, such as a negative one that a
// numeric flag takes as its value.
func isNumber(a string) bool {
	_, err := strconv.ParseFloat(a, 64)
	return err == nil
}

// NoArguments refuses positional arguments for a command that takes none,
// naming them, so a stray word is not silently dropped.
func NoArguments(args []string) error {
	switch len(args) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("unexpected argument %q", args[0])
	}
	return fmt.Errorf("unexpected arguments %q", args)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
