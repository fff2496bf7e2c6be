package image

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fake docker is this test binary, run through a symlink named
// docker: it appends its argv and stdin to docker.log beside the symlink,
// and answers like docker does. An image whose name holds "missing" is not
// a local image.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "docker" {
		os.Exit(fakeDocker(os.Args[1:]))
	}
	os.Exit(m.Run())
}

type dockerCall struct {
	Args  []string `json:"args"`
	Stdin string   `json:"stdin"`
}

func fakeDocker(args []string) int {
	var stdin string
	if len(args) > 0 && args[0] == "login" {
		b, _ := io.ReadAll(os.Stdin)
		stdin = string(b)
	}
	line, _ := json.Marshal(dockerCall{args, stdin})
	f, err := os.OpenFile(filepath.Join(filepath.Dir(os.Args[0]), "docker.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Fprintf(f, "%s\n", line)
	f.Close()
	last := ""
	if len(args) > 0 {
		last = args[len(args)-1]
	}
	switch {
	case len(args) == 0:
		return 1
	case args[0] == "login":
		fmt.Println("Login Succeeded")
	case args[0] == "image" || args[0] == "tag":
		src := last
		if args[0] == "tag" {
			src = args[1]
		}
		if strings.Contains(src, "missing") {
			fmt.Fprintf(os.Stderr, "Error response from daemon: No such image: %s\n", src)
			return 1
		}
		fmt.Println("sha256:" + sum(src))
	case args[0] == "push":
		_, tag, _ := strings.Cut(last[strings.LastIndex(last, "/"):], ":")
		fmt.Printf("The push refers to repository [%s]\n%s: digest: sha256:%s size: 528\n", last, tag, sum(last))
	case args[0] == "pull":
		fmt.Printf("Status: Downloaded newer image for %s\n", last)
	}
	return 0
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// fakeDockerCLI makes a docker symlink to this binary in a new directory.
func fakeDockerCLI(t *testing.T) (CLI, func() []dockerCall) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "docker")
	if err := os.Symlink(exe, path); err != nil {
		t.Fatal(err)
	}
	calls := func() []dockerCall {
		f, err := os.Open(filepath.Join(dir, "docker.log"))
		if os.IsNotExist(err) {
			return nil
		} else if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var out []dockerCall
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var c dockerCall
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		return out
	}
	return CLI{Path: path}, calls
}
