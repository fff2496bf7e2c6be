package compose

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// convertFiles writes files into a temporary folder and converts
// docker-compose.yml there, with the ecs-params and registry creds files
// when written.
func convertFiles(t *testing.T, files map[string]string) error {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	o := Options{Files: []string{"docker-compose.yml"}, Dir: dir, ProjectName: "p", Env: map[string]string{"HOME": dir}}
	if _, ok := files["ecs-params.yml"]; ok {
		o.EcsParamsFile = "ecs-params.yml"
	}
	if _, ok := files["creds.yml"]; ok {
		o.RegistryCredsFile = "creds.yml"
	}
	_, err := Convert(context.Background(), o)
	return err
}

const web = "services:\n  web:\n    image: nginx\n    mem_limit: 64m\n"

// padded is text followed by a YAML comment that makes it exactly n bytes.
func padded(text string, n int) string {
	pad := n - len(text) - len("#\n")
	return text + "#" + strings.Repeat("x", pad) + "\n"
}

// nested is a compose file whose web service has labels nested so that the
// deepest mapping is at depth levels (the top=1, services=2, web=3,
// x-deep=4, ...), on line levels+2.
func nested(levels int) string {
	var b strings.Builder
	b.WriteString(web + "    x-deep:\n")
	indent := "      "
	for d := 5; d <= levels; d++ {
		b.WriteString(indent + "k:\n")
		indent += "  "
	}
	b.WriteString(indent + "v: 1\n")
	return b.String()
}

func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want it to contain %q", err, want)
	}
}

func TestComposeFileSizeLimit(t *testing.T) {
	max := int(limits.Compose.Limit)
	if err := convertFiles(t, map[string]string{"docker-compose.yml": padded(web, max)}); err != nil {
		t.Fatalf("a compose file of exactly the limit: %v", err)
	}
	err := convertFiles(t, map[string]string{"docker-compose.yml": padded(web, max+1)})
	wantErr(t, err, "docker-compose.yml: larger than 4 MiB, the limit for a compose file")
}

func TestComposeFileNotText(t *testing.T) {
	err := convertFiles(t, map[string]string{"docker-compose.yml": "\x00\x00\x00\x00"})
	wantErr(t, err, "docker-compose.yml: not a text file (a NUL byte at offset 0)")
}

func TestComposeDepthLimit(t *testing.T) {
	if _, err := yamlDocuments([]byte(nested(limits.ComposeDepth)), "c.yml"); err != nil {
		t.Fatalf("nested %d deep: %v", limits.ComposeDepth, err)
	}
	if err := convertFiles(t, map[string]string{"docker-compose.yml": nested(limits.ComposeDepth)}); err != nil {
		t.Fatalf("converting a file nested %d deep: %v", limits.ComposeDepth, err)
	}
	deep := nested(limits.ComposeDepth + 1)
	err := convertFiles(t, map[string]string{"docker-compose.yml": deep})
	wantErr(t, err, "docker-compose.yml: line 67: nested more than 64 levels deep, the limit for a compose file")

	flow := web + "    x-deep: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n"
	wantErr(t, convertFiles(t, map[string]string{"docker-compose.yml": flow}), "docker-compose.yml: line 5: nested more than 64 levels deep")
	beyondParser := web + "    x-deep: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n"
	wantErr(t, convertFiles(t, map[string]string{"docker-compose.yml": beyondParser}), "docker-compose.yml: nested more than 64 levels deep")
	second := web + "---\n" + deep
	wantErr(t, convertFiles(t, map[string]string{"docker-compose.yml": second}), "nested more than 64 levels deep")
}

func TestComposeSideFiles(t *testing.T) {
	max := int(limits.Compose.Limit)
	big := padded("A=1\n", max+1)
	envFile := web + "    env_file: app.env\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"env_file over the limit", map[string]string{"docker-compose.yml": envFile, "app.env": big},
			"services.web.env_file: " + "DIR/app.env: larger than 4 MiB, the limit for a compose file"},
		{"env_file long form over the limit", map[string]string{"docker-compose.yml": web + "    env_file:\n      - path: app.env\n", "app.env": big},
			"services.web.env_file: DIR/app.env: larger than 4 MiB"},
		{"env_file not text", map[string]string{"docker-compose.yml": envFile, "app.env": "\x00\x00"},
			"services.web.env_file: DIR/app.env: not a text file"},
		{"env_file a device", map[string]string{"docker-compose.yml": web + "    env_file: /dev/zero\n"},
			"services.web.env_file: /dev/zero is not a regular file"},
		{"label_file over the limit", map[string]string{"docker-compose.yml": web + "    label_file: l.env\n", "l.env": big},
			"services.web.label_file: DIR/l.env: larger than 4 MiB"},
		{".env over the limit", map[string]string{"docker-compose.yml": web, ".env": big},
			".env: DIR/.env: larger than 4 MiB"},
		{"extends file over the limit", map[string]string{"docker-compose.yml": web + "    extends: {file: base.yml, service: b}\n", "base.yml": padded(web, max+1)},
			"services.web.extends.file: DIR/base.yml: larger than 4 MiB"},
		{"extends file with a variable", map[string]string{"docker-compose.yml": web + "    extends: {file: '${HOME}/base.yml', service: b}\n", "base.yml": padded(web, max+1)},
			"services.web.extends.file: DIR/base.yml: larger than 4 MiB"},
		{"extends file too deep", map[string]string{"docker-compose.yml": web + "    extends: {file: base.yml, service: b}\n", "base.yml": nested(100)},
			"services.web.extends.file: DIR/base.yml: line 67: nested more than 64 levels deep"},
		{"extends of extends a device", map[string]string{"docker-compose.yml": web + "    extends: {file: sub/base.yml, service: web}\n",
			"sub/base.yml": web + "    extends: {file: /dev/zero, service: b}\n"},
			"services.web.extends.file: /dev/zero is not a regular file"},
		// Found in review: an extends given through an alias or a merge key
		// was not followed, and an extended file's sizes were not checked.
		{"extends through an alias", map[string]string{"docker-compose.yml": "x-ext: &e {file: base.yml, service: b}\n" + web + "    extends: *e\n", "base.yml": padded(web, max+1)},
			"services.web.extends.file: DIR/base.yml: larger than 4 MiB"},
		{"extends through a merge key", map[string]string{"docker-compose.yml": "x-base: &b\n  extends: {file: base.yml, service: b}\n" + web + "    <<: *b\n", "base.yml": padded(web, max+1)},
			"services.web.extends.file: DIR/base.yml: larger than 4 MiB"},
		{"extended file's size too large", map[string]string{"docker-compose.yml": web + "    extends: {file: base.yml, service: b}\n", "base.yml": "services:\n  b:\n    image: x\n    mem_limit: 99999999999999999999\n"},
			"services.web.extends.file: DIR/base.yml: "},
		{"include over the limit", map[string]string{"docker-compose.yml": "include: [inc.yml]\n" + web, "inc.yml": padded(web, max+1)},
			"include[0].path: DIR/inc.yml: larger than 4 MiB"},
		{"include long form env_file", map[string]string{"docker-compose.yml": "include:\n  - path: inc.yml\n    env_file: [i.env]\n" + web, "inc.yml": "services:\n  other:\n    image: x\n", "i.env": big},
			"include[0].env_file: DIR/i.env: larger than 4 MiB"},
		{"included file's own include", map[string]string{"docker-compose.yml": "include: [inc/a.yml]\n" + web, "inc/a.yml": "include: [b.yml]\nservices:\n  other:\n    image: x\n", "inc/b.yml": nested(70)},
			"include[0].path: DIR/inc/b.yml: line 67: nested more than 64 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			err := convertIn(t, dir, tt.files)
			wantErr(t, err, strings.ReplaceAll(tt.want, "DIR", dir))
		})
	}
}

// convertIn is convertFiles in the folder dir.
func convertIn(t *testing.T, dir string, files map[string]string) error {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Convert(context.Background(), Options{Files: []string{"docker-compose.yml"}, Dir: dir, ProjectName: "p", Env: map[string]string{"HOME": dir}})
	return err
}

// Side files within the limits still work: the checks must not get in the
// way of env_file, label_file, .env, extends and include.
func TestComposeSideFilesWithinLimits(t *testing.T) {
	err := convertFiles(t, map[string]string{
		"docker-compose.yml": "include: [inc.yml]\n" + web + "    env_file: app.env\n    label_file: l.env\n    extends: {file: base.yml, service: b}\n    environment: ['FROM_DOTENV=${DOT}']\n",
		"app.env":            "A=1\n",
		"l.env":              "L=1\n",
		".env":               "DOT=1\n",
		"base.yml":           "services:\n  b:\n    image: base\n",
		"inc.yml":            "services:\n  other:\n    image: x\n    mem_limit: 64m\n",
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestEcsParamsSizeLimit(t *testing.T) {
	max := int(limits.EcsParams.Limit)
	if err := convertFiles(t, map[string]string{"docker-compose.yml": web, "ecs-params.yml": padded("version: 1\n", max)}); err != nil {
		t.Fatalf("ecs-params of exactly the limit: %v", err)
	}
	err := convertFiles(t, map[string]string{"docker-compose.yml": web, "ecs-params.yml": padded("version: 1\n", max+1)})
	wantErr(t, err, "ecs-params.yml: larger than 4 MiB, the limit for an ecs-params file")
	_, err = ReadEcsParams(&zeros{}, "<pipe>", nil)
	wantErr(t, err, "reading <pipe>: not a text file (a NUL byte at offset 0)")
}

func TestRegistryCredsSizeLimit(t *testing.T) {
	max := int(limits.RegistryCreds.Limit)
	creds := "version: \"1\"\nregistry_credential_outputs:\n  task_execution_role: r\n"
	if _, err := ReadRegistryCreds(bytes.NewReader([]byte(padded(creds, max))), "creds.yml"); err != nil {
		t.Fatalf("creds of exactly the limit: %v", err)
	}
	err := convertFiles(t, map[string]string{"docker-compose.yml": web, "creds.yml": padded(creds, max+1)})
	wantErr(t, err, "reading creds.yml: larger than 1 MiB, the limit for a registry credentials file")
	_, err = ReadRegistryCreds(&zeros{}, "<pipe>")
	wantErr(t, err, "reading <pipe>: not a text file (a NUL byte at offset 0)")
}

// zeros stands for /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// labels is a compose file of 12 nodes (the document, its keys and values)
// plus a list of n labels.
func labels(n int) string {
	var b strings.Builder
	b.WriteString(web + "    labels:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - l%d\n", i)
	}
	return b.String()
}

func TestComposeNodeLimit(t *testing.T) {
	if _, err := yamlDocuments([]byte(labels(limits.ComposeNodes-12)), "c.yml"); err != nil {
		t.Fatalf("exactly the limit of nodes: %v", err)
	}
	_, err := yamlDocuments([]byte(labels(limits.ComposeNodes-11)), "c.yml")
	wantErr(t, err, "c.yml: more than 50000 keys, values and list items, the limit for a compose file")
	err = convertFiles(t, map[string]string{"docker-compose.yml": labels(limits.ComposeNodes)})
	wantErr(t, err, "docker-compose.yml: more than 50000 keys, values and list items, the limit for a compose file")

	// Aliases count as what they stand for: 10 KB of text, a million nodes.
	var b strings.Builder
	b.WriteString(web + "    x-a: &a [" + strings.Repeat("1, ", 999) + "1]\n    x-b: [")
	b.WriteString(strings.Repeat("*a, ", 999) + "*a]\n")
	err = convertFiles(t, map[string]string{"docker-compose.yml": b.String()})
	wantErr(t, err, "docker-compose.yml: more than 50000 keys, values and list items")
	// Anchors that refer to each other do not make the count loop or overflow.
	laughs := web + "    x-0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
	for i := 1; i < 40; i++ {
		laughs += fmt.Sprintf("    x-%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	_, err = yamlDocuments([]byte(laughs), "c.yml")
	wantErr(t, err, "c.yml: more than 50000 keys, values and list items")
}
