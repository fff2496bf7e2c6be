package flagenv

import (
	"bytes"
	"flag"
	"fmt"
	"io"
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

// TestParseInterspersed: flags after positional arguments are read, "--"
// ends the flags, and the positional arguments keep their order.
func TestParseInterspersed(t *testing.T) {
	for in, want := range map[string]string{
		"creds.yml --role-name r":                  "role=r no-role=false args=[creds.yml]",
		"--no-role creds.yml":                      "role= no-role=true args=[creds.yml]",
		"a --role-name=r b --no-role c":            "role=r no-role=true args=[a b c]",
		"a -- --role-name x":                       "role= no-role=false args=[a --role-name x]",
		"--role-name r":                            "role=r no-role=false args=[]",
		"- --role-name r":                          "role=r no-role=false args=[-]",
		"--count -3 x":                             "role= no-role=false count=-3 args=[x]",
		"scale -3 --no-role":                       "role= no-role=true args=[scale -3]",
		"--role-name=--odd":                        "role=--odd no-role=false args=[]",
		"--role-name -":                            "role=- no-role=false args=[]",
		"task extra --endpoint http://x --no-role": "role= no-role=true endpoint=http://x args=[task extra]",
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		role := fs.String("role-name", "", "")
		noRole := fs.Bool("no-role", false, "")
		count := fs.Int("count", 0, "")
		endpoint := fs.String("endpoint", "", "")
		if err := Parse(fs, strings.Fields(in), func(string) string { return "" }); err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		got := fmt.Sprintf("role=%s no-role=%t", *role, *noRole)
		if *count != 0 {
			got += fmt.Sprintf(" count=%d", *count)
		}
		if *endpoint != "" {
			got += " endpoint=" + *endpoint
		}
		got += fmt.Sprintf(" args=%v", fs.Args())
		if got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

// TestParseRefusesFlagAsValue: a flag missing its value does not swallow the
// next flag; the message names the flag and the way to pass such a value.
func TestParseRefusesFlagAsValue(t *testing.T) {
	for in, want := range map[string]string{
		"--cluster --endpoint X":          `flag --cluster needs a value, but the next argument "--endpoint" is a flag; to give a value that starts with "-", write --cluster=VALUE`,
		"x -cluster -v":                   `flag -cluster needs a value, but the next argument "-v" is a flag; to give a value that starts with "-", write -cluster=VALUE`,
		"--cluster --":                    `flag --cluster needs a value, but the next argument "--" is a flag; to give a value that starts with "-", write --cluster=VALUE`,
		"--cluster --endpoint=http://x":   `flag --cluster needs a value, but the next argument "--endpoint" is a flag; to give a value that starts with "-", write --cluster=VALUE`,
		"--secret-key -XsecretXsecretX":   `flag --secret-key needs a value, but the next argument starts with "-"; to give a value that starts with "-", write --secret-key=VALUE`,
		"--secret-key --Xsecret=XsecretX": `flag --secret-key needs a value, but the next argument starts with "-"; to give a value that starts with "-", write --secret-key=VALUE`,
		// Last on the line after an argument: the "--" Join puts before
		// the arguments must not become its value (found by FuzzParse).
		"doc.json --cluster": `flag needs an argument: --cluster`,
		"--cluster":          `flag needs an argument: --cluster`,
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		var out bytes.Buffer
		fs.SetOutput(&out)
		cluster := fs.String("cluster", "", "")
		secret := fs.String("secret-key", "", "")
		fs.String("endpoint", "", "")
		fs.Bool("v", false, "")
		err := Parse(fs, strings.Fields(in), func(string) string { return "" })
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %s", in, err, want)
		}
		if out.String() != want+"\n" {
			t.Errorf("%q: printed %q", in, out.String())
		}
		if *cluster != "" || *secret != "" {
			t.Errorf("%q: cluster %q, secret %q set", in, *cluster, *secret)
		}
		if strings.Contains(out.String(), "Xsecret") {
			t.Errorf("%q: the value reached the message", in)
		}
	}
}

func TestSplitStopsAtFirstArgument(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.String("region", "", "")
	flags, pos, err := Split(fs, strings.Fields("--region r service up --cluster c -- x"), false)
	if err != nil || strings.Join(flags, " ") != "--region r" || strings.Join(pos, " ") != "service up --cluster c -- x" {
		t.Errorf("got %q %q %v", flags, pos, err)
	}
	flags, pos, err = Split(fs, strings.Fields("--region r -- service"), false)
	if err != nil || strings.Join(flags, " ") != "--region r" || strings.Join(pos, " ") != "-- service" {
		t.Errorf("got %q %q %v", flags, pos, err)
	}
	if got := strings.Join(Join(flags, []string{"-x"}), " "); got != "--region r -- -x" {
		t.Errorf("Join: %q", got)
	}
}

func TestNoArguments(t *testing.T) {
	if err := NoArguments(nil); err != nil {
		t.Error(err)
	}
	if err := NoArguments([]string{"a"}); err == nil || err.Error() != `unexpected argument "a"` {
		t.Error(err)
	}
	if err := NoArguments([]string{"a", "b"}); err == nil || err.Error() != `unexpected arguments ["a" "b"]` {
		t.Error(err)
	}
}

// A --query that does not compile ends the step at parse time (exit 2),
// before any of its work; one that compiles goes on.
func TestParseCommandChecksQuery(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		done bool
		says string
	}{
		{[]string{"--query", ".["}, 2, true, `t: parsing --query ".[":`},
		{[]string{"--query", "undefined_fn(1)"}, 2, true, `t: compiling --query "undefined_fn(1)":`},
		{[]string{"--query", ".taskDefinitionArn"}, 0, false, ""},
		{nil, 0, false, ""},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.String("query", "", "")
		var stdout, stderr bytes.Buffer
		code, done := ParseCommand(fs, tc.args, func(string) string { return "" }, "", &stdout, &stderr)
		if code != tc.code || done != tc.done || !strings.HasPrefix(stderr.String(), tc.says) || (tc.says == "" && stderr.Len() > 0) {
			t.Errorf("%q: code %d done %t stderr %q", tc.args, code, done, stderr.String())
		}
	}
}
