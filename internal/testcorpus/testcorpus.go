// Package testcorpus finds the shared corpus of files other people wrote
// (compose projects, task definitions) for tests. It sits beside the
// repository, in ../shared/corpus, on every machine the tests run on; a
// test that cannot find it fails rather than skip, so a moved corpus is
// never mistaken for a pass.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the corpus folder sub (e.g. "real-world"), failing t when
// it is not there.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join(root(), "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the shared corpus is missing (it sits beside the repository): %v", err)
	}
	return dir
}

// TaskDefinitions returns the corpus's task definition files, failing t
// when there are none.
func TaskDefinitions(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(t, "task-definitions"), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no task definitions in the shared corpus (%v)", err)
	}
	return files
}

// root is the module's root: the nearest folder above the working
// directory (a package's folder under go test) holding go.mod.
func root() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
