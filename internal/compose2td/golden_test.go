package compose2td

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/compose")

// TestGolden converts every project under testdata/compose/<case>/ and
// compares with the case's golden files:
//
//	args          optional: flags, one per line (e.g. --launch-type FARGATE)
//	env           optional: KEY=VALUE lines, the whole environment
//	want.json     the document written on success
//	want.err      the error (exit 2) expected instead
//	warnings.txt  the warnings, one per line (absent: none expected)
func TestGolden(t *testing.T) {
	root := filepath.Join("..", "..", "testdata", "compose")
	cases, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		n++
		dir, err := filepath.Abs(filepath.Join(root, c.Name()))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(c.Name(), func(t *testing.T) { runGolden(t, dir) })
	}
	if n < 40 {
		t.Errorf("only %d golden cases; the suite promises at least 40", n)
	}
}

func runGolden(t *testing.T, dir string) {
	var f Flags
	fs := flag.NewFlagSet("golden", flag.ContinueOnError)
	f.Register(fs)
	if err := fs.Parse(readLines(t, filepath.Join(dir, "args"))); err != nil {
		t.Fatalf("args: %v", err)
	}
	env := map[string]string{}
	for _, kv := range readLines(t, filepath.Join(dir, "env")) {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	doc, warnings, err := Convert(context.Background(), f, dir, env)
	if err != nil {
		if exitcode.Of(exitcode.AsUsage(err)) != exitcode.Usage {
			t.Fatalf("error does not map to exit 2: %v", err)
		}
		msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
		checkText(t, filepath.Join(dir, "want.err"), msg+"\n")
		return
	}
	if _, err := os.Stat(filepath.Join(dir, "want.err")); err == nil && !*update {
		t.Fatalf("converted, but want.err expects an error")
	}
	var out bytes.Buffer
	if err := doc.Write(&out); err != nil {
		t.Fatal(err)
	}
	got := strings.ReplaceAll(out.String(), dir, "$DIR")
	checkJSON(t, filepath.Join(dir, "want.json"), got)
	var ws string
	for _, w := range warnings {
		ws += strings.ReplaceAll(w, dir, "$DIR") + "\n"
	}
	if ws != "" || fileExists(filepath.Join(dir, "warnings.txt")) {
		checkText(t, filepath.Join(dir, "warnings.txt"), ws)
	}
}

func readLines(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func checkText(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it); got:\n%s", err, got)
	}
	if string(want) != got {
		t.Errorf("%s differs\n--- want\n%s--- got\n%s", filepath.Base(path), want, got)
	}
}

// checkJSON compares as JSON values, so the golden file may be laid out by
// hand; key order inside objects does not matter, list order does.
func checkJSON(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		checkText(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it); got:\n%s", err, got)
	}
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, got)
	}
	wb, _ := json.MarshalIndent(w, "", "  ")
	gb, _ := json.MarshalIndent(g, "", "  ")
	if !bytes.Equal(wb, gb) {
		t.Errorf("want.json differs\n--- want\n%s\n--- got\n%s", wb, gb)
	}
}
