package compose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchProject writes a compose project with n services, each using the
// common fields (ports, env, volumes, logging, healthcheck, limits).
func benchProject(b *testing.B, n int) Options {
	var sb strings.Builder
	sb.WriteString("services:\n")
	for i := range n {
		fmt.Fprintf(&sb, `  svc%03d:
    image: registry.example.com/team/app%d:1.2.%d
    command: ["serve", "--port", "%d"]
    ports: ["%d:80", "%d/udp"]
    environment:
      A: "1"
      B: two
      C: ${HOME}
    volumes: ["/var/data/%d:/data", "shared:/shared:ro"]
    mem_limit: 256m
    cpu_shares: 128
    ulimits: {nofile: {soft: 1024, hard: 4096}}
    logging: {driver: awslogs, options: {awslogs-group: g, awslogs-stream-prefix: s%d}}
    healthcheck: {test: "curl -f localhost", interval: 30s, timeout: 5s, retries: 3}
`, i, i, i, 8000+i, 10000+i, 20000+i, i, i)
	}
	sb.WriteString("volumes:\n  shared:\n")
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "docker-compose.yml"), []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return Options{Files: []string{"docker-compose.yml"}, Dir: dir, Env: map[string]string{"HOME": "/home/u"}}
}

// BenchmarkConvert measures whole conversions (load, merge, convert).
// Goal: 200 services in at most 20 ms.
func BenchmarkConvert(b *testing.B) {
	for _, n := range []int{1, 20, 200} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			o := benchProject(b, n)
			for b.Loop() {
				if _, err := Convert(context.Background(), o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkConvertLoaded measures only this package's work, on a project
// compose-go has already loaded: the part the toolkit controls.
func BenchmarkConvertLoaded(b *testing.B) {
	for _, n := range []int{1, 20, 200} {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			o := benchProject(b, n)
			p, err := loadProject(context.Background(), []string{filepath.Join(o.Dir, o.Files[0])}, o.Env, "bench", true)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				c := &converter{projectName: "bench", params: &EcsParams{}}
				if _, err := c.convert(o, p, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
