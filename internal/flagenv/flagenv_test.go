package flagenv

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

// TestParsePrecedence: the command line beats the environment, for long and
// short names alike, and an empty variable counts as unset.
func TestParsePrecedence(t *testing.T) {
	for _, tc := range []struct {
		name  string
		env   map[string]string
		args  []string
		files []string
		proj  string
	}{
		{name: "nothing", files: nil, proj: ""},
		{name: "env only", env: map[string]string{"COMPOSE_FILE": "a.yml", "COMPOSE_PROJECT_NAME": "p"}, files: []string{"a.yml"}, proj: "p"},
		{name: "args beat env", env: map[string]string{"COMPOSE_FILE": "a.yml"}, args: []string{"--file", "b.yml"}, files: []string{"b.yml"}},
		{name: "short name beats env", env: map[string]string{"COMPOSE_PROJECT_NAME": "env"}, args: []string{"-p", "flag"}, proj: "flag"},
		{name: "empty env is unset", env: map[string]string{"COMPOSE_PROJECT_NAME": ""}, proj: ""},
		{name: "repeated flag appends", args: []string{"-f", "a", "--file", "b"}, files: []string{"a", "b"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var files StringList
			var proj string
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.Var(&files, "file", "")
			fs.Var(&files, "f", "")
			fs.StringVar(&proj, "project-name", "", "")
			fs.StringVar(&proj, "p", "", "")
			getenv := func(k string) string { return tc.env[k] }
			err := Parse(fs, tc.args, getenv, Binding{"file", "COMPOSE_FILE"}, Binding{"project-name", "COMPOSE_PROJECT_NAME"})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(files, ",") != strings.Join(tc.files, ",") || proj != tc.proj {
				t.Errorf("files %q project %q; want %q %q", files, proj, tc.files, tc.proj)
			}
		})
	}
}

func TestPrintDefaultsJoinsAliases(t *testing.T) {
	var s string
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.StringVar(&s, "project-name", "", "the `name`")
	fs.StringVar(&s, "p", "", "the `name`")
	fs.Bool("zeta", false, "last")
	var buf bytes.Buffer
	PrintDefaults(fs, &buf)
	want := "  -p, --project-name name\n    \tthe name\n  --zeta\n    \tlast\n"
	if buf.String() != want {
		t.Errorf("got\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestInterspersed(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.String("role-name", "", "")
	fs.Bool("no-role", false, "")
	for in, want := range map[string]string{
		"creds.yml --role-name r":           "--role-name r -- creds.yml",
		"--no-role creds.yml":               "--no-role -- creds.yml",
		"creds.yml --role-name=r --no-role": "--role-name=r --no-role -- creds.yml",
		"a -- --role-name":                  "-- a --role-name",
		"--role-name r":                     "--role-name r",
	} {
		if got := strings.Join(Interspersed(fs, strings.Fields(in)), " "); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
