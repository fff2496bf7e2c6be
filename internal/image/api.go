package image

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// ecrAPI is the ECR calls this package makes.
type ecrAPI interface {
	GetAuthorizationToken(context.Context, *ecr.GetAuthorizationTokenInput, ...func(*ecr.Options)) (*ecr.GetAuthorizationTokenOutput, error)
	CreateRepository(context.Context, *ecr.CreateRepositoryInput, ...func(*ecr.Options)) (*ecr.CreateRepositoryOutput, error)
	TagResource(context.Context, *ecr.TagResourceInput, ...func(*ecr.Options)) (*ecr.TagResourceOutput, error)
	ecr.DescribeRepositoriesAPIClient
	ecr.DescribeImagesAPIClient
}

var _ ecrAPI = (*ecr.Client)(nil)

// stsAPI finds the caller's account.
type stsAPI interface {
	GetCallerIdentity(context.Context, *sts.GetCallerIdentityInput, ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}

var _ stsAPI = (*sts.Client)(nil)

// clients are what a subcommand works with.
type clients struct {
	ecr    ecrAPI
	sts    stsAPI
	docker Docker
	region string
	log    func(format string, args ...any) // --verbose lines on stderr
}

// newClients makes the AWS clients from cfg. With fips, ECR goes to
// https://ecr-fips.<region>.amazonaws.com unless an endpoint is configured
// (--endpoint, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_ECR), which wins, as the
// original's --endpoint did. STS is never FIPS.
func newClients(cfg aws.Config, fips bool, docker Docker, log func(string, ...any)) *clients {
	var opts []func(*ecr.Options)
	if fips {
		opts = append(opts, func(o *ecr.Options) {
			if o.BaseEndpoint == nil {
				u := FIPSEndpoint(o.Region)
				log("Using FIPS endpoint: %s", u)
				o.BaseEndpoint = aws.String(u)
			}
		})
	}
	return &clients{
		ecr:    ecr.NewFromConfig(cfg, opts...),
		sts:    sts.NewFromConfig(cfg),
		docker: docker,
		region: cfg.Region,
		log:    log,
	}
}

// FIPSEndpoint is ECR's FIPS endpoint in region.
func FIPSEndpoint(region string) string {
	suffix := "amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		suffix = "amazonaws.com.cn"
	}
	return "https://ecr-fips." + region + "." + suffix
}

// account returns the caller's account ID.
func (c *clients) account(ctx context.Context) (string, error) {
	c.log("Getting AWS account ID...")
	out, err := c.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", fmt.Errorf("getting the AWS account ID: %w", err)
	}
	return aws.ToString(out.Account), nil
}

// login gets an ECR authorization token for registry and hands it to
// docker login through stdin, for host when given (the registry an image
// name names), else for registry's host in this region. It returns the
// host logged in to.
func (c *clients) login(ctx context.Context, registry, host string) (string, error) {
	c.log("Getting authorization token...")
	// The token is good for every registry the caller may use; its proxy
	// endpoint names the caller's own.
	out, err := c.ecr.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{})
	if err != nil {
		return "", fmt.Errorf("getting an ECR authorization token for registry %s: %w", registry, err)
	}
	if len(out.AuthorizationData) == 0 {
		return "", fmt.Errorf("getting an ECR authorization token for registry %s: ECR returned none", registry)
	}
	data := out.AuthorizationData[0]
	raw, err := base64.StdEncoding.DecodeString(aws.ToString(data.AuthorizationToken))
	user, password, ok := strings.Cut(string(raw), ":")
	if err != nil || !ok {
		return "", fmt.Errorf("reading the ECR authorization token for registry %s: not base64 of user:password", registry)
	}
	endpoint := aws.ToString(data.ProxyEndpoint)
	c.log("Retrieved authorization token via endpoint: %s", endpoint)
	if host == "" {
		host = endpoint
		if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
			host = u.Host
		}
		if _, rest, ok := strings.Cut(host, ".dkr."); ok {
			host = registry + ".dkr." + rest
		}
	}
	if _, err := c.docker.Run(ctx, strings.NewReader(password), "login", "--username", user, "--password-stdin", host); err != nil {
		return "", fmt.Errorf("logging in to %s: %w", host, err)
	}
	return host, nil
}

// ensureRepository creates repo in registry when it is missing, with
// tags; an existing repository gets the tags added.
func (c *clients) ensureRepository(ctx context.Context, registry, repo string, tags []ecrtypes.Tag) error {
	c.log("Check if repository exists: %s", repo)
	out, err := c.ecr.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RegistryId: aws.String(registry), RepositoryNames: []string{repo}})
	var notFound *ecrtypes.RepositoryNotFoundException
	switch {
	case errors.As(err, &notFound):
		c.log("Creating repository %s", repo)
		if _, err := c.ecr.CreateRepository(ctx, &ecr.CreateRepositoryInput{RegistryId: aws.String(registry), RepositoryName: aws.String(repo), Tags: tags}); err != nil {
			return fmt.Errorf("creating repository %q: %w", repo, err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("describing repository %q: %w", repo, err)
	}
	if len(tags) > 0 && len(out.Repositories) > 0 {
		arn := out.Repositories[0].RepositoryArn
		c.log("Tagging repository %s", repo)
		if _, err := c.ecr.TagResource(ctx, &ecr.TagResourceInput{ResourceArn: arn, Tags: tags}); err != nil {
			return fmt.Errorf("tagging repository %s: %w", aws.ToString(arn), err)
		}
	}
	return nil
}

// discard is a log that says nothing.
func discard(string, ...any) {}

func logTo(w io.Writer, name string) func(string, ...any) {
	return func(format string, args ...any) {
		fmt.Fprintf(w, name+": "+format+"\n", args...)
	}
}
