package e2e

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// fakeDocker is the `docker` scripts run: it appends its argv (and its
// stdin, indented, when there is any) to $WORK/docker.log and answers from
// the script's $WORK/.docker/* files. Each answer file reads
//
//	network inspect ecs-local-network     the argv prefix it answers
//	exit 1                                the exit code
//	Error: No such network: ...           the output: stdout, or stderr when exit is not 0
//
// and the longest matching prefix wins. Unmatched image commands (build,
// tag, login, push, pull, image inspect) are answered for real
// (docker_images.go); other unmatched commands succeed silently.
func fakeDocker() {
	work := os.Getenv("WORK")
	line := strings.Join(os.Args[1:], " ")
	logf, err := os.OpenFile(filepath.Join(work, "docker.log"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake docker:", err)
		os.Exit(125)
	}
	fmt.Fprintf(logf, "docker %s\n", line)
	// A script may ask whether a variable reached docker, without the value
	// ever being written: FAKE_DOCKER_EXPECT_ENV=NAME=VALUE.
	if want := os.Getenv("FAKE_DOCKER_EXPECT_ENV"); want != "" && strings.HasPrefix(line, "compose ") {
		name, value, _ := strings.Cut(want, "=")
		verdict := "missing"
		if os.Getenv(name) == value {
			verdict = "ok"
		}
		fmt.Fprintf(logf, "  env %s %s\n", name, verdict)
	}
	var in []byte
	if st, err := os.Stdin.Stat(); err == nil && st.Mode()&os.ModeCharDevice == 0 {
		in, _ = io.ReadAll(os.Stdin)
		for _, l := range strings.Split(strings.TrimRight(string(in), "\n"), "\n") {
			if l != "" {
				fmt.Fprintf(logf, "  %s\n", l)
			}
		}
	}
	logf.Close()

	files, _ := filepath.Glob(filepath.Join(work, ".docker", "*"))
	best, code, out := -1, 0, ""
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		prefix, rest, _ := strings.Cut(string(data), "\n")
		if line != prefix && !strings.HasPrefix(line, prefix+" ") || len(prefix) <= best {
			continue
		}
		exit, body, _ := strings.Cut(rest, "\n")
		n, err := strconv.Atoi(strings.TrimPrefix(exit, "exit "))
		if err != nil {
			fmt.Fprintf(os.Stderr, "fake docker: %s: second line must be \"exit N\"\n", f)
			os.Exit(125)
		}
		best, code, out = len(prefix), n, body
	}
	if best < 0 {
		if handled, code := dockerBuiltin(work, os.Args[1:], in); handled {
			os.Exit(code)
		}
	}
	if code != 0 {
		fmt.Fprint(os.Stderr, out)
	} else {
		fmt.Fprint(os.Stdout, out)
	}
	os.Exit(code)
}
