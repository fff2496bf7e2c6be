package image

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	acct = "123456789012"
	host = acct + ".dkr.ecr.us-east-1.amazonaws.com"
)

// harness runs ecs-image against awsfake and the fake docker. Requests go
// to the SDK's own endpoints and are sent on to awsfake by the transport,
// which records the host each was meant for.
type harness struct {
	t      *testing.T
	srv    *awsfake.Server
	docker CLI
	calls  func() []dockerCall

	mu    sync.Mutex
	hosts []string
}

func newHarness(t *testing.T) *harness {
	h := &harness{t: t, srv: awsfake.New(awsfake.WithClock(awsfake.NewFakeClock(t0)))}
	h.docker, h.calls = fakeDockerCLI(t)
	return h
}

type redirect struct {
	h      *harness
	target *url.URL
	next   http.RoundTripper
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	r.h.mu.Lock()
	r.h.hosts = append(r.h.hosts, req.URL.Host)
	r.h.mu.Unlock()
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.target.Scheme, r.target.Host
	return r.next.RoundTrip(req)
}

func (h *harness) run(args ...string) (stdout, stderr string, code int) {
	h.t.Helper()
	return h.runIn("", args...)
}

func (h *harness) runIn(stdin string, args ...string) (string, string, int) {
	h.t.Helper()
	u, stop := h.srv.Start()
	defer stop()
	target, _ := url.Parse(u)
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDFAKE", "secret", ""),
		HTTPClient:  &http.Client{Transport: redirect{h, target, http.DefaultTransport}},
	}
	var out, errb bytes.Buffer
	verb, f, rest, code, done := parse(args, &out, &errb)
	if !done {
		e := env{cfg: cfg, docker: h.docker, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, now: func() time.Time { return t0 }}
		code = exitcode.Report(&errb, name, execute(context.Background(), verb, f, rest, e))
	}
	return out.String(), errb.String(), code
}

func (h *harness) argv() []string {
	var out []string
	for _, c := range h.calls() {
		out = append(out, strings.Join(c.Args, " "))
	}
	return out
}

func digestOf(ref string) string { return "sha256:" + sum(ref) }

// push to a new repository: created with its tags, the local image tagged
// into it and pushed; the password went to docker login on stdin only.
func TestPushNewRepository(t *testing.T) {
	h := newHarness(t)
	stdout, stderr, code := h.run("push", "--tags", "team=web,env=prod", "web:1.0")
	ref := host + "/web:1.0"
	if code != 0 || stdout != host+"/web@"+digestOf(ref)+"\n" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	tags, ok := h.srv.ECRRepositoryTags("web")
	if !ok || tags["team"] != "web" || tags["env"] != "prod" {
		t.Errorf("repository web: exists %v, tags %v", ok, tags)
	}
	want := []string{
		"image inspect --format {{.Id}} web:1.0",
		"login --username AWS --password-stdin " + host,
		"tag web:1.0 " + ref,
		"push " + ref,
	}
	if got := h.argv(); !slices.Equal(got, want) {
		t.Errorf("docker calls:\n%q\nwant\n%q", got, want)
	}
	password := h.srv.ECRPassword(acct)
	for _, c := range h.calls() {
		if c.Args[0] == "login" && c.Stdin != password {
			t.Errorf("docker login stdin = %q, want the ECR password", c.Stdin)
		}
		if strings.Contains(strings.Join(c.Args, " "), password) {
			t.Errorf("the password is on docker's command line: %q", c.Args)
		}
	}
	if strings.Contains(stdout+stderr, password) {
		t.Error("the password was printed")
	}
	if n := h.srv.Calls("sts", "GetCallerIdentity"); n != 1 {
		t.Errorf("GetCallerIdentity calls = %d, want 1", n)
	}
	if n := h.srv.Calls("ecr", "CreateRepository"); n != 1 {
		t.Errorf("CreateRepository calls = %d, want 1", n)
	}

	// Pushing again reuses the repository.
	if _, stderr, code := h.run("push", "web:1.0"); code != 0 {
		t.Fatalf("second push: exit %d, %s", code, stderr)
	}
	if n := h.srv.Calls("ecr", "CreateRepository"); n != 1 {
		t.Errorf("CreateRepository calls after a second push = %d, want 1", n)
	}
}

// --registry-id names the registry: no STS call, the image goes there.
func TestPushRegistryID(t *testing.T) {
	h := newHarness(t)
	stdout, stderr, code := h.run("push", "--registry-id", "111122223333", "--verbose", "api")
	other := "111122223333.dkr.ecr.us-east-1.amazonaws.com"
	if code != 0 || stdout != other+"/api@"+digestOf(other+"/api:latest")+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if n := h.srv.Calls("sts", "GetCallerIdentity"); n != 0 {
		t.Errorf("GetCallerIdentity calls = %d, want 0", n)
	}
	if !slices.Contains(h.argv(), "push "+other+"/api:latest") {
		t.Errorf("docker calls %q", h.argv())
	}
	if strings.Contains(stderr, h.srv.ECRPassword(acct)) || !strings.Contains(stderr, "Pushing image") {
		t.Errorf("--verbose stderr:\n%s", stderr)
	}
}

// A name with the registry in it is pushed as it is, to that account.
func TestPushRegistryInName(t *testing.T) {
	h := newHarness(t)
	other := "111122223333.dkr.ecr.us-east-1.amazonaws.com"
	if _, stderr, code := h.run("push", other+"/api:2"); code != 0 {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	want := []string{"image inspect --format {{.Id}} " + other + "/api:2", "login --username AWS --password-stdin " + other, "push " + other + "/api:2"}
	if got := h.argv(); !slices.Equal(got, want) {
		t.Errorf("docker calls %q, want %q", got, want)
	}
	if h.srv.Calls("sts", "GetCallerIdentity") != 0 {
		t.Error("STS was called for a name with an account in it")
	}
}

func TestPull(t *testing.T) {
	h := newHarness(t)
	digest := "sha256:" + strings.Repeat("ab", 32)
	for _, c := range []struct{ name, want string }{
		{"web:1.0", "pull " + host + "/web:1.0"},
		{"web@" + digest, "pull " + host + "/web@" + digest},
		{"web", "pull " + host + "/web"},
	} {
		if stdout, stderr, code := h.run("pull", c.name); code != 0 || stdout != "" || stderr != "" {
			t.Fatalf("pull %s: exit %d, stdout %q, stderr %q", c.name, code, stdout, stderr)
		}
		calls := h.argv()
		if got := calls[len(calls)-1]; got != c.want {
			t.Errorf("pull %s: docker %q, want %q", c.name, got, c.want)
		}
	}
	if n := h.srv.Calls("ecr", "GetAuthorizationToken"); n != 3 {
		t.Errorf("GetAuthorizationToken calls = %d, want 3", n)
	}
}

// --use-fips sends ECR calls to ecr-fips.<region>.amazonaws.com; STS stays
// on its usual endpoint.
func TestFIPSEndpoint(t *testing.T) {
	for _, c := range []struct {
		args    []string
		ecrHost string
	}{
		{[]string{"push", "--use-fips", "web"}, "ecr-fips.us-east-1.amazonaws.com"},
		{[]string{"pull", "--fips", "web"}, "ecr-fips.us-east-1.amazonaws.com"},
		{[]string{"push", "web"}, "api.ecr.us-east-1.amazonaws.com"},
	} {
		h := newHarness(t)
		if _, stderr, code := h.run(c.args...); code != 0 {
			t.Fatalf("%q: exit %d, %s", c.args, code, stderr)
		}
		want := slices.Sorted(slices.Values([]string{"sts.us-east-1.amazonaws.com", c.ecrHost}))
		hosts := slices.Compact(slices.Sorted(slices.Values(h.hosts)))
		if !slices.Equal(hosts, want) {
			t.Errorf("%q: hosts called %q, want %q", c.args, hosts, want)
		}
	}
}

func TestImages(t *testing.T) {
	h := newHarness(t)
	for i := range 230 {
		tag := fmt.Sprintf("v%d", i)
		if i%10 == 0 {
			tag = ""
		}
		h.srv.PutImageRecord("app", tag, fmt.Sprintf("sha256:%064d", i), 5000, t0.Add(-2*time.Hour))
	}
	h.srv.PutImageRecord("db", "latest", "sha256:aaaa", 123_000_000, t0.Add(-15*24*time.Hour))
	h.srv.PutImageRecord("db", "", "sha256:bbbb", 5000, t0.Add(-70*time.Minute))

	count := func(args ...string) int {
		t.Helper()
		stdout, stderr, code := h.run(append([]string{"images", "--json"}, args...)...)
		if code != 0 || stderr != "" {
			t.Fatalf("%q: exit %d, stderr %q", args, code, stderr)
		}
		return strings.Count(stdout, "\n")
	}
	h.srv.ResetCalls()
	if n := count(); n != 232 {
		t.Errorf("images: %d rows, want 232", n)
	}
	// At least: a retry of a page (seen once on a loaded machine) adds one.
	if n := h.srv.Calls("ecr", "DescribeImages"); n < 4 {
		t.Errorf("DescribeImages calls = %d, want 4 or more (3 pages of app, 1 of db)", n)
	}
	if n := count("--tagged"); n != 208 {
		t.Errorf("--tagged: %d rows, want 208", n)
	}
	if n := count("--untagged"); n != 24 {
		t.Errorf("--untagged: %d rows, want 24", n)
	}
	if n := count("--tagged", "--untagged"); n != 232 {
		t.Errorf("--tagged --untagged: %d rows, want 232", n)
	}

	stdout, stderr, code := h.run("images", "db")
	want := "\n" +
		"REPOSITORY NAME     TAG                 IMAGE DIGEST        PUSHED AT           SIZE                \n" +
		"db                  latest              sha256:aaaa         2 weeks ago         123MB               \n" +
		"db                  <none>              sha256:bbbb         About an hour ago   5kB                 \n"
	if code != 0 || stdout != want || stderr != "" {
		t.Errorf("images db: exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, stdout, want)
	}
	stdout, _, _ = h.run("images", "--json", "--untagged", "db")
	var row Row
	if err := json.Unmarshal([]byte(stdout), &row); err != nil || row.ImageDigest != "sha256:bbbb" || row.ImageTag != "" || !row.ImagePushedAt.Equal(t0.Add(-70*time.Minute)) {
		t.Errorf("--json: %q (%v)", stdout, err)
	}

	// The table repeats its header every 100 rows.
	stdout, _, _ = h.run("images", "app")
	if n := strings.Count(stdout, "REPOSITORY NAME"); n != 3 {
		t.Errorf("230 rows have %d headers, want 3", n)
	}

	_, stderr, code = h.run("images", "nope")
	if code != 1 || !strings.Contains(stderr, `listing images of repository "nope"`) || !strings.Contains(stderr, "RepositoryNotFoundException") {
		t.Errorf("missing repository: exit %d, stderr %q", code, stderr)
	}
}

func TestImagesEmpty(t *testing.T) {
	h := newHarness(t)
	if stdout, stderr, code := h.run("images"); code != 0 || stdout != "" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"push", "Web:1"}, `ecs-image: "Web:1": please specify the image name in the correct format [ECR_REPOSITORY[:TAG]]` + "\n"},
		{[]string{"push", "web@sha256:" + strings.Repeat("a", 64)}, `ecs-image: "web@sha256:` + strings.Repeat("a", 64) + `": please specify the image name in the correct format [ECR_REPOSITORY[:TAG]]` + "\n"},
		{[]string{"pull", "web:"}, `ecs-image: "web:": please specify the image name in the correct format [ECR_REPOSITORY[:TAG|@DIGEST]]` + "\n"},
		{[]string{"pull", "web@1234"}, `ecs-image: "web@1234": a digest is sha256:<64 hex digits>` + "\n"},
		{[]string{"push", "a", "b"}, "ecs-image: push requires exactly 1 argument\n"},
		{[]string{"pull"}, "ecs-image: pull requires exactly 1 argument\n"},
		{[]string{"push", "--tags", "nokey", "web"}, `ecs-image: --tags: "nokey" is not key=value` + "\n"},
		{[]string{"push", "missing:1"}, "ecs-image: no local image \"missing:1\": docker image inspect: Error response from daemon: No such image: missing:1\n"},
		{[]string{"push", "xx.dkr.ecr.us-east-1.amazonaws.com/web"}, "ecs-image: could not parse account ID from registry URI; URI=xx.dkr.ecr.us-east-1.amazonaws.com\n"},
	} {
		h := newHarness(t)
		stdout, stderr, code := h.run(c.args...)
		if code != 2 || stdout != "" || stderr != c.err {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 and %q", c.args, code, stdout, stderr, c.err)
		}
		if len(h.hosts) != 0 {
			t.Errorf("%q: AWS was called: %q", c.args, h.hosts)
		}
	}
}

const document = `{
  "project": "shop",
  "taskDefinition": {
    "family": "shop",
    "containerDefinitions": [
      {"name": "web", "image": "shop-web", "memory": 256, "dockerLabels": {"Mixed.Case": "x"}},
      {"name": "worker", "image": "worker:2", "memory": 128},
      {"name": "redis", "image": "redis:7", "memory": 64}
    ],
    "x-extra": {"keep": true}
  },
  "builds": {
    "web": {"image": "shop-web", "context": "/src/web", "dockerfile": "Dockerfile.prod", "args": {"B": "2", "A": "1"}, "target": "prod"},
    "worker": {"image": "worker:2", "context": "/src/worker"}
  },
  "other": [1, 2]
}`

// Pipeline mode: both build: containers are built, pushed to
// <project>-<container> and rewritten to their digests; redis is left alone.
func TestPushDocument(t *testing.T) {
	h := newHarness(t)
	stdout, stderr, code := h.runIn(document, "push")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var doc struct {
		TaskDefinition struct {
			ContainerDefinitions []map[string]any `json:"containerDefinitions"`
			Extra                map[string]any   `json:"x-extra"`
		} `json:"taskDefinition"`
		Builds map[string]any `json:"builds"`
		Other  []int          `json:"other"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	images := map[string]string{}
	for _, cd := range doc.TaskDefinition.ContainerDefinitions {
		images[cd["name"].(string)] = cd["image"].(string)
	}
	want := map[string]string{
		"web":    host + "/shop-web@" + digestOf(host+"/shop-web:latest"),
		"worker": host + "/shop-worker@" + digestOf(host+"/shop-worker:2"),
		"redis":  "redis:7",
	}
	for n, w := range want {
		if images[n] != w {
			t.Errorf("container %s image = %q, want %q", n, images[n], w)
		}
	}
	labels, _ := doc.TaskDefinition.ContainerDefinitions[0]["dockerLabels"].(map[string]any)
	if labels["Mixed.Case"] != "x" || doc.TaskDefinition.Extra["keep"] != true || len(doc.Builds) != 2 || len(doc.Other) != 2 {
		t.Errorf("keys did not pass through:\n%s", stdout)
	}
	calls := h.argv()
	for _, w := range []string{
		"build -t shop-web -f /src/web/Dockerfile.prod --build-arg A=1 --build-arg B=2 --target prod /src/web",
		"build -t worker:2 /src/worker",
		"tag shop-web " + host + "/shop-web:latest",
		"push " + host + "/shop-web:latest",
		"tag worker:2 " + host + "/shop-worker:2",
		"push " + host + "/shop-worker:2",
	} {
		if !slices.Contains(calls, w) {
			t.Errorf("no docker %q in\n%q", w, calls)
		}
	}
	if n := h.srv.Calls("ecr", "CreateRepository"); n != 2 {
		t.Errorf("CreateRepository calls = %d, want 2", n)
	}
	if n := h.srv.Calls("ecr", "GetAuthorizationToken"); n != 1 {
		t.Errorf("GetAuthorizationToken calls = %d, want 1", n)
	}
}

func TestPushDocumentErrors(t *testing.T) {
	for _, c := range []struct{ doc, err string }{
		{`{"builds": {"web": {"image": "w", "context": "."}}, "taskDefinition": {"containerDefinitions": [{"name": "web"}]}}`, "ecs-image: the document names no project: pipe in ecs-compose2td's output\n"},
		{`{"project": "p", "builds": {"api": {"image": "w", "context": "."}}, "taskDefinition": {"containerDefinitions": [{"name": "web"}]}}`, "ecs-image: builds.api: the task definition has no container \"api\"\n"},
		{`{"project": "p", "builds": {"web": {"image": "w"}}, "taskDefinition": {"containerDefinitions": [{"name": "web"}]}}`, "ecs-image: builds.web: needs an image and a context\n"},
		{`{"project": "p", "builds": {"web": {"image": "w", "context": "."}}}`, "ecs-image: the document has no taskDefinition: pipe in ecs-compose2td's output\n"},
	} {
		h := newHarness(t)
		stdout, stderr, code := h.runIn(c.doc, "push")
		if code != 2 || stdout != "" || stderr != c.err {
			t.Errorf("exit %d, stdout %q, stderr %q; want 2, %q", code, stdout, stderr, c.err)
		}
	}
	// A document file works as stdin does.
	h0 := newHarness(t)
	file := t.TempDir() + "/doc.json"
	if err := os.WriteFile(file, []byte(document), 0o644); err != nil {
		t.Fatal(err)
	}
	if stdout, stderr, code := h0.run("push", file); code != 0 || !strings.Contains(stdout, "/shop-web@sha256:") {
		t.Errorf("push %s: exit %d, stderr %q", file, code, stderr)
	}

	// No builds: the document passes through untouched, and nothing runs.
	h := newHarness(t)
	in := `{"project": "p", "taskDefinition": {"containerDefinitions": [{"name": "web", "image": "nginx"}]}}`
	stdout, stderr, code := h.runIn(in, "push")
	if code != 0 || stderr != "" || !strings.Contains(stdout, `"nginx"`) || len(h.hosts) != 0 || len(h.calls()) != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q, hosts %q", code, stdout, stderr, h.hosts)
	}
}
