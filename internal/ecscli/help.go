package ecscli

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// helpWidth is where help text wraps.
const helpWidth = 80

// stepOrder lists the toolkit's steps in pipeline order; help lists them so.
func stepOrder() []string {
	return []string{"compose2td", "register", "run", "service", "cluster", "logs", "regcreds", "local", "image"}
}

// stepHelp is the one line root help prints for each step.
func stepHelp() map[string]string {
	return map[string]string{
		"compose2td": "Docker Compose project (+ ecs-params, registry creds) -> task definition document",
		"register":   "register the document's task definition (reusing an identical revision)",
		"run":        "run tasks from the document's task definition and wait for them",
		"service":    "create or update the ECS service for the document",
		"cluster":    "cluster commands: up, down, scale, ps, check-attributes",
		"logs":       "print CloudWatch logs of tasks",
		"regcreds":   "store private registry credentials (registry-creds up)",
		"local":      "run a task definition with docker compose on this machine",
		"image":      "ECR images: push, pull, images",
	}
}

// rootNotes explains how steps and classic commands meet.
const rootNotes = `Every step of the toolkit is also a command: "ecs-cli STEP ARGS..." runs
ecs-STEP in this process with ARGS exactly as given (--help included), so
one binary is enough. Classic names win where they meet a step: "ecs-cli
logs" and "ecs-cli local ..." parse the original's flags and then run the
logs and local steps. The classic up, down, scale, ps and check-attributes
run the cluster step; compose commands chain compose2td, register and run
(or service).`

// writeUsage prints cmd's help: how to call it, what it does, its
// subcommands and its flags.
func writeUsage(w io.Writer, cmd *command, steps Steps) {
	fmt.Fprintf(w, "USAGE\n  %s\n", usageLine(cmd))
	if cmd.parent == nil {
		fmt.Fprintf(w, "  %s STEP [ARGS...]\n", rootName)
	}
	fmt.Fprintf(w, "\n%s\n", indent(wrap(cmd.help, helpWidth-2), "  "))

	if len(cmd.subs) > 0 {
		fmt.Fprintf(w, "\nCOMMANDS\n")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, s := range cmd.subs {
			fmt.Fprintf(tw, "  %s\t%s\n", strings.Join(s.names(), ", "), firstSentence(s.help))
		}
		tw.Flush()
	}
	if cmd.parent == nil && len(steps) > 0 {
		fmt.Fprintf(w, "\nSTEPS\n")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		descr := stepHelp()
		for _, name := range sortedSteps(steps) {
			fmt.Fprintf(tw, "  %s\t%s\n", name, descr[name])
		}
		tw.Flush()
		fmt.Fprintf(w, "\n%s\n", indent(rootNotes, "  "))
	}

	fmt.Fprintf(w, "\nFLAGS\n")
	for _, f := range cmd.flags.specs {
		fmt.Fprintf(w, "  %s\n", flagTitle(f))
		u := wrap(flagUsage(f), helpWidth-6)
		fmt.Fprintf(w, "%s\n", indent(strings.ReplaceAll(u, nbsp, " "), "      "))
	}
	fmt.Fprintf(w, "  -h, --help\n      Show this help.\n")
}

// usageLine is the synopsis: the path with a [flags] slot wherever the
// original accepted flags, so `compose [flags] service [flags] up [flags]`
// says where compose-level flags must go.
func usageLine(cmd *command) string {
	var parts []string
	for _, c := range cmd.lineage() {
		parts = append(parts, c.name)
		if len(c.flags.specs) > 0 {
			parts = append(parts, "[flags]")
		}
	}
	switch {
	case len(cmd.subs) > 0 && cmd.runnable:
		parts = append(parts, "[COMMAND]")
	case len(cmd.subs) > 0:
		parts = append(parts, "COMMAND")
	case cmd.args != "":
		parts = append(parts, cmd.args)
	}
	return strings.Join(parts, " ")
}

// flagTitle is "-c, --cluster value": short forms first, as -x.
func flagTitle(f *flagSpec) string {
	var short, long []string
	for _, n := range f.names {
		if len(n) == 1 {
			short = append(short, "-"+n)
		} else {
			long = append(long, "--"+n)
		}
	}
	t := strings.Join(append(short, long...), ", ")
	if f.kind != boolFlag {
		t += " value"
	}
	return t
}

// nbsp holds the notes flagUsage adds together when help wraps.
const nbsp = "\u00a0"

// flagUsage is the flag's help with its default, repeatability and
// environment variable.
func flagUsage(f *flagSpec) string {
	u := f.usage
	if f.def != "" {
		u += " (default:" + nbsp + f.def + ")"
	}
	if f.kind == listFlag {
		u += " (repeatable)"
	}
	if f.env != "" {
		u += " (env" + nbsp + f.env + ")"
	}
	return u
}

// sortedSteps lists the steps of the table: the toolkit's in pipeline
// order, then any others by name.
func sortedSteps(steps Steps) []string {
	var names, extra []string
	known := map[string]bool{}
	for _, n := range stepOrder() {
		known[n] = true
		if _, ok := steps[n]; ok {
			names = append(names, n)
		}
	}
	for n := range steps {
		if !known[n] {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	return append(names, extra...)
}

// firstSentence shortens a command's help for the list in its parent's help.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}

// wrap breaks text into lines of at most width bytes, at ASCII spaces only
// (so nbsp holds), keeping the line breaks it already has.
func wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Split(para, " ") {
			switch {
			case word == "":
			case line == "":
				line = word
			case len(line)+1+len(word) > width:
				out = append(out, line)
				line = word
			default:
				line += " " + word
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func indent(text, prefix string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// helpCommand is `ecs-cli help [COMMAND...]`, the same help as --help.
func helpCommand() *command {
	c := newCommand("help", "Shows the help of a command, as --help does.")
	c.args = "[COMMAND...]"
	return c
}

func printHelp(_ context.Context, inv *Invocation) error {
	cmd := inv.cmd
	for cmd.parent != nil {
		cmd = cmd.parent
	}
	return showHelp(inv.Stdout, cmd, inv.Args, inv.Steps)
}

// isHelpWord reports whether word asks a command that has subcommands for
// help, as the original's `help` and `h` did at every such level
// (ecs-cli compose help up, ecs-cli compose service h).
func isHelpWord(cmd *command, word string) bool {
	return len(cmd.subs) > 0 && (word == "help" || word == "h") && cmd.find(word) == nil
}

// showHelp writes the help of the command that words name below cmd.
func showHelp(w io.Writer, cmd *command, words []string, steps Steps) error {
	for _, word := range words {
		next := cmd.find(word)
		if next == nil {
			return usageError("unknown command %q", strings.TrimSpace(cmd.path()+" "+word))
		}
		cmd = next
	}
	writeUsage(w, cmd, steps)
	return nil
}
