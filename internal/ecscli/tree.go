package ecscli

import (
	"context"
	"strings"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// command is one node of the classic command tree. It is the single source
// for parsing (through the ffcli commands built from it), help and shell
// completion. Trees are built afresh for every Run: nothing here is shared
// between runs, so steps chained in one process and parallel tests never see
// each other's flag values.
type command struct {
	name    string
	aliases []string // other names that select this command (ps: list)
	help    string   // the original's usage text for the command
	args    string   // what follows the flags in usage, e.g. "COUNT"
	words   []string // the fixed values its first argument takes, for completion
	flags   *flags
	subs    []*command
	parent  *command

	// runnable commands do something themselves (leaves, and configure,
	// which also has subcommands); the others only select a subcommand.
	runnable bool
	exec     Exec // set by wire from the Execs table
}

func newCommand(name, help string) *command {
	return &command{name: name, help: help, flags: newFlags(name), runnable: true}
}

// group makes a command that only selects one of subs.
func group(name, help string, subs ...*command) *command {
	c := newCommand(name, help)
	c.runnable = false
	c.add(subs...)
	return c
}

func (c *command) add(subs ...*command) *command {
	for _, s := range subs {
		s.parent = c
		c.subs = append(c.subs, s)
	}
	return c
}

// path is the command's words after the root: "compose service up". The
// root's path is "".
func (c *command) path() string {
	var words []string
	for n := c; n.parent != nil; n = n.parent {
		words = append([]string{n.name}, words...)
	}
	return strings.Join(words, " ")
}

// title is how messages name the command: "ecs-cli compose service up".
func (c *command) title() string {
	if p := c.path(); p != "" {
		return rootName + " " + p
	}
	return rootName
}

// names is the name followed by the aliases.
func (c *command) names() []string {
	return append([]string{c.name}, c.aliases...)
}

// walk calls fn for c and every command below it, parents first.
func (c *command) walk(fn func(*command)) {
	fn(c)
	for _, s := range c.subs {
		s.walk(fn)
	}
}

// find returns the subcommand that name selects, by name or alias.
func (c *command) find(name string) *command {
	for _, s := range c.subs {
		for _, n := range s.names() {
			if strings.EqualFold(n, name) { // as ffcli matches
				return s
			}
		}
	}
	return nil
}

// parsed returns the deepest command whose flags were parsed: after a
// successful Parse the selected command, after a failed one the command
// whose flags were wrong.
func (c *command) parsed() *command {
	for _, s := range c.subs {
		if s.flags.fs.Parsed() {
			return s.parsed()
		}
	}
	return c
}

// lineage is the root-first chain of commands ending at c.
func (c *command) lineage() []*command {
	var out []*command
	for n := c; n != nil; n = n.parent {
		out = append([]*command{n}, out...)
	}
	return out
}

// ffcli builds the ffcli commands for c and its subcommands. ffcli matches a
// subcommand by its Name only, so every alias becomes one more ffcli command
// sharing the same FlagSet and Exec; only one of them is parsed per run.
func (c *command) ffcli(run func(ctx context.Context, c *command, args []string) error) []*ffcli.Command {
	var subs []*ffcli.Command
	for _, s := range c.subs {
		subs = append(subs, s.ffcli(run)...)
	}
	var out []*ffcli.Command
	for _, n := range c.names() {
		out = append(out, &ffcli.Command{
			Name:        n,
			FlagSet:     c.flags.fs,
			Subcommands: subs,
			// Run prints help itself, on stdout or stderr as the case needs.
			UsageFunc: func(*ffcli.Command) string { return "" },
			Exec: func(ctx context.Context, args []string) error {
				return run(ctx, c, args)
			},
		})
	}
	return out
}

// arrange rewrites args, the command line below c, so that ffcli, which
// stops reading a command's flags at its first argument, reads them all:
// the flags of a command that runs something may follow its arguments
// (`ecs-cli logs --task-id t --since 5` and `ecs-cli push repo --region r`
// alike), as in the AWS CLI and docker, and "--" ends them. A word naming a
// subcommand still ends its parent's flags, which stay at their own level
// as in the original; so does the first word after a command that only
// selects subcommands (a step's name after ecs-cli, whose arguments pass
// through untouched). On error it returns the command whose flags are wrong.
func (c *command) arrange(args []string) ([]string, *command, error) {
	flags, rest, err := flagenv.Split(c.flags.fs, args, false)
	if err != nil {
		return nil, c, err
	}
	if len(rest) == 0 {
		return flags, nil, nil
	}
	if sub := c.find(rest[0]); sub != nil {
		tail, at, err := sub.arrange(rest[1:])
		if err != nil {
			return nil, at, err
		}
		return append(append(flags, rest[0]), tail...), nil, nil
	}
	if !c.runnable || rest[0] == "--" {
		return append(flags, rest...), nil, nil
	}
	more, positional, err := flagenv.Split(c.flags.fs, rest, true)
	if err != nil {
		return nil, c, err
	}
	return flagenv.Join(append(flags, more...), positional), nil, nil
}
