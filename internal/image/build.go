package image

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
)

// build is one entry of the document's builds, as ecs-compose2td writes it.
type build struct {
	Image      string            `json:"image"`
	Context    string            `json:"context"`
	Dockerfile string            `json:"dockerfile"`
	Args       map[string]string `json:"args"`
	Target     string            `json:"target"`
}

// pushDocument builds every container of the document's builds, pushes
// each to the ECR repository <project>-<container> and sets that
// container's image to the pushed REGISTRY/REPOSITORY@DIGEST. Other
// containers, and every other key, pass through.
func pushDocument(ctx context.Context, c *clients, args []string, registryID string, tags []ecrtypes.Tag, query string, e env) error {
	doc, err := stepio.Input(args, e.stdin)
	if err != nil {
		return err
	}
	var builds map[string]build
	if _, err := doc.Get(pipeline.KeyBuilds, &builds); err != nil {
		return exitcode.AsUsage(fmt.Errorf("builds: %w", err))
	}
	if len(builds) == 0 {
		return stepio.Output(ctx, doc, query, e.stdout)
	}
	var project string
	if _, err := doc.Get(pipeline.KeyProject, &project); err != nil {
		return exitcode.AsUsage(fmt.Errorf("project: %w", err))
	}
	if project == "" {
		return exitcode.Usagef("the document names no project: pipe in ecs-compose2td's output")
	}
	td, err := readTaskDef(doc)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(builds))
	for n, b := range builds {
		if _, ok := td.byName[n]; !ok {
			return exitcode.Usagef("builds.%s: the task definition has no container %q", n, n)
		}
		if b.Context == "" || b.Image == "" {
			return exitcode.Usagef("builds.%s: needs an image and a context", n)
		}
		repo := strings.ToLower(project + "-" + n)
		if !repoName.MatchString(repo) {
			return exitcode.Usagef("builds.%s: %q is not a valid ECR repository name", n, repo)
		}
		names = append(names, n)
	}
	slices.Sort(names)

	registry := registryID
	if registry == "" {
		if registry, err = c.account(ctx); err != nil {
			return err
		}
	}
	host, err := c.login(ctx, registry, "")
	if err != nil {
		return err
	}
	var pushed []string // "name=ref", for a failure part-way
	for _, n := range names {
		b := builds[n]
		if _, err := c.docker.Run(ctx, nil, buildArgs(b)...); err != nil {
			return partly(fmt.Errorf("building container %q: %w", n, err), pushed)
		}
		ref, err := pushAs(ctx, c, b.Image, registry, host, strings.ToLower(project+"-"+n), localTag(b.Image), tags, true)
		if err != nil {
			return partly(fmt.Errorf("container %q: %w", n, err), pushed)
		}
		td.setImage(n, ref)
		pushed = append(pushed, n+"="+ref)
	}
	if err := td.write(doc); err != nil {
		return err
	}
	return stepio.Output(ctx, doc, query, e.stdout)
}

var repoName = ecrRepoRE

// buildArgs is docker build's command line for b.
func buildArgs(b build) []string {
	args := []string{"build", "-t", b.Image}
	if b.Dockerfile != "" {
		df := b.Dockerfile
		if !filepath.IsAbs(df) {
			df = filepath.Join(b.Context, df)
		}
		args = append(args, "-f", df)
	}
	keys := make([]string, 0, len(b.Args))
	for k := range b.Args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		args = append(args, "--build-arg", k+"="+b.Args[k])
	}
	if b.Target != "" {
		args = append(args, "--target", b.Target)
	}
	return append(args, b.Context)
}

// localTag is the tag of a local image name, "latest" when it has none.
func localTag(image string) string {
	if i := strings.LastIndex(image, ":"); i > strings.LastIndex(image, "/") {
		return image[i+1:]
	}
	return "latest"
}

// partly adds to err what was pushed before it, since no document is
// written then: the images are in ECR all the same.
func partly(err error, pushed []string) error {
	if len(pushed) == 0 {
		return err
	}
	return fmt.Errorf("%w (pushed before this failed, no document written: %s)", err, strings.Join(pushed, ", "))
}
