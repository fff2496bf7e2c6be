package awsfake_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

func TestECRRepositories(t *testing.T) {
	ctx := context.Background()
	s, cfg := start(t, awsfake.WithClock(awsfake.NewFakeClock(t0)))
	c := ecr.NewFromConfig(cfg)
	out := must[*ecr.CreateRepositoryOutput](t)(c.CreateRepository(ctx, &ecr.CreateRepositoryInput{
		RepositoryName: aws.String("web/app"),
		Tags:           []ecrtypes.Tag{{Key: aws.String("team"), Value: aws.String("a")}},
	}))
	r := out.Repository
	if aws.ToString(r.RepositoryUri) != "123456789012.dkr.ecr.us-east-1.amazonaws.com/web/app" ||
		aws.ToString(r.RepositoryArn) != "arn:aws:ecr:us-east-1:123456789012:repository/web/app" ||
		!aws.ToTime(r.CreatedAt).Equal(t0) {
		t.Errorf("repository = uri %s, arn %s, createdAt %v", aws.ToString(r.RepositoryUri), aws.ToString(r.RepositoryArn), r.CreatedAt)
	}
	if tags, ok := s.ECRRepositoryTags("web/app"); !ok || tags["team"] != "a" {
		t.Errorf("tags = %v, %v", tags, ok)
	}
	_, err := c.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String("web/app")})
	var exists *ecrtypes.RepositoryAlreadyExistsException
	if !errors.As(err, &exists) {
		t.Errorf("creating a repository twice: %v, want RepositoryAlreadyExistsException", err)
	}
	_, err = c.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String("Bad Name")})
	wantCode(t, err, "InvalidParameterException")

	_, err = c.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RepositoryNames: []string{"nope"}})
	var notFound *ecrtypes.RepositoryNotFoundException
	if !errors.As(err, &notFound) {
		t.Errorf("describing a missing repository: %v, want RepositoryNotFoundException", err)
	}
	_, err = c.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{RegistryId: aws.String("111122223333"), RepositoryNames: []string{"web/app"}})
	if !errors.As(err, &notFound) {
		t.Errorf("describing in another registry: %v, want RepositoryNotFoundException", err)
	}

	for i := range 4 {
		must[*ecr.CreateRepositoryOutput](t)(c.CreateRepository(ctx, &ecr.CreateRepositoryInput{RepositoryName: aws.String(fmt.Sprintf("r%d", i))}))
	}
	var sizes []int
	p := ecr.NewDescribeRepositoriesPaginator(c, &ecr.DescribeRepositoriesInput{MaxResults: aws.Int32(2)})
	for p.HasMorePages() {
		sizes = append(sizes, len(must[*ecr.DescribeRepositoriesOutput](t)(p.NextPage(ctx)).Repositories))
	}
	if fmt.Sprint(sizes) != "[2 2 1]" {
		t.Errorf("pages = %v, want [2 2 1]", sizes)
	}
	_, err = c.DescribeRepositories(ctx, &ecr.DescribeRepositoriesInput{MaxResults: aws.Int32(1001)})
	wantCode(t, err, "InvalidParameterException")
}

func TestECRImages(t *testing.T) {
	ctx := context.Background()
	s, cfg := start(t)
	c := ecr.NewFromConfig(cfg)
	for i := range 250 {
		tag := fmt.Sprintf("v%d", i)
		if i%5 == 0 {
			tag = ""
		}
		s.PutImageRecord("app", tag, fmt.Sprintf("sha256:%064d", i), int64(1000*i), t0.Add(time.Duration(i)*time.Minute))
	}
	count := func(status ecrtypes.TagStatus) (int, int) {
		t.Helper()
		n, pages := 0, 0
		p := ecr.NewDescribeImagesPaginator(c, &ecr.DescribeImagesInput{RepositoryName: aws.String("app"), Filter: &ecrtypes.DescribeImagesFilter{TagStatus: status}})
		for p.HasMorePages() {
			n += len(must[*ecr.DescribeImagesOutput](t)(p.NextPage(ctx)).ImageDetails)
			pages++
		}
		return n, pages
	}
	for _, c := range []struct {
		status       ecrtypes.TagStatus
		images, page int
	}{{"", 250, 3}, {ecrtypes.TagStatusAny, 250, 3}, {ecrtypes.TagStatusTagged, 200, 2}, {ecrtypes.TagStatusUntagged, 50, 1}} {
		if n, pages := count(c.status); n != c.images || pages != c.page {
			t.Errorf("tagStatus %q: %d images in %d pages, want %d in %d", c.status, n, pages, c.images, c.page)
		}
	}
	one := must[*ecr.DescribeImagesOutput](t)(c.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("app"), ImageIds: []ecrtypes.ImageIdentifier{{ImageTag: aws.String("v7")}}}))
	d := one.ImageDetails[0]
	if aws.ToString(d.ImageDigest) != fmt.Sprintf("sha256:%064d", 7) || aws.ToInt64(d.ImageSizeInBytes) != 7000 || !aws.ToTime(d.ImagePushedAt).Equal(t0.Add(7*time.Minute)) {
		t.Errorf("image v7 = %+v", d)
	}
	_, err := c.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("app"), ImageIds: []ecrtypes.ImageIdentifier{{ImageTag: aws.String("nope")}}})
	var nf *ecrtypes.ImageNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("missing tag: %v, want ImageNotFoundException", err)
	}
	_, err = c.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("nope")})
	var rnf *ecrtypes.RepositoryNotFoundException
	if !errors.As(err, &rnf) {
		t.Errorf("missing repository: %v, want RepositoryNotFoundException", err)
	}
	_, err = c.DescribeImages(ctx, &ecr.DescribeImagesInput{RepositoryName: aws.String("app"), MaxResults: aws.Int32(0)})
	wantCode(t, err, "InvalidParameterException")
}

func TestECRAuthorizationToken(t *testing.T) {
	ctx := context.Background()
	s, cfg := start(t)
	c := ecr.NewFromConfig(cfg)
	out := must[*ecr.GetAuthorizationTokenOutput](t)(c.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{}))
	d := out.AuthorizationData[0]
	raw, err := base64.StdEncoding.DecodeString(aws.ToString(d.AuthorizationToken))
	if err != nil || string(raw) != "AWS:"+s.ECRPassword("123456789012") {
		t.Errorf("token = %q (%v)", raw, err)
	}
	if aws.ToString(d.ProxyEndpoint) != "https://123456789012.dkr.ecr.us-east-1.amazonaws.com" {
		t.Errorf("proxyEndpoint = %s", aws.ToString(d.ProxyEndpoint))
	}
	if n := s.Calls("ecr", "GetAuthorizationToken"); n != 1 {
		t.Errorf("calls = %d, want 1", n)
	}
}
