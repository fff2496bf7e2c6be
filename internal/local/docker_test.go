package local

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeBin writes shell scripts into a folder that becomes the whole PATH.
func fakeBin(t *testing.T, scripts map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
}

const (
	dockerWithPlugin = `echo "docker $*"`
	// What docker without the plugin answers to `docker compose ...`.
	dockerWithoutPlugin = `if [ "$1" = compose ]; then echo "docker: 'compose' is not a docker command." >&2; exit 1; fi; echo "docker $*"`
)

// `docker compose` is the Compose plugin when docker has it, the standalone
// docker-compose otherwise, and one error naming both when neither is there.
func TestComposeCommand(t *testing.T) {
	for _, tc := range []struct {
		name    string
		scripts map[string]string
		want    string
	}{
		{"plugin", map[string]string{"docker": dockerWithPlugin, "docker-compose": `echo "standalone $*"`}, "docker compose -f a.yml up -d"},
		{"standalone", map[string]string{"docker": dockerWithoutPlugin, "docker-compose": `echo "standalone $*"`}, "standalone -f a.yml up -d"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fakeBin(t, tc.scripts)
			var out bytes.Buffer
			c := &CLI{}
			for range 2 { // the choice is made once and kept
				out.Reset()
				if err := c.Docker(context.Background(), []string{"compose", "-f", "a.yml", "up", "-d"}, nil, nil, &out, &out); err != nil {
					t.Fatal(err)
				}
				if got := strings.TrimSpace(out.String()); got != tc.want {
					t.Errorf("ran %q, want %q", got, tc.want)
				}
			}
			// Other commands are docker's own.
			out.Reset()
			if err := c.Docker(context.Background(), []string{"ps"}, nil, nil, &out, &out); err != nil || strings.TrimSpace(out.String()) != "docker ps" {
				t.Errorf("docker ps ran %q (%v)", out.String(), err)
			}
		})
	}
	t.Run("neither", func(t *testing.T) {
		fakeBin(t, map[string]string{"docker": dockerWithoutPlugin})
		err := (&CLI{}).Docker(context.Background(), []string{"compose", "up"}, nil, nil, nil, nil)
		want := "Docker Compose is not installed: neither the Compose plugin (`docker compose`) nor the standalone `docker-compose` was found"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("err = %v, want %q...", err, want)
		}
	})
}
