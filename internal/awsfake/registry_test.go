package awsfake_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// The fake's ECR registry takes a push only with a live token and an
// existing repository, and the pushed image shows in DescribeImages with
// its real digest, tag and size; it pulls back byte for byte.
func TestRegistryPushPull(t *testing.T) {
	clock := awsfake.NewFakeClock(t0)
	s, cfg := start(t, awsfake.WithClock(clock))
	ctx := context.Background()
	api := ecr.NewFromConfig(cfg)
	rt := awsfake.RegistryTransport(*cfg.BaseEndpoint)
	ref, err := name.ParseReference("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0")
	if err != nil {
		t.Fatal(err)
	}
	img, err := random.Image(2048, 2)
	if err != nil {
		t.Fatal(err)
	}
	auth := remote.WithAuth(&authn.Basic{Username: "AWS", Password: s.ECRPassword("123456789012")})
	push := func() error { return remote.Write(ref, img, auth, remote.WithTransport(rt)) }

	// No token handed out yet: denied.
	if err := push(); !isStatus(err, http.StatusUnauthorized) {
		t.Fatalf("push before GetAuthorizationToken: %v, want 401", err)
	}
	if _, err := api.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{}); err != nil {
		t.Fatal(err)
	}
	// No repository: NAME_UNKNOWN.
	if err := push(); !isStatus(err, http.StatusNotFound) {
		t.Fatalf("push to a missing repository: %v, want 404", err)
	}
	if _, err := api.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String("web")}); err != nil {
		t.Fatal(err)
	}
	// A wrong password: denied.
	bad := remote.WithAuth(&authn.Basic{Username: "AWS", Password: "guess"})
	if err := remote.Write(ref, img, bad, remote.WithTransport(rt)); !isStatus(err, http.StatusUnauthorized) {
		t.Fatalf("push with a wrong password: %v, want 401", err)
	}
	if err := push(); err != nil {
		t.Fatal(err)
	}
	want, _ := img.Digest()
	out, err := api.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.ImageDetails) != 1 {
		t.Fatalf("images: %d, want 1", len(out.ImageDetails))
	}
	d := out.ImageDetails[0]
	layers, _ := img.Layers()
	var size int64
	for _, l := range layers {
		n, _ := l.Size()
		size += n
	}
	if aws.ToString(d.ImageDigest) != want.String() || len(d.ImageTags) != 1 || d.ImageTags[0] != "1.0" || aws.ToInt64(d.ImageSizeInBytes) != size {
		t.Errorf("image detail = %s %v %d, want %s [1.0] %d", aws.ToString(d.ImageDigest), d.ImageTags, aws.ToInt64(d.ImageSizeInBytes), want, size)
	}
	got, err := remote.Image(ref.Context().Digest(want.String()), auth, remote.WithTransport(rt))
	if err != nil {
		t.Fatal(err)
	}
	if gd, _ := got.Digest(); gd != want {
		t.Errorf("pulled %s, want %s", gd, want)
	}
	if n := s.Calls("registry", "PutManifest"); n != 1 {
		t.Errorf("PutManifest calls = %d, want 1", n)
	}

	// Tokens last 12 hours.
	clock.Advance(13 * time.Hour)
	if _, err := remote.Image(ref, auth, remote.WithTransport(rt)); !isStatus(err, http.StatusUnauthorized) {
		t.Fatalf("pull with an expired token: %v, want 401", err)
	}

	// Pushing the tag again moves it to the new image.
	if _, err := api.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{}); err != nil {
		t.Fatal(err)
	}
	img2, _ := random.Image(1024, 1)
	if err := remote.Write(ref, img2, auth, remote.WithTransport(rt)); err != nil {
		t.Fatal(err)
	}
	untagged, err := api.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("web"), Filter: &ecrtypes.DescribeImagesFilter{TagStatus: ecrtypes.TagStatusUntagged}})
	if err != nil {
		t.Fatal(err)
	}
	if len(untagged.ImageDetails) != 1 || aws.ToString(untagged.ImageDetails[0].ImageDigest) != want.String() {
		t.Errorf("untagged after a re-push: %+v, want the first image", untagged.ImageDetails)
	}
}

// A host that is not an ECR registry of the fake's region is not served.
func TestRegistryOtherHost(t *testing.T) {
	_, cfg := start(t)
	rt := awsfake.RegistryTransport(*cfg.BaseEndpoint)
	ref, _ := name.ParseReference("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.0")
	if _, err := remote.Image(ref, remote.WithTransport(rt)); !isStatus(err, http.StatusNotFound) {
		t.Fatalf("pull from another region: %v, want 404", err)
	}
}

func isStatus(err error, code int) bool {
	var te *transport.Error
	return errors.As(err, &te) && te.StatusCode == code
}

// A manifest over ECR's 4 MiB is refused whole, never cut and recorded.
func TestRegistryManifestTooLarge(t *testing.T) {
	s, cfg := start(t)
	ctx := context.Background()
	api := ecr.NewFromConfig(cfg)
	if _, err := api.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := api.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String("web")}); err != nil {
		t.Fatal(err)
	}
	body := strings.NewReader(`{"schemaVersion":2,"pad":"` + strings.Repeat("x", 4<<20) + `"}`)
	req, _ := http.NewRequest(http.MethodPut, "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/web/manifests/big", body)
	req.SetBasicAuth("AWS", s.ECRPassword("123456789012"))
	req.Header.Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
	resp, err := awsfake.RegistryTransport(*cfg.BaseEndpoint).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d, want 400", resp.StatusCode)
	}
	out, err := api.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("web")})
	if err != nil || len(out.ImageDetails) != 0 {
		t.Errorf("images after a refused push: %v, %v", out, err)
	}
}

// With SetRegistryHost the caller's registry is the fake's own loopback
// address over plain HTTP (what a Docker engine here can reach with no
// set-up): the token's proxyEndpoint and repository URIs name it, and a
// push to it becomes an ECR image. Other accounts keep ECR host names.
func TestRegistryLoopbackHost(t *testing.T) {
	s, cfg := start(t)
	ctx := context.Background()
	host := strings.TrimPrefix(*cfg.BaseEndpoint, "http://")
	s.SetRegistryHost(host)
	api := ecr.NewFromConfig(cfg)
	tok, err := api.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(tok.AuthorizationData[0].ProxyEndpoint); got != "http://"+host {
		t.Errorf("proxyEndpoint = %s, want http://%s", got, host)
	}
	repo, err := api.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(repo.Repository.RepositoryUri); got != host+"/web" {
		t.Errorf("repositoryUri = %s, want %s/web", got, host)
	}
	other, err := api.CreateRepository(ctx, &ecr.CreateRepositoryInput{RegistryId: aws.String("210987654321"), RepositoryName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(other.Repository.RepositoryUri); got != "210987654321.dkr.ecr.us-east-1.amazonaws.com/web" {
		t.Errorf("another account's repositoryUri = %s", got)
	}
	ref, err := name.ParseReference(host+"/web:1.0", name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	img, _ := random.Image(512, 1)
	if err := remote.Write(ref, img); !isStatus(err, http.StatusUnauthorized) {
		t.Fatalf("push without credentials: %v, want 401", err)
	}
	auth := remote.WithAuth(&authn.Basic{Username: "AWS", Password: s.ECRPassword("123456789012")})
	if err := remote.Write(ref, img, auth); err != nil {
		t.Fatal(err)
	}
	want, _ := img.Digest()
	out, err := api.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.ImageDetails) != 1 || aws.ToString(out.ImageDetails[0].ImageDigest) != want.String() {
		t.Errorf("images after a loopback push: %+v, want %s", out.ImageDetails, want)
	}
}
