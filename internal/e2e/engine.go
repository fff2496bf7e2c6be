package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/local"
)

// Stories run against the fake docker (docker_fake.go) unless they start
//
//	[!engine] skip 'needs a real Docker engine'
//	docker-engine
//
// from where on `docker` is the machine's real Docker CLI talking to a real
// engine, with the Compose plugin. The condition is false when there is no
// engine, and an error under CI=true, where a missing engine must fail.
//
// The real engine is one for the whole test process, so the stories that
// use it take turns (engine.turn) and each ends by removing what ecs-local
// leaves (its task containers, the endpoints container, the network).
// Nothing can be pulled here: the images the stories run are built from
// internal/e2e/testapp, a static program in a FROM scratch image, and the
// ECS local endpoints image is that program too (its "endpoints" role).

// realDocker is the docker program on PATH before testscript put the fake
// in front of it (TestMain sets it).
var realDocker string

// Images every real-engine story can run.
const (
	testappImage   = "ecs-toolkit/testapp:latest"
	endpointsImage = "amazon/amazon-ecs-local-container-endpoints:latest"
)

var engine struct {
	once sync.Once
	err  error  // why there is no engine, found once
	bin  string // folder holding the docker link and the testapp binary
	turn sync.Mutex
}

// engineCondition answers [engine]: whether the real engine is there.
func engineCondition(cond string) (bool, error) {
	if cond != "engine" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	engine.once.Do(func() {
		if engine.err = prepareEngine(); engine.err != nil {
			// The one line that says why, once per run.
			fmt.Fprintf(os.Stderr, "real-engine stories skip: %v\n", engine.err)
		}
	})
	if engine.err != nil && os.Getenv("CI") == "true" {
		return false, fmt.Errorf("CI=true needs a real Docker engine with the Compose plugin: %v", engine.err)
	}
	return engine.err == nil, nil
}

// cmdDockerEngine switches the script to the real engine:
//
//	docker-engine    put the real docker first on PATH, serve the fake's
//	                 ECR registry at its loopback address ($REGISTRY), and
//	                 set $TESTAPP (the test program, to COPY into images
//	                 the story builds) and $TESTAPP_IMAGE.
func cmdDockerEngine(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: docker-engine")
	}
	if ok, err := engineCondition("engine"); !ok {
		ts.Fatalf("no real Docker engine (start the story with [!engine] skip): %v %v", err, engine.err)
	}
	engine.turn.Lock()
	cleanEngine() // whatever an interrupted run left
	ts.Defer(func() {
		cleanEngine()
		engine.turn.Unlock()
	})
	ts.Setenv("PATH", engine.bin+string(os.PathListSeparator)+ts.Getenv("PATH"))
	ts.Setenv("TESTAPP", filepath.Join(engine.bin, "testapp"))
	ts.Setenv("TESTAPP_IMAGE", testappImage)
	for _, k := range []string{"DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY"} {
		if v := os.Getenv(k); v != "" {
			ts.Setenv(k, v)
		}
	}
	srv, _ := ts.Value(fakeKey{}).(*awsfake.Server)
	u, err := url.Parse(ts.Value(fakeURLKey{}).(string))
	ts.Check(err)
	srv.SetRegistryHost(u.Host)
	ts.Setenv("REGISTRY", u.Host)
}

// prepareEngine checks for an engine and the Compose plugin, builds the
// test program and the images every story uses.
func prepareEngine() error {
	if os.Getenv("ECS_TOOLKIT_NO_ENGINE") != "" {
		return fmt.Errorf("ECS_TOOLKIT_NO_ENGINE is set")
	}
	if realDocker == "" {
		return fmt.Errorf("no docker program on PATH")
	}
	if out, err := dockerCmd("info", "--format", "{{.ServerVersion}}"); err != nil {
		return fmt.Errorf("docker info: %v: %s", err, out)
	}
	if out, err := dockerCmd("compose", "version"); err != nil {
		return fmt.Errorf("docker compose version: %v: %s", err, out)
	}
	if err := engineIsOurs(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "ecs-toolkit-engine-")
	if err != nil {
		return err
	}
	engine.bin = dir
	if err := os.Symlink(realDocker, filepath.Join(dir, "docker")); err != nil {
		return err
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return err
	}
	build := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, "testapp"), "./internal/e2e/testapp")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the test program: %v: %s", err, out)
	}
	for image, cmd := range map[string]string{testappImage: `["/testapp"]`, endpointsImage: `["/testapp", "endpoints"]`} {
		df := "FROM scratch\nCOPY testapp /testapp\nLABEL " + standInLabel + "=1\nENTRYPOINT " + cmd + "\n"
		ctx := filepath.Join(dir, "ctx-"+strings.NewReplacer("/", "-", ":", "-").Replace(image))
		if err := os.MkdirAll(ctx, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(ctx, "Dockerfile"), []byte(df), 0o644); err != nil {
			return err
		}
		if err := os.Link(filepath.Join(dir, "testapp"), filepath.Join(ctx, "testapp")); err != nil {
			return err
		}
		if out, err := dockerCmd("build", "-q", "-t", image, ctx); err != nil {
			return fmt.Errorf("building image %s: %v: %s", image, err, out)
		}
	}
	return nil
}

// standInLabel marks the images the stories build, so the real endpoints
// image is told from our stand-in under the same name.
const standInLabel = "org.ecs-toolkit.test-image"

// engineIsOurs refuses an engine the stories would damage: they retag the
// endpoints image with the stand-in and remove every ecs-local container,
// the endpoints container and the network. On a developer's engine with
// the real endpoints image, or ecs-local tasks of its own, the stories
// skip (and fail under CI=true) saying why, rather than take them away.
// What an earlier run of the stories left (task definitions under the
// temporary folder, ARNs of the fake's account) does not count.
func engineIsOurs() error {
	// The stand-in runs /testapp (and carries standInLabel); the real one does not.
	if out, err := dockerCmd("image", "inspect", "--format", "{{index .Config.Labels \""+standInLabel+"\"}} {{.Config.Entrypoint}}", endpointsImage); err == nil && !strings.Contains(out, "[/testapp ") {
		return fmt.Errorf("this engine has the real %s image, which the stories would replace by a stand-in (remove it to run them here)", endpointsImage)
	}
	containers, err := ecsLocalContainers()
	if err != nil {
		return err
	}
	var foreign []string
	for _, c := range containers {
		if strings.HasPrefix(c.input, os.TempDir()+string(os.PathSeparator)) || strings.HasPrefix(c.input, "arn:aws:ecs:us-east-1:123456789012:") {
			continue
		}
		foreign = append(foreign, c.name)
	}
	if len(foreign) > 0 {
		return fmt.Errorf("this engine runs ecs-local containers of its own (%s), which the stories would remove", strings.Join(foreign, ", "))
	}
	return nil
}

// dockerCmd runs the real docker with the classic builder (there is no
// buildx here) and returns what it printed.
func dockerCmd(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, realDocker, args...)
	cmd.Env = append(os.Environ(), "DOCKER_BUILDKIT=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return strings.TrimSpace(out.String()), err
}

// cleanEngine removes what ecs-local makes: the containers it labels, the
// endpoints container and the network. Errors are ignored: each part may
// be gone already.
func cleanEngine() {
	containers, _ := ecsLocalContainers()
	if len(containers) > 0 {
		rm := []string{"rm", "-f"}
		for _, c := range containers {
			rm = append(rm, c.name)
		}
		dockerCmd(rm...)
	}
	dockerCmd("rm", "-f", local.EndpointsName)
	dockerCmd("network", "rm", local.NetworkName)
}

// ecsLocalContainer is a container ecs-local made: its name and the task
// definition input it came from.
type ecsLocalContainer struct{ name, input string }

// ecsLocalContainers lists the containers ecs-local labels, in every state.
func ecsLocalContainers() ([]ecsLocalContainer, error) {
	out, err := dockerCmd("ps", "-a", "--filter", "label="+local.LabelInputValue, "--format", "{{.Names}}\t{{.Label \""+local.LabelInputValue+"\"}}")
	if err != nil {
		return nil, fmt.Errorf("docker ps: %v: %s", err, out)
	}
	var containers []ecsLocalContainer
	for _, line := range strings.Split(out, "\n") {
		if name, input, ok := strings.Cut(line, "\t"); ok {
			containers = append(containers, ecsLocalContainer{name, input})
		}
	}
	return containers, nil
}

// cmdHTTPGet fetches a URL a container serves:
//
//	http-get URL   GET URL, retrying for up to 20 s while nothing listens
//	               or the answer is a 5xx (a container still starting);
//	               the body goes to stdout, and a status other than 200
//	               fails (or, with !, is expected).
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: http-get URL")
	}
	c := http.Client{Timeout: 5 * time.Second}
	var last string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := c.Get(args[0])
		if err != nil {
			last = err.Error()
			continue
		}
		var body bytes.Buffer
		_, err = body.ReadFrom(http.MaxBytesReader(nil, resp.Body, 1<<20))
		resp.Body.Close()
		if err != nil || resp.StatusCode >= 500 && resp.StatusCode != http.StatusBadGateway {
			last = fmt.Sprintf("%s %v", resp.Status, err)
			continue
		}
		ts.Stdout().Write(body.Bytes())
		ok := resp.StatusCode == http.StatusOK
		if ok == neg {
			ts.Fatalf("GET %s: %s: %s", args[0], resp.Status, strings.TrimSpace(body.String()))
		}
		return
	}
	if !neg {
		ts.Fatalf("GET %s: no answer in 20s: %s", args[0], last)
	}
}
