package ecscli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sort"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecscli/licenses"
)

// printLicenses is `ecs-cli license`: this project's licence, then the
// licence of every module the running binary was built from.
func printLicenses(_ context.Context, inv *Invocation) error {
	var deps []*debug.Module
	if bi, ok := debug.ReadBuildInfo(); ok {
		deps = bi.Deps
	}
	return writeLicenses(inv.Stdout, deps)
}

// writeLicenses takes the dependency list as an argument because it is the
// binary's: a test binary links other modules than ecs-cli does. Without
// build info it prints every bundled licence.
func writeLicenses(w io.Writer, deps []*debug.Module) error {
	if _, err := io.WriteString(w, licenses.Project()); err != nil {
		return err
	}
	type entry struct{ path, version, text string }
	var entries []entry
	if deps == nil {
		for _, m := range licenses.All() {
			if m.Path != "std" {
				entries = append(entries, entry{m.Path, m.Version, m.Text})
			}
		}
	}
	for _, d := range deps {
		if d.Replace != nil {
			d = d.Replace
		}
		e := entry{path: d.Path, version: d.Version}
		if m, ok := licenses.Lookup(d.Path); ok {
			e.text = m.Text
		} else {
			e.text = "(licence text not bundled: run go generate ./internal/ecscli/licenses)\n"
		}
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].path < entries[j].path })
	if std, ok := licenses.Lookup("std"); ok {
		entries = append(entries, entry{"Go standard library", runtime.Version(), std.Text})
	}
	for _, e := range entries {
		if _, err := fmt.Fprintf(w, "\n==== %s %s ====\n\n%s", e.path, e.version, e.text); err != nil {
			return err
		}
	}
	return nil
}
