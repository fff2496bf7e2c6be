package awsconf

import (
	"flag"
	"io"
	"testing"
)

func TestFlags(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ECS_PROFILE": "envp", "AWS_PROFILE": "enva", "ECS_CLUSTER": "envc"}
	tests := []struct {
		name       string
		args       []string
		launchType bool
		want       Flags
	}{
		{"long names", []string{"--region", "r", "--cluster", "c", "--cluster-config", "cc", "--ecs-profile", "p", "--aws-profile", "a", "--endpoint", "http://x"}, false,
			Flags{Region: "r", Cluster: "c", ClusterConfig: "cc", ECSProfile: "p", AWSProfile: "a", Endpoint: "http://x"}},
		{"short names, profiles from the environment", []string{"-r", "r", "-c", "c"}, false,
			Flags{Region: "r", Cluster: "c", ECSProfile: "envp", AWSProfile: "enva"}},
		{"launch type where registered", []string{"--launch-type", "FARGATE"}, true,
			Flags{LaunchType: "FARGATE", ECSProfile: "envp", AWSProfile: "enva"}},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("step", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var f Flags
		f.Register(fs)
		if tt.launchType {
			f.RegisterLaunchType(fs)
		}
		if err := fs.Parse(tt.args); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		f.FromEnv(func(k string) string { return env[k] })
		if f != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, f, tt.want)
		}
	}
	fs := flag.NewFlagSet("step", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	new(Flags).Register(fs)
	if err := fs.Parse([]string{"--launch-type", "EC2"}); err == nil {
		t.Error("--launch-type registered without RegisterLaunchType")
	}
}
