package ecscli

import (
	"context"
	"strings"
)

// completionShells are the shells `ecs-cli completion` writes scripts for.
func completionShells() []string { return []string{"bash", "zsh", "fish"} }

func completionCommand() *command {
	c := newCommand("completion", "Prints a shell completion script for commands and flags. Load it with: source <(ecs-cli completion bash) (or zsh); for fish: ecs-cli completion fish | source")
	c.args = "bash|zsh|fish"
	c.words = completionShells()
	return c
}

func printCompletion(_ context.Context, inv *Invocation) error {
	if len(inv.Args) != 1 {
		return usageError("want one shell, bash, zsh or fish; got %d arguments", len(inv.Args))
	}
	root := inv.cmd.parent
	nodes := completionNodes(root, inv.Steps)
	var script string
	switch inv.Args[0] {
	case "bash":
		script = bashScript(nodes)
	case "zsh":
		script = zshScript(nodes)
	case "fish":
		script = fishScript(nodes)
	default:
		return usageError("unknown shell %q: want bash, zsh or fish", inv.Args[0])
	}
	_, err := inv.Stdout.Write([]byte(script))
	return err
}

// compNode is what completion knows at one command path, as typed (an
// alias gives a path of its own). All of it is read off the tree that
// parses the command line.
type compNode struct {
	path   string            // words after ecs-cli: "compose service rm"
	subs   []string          // subcommands, with aliases (and steps, at the root)
	words  []string          // fixed values of the first argument
	flags  []string          // every spelling: -c, --cluster
	values []string          // the spellings that take a value, so the next word is not a command
	specs  []*flagSpec       // for fish, which describes flags
	descr  map[string]string // one line per subcommand, for fish
}

// completionNodes flattens the tree, root first, every alias spelled out.
func completionNodes(root *command, steps Steps) []compNode {
	var out []compNode
	var visit func(c *command, path string)
	visit = func(c *command, path string) {
		n := compNode{path: path, words: c.words, specs: c.flags.specs, descr: map[string]string{}}
		for _, s := range c.subs {
			for _, name := range s.names() {
				n.subs = append(n.subs, name)
				n.descr[name] = firstSentence(s.help)
			}
		}
		if c.parent == nil {
			descr := stepHelp()
			for _, name := range sortedSteps(steps) {
				if c.find(name) == nil { // logs and local are classic commands first
					n.subs = append(n.subs, name)
					n.descr[name] = "step: " + descr[name]
				}
			}
		}
		for _, f := range c.flags.specs {
			for _, name := range f.names {
				spelling := "--" + name
				if len(name) == 1 {
					spelling = "-" + name
				}
				n.flags = append(n.flags, spelling)
				if f.kind != boolFlag {
					n.values = append(n.values, spelling)
				}
			}
		}
		n.flags = append(n.flags, "-h", "--help")
		out = append(out, n)
		for _, s := range c.subs {
			for _, name := range s.names() {
				visit(s, strings.TrimSpace(path+" "+name))
			}
		}
	}
	visit(root, "")
	return out
}
