// Package e2e runs the testscript stories in testdata/scripts against the
// real binaries' Run functions, each as its own process.
package e2e

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/cmdmain"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecscli"
	"github.com/ecs-toolkit/ecs-toolkit/internal/scriptcmd"
)

// binaries are the commands scripts can exec, as cmd/*/main.go wires them:
// ecs-cli and an ecs-STEP for every step of its table.
func binaries() map[string]cmdmain.RunFunc {
	m := map[string]cmdmain.RunFunc{"ecs-cli": ecsCLI}
	for name, run := range ecscli.DefaultSteps() {
		m["ecs-"+name] = run
	}
	return m
}

// ecsCLI is ecscli.Run, except that a story setting ECSCLI_TEST_ECHO_STEP
// to a step's name gets that step replaced by scriptcmd.EchoStep, to show
// what ecs-cli hands it.
func ecsCLI(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	steps := ecscli.DefaultSteps()
	if name := os.Getenv(scriptcmd.EchoStepEnv); name != "" {
		steps[name] = scriptcmd.EchoStep
	}
	return ecscli.New(steps, ecscli.WithGetenv(os.Getenv)).Run(ctx, args, stdin, stdout, stderr)
}

func TestMain(m *testing.M) {
	cmds := map[string]func(){}
	for name, run := range binaries() {
		cmds[name] = func() {
			types := newTypeGuard(os.Stderr, name+" stderr")
			code := run(context.Background(), os.Args[1:], os.Stdin, newLeakGuard(os.Stdout, name+" stdout"), newLeakGuard(types, name+" stderr"))
			types.Close()
			os.Exit(code)
		}
	}
	cmds["docker"] = fakeDocker
	realDocker, _ = exec.LookPath("docker") // before testscript puts the fake first
	testscript.Main(m, cmds)
}

func TestScripts(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join(root, "testdata", "scripts"),
		RequireExplicitExec: true,
		UpdateScripts:       os.Getenv("TESTSCRIPT_UPDATE") != "",
		Setup: func(env *testscript.Env) error {
			// Sealed: no real home, no AWS settings from the developer's shell.
			home := filepath.Join(env.WorkDir, "home")
			if err := os.MkdirAll(home, 0o755); err != nil {
				return err
			}
			env.Setenv("HOME", home)
			env.Setenv("REPO", root)
			for _, k := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "ECS_PROFILE", "ECS_CLUSTER", "COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES"} {
				env.Setenv(k, "")
			}
			startFake(env)
			failOnLeaks(env)
			failOnGoTypes(env)
			return nil
		},
		Condition: engineCondition,
		Cmds:      map[string]func(ts *testscript.TestScript, neg bool, args []string){"fake": cmdFake, "fake-images": cmdFakeImages, "capture": scriptcmd.Capture, "exits": scriptcmd.Exits, "docker-engine": cmdDockerEngine, "http-get": cmdHTTPGet},
	})
}
