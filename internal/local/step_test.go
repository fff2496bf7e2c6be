package local

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// dockerFunc is a one-call fake for in-process tests; the recorded,
// exec'd fake that answers like the real CLI lives in internal/e2e.
type dockerFunc func(args []string) (string, error)

func (f dockerFunc) Docker(_ context.Context, args []string, _ []string, _ io.Reader, stdout, _ io.Writer) error {
	out, err := f(args)
	if stdout != nil {
		io.WriteString(stdout, out)
	}
	return err
}

func runIn(t *testing.T, dir string, d Docker, args ...string) (string, string, int) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	env := Env{Getenv: func(string) string { return "" }, Docker: d, Stdin: strings.NewReader("")}
	code := RunEnv(context.Background(), args, env, &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

func TestUsageErrors(t *testing.T) {
	never := dockerFunc(func(args []string) (string, error) {
		t.Errorf("docker %q called", args)
		return "", nil
	})
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "Usage: ecs-local"},
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"create"}, "could not detect valid task definition"},
		{[]string{"up", "-f", "a.json", "-t", "web"}, "task-def-file and task-def-remote can not be used together"},
		{[]string{"up", "-c", "a.yml", "-t", "web"}, "task-def-remote and task-def-compose can not be used together"},
		{[]string{"up", "-c", "a.yml", "-o", "b.yml"}, "output and task-def-compose can not be used together"},
		{[]string{"up"}, "need to provide one of task-definition.json or docker-compose.ecs-local.yml"},
		{[]string{"ps", "-f", "a.json", "-t", "web"}, "task-def-file and task-def-remote can not be used together"},
		{[]string{"down", "--all", "-t", "web"}, "can not be used together"},
		{[]string{"ps", "--bogus"}, "flag provided but not defined"},
	} {
		_, stderr, code := runIn(t, t.TempDir(), never, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestUseRoleAndModes(t *testing.T) {
	td := &types.TaskDefinition{
		TaskRoleArn: aws.String("arn:aws:iam::123456789012:role/app-role"),
		PidMode:     types.PidModeTask, IpcMode: types.IpcModeHost,
		ContainerDefinitions: []types.ContainerDefinition{{Name: aws.String("my-app"), Image: aws.String("x"),
			Secrets: []types.Secret{{Name: aws.String("K"), ValueFrom: aws.String("/p")}}}},
	}
	c, err := Convert(td, Options{UseRole: true, Input: Input{Type: "remote", Value: "web:1"}})
	if err != nil {
		t.Fatal(err)
	}
	s := c.Base.Services["my-app"]
	if got := s.Environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]; got != "/role/app-role" {
		t.Errorf("credentials URI %q", got)
	}
	if s.Environment["K"] != "${my_app_K}" || s.Labels["ecs-local.secret.K"] != "/p" {
		t.Errorf("secret: env %q label %q", s.Environment["K"], s.Labels["ecs-local.secret.K"])
	}
	if s.Pid != "" || s.Ipc != "host" {
		t.Errorf("pid %q ipc %q", s.Pid, s.Ipc)
	}
	if len(c.Notes) != 1 || !strings.HasPrefix(c.Notes[0], "PID mode") {
		t.Errorf("notes %q", c.Notes)
	}
}

func TestNoContainers(t *testing.T) {
	_, err := ReadTaskDefinition(strings.NewReader(`{"family": "x", "containerDefinitions": []}`), "td.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Convert(&types.TaskDefinition{}, Options{}); err == nil || err.Error() != "task definition must include at least one container definition" {
		t.Errorf("err %v", err)
	}
}

func TestOverridePath(t *testing.T) {
	for in, want := range map[string]string{"out.yml": "out.override.yml", "docker-compose.ecs-local.yml": "docker-compose.ecs-local.override.yml", "x": "x.override.yml"} {
		if got := OverridePath(in); got != want {
			t.Errorf("OverridePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// volumesFrom becomes volumes_from (read-only as ":ro"); a source that is
// not a container of the task is an error naming it.
func TestVolumesFrom(t *testing.T) {
	td := &types.TaskDefinition{ContainerDefinitions: []types.ContainerDefinition{
		{Name: aws.String("data"), Image: aws.String("busybox")},
		{Name: aws.String("web"), Image: aws.String("nginx"), VolumesFrom: []types.VolumeFrom{
			{SourceContainer: aws.String("data"), ReadOnly: aws.Bool(true)}}},
	}}
	c, err := Convert(td, Options{Input: Input{Type: "local", Value: "td.json"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Base.Services["web"].VolumesFrom; len(got) != 1 || got[0] != "data:ro" {
		t.Errorf("volumes_from = %q, want [data:ro]", got)
	}
	td.ContainerDefinitions[1].VolumesFrom[0].SourceContainer = aws.String("gone")
	if _, err := Convert(td, Options{}); err == nil || err.Error() != `container web: volumesFrom names "gone", which is not a container of the task` {
		t.Errorf("err %v", err)
	}
}
