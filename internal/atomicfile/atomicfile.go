// Package atomicfile writes files so that a reader, or a crash, sees either
// the old content or the new, never an empty or half-written file.
//
// The data goes to a temporary file in the destination's folder (a rename
// is atomic only within one file system), which is synced, given its mode
// and then renamed over the destination; the folder is synced after. The
// mode is set on the temporary file, never on the destination path, so no
// chmod ever goes through a symbolic link.
//
// A destination that is a symbolic link stays one: the file it points to is
// replaced (atomically, in that file's folder), so a ~/.ecs/config kept in
// a dotfiles repository and linked from home keeps working. A link that
// points nowhere is refused rather than replaced by a plain file.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write replaces the file at path with data, mode perm.
func Write(path string, data []byte, perm fs.FileMode) error {
	return WriteFunc(path, perm, false, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteNew creates the file at path with data, mode perm; if anything is at
// path already (a symbolic link included) it fails with an error matching
// fs.ErrExist and leaves it alone.
func WriteNew(path string, data []byte, perm fs.FileMode) error {
	return WriteFunc(path, perm, true, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc is Write (or, with noReplace, WriteNew) for content that fill
// writes. When fill fails nothing at path changes and no temporary file is
// left behind.
func WriteFunc(path string, perm fs.FileMode, noReplace bool, fill func(io.Writer) error) error {
	dest, err := destination(path, noReplace)
	if err != nil {
		return err
	}
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp made it 0600, so content meant to be private is never
	// readable by others, not even for a moment.
	if err := fill(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if noReplace {
		err = link(tmp.Name(), dest)
	} else {
		err = os.Rename(tmp.Name(), dest)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	done = true
	syncDir(dir)
	return nil
}

// destination is the file to replace for path: path itself, or the file a
// symbolic link at path points to.
func destination(path string, noReplace bool) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, nil
	case err != nil:
		return "", fmt.Errorf("writing %s: %w", path, err)
	case noReplace:
		return "", fmt.Errorf("writing %s: %w", path, fs.ErrExist)
	case fi.Mode()&fs.ModeSymlink == 0:
		if fi.IsDir() {
			return "", fmt.Errorf("writing %s: it is a folder", path)
		}
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("writing %s: it is a symbolic link to a file that cannot be found (%w); not replacing the link", path, err)
	}
	if fi, err := os.Stat(target); err == nil && !fi.Mode().IsRegular() {
		return "", fmt.Errorf("writing %s: it is a symbolic link to %s, which is not a regular file", path, target)
	}
	return target, nil
}

// link puts the finished temporary file at dest unless something is there,
// then removes the temporary name. Where hard links are not supported, an
// exclusive create at dest is the fallback: still never a replacement,
// though no longer atomic.
func link(tmp, dest string) error {
	err := os.Link(tmp, dest)
	if err == nil || errors.Is(err, fs.ErrExist) {
		os.Remove(tmp)
		return err
	}
	defer os.Remove(tmp)
	data, rerr := os.ReadFile(tmp)
	if rerr != nil {
		return rerr
	}
	fi, serr := os.Stat(tmp)
	if serr != nil {
		return serr
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fi.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(dest)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(dest)
		return err
	}
	return f.Close()
}

// syncDir makes the rename itself durable. Best effort: some systems
// (Windows) cannot sync a folder, and the data is already safe.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
