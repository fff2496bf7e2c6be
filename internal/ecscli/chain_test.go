package ecscli

import (
	"slices"
	"testing"
)

// The compose commands hand each step its flags as --name=value, so a value
// starting with "-" reaches the step as a value: the steps refuse
// `--name -value` as a flag missing its value.
func TestChainFlagsKeepDashValues(t *testing.T) {
	t.Parallel()
	steps, recs := fakeSteps()
	_, stderr, code := run(New(steps), "compose", "--project-name=-web", "-f=-x.yml", "service", "up",
		"--cluster=-c", "--role=-r", "--launch-type", "EC2", "--tags=-k=v", "--target-groups=-tg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for step, want := range map[string][]string{
		"compose2td": {"--project-name=-web", "--file=-x.yml", "--tags=-k=v"},
		"register":   {"--cluster=-c"},
		"service":    {"--cluster=-c", "--role=-r", "--launch-type=EC2", "--target-groups=-tg"},
	} {
		calls := recs[step].args
		if len(calls) == 0 {
			t.Errorf("%s did not run", step)
			continue
		}
		for _, w := range want {
			if !slices.Contains(calls[len(calls)-1], w) {
				t.Errorf("%s got %q, want %q among them", step, calls[len(calls)-1], w)
			}
		}
	}
}
