package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// entries lists a folder, to prove no temporary file is left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestWriteModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := t.TempDir()
	for _, perm := range []fs.FileMode{0o600, 0o644, 0o640} {
		path := filepath.Join(dir, "f"+perm.String())
		if err := Write(path, []byte("x"), perm); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != perm {
			t.Errorf("new file: mode %v, want %v", fi.Mode().Perm(), perm)
		}
	}
	// An existing world-readable file becomes 0600 with its new content.
	path := filepath.Join(dir, "creds")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o644)
	if err := Write(path, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 || read(t, path) != "new" {
		t.Errorf("replaced file: mode %v, content %q; want 0600, new", fi.Mode().Perm(), read(t, path))
	}
}

// A write that fails part-way leaves the old file as it was, and nothing else.
func TestWriteFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := WriteFunc(path, 0o600, false, func(w io.Writer) error {
		w.Write([]byte("half of the new"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want the fill's", err)
	}
	if got := read(t, path); got != "precious" {
		t.Errorf("content after a failed write: %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
	// Nor does a failed first write leave a partial new file.
	fresh := filepath.Join(dir, "fresh")
	WriteFunc(fresh, 0o600, false, func(w io.Writer) error { w.Write([]byte("half")); return boom })
	if _, err := os.Lstat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed write created %s (%v)", fresh, err)
	}
}

func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.yml")
	if err := WriteNew(path, []byte("first"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(path, []byte("second"), 0o600); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second WriteNew: %v, want fs.ErrExist", err)
	}
	if got := read(t, path); got != "first" {
		t.Errorf("content %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("files left: %v", names)
	}
}

// A symbolic link stays a link; its target gets the content and the mode,
// and a link to nowhere is refused, not replaced.
func TestWriteThroughSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges")
	}
	home, dots := t.TempDir(), t.TempDir()
	target := filepath.Join(dots, "ecs-config")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(home, "config")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file (%v)", err)
	}
	if fi, _ := os.Stat(target); read(t, target) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("target: %q mode %v, want new 0600", read(t, target), fi.Mode().Perm())
	}
	if names := entries(t, dots); len(names) != 1 {
		t.Errorf("files left beside the target: %v", names)
	}

	dangling := filepath.Join(home, "dangling")
	if err := os.Symlink(filepath.Join(dots, "missing"), dangling); err != nil {
		t.Fatal(err)
	}
	if err := Write(dangling, []byte("x"), 0o600); err == nil {
		t.Error("a dangling link was written through")
	}
	if fi, err := os.Lstat(dangling); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced (%v)", err)
	}
	if err := WriteNew(link, []byte("x"), 0o600); !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteNew over a link: %v, want fs.ErrExist", err)
	}
}
