package ecscli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
)

// strayCases give each step a command line with one argument more than it
// takes ("stray"), and what its refusal says. A step added to DefaultSteps
// without a case here fails TestStepsRefuseStrayArguments.
var strayCases = map[string]struct {
	args []string
	says string
}{
	"compose2td": {[]string{"stray"}, `unexpected argument "stray"`},
	"register":   {[]string{"doc.json", "stray"}, `"stray"`},
	"image":      {[]string{"pull", "web", "stray"}, "pull requires exactly 1 argument"},
	"logs":       {[]string{"--task-id", "t", "stray"}, `unexpected argument "stray"`},
	"regcreds":   {[]string{"up", "creds.yml", "stray"}, `"stray"`},
	"run":        {[]string{"ps", "doc.json", "stray"}, `"stray"`},
	"local":      {[]string{"ps", "stray"}, `"stray"`},
	"service":    {[]string{"ps", "doc.json", "stray"}, `"stray"`},
	"cluster":    {[]string{"ps", "stray"}, "stray"},
}

// noAWS points every AWS client at a closed port with test keys, in an empty
// home; the steps also run under awsconf.DryRun, so a step that got as far
// as an AWS call would fail with exit 1, not 2.
func noAWS(t *testing.T) context.Context {
	home := t.TempDir()
	for k, v := range map[string]string{
		"HOME": home, "AWS_CONFIG_FILE": filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "test", "AWS_ENDPOINT_URL": "http://127.0.0.1:1",
		"AWS_EC2_METADATA_DISABLED": "true", "ECS_CLUSTER": "demo", "COMPOSE_FILE": "", "AWS_PROFILE": "", "ECS_PROFILE": "",
	} {
		t.Setenv(k, v)
	}
	return awsconf.DryRun(context.Background())
}

// Every step refuses an argument it does not take, with exit 2 and a
// message naming it, instead of dropping it.
func TestStepsRefuseStrayArguments(t *testing.T) {
	ctx := noAWS(t)
	var names []string
	for n := range DefaultSteps() {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c, ok := strayCases[n]
		if !ok {
			t.Errorf("step %q has no stray-argument case in strayCases", n)
			continue
		}
		var stdout, stderr bytes.Buffer
		code := DefaultSteps()[n](ctx, c.args, strings.NewReader("{}"), &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), c.says) || stdout.Len() != 0 {
			t.Errorf("%s %q: exit %d, stdout %q, stderr %q; want 2 and %q", n, c.args, code, stdout.String(), stderr.String(), c.says)
		}
	}
}

// Every classic command that takes no arguments refuses one, before any
// step runs.
func TestClassicCommandsRefuseStrayArguments(t *testing.T) {
	ctx := noAWS(t)
	n := 0
	classicTree().walk(func(c *command) {
		if !c.runnable || c.args != "" {
			return
		}
		n++
		args := append(strings.Fields(c.path()), "stray")
		var stdout, stderr bytes.Buffer
		code := New(DefaultSteps(), WithGetenv(os.Getenv)).Run(ctx, args, strings.NewReader(""), &stdout, &stderr)
		want := c.title() + `: unexpected argument "stray" (` + c.title() + " takes flags only)\n"
		if code != 2 || stderr.String() != want || stdout.Len() != 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", args, code, stdout.String(), stderr.String(), want)
		}
	})
	if n < 20 {
		t.Errorf("only %d commands without arguments: is the walk right?", n)
	}
}
