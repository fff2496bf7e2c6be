package image

import (
	"context"
	"fmt"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// push pushes the local image named by image to ECR and returns the pushed
// reference, REGISTRY/REPOSITORY@DIGEST. A name without a registry is the
// local image; it is tagged into the registry of registryID (the caller's
// account by default). A name with a registry is pushed as it is.
func push(ctx context.Context, c *clients, image, registryID string, tags []ecrtypes.Tag) (string, error) {
	n, err := ParseName(image, false)
	if err != nil {
		return "", err
	}
	if err := checkLocal(ctx, c, image); err != nil {
		return "", err
	}
	registry := registryID
	if n.Registry != "" {
		if registry, err = n.Account(); err != nil {
			return "", err
		}
	} else if registry == "" {
		if registry, err = c.account(ctx); err != nil {
			return "", err
		}
	}
	host, err := c.login(ctx, registry, n.Registry)
	if err != nil {
		return "", err
	}
	tag := n.Tag
	if tag == "" {
		tag = "latest"
	}
	return pushAs(ctx, c, image, registry, host, n.Repository, tag, tags, n.Registry == "")
}

// pushAs makes sure the repository exists, tags local as
// host/repo:tag when retag is set, pushes it and returns host/repo@digest.
func pushAs(ctx context.Context, c *clients, local, registry, host, repo, tag string, tags []ecrtypes.Tag, retag bool) (string, error) {
	if err := c.ensureRepository(ctx, registry, repo, tags); err != nil {
		return "", err
	}
	uri := host + "/" + repo
	ref := uri + ":" + tag
	if retag {
		c.log("Tagging image %s as %s", local, ref)
		if _, err := c.docker.Run(ctx, nil, "tag", local, ref); err != nil {
			return "", fmt.Errorf("tagging image %q: %w", local, err)
		}
	}
	c.log("Pushing image %s", ref)
	digest, err := pushDigest(ctx, c.docker, ref)
	if err != nil {
		return "", fmt.Errorf("pushing image %q: %w", ref, err)
	}
	return uri + "@" + digest, nil
}

// checkLocal makes sure image is a local image before anything happens in
// AWS.
func checkLocal(ctx context.Context, c *clients, image string) error {
	if _, err := c.docker.Run(ctx, nil, "image", "inspect", "--format", "{{.Id}}", image); err != nil {
		return exitcode.AsUsage(fmt.Errorf("no local image %q: %w", image, err))
	}
	return nil
}

// pull pulls image from ECR.
func pull(ctx context.Context, c *clients, image, registryID string) error {
	n, err := ParseName(image, true)
	if err != nil {
		return err
	}
	registry := registryID
	if n.Registry != "" {
		if registry, err = n.Account(); err != nil {
			return err
		}
	} else if registry == "" {
		if registry, err = c.account(ctx); err != nil {
			return err
		}
	}
	host, err := c.login(ctx, registry, n.Registry)
	if err != nil {
		return err
	}
	ref := host + "/" + n.Repository
	switch {
	case n.Digest != "":
		ref += "@" + n.Digest
	case n.Tag != "":
		ref += ":" + n.Tag
	}
	c.log("Pulling image %s", ref)
	if _, err := c.docker.Run(ctx, nil, "pull", ref); err != nil {
		return fmt.Errorf("pulling image %q: %w", ref, err)
	}
	return nil
}
