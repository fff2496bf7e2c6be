package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkStartup builds every binary and times `<binary> --version`, the
// cost of starting it (package initialisation included), and reports its
// peak RSS. Goal: at most 10 ms and 15 MiB each.
func BenchmarkStartup(b *testing.B) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	bin := b.TempDir()
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "./cmd/...")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	entries, err := os.ReadDir(bin)
	if err != nil {
		b.Fatal(err)
	}
	// A child's own rusage counts the memory it shared with this (large)
	// process before exec, so the peak RSS is read through GNU time, whose
	// children start small.
	gnuTime, _ := exec.LookPath("/usr/bin/time")
	for _, e := range entries {
		path := filepath.Join(bin, e.Name())
		b.Run(e.Name(), func(b *testing.B) {
			for b.Loop() {
				if err := exec.Command(path, "--version").Run(); err != nil {
					b.Fatal(err)
				}
			}
			if gnuTime == "" {
				b.Log("no /usr/bin/time: peak RSS not measured")
				return
			}
			out, err := exec.Command(gnuTime, "-f", "%M", path, "--version").CombinedOutput()
			if err != nil {
				b.Fatalf("%v: %s", err, out)
			}
			lines := strings.Fields(string(out))
			kib, err := strconv.ParseFloat(lines[len(lines)-1], 64)
			if err != nil {
				b.Fatalf("reading peak RSS from %q: %v", out, err)
			}
			b.ReportMetric(kib/1024, "MiB-peak-RSS")
		})
	}
}
