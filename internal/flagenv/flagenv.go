// Package flagenv parses a step's flags with ff and then fills the flags the
// command line left unset from the environment variables the original ECS CLI
// read (COMPOSE_FILE for --file, not ff's derived FILE).
package flagenv

import (
	"flag"
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
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, b := range bindings {
		if given[b.Flag] || aliasGiven(fs, b.Flag, given) {
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

// aliasGiven reports whether another name of the same flag (a short form
// registered on the same value) was given.
func aliasGiven(fs *flag.FlagSet, name string, given map[string]bool) bool {
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	found := false
	fs.VisitAll(func(o *flag.Flag) {
		if given[o.Name] && o.Value == f.Value {
			found = true
		}
	})
	return found
}

// StringList is a repeatable string flag: every use appends.
type StringList []string

func (s *StringList) String() string { return strings.Join(*s, ",") }

// Set appends v.
func (s *StringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}
