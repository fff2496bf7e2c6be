package ecscli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// flagKind says how a flag takes its value, which help and completion need.
type flagKind int

const (
	boolFlag  flagKind = iota // no value: --force
	valueFlag                 // one value: --cluster NAME
	listFlag                  // one value a time, repeatable: --file A --file B
)

// flagSpec is one flag of one command: every name it answers to (the first is
// the canonical long name; one-letter names are short forms), the
// environment variable the original read for it, and its help. Parsing, help
// and completion all read these, so they cannot disagree.
type flagSpec struct {
	names []string
	env   string
	usage string
	def   string // default shown in help; empty when there is none
	kind  flagKind
	value flag.Value
}

func (f *flagSpec) name() string { return f.names[0] }

// flags is a command's FlagSet together with the specs registered into it,
// and the registrations of the steps the command runs (StepFlags), which
// its step flags are made from.
type flags struct {
	fs    *flag.FlagSet
	specs []*flagSpec
	from  []*flag.FlagSet
}

func newFlags(name string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package would print errors and usage itself; Run prints them
	// once, on the right stream, with the command's own help.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{fs: fs}
}

func (fl *flags) add(spec *flagSpec) *flagSpec {
	for _, n := range spec.names {
		fl.fs.Var(spec.value, n, spec.usage)
	}
	fl.specs = append(fl.specs, spec)
	return spec
}

// step registers the step flag name as the first registration in fl.from
// that declares it has it: every name it answers to (short forms too), its
// kind and its default come from there, so ecs-cli parses the flag as the
// step does. Only the help is ecs-cli's: usage, the original's text.
func (fl *flags) step(usage, name string) *flagSpec {
	for _, from := range fl.from {
		f := from.Lookup(name)
		if f == nil {
			continue
		}
		spec := &flagSpec{names: []string{name}, usage: usage, kind: valueFlag}
		from.VisitAll(func(o *flag.Flag) {
			if o.Value == f.Value && o.Name != name {
				spec.names = append(spec.names, o.Name)
			}
		})
		var get any = ""
		if g, ok := f.Value.(flag.Getter); ok {
			get = g.Get()
		}
		switch get.(type) {
		case bool:
			spec.kind, spec.value = boolFlag, new(boolValue)
		case int:
			spec.value = new(intValue)
		case float64:
			spec.value = new(floatValue)
		default:
			if _, ok := f.Value.(*flagenv.StringList); ok {
				spec.kind, spec.value = listFlag, new(flagenv.StringList)
			} else {
				spec.value = new(stringValue)
			}
		}
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			if err := spec.value.Set(f.DefValue); err != nil {
				panic(fmt.Sprintf("ecs-cli: default %q of --%s: %v", f.DefValue, name, err))
			}
			spec.def = f.DefValue
		}
		return fl.add(spec)
	}
	// Trees are built for every run, so any test of ecs-cli finds this.
	panic("ecs-cli: no step of " + fl.fs.Name() + " declares --" + name)
}

// str registers a string flag under names (long name first).
func (fl *flags) str(usage string, names ...string) *flagSpec {
	v := new(string)
	return fl.add(&flagSpec{names: names, usage: usage, kind: valueFlag, value: (*stringValue)(v)})
}

// strDefault registers a string flag with a default value.
func (fl *flags) strDefault(def, usage string, names ...string) *flagSpec {
	v := stringValue(def)
	return fl.add(&flagSpec{names: names, usage: usage, def: def, kind: valueFlag, value: &v})
}

func (fl *flags) boolean(usage string, names ...string) *flagSpec {
	return fl.add(&flagSpec{names: names, usage: usage, kind: boolFlag, value: new(boolValue)})
}

// lookup returns the spec one of whose names is name.
func (fl *flags) lookup(name string) *flagSpec {
	for _, s := range fl.specs {
		for _, n := range s.names {
			if n == name {
				return s
			}
		}
	}
	return nil
}

// given reports whether any name of spec was on the command line.
func (fl *flags) given(spec *flagSpec) bool {
	found := false
	fl.fs.Visit(func(f *flag.Flag) {
		for _, n := range spec.names {
			if f.Name == n {
				found = true
			}
		}
	})
	return found
}

// applyEnv fills the flags the command line left unset from the environment
// variables the original bound to them, as urfave/cli did for each level.
func (fl *flags) applyEnv(getenv func(string) string) error {
	for _, s := range fl.specs {
		if s.env == "" || fl.given(s) {
			continue
		}
		v := getenv(s.env)
		if v == "" {
			continue
		}
		// Through the FlagSet, so that walking it (fs.Visit) finds the flag
		// set, as forward does.
		if err := fl.fs.Set(s.name(), v); err != nil {
			return usageError("invalid value %q for flag --%s from %s: %v", v, s.name(), s.env, err)
		}
	}
	return nil
}

// The value types are the flag package's own, redeclared because it does not
// export them; they need to be addressable for the short forms to share them.

type stringValue string

func (s *stringValue) Set(v string) error { *s = stringValue(v); return nil }
func (s *stringValue) String() string     { return string(*s) }

type boolValue bool

func (b *boolValue) Set(v string) error {
	x, err := strconv.ParseBool(v)
	if err != nil {
		return errParse
	}
	*b = boolValue(x)
	return nil
}
func (b *boolValue) String() string   { return strconv.FormatBool(bool(*b)) }
func (b *boolValue) IsBoolFlag() bool { return true }

type intValue int

func (i *intValue) Set(v string) error {
	x, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return errParse
	}
	*i = intValue(x)
	return nil
}
func (i *intValue) String() string { return strconv.Itoa(int(*i)) }

type floatValue float64

func (f *floatValue) Set(v string) error {
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return errParse
	}
	*f = floatValue(x)
	return nil
}
func (f *floatValue) String() string { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }
