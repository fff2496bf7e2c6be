package e2e

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/match"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/tarball"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// The fake docker's image commands, answered for real when no answer file
// matches: build makes an image from its context directory (one layer, the
// context's files with fixed times, so the same files give the same
// digest), tag names it again, and login, push and pull talk to the fake's
// ECR registry ($FAKE_DOCKER_REGISTRY, reached with awsfake's
// RegistryTransport) with the credentials login stored. Images live in an
// OCI layout under $WORK/.docker-fake/store, named by the ref.name
// annotation; credentials in $WORK/.docker-fake/config.json (0600).

// dockerBuiltin answers args when it is an image command and says whether
// it was one.
func dockerBuiltin(work string, args []string, stdin []byte) (handled bool, code int) {
	if len(args) == 0 {
		return false, 0
	}
	d := &dockerState{dir: filepath.Join(work, ".docker-fake"), registry: os.Getenv("FAKE_DOCKER_REGISTRY")}
	var err error
	switch {
	case args[0] == "login":
		err = d.login(args[1:], stdin)
	case args[0] == "build":
		err = d.build(args[1:])
	case args[0] == "tag" && len(args) == 3:
		err = d.tag(args[1], args[2])
	case args[0] == "push" && len(args) == 2:
		err = d.push(args[1])
	case args[0] == "pull" && len(args) == 2:
		err = d.pull(args[1])
	case len(args) == 5 && args[0] == "image" && args[1] == "inspect" && args[2] == "--format" && args[3] == "{{.Id}}":
		err = d.inspectID(args[4])
	default:
		return false, 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return true, 1
	}
	return true, 0
}

type dockerState struct {
	dir      string
	registry string // the fake AWS endpoint's URL
}

// localName is a local image's name as the store keeps it: with a tag
// (latest by default) unless it has a digest.
func localName(ref string) string {
	if strings.Contains(ref, "@") {
		return ref
	}
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		return ref
	}
	return ref + ":latest"
}

func (d *dockerState) store() (layout.Path, error) {
	dir := filepath.Join(d.dir, "store")
	if p, err := layout.FromPath(dir); err == nil {
		return p, nil
	}
	return layout.Write(dir, empty.Index)
}

// image finds a local image by name.
func (d *dockerState) image(ref string) (v1.Image, error) {
	p, err := d.store()
	if err != nil {
		return nil, err
	}
	ii, err := p.ImageIndex()
	if err != nil {
		return nil, err
	}
	m, err := ii.IndexManifest()
	if err != nil {
		return nil, err
	}
	want := localName(ref)
	for _, desc := range slices.Backward(m.Manifests) {
		if desc.Annotations["org.opencontainers.image.ref.name"] == want {
			return p.Image(desc.Digest)
		}
	}
	//lint:ignore ST1005 docker's own words
	return nil, fmt.Errorf("Error response from daemon: No such image: %s", ref)
}

// save names img ref in the store, replacing what had that name.
func (d *dockerState) save(ref string, img v1.Image) error {
	p, err := d.store()
	if err != nil {
		return err
	}
	n := localName(ref)
	return p.ReplaceImage(img, match.Name(n), layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": n}))
}

func (d *dockerState) inspectID(ref string) error {
	img, err := d.image(ref)
	if err != nil {
		return err
	}
	id, err := img.ConfigName()
	if err != nil {
		return err
	}
	fmt.Println(id)
	return nil
}

func (d *dockerState) tag(src, dst string) error {
	img, err := d.image(src)
	if err != nil {
		return err
	}
	return d.save(dst, img)
}

// build: docker build -t NAME [-f DOCKERFILE] [--build-arg K=V]... [--target T] CONTEXT.
func (d *dockerState) build(args []string) error {
	var tagName, dockerfile, context string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case (a == "-t" || a == "-f" || a == "--build-arg" || a == "--target") && i+1 < len(args):
			i++
			switch a {
			case "-t":
				tagName = args[i]
			case "-f":
				dockerfile = args[i]
			}
		case strings.HasPrefix(a, "-"):
			return fmt.Errorf("unknown flag: %s", a)
		default:
			context = a
		}
	}
	if tagName == "" || context == "" {
		return errors.New(`"docker build" requires -t NAME and exactly 1 argument`)
	}
	if dockerfile == "" {
		dockerfile = filepath.Join(context, "Dockerfile")
	}
	if _, err := os.Stat(dockerfile); err != nil {
		return fmt.Errorf("unable to prepare context: unable to evaluate symlinks in Dockerfile path: %v", err)
	}
	layer, err := contextLayer(context)
	if err != nil {
		return fmt.Errorf("unable to prepare context: %v", err)
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		return err
	}
	if err := d.save(tagName, img); err != nil {
		return err
	}
	id, _ := img.ConfigName()
	fmt.Printf("Successfully built %s\nSuccessfully tagged %s\n", id.Hex[:12], localName(tagName))
	return nil
}

// contextLayer is a layer of dir's regular files, sorted, with fixed times
// and modes.
func contextLayer(dir string) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if err := tw.WriteHeader(&tar.Header{Name: filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data)), ModTime: time.Unix(0, 0)}); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
}

// dockerConfig is the fake's credential store: registry host → user and
// password.
type dockerConfig map[string][2]string

func (d *dockerState) config() dockerConfig {
	c := dockerConfig{}
	data, err := os.ReadFile(filepath.Join(d.dir, "config.json"))
	if err == nil {
		_ = json.Unmarshal(data, &c)
	}
	return c
}

// login: docker login --username USER --password-stdin HOST. It checks the
// credentials with the registry, as docker does, before storing them.
func (d *dockerState) login(args []string, stdin []byte) error {
	if len(args) != 4 || args[0] != "--username" || args[2] != "--password-stdin" {
		return errors.New("fake docker: login wants --username USER --password-stdin HOST")
	}
	user, host := args[1], args[3]
	password := strings.TrimRight(string(stdin), "\r\n")
	req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/v2/", nil)
	req.SetBasicAuth(user, password)
	resp, err := d.transport().RoundTrip(req)
	if err != nil {
		//lint:ignore ST1005 docker's own words
		return fmt.Errorf("Error response from daemon: Get %q: %v", req.URL, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		//lint:ignore ST1005 docker's own words
		return fmt.Errorf("Error response from daemon: login attempt to https://%s/v2/ failed with status: %s", host, resp.Status)
	}
	c := d.config()
	c[host] = [2]string{user, password}
	data, _ := json.Marshal(c)
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(d.dir, "config.json"), data, 0o600); err != nil {
		return err
	}
	fmt.Println("Login Succeeded")
	return nil
}

func (d *dockerState) transport() http.RoundTripper {
	return awsfake.RegistryTransport(d.registry)
}

// remote returns the options that reach ref's registry as the stored
// credentials allow.
func (d *dockerState) remote(ref name.Reference) []remote.Option {
	opts := []remote.Option{remote.WithTransport(d.transport())}
	if cred, ok := d.config()[ref.Context().RegistryStr()]; ok {
		opts = append(opts, remote.WithAuth(&authn.Basic{Username: cred[0], Password: cred[1]}))
	}
	return opts
}

func (d *dockerState) push(refStr string) error {
	img, err := d.image(refStr)
	if err != nil {
		//lint:ignore ST1005 docker's own words
		return fmt.Errorf("An image does not exist locally with the tag: %s", refStr)
	}
	ref, err := name.ParseReference(localName(refStr))
	if err != nil {
		return fmt.Errorf("invalid reference format: %v", err)
	}
	fmt.Printf("The push refers to repository [%s]\n", ref.Context().Name())
	if err := remote.Write(ref, img, d.remote(ref)...); err != nil {
		return registryMessage(err)
	}
	digest, _ := img.Digest()
	size, _ := img.Size()
	fmt.Printf("%s: digest: %s size: %d\n", ref.Identifier(), digest, size)
	return nil
}

func (d *dockerState) pull(refStr string) error {
	ref, err := name.ParseReference(localName(refStr))
	if err != nil {
		return fmt.Errorf("invalid reference format: %v", err)
	}
	fmt.Printf("%s: Pulling from %s\n", ref.Identifier(), ref.Context().RepositoryStr())
	img, err := remote.Image(ref, d.remote(ref)...)
	if err != nil {
		return registryMessage(err)
	}
	if err := d.save(refStr, img); err != nil {
		return err
	}
	digest, _ := img.Digest()
	fmt.Printf("Digest: %s\nStatus: Downloaded newer image for %s\n%s\n", digest, ref.Name(), ref.Name())
	return nil
}

// registryMessage is how docker reports a registry's refusal.
func registryMessage(err error) error {
	var te *transport.Error
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return fmt.Errorf("%s: %s", strings.ToLower(strings.ReplaceAll(string(te.Errors[0].Code), "_", " ")), te.Errors[0].Message)
	}
	return err
}
