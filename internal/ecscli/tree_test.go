package ecscli

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// The expected tree, written from spec/classic-commands.md and the
// original's commands/*.go, not from this package. A flag is written
// "name,short[=default][ $ENV]", with a trailing "!" for a boolean and "*"
// for a repeatable flag.

// Flag groups as the original composed them (its flags.go).
var (
	regionProfile = []string{"region,r", "ecs-profile $ECS_PROFILE", "aws-profile $AWS_PROFILE", "cluster-config"}
	config        = append(slices.Clone(regionProfile), "cluster,c")
	verbose       = []string{"verbose,debug!"}
	serviceLB     = []string{"target-group-arn", "container-name", "container-port", "load-balancer-name", "role", "health-check-grace-period", "target-groups*"}
	serviceSD     = []string{"enable-service-discovery!", "vpc", "private-dns-namespace", "private-dns-namespace-id", "public-dns-namespace-id", "public-dns-namespace", "sd-container-name", "sd-container-port", "dns-ttl", "dns-type", "healthcheck-custom-config-failure-threshold"}
	deployment    = []string{"deployment-max-percent", "deployment-min-healthy-percent"}
	serviceTags   = []string{"disable-ecs-managed-tags!", "tags"}
	taskTags      = []string{"tags", "disable-ecs-managed-tags!"}
	timeout       = []string{"timeout=5"}
	jsonOut       = []string{"json!"} // this toolkit's addition: machine output
)

func join(groups ...[]string) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

var wantTree = []struct {
	path    string
	aliases []string
	flags   []string
}{
	{"", nil, []string{"endpoint", "version,v!"}},
	{"configure", nil, []string{"cluster,c $ECS_CLUSTER", "region,r $AWS_REGION", "config-name=default", "compose-service-name-prefix", "cfn-stack-name", "default-launch-type"}},
	{"configure default", nil, []string{"config-name"}},
	{"configure profile", nil, []string{"access-key $AWS_ACCESS_KEY_ID", "secret-key $AWS_SECRET_ACCESS_KEY", "profile-name=default", "session-token $AWS_SESSION_TOKEN"}},
	{"configure profile default", nil, []string{"profile-name"}},
	{"configure migrate", nil, []string{"force!"}},
	{"up", nil, join([]string{"capability-iam!", "empty,e!", "instance-role", "keypair", "instance-type", "spot-price", "image-id", "no-associate-public-ip-address!", "size", "azs", "security-group", "cidr", "port", "subnets", "vpc", "extra-user-data*", "force,f!", "tags", "imdsv2!"}, config, []string{"launch-type"}, verbose)},
	{"down", nil, join([]string{"force,f!"}, config)},
	{"scale", nil, join([]string{"capability-iam!", "size"}, config)},
	{"ps", nil, join(config, []string{"desired-status"})},
	{"push", nil, join([]string{"registry-id", "tags"}, regionProfile, verbose, []string{"use-fips,fips!"})},
	{"pull", nil, join([]string{"registry-id"}, regionProfile, verbose, []string{"use-fips,fips!"})},
	{"images", nil, join([]string{"tagged!", "untagged!"}, regionProfile, verbose, jsonOut)},
	{"license", nil, nil},
	{"compose", nil, join([]string{"file,f $COMPOSE_FILE*", "project-name,p $COMPOSE_PROJECT_NAME", "task-role-arn", "ecs-params", "registry-creds"}, verbose, config)},
	{"compose create", nil, join(config, []string{"launch-type", "create-log-groups!", "tags"}, jsonOut)},
	{"compose ps", []string{"list"}, join(config, []string{"desired-status"}, jsonOut)},
	{"compose run", nil, join(config, taskTags, jsonOut)},
	{"compose scale", nil, join(config, []string{"launch-type"}, taskTags, jsonOut)},
	{"compose start", nil, join(config, []string{"launch-type", "create-log-groups!"}, taskTags, jsonOut)},
	{"compose stop", []string{"down"}, join(config, jsonOut)},
	{"compose up", nil, join(config, []string{"launch-type", "create-log-groups!", "force-update,u!"}, taskTags, jsonOut)},
	{"compose service", nil, config},
	{"compose service create", nil, join(deployment, serviceLB, config, []string{"launch-type", "create-log-groups!"}, serviceSD, []string{"scheduling-strategy"}, serviceTags, jsonOut)},
	{"compose service start", nil, join(config, timeout, []string{"create-log-groups!", "force-deployment!"}, jsonOut)},
	{"compose service up", nil, join(deployment, serviceLB, config, timeout, []string{"launch-type", "create-log-groups!", "force-deployment!"}, serviceSD, []string{"update-service-discovery!", "scheduling-strategy"}, serviceTags, jsonOut)},
	{"compose service ps", []string{"list"}, join(config, []string{"desired-status"}, jsonOut)},
	{"compose service scale", nil, join(deployment, config, timeout, jsonOut)},
	{"compose service stop", nil, join(config, timeout, jsonOut)},
	{"compose service rm", []string{"delete", "down"}, join(config, timeout, []string{"delete-namespace!"}, jsonOut)},
	{"check-attributes", nil, join(config, []string{"task-def", "container-instances"})},
	{"logs", nil, join(config, []string{"task-id", "task-def", "follow!", "filter-pattern", "container-name", "since", "start-time", "end-time", "timestamps,t!"})},
	{"registry-creds", nil, regionProfile},
	{"registry-creds up", nil, join(regionProfile, []string{"update-existing-secrets!", "role-name", "no-role!", "no-output-file!", "output-dir", "tags"})},
	{"local", nil, []string{"ecs-profile $ECS_PROFILE", "aws-profile $AWS_PROFILE", "region,r"}},
	{"local create", nil, []string{"task-def-file,f", "task-def-remote,t", "output,o", "force!", "use-role!"}},
	{"local up", nil, []string{"task-def-compose,c", "task-def-file,f", "task-def-remote,t", "output,o", "override*", "force!"}},
	{"local ps", nil, []string{"task-def-file,f", "task-def-remote,t", "all!", "json!"}},
	{"local down", nil, []string{"task-def-file,f", "task-def-remote,t", "all!"}},
	// This toolkit's own.
	{"completion", nil, nil},
	{"help", nil, nil},
}

// describe writes spec in the notation of wantTree.
func describe(f *flagSpec) string {
	s := strings.Join(f.names, ",")
	if f.def != "" {
		s += "=" + f.def
	}
	if f.env != "" {
		s += " $" + f.env
	}
	switch f.kind {
	case boolFlag:
		s += "!"
	case listFlag:
		s += "*"
	}
	return s
}

func treeByPath(t *testing.T) map[string]*command {
	t.Helper()
	byPath := map[string]*command{}
	classicTree().walk(func(c *command) { byPath[c.path()] = c })
	return byPath
}

func TestTreeMatchesOriginal(t *testing.T) {
	t.Parallel()
	byPath := treeByPath(t)
	seen := map[string]bool{}
	for _, want := range wantTree {
		seen[want.path] = true
		t.Run(strings.ReplaceAll(want.path, " ", "_"), func(t *testing.T) {
			t.Parallel()
			c := byPath[want.path]
			if c == nil {
				t.Fatalf("command %q missing", want.path)
			}
			if !slices.Equal(c.aliases, want.aliases) {
				t.Errorf("aliases = %q, want %q", c.aliases, want.aliases)
			}
			var got []string
			for _, f := range c.flags.specs {
				got = append(got, describe(f))
			}
			wantFlags := slices.Clone(want.flags)
			sort.Strings(got)
			sort.Strings(wantFlags)
			if !slices.Equal(got, wantFlags) {
				t.Errorf("flags differ\n got: %q\nwant: %q", got, wantFlags)
			}
			if c.help == "" {
				t.Error("no help text")
			}
			for _, f := range c.flags.specs {
				if f.usage == "" {
					t.Errorf("flag --%s has no help", f.name())
				}
			}
		})
	}
	for path := range byPath {
		if !seen[path] {
			t.Errorf("command %q is not in the expected tree", path)
		}
	}
}

// TestFlagNamesUnique guards the FlagSet: a name registered twice panics,
// but only when that command is built, and a shared group added twice would
// do just that.
func TestFlagNamesUnique(t *testing.T) {
	t.Parallel()
	classicTree().walk(func(c *command) {
		names := map[string]bool{}
		for _, f := range c.flags.specs {
			for _, n := range f.names {
				if names[n] {
					t.Errorf("%q: flag %q twice", c.path(), n)
				}
				names[n] = true
			}
		}
	})
}

// TestExecsCoverRunnableCommands keeps the Execs table and the tree in step:
// each runnable command has its entry, and no entry names a command that
// does not exist.
func TestExecsCoverRunnableCommands(t *testing.T) {
	t.Parallel()
	execs := Execs()
	runnable := map[string]bool{}
	classicTree().walk(func(c *command) {
		if !c.runnable {
			return
		}
		runnable[c.path()] = true
		if execs[c.path()] == nil {
			t.Errorf("no Exec for %q", c.path())
		}
	})
	for path := range execs {
		if !runnable[path] {
			t.Errorf("Exec for %q, which is not a runnable command", path)
		}
	}
	if len(runnable) == 0 {
		t.Error("the classic tree has no runnable command")
	}
}

// TestTreesAreIndependent: two trees share no flag values, so a run cannot
// leak into another (steps chain in one process; tests run in parallel).
func TestTreesAreIndependent(t *testing.T) {
	t.Parallel()
	a, b := classicTree(), classicTree()
	if err := a.find("compose").flags.fs.Parse([]string{"--project-name", "web"}); err != nil {
		t.Fatal(err)
	}
	if got := b.find("compose").flags.lookup("project-name").value.String(); got != "" {
		t.Fatalf("second tree sees project-name %q", got)
	}
}
