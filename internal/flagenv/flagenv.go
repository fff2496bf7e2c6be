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
	"strings"

	"github.com/peterbourgon/ff/v3"
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
func Parse(fs *flag.FlagSet, args []string, getenv func(string) string, bindings ...Binding) error {
	if err := ff.Parse(fs, args); err != nil {
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
func ParseCommand(fs *flag.FlagSet, args []string, getenv func(string) string, intro string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {} // printed below, on stdout for --help
	err := Parse(fs, args, getenv)
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

// Interspersed moves the positional arguments of args after its flags, so
// `up creds.yml --role-name r` parses like `up --role-name r creds.yml`
// (the flag package stops at the first positional argument). Everything
// after "--" stays positional.
func Interspersed(fs *flag.FlagSet, args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if hasValue || f == nil || isBool(f) || i+1 >= len(args) {
			continue
		}
		i++
		flags = append(flags, args[i])
	}
	if len(positional) == 0 {
		return flags
	}
	return append(append(flags, "--"), positional...)
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
