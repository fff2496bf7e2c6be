// Package licenses bundles the licence texts ecs-cli license prints: this
// project's, and those of the modules it is built from. The files are
// generated from the module cache by gen.go; regenerate them after changing
// dependencies.
package licenses

//go:generate go run gen.go

import (
	"embed"
	"sort"
	"strings"
)

//go:embed LICENSE modules.txt texts
var files embed.FS

// Module is one dependency as bundled.
type Module struct {
	Path    string
	Version string // the version whose text was bundled
	Text    string
}

// Project returns this project's LICENSE.
func Project() string { return read("LICENSE") }

// Lookup returns the bundled licence of the module at path.
func Lookup(path string) (Module, bool) {
	for _, m := range All() {
		if m.Path == path {
			return m, true
		}
	}
	return Module{}, false
}

// All returns every bundled module, by path.
func All() []Module {
	var mods []Module
	for _, line := range strings.Split(read("modules.txt"), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		mods = append(mods, Module{Path: f[0], Version: f[1], Text: read("texts/" + f[2])})
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].Path < mods[j].Path })
	return mods
}

// read returns an embedded file; the files are part of the binary, so a
// missing one is a build mistake the tests catch.
func read(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("licenses: " + err.Error())
	}
	return string(b)
}
