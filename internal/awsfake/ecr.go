package awsfake

import (
	"encoding/base64"
	"net/http"
	"regexp"
	"slices"
	"sync"
	"time"

	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// ecrState is Amazon ECR's state: repositories and the images in them.
// Guarded by mu.
type ecrState struct {
	mu sync.Mutex

	repos      []*ecrRepo              // in creation order
	tokens     map[string]time.Time    // by registry: when its newest token expires
	registries map[string]http.Handler // by registry: its image store (registry.go)

	// registryHost, when set, is where the caller's ECR registry is
	// served instead of its amazonaws.com name (SetRegistryHost).
	registryHost string
}

// ecrTag is a tag as ECR spells it on the wire: {"Key": …, "Value": …},
// unlike the lower-case members of everything else (a map keeps them).
type ecrTag map[string]string

func checkECRTags(tags []ecrTag) *wire.Error {
	for i, t := range tags {
		for k := range t {
			if k != "Key" && k != "Value" {
				return wire.Errorf(400, "SerializationException", "tags[%d].%s: unknown field", i, k)
			}
		}
		if t["Key"] == "" {
			return wire.Errorf(400, "InvalidParameterException", "Invalid parameter at 'tags' failed to satisfy constraint: 'Member must have length greater than or equal to 1'")
		}
	}
	return nil
}

type ecrRepo struct {
	repo   ecrtypes.Repository
	tags   []ecrTag
	images []*ecrImage // in push order
}

type ecrImage struct {
	digest   string
	tags     []string
	size     int64
	pushedAt time.Time
}

var ecrOps = map[string]jsonOp{
	"CreateRepository":      op((*Server).createRepository),
	"DescribeRepositories":  op((*Server).describeRepositories),
	"DescribeImages":        op((*Server).describeImages),
	"GetAuthorizationToken": op((*Server).getAuthorizationToken),
	"TagResource":           op((*Server).tagECRResource),
}

type createRepositoryInput struct {
	RepositoryName                     *string
	EncryptionConfiguration            *ecrtypes.EncryptionConfiguration
	ImageScanningConfiguration         *ecrtypes.ImageScanningConfiguration
	ImageTagMutability                 ecrtypes.ImageTagMutability
	ImageTagMutabilityExclusionFilters []ecrtypes.ImageTagMutabilityExclusionFilter
	RegistryId                         *string
	Tags                               []ecrTag
}

type describeRepositoriesInput struct {
	MaxResults      *int32
	NextToken       *string
	RegistryId      *string
	RepositoryNames []string
}

type describeImagesInput struct {
	RepositoryName *string
	Filter         *ecrtypes.DescribeImagesFilter
	ImageIds       []ecrtypes.ImageIdentifier
	MaxResults     *int32
	NextToken      *string
	RegistryId     *string
}

type getAuthorizationTokenInput struct {
	RegistryIds []string
}

type tagECRResourceInput struct {
	ResourceArn *string
	Tags        []ecrTag
}

var ecrRepoName = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)

var ecrRegistryID = regexp.MustCompile(`^[0-9]{12}$`)

// registry returns the registry a request names, the caller's by default.
func (s *Server) registry(id *string) string {
	if deref(id) != "" {
		return *id
	}
	return s.account
}

// findECRRepo finds a repository. ecr.mu is held.
func (s *Server) findECRRepo(registry, name string) *ecrRepo {
	for _, r := range s.ecr.repos {
		if deref(r.repo.RegistryId) == registry && deref(r.repo.RepositoryName) == name {
			return r
		}
	}
	return nil
}

func (s *Server) repoNotFound(registry, name string) *wire.Error {
	return wire.Errorf(400, "RepositoryNotFoundException", "The repository with name '%s' does not exist in the registry with id '%s'", name, registry)
}

// addECRRepo creates a repository. ecr.mu is held.
func (s *Server) addECRRepo(registry, name string, tags []ecrTag) (*ecrRepo, *wire.Error) {
	if err := checkECRTags(tags); err != nil {
		return nil, err
	}
	if len(name) < 2 || len(name) > 256 || !ecrRepoName.MatchString(name) {
		return nil, wire.Errorf(400, "InvalidParameterException", "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''")
	}
	if s.findECRRepo(registry, name) != nil {
		return nil, wire.Errorf(400, "RepositoryAlreadyExistsException", "The repository with name '%s' already exists in the registry with id '%s'", name, registry)
	}
	host, _ := s.ecrHost(registry)
	r := &ecrRepo{tags: tags, repo: ecrtypes.Repository{
		RepositoryArn:              ptr("arn:aws:ecr:" + s.region + ":" + registry + ":repository/" + name),
		RegistryId:                 ptr(registry),
		RepositoryName:             ptr(name),
		RepositoryUri:              ptr(host + "/" + name),
		CreatedAt:                  ptr(s.clock.Now()),
		ImageTagMutability:         ecrtypes.ImageTagMutabilityMutable,
		ImageScanningConfiguration: &ecrtypes.ImageScanningConfiguration{},
		EncryptionConfiguration:    &ecrtypes.EncryptionConfiguration{EncryptionType: ecrtypes.EncryptionTypeAes256},
	}}
	s.ecr.repos = append(s.ecr.repos, r)
	return r, nil
}

// ecrHost is a registry's host name, and whether it is the loopback host
// of SetRegistryHost. ecr.mu is held.
func (s *Server) ecrHost(registry string) (host string, loopback bool) {
	if registry == s.account && s.ecr.registryHost != "" {
		return s.ecr.registryHost, true
	}
	return registry + ".dkr.ecr." + s.region + ".amazonaws.com", false
}

// ecrEndpoint is a registry's proxyEndpoint: HTTPS, as ECR's, except a
// loopback registry (SetRegistryHost), which speaks plain HTTP.
func (s *Server) ecrEndpoint(registry string) string {
	host, loopback := s.ecrHost(registry)
	if loopback {
		return "http://" + host
	}
	return "https://" + host
}

// SetRegistryHost serves the caller's ECR registry at host (the fake's own
// 127.0.0.1:PORT) instead of <account>.dkr.ecr.<region>.amazonaws.com:
// repository URIs and the authorization token's proxyEndpoint name it, and
// registry requests with that Host reach it. A Docker engine on this
// machine can then push and pull with no set-up, since it treats
// 127.0.0.0/8 registries as plain-HTTP ones by default; ECR's own host
// names would need DNS and a trusted certificate.
func (s *Server) SetRegistryHost(host string) {
	s.ecr.mu.Lock()
	defer s.ecr.mu.Unlock()
	s.ecr.registryHost = host
}

func (s *Server) createRepository(in *createRepositoryInput) (any, error) {
	r, err := s.addECRRepo(s.registry(in.RegistryId), deref(in.RepositoryName), in.Tags)
	if err != nil {
		return nil, err
	}
	return struct{ Repository ecrtypes.Repository }{r.repo}, nil
}

func (s *Server) describeRepositories(in *describeRepositoriesInput) (any, error) {
	registry := s.registry(in.RegistryId)
	var out []ecrtypes.Repository
	if len(in.RepositoryNames) > 0 {
		if in.MaxResults != nil || in.NextToken != nil {
			return nil, wire.Errorf(400, "InvalidParameterException", "Cannot specify maxResults or nextToken together with repositoryNames")
		}
		for _, n := range in.RepositoryNames {
			r := s.findECRRepo(registry, n)
			if r == nil {
				return nil, s.repoNotFound(registry, n)
			}
			out = append(out, r.repo)
		}
	} else {
		for _, r := range s.ecr.repos {
			if deref(r.repo.RegistryId) == registry {
				out = append(out, r.repo)
			}
		}
	}
	p, next, err := page(append([]ecrtypes.Repository{}, out...), ecrPageSize(in.MaxResults), in.NextToken, 1000)
	if err != nil {
		return nil, err
	}
	return struct {
		Repositories []ecrtypes.Repository
		NextToken    *string
	}{p, next}, nil
}

// describeImages lists a repository's images in push order, filtered by
// tag status or by image IDs, 100 a page unless maxResults (≤ 1000) says.
func (s *Server) describeImages(in *describeImagesInput) (any, error) {
	registry, name := s.registry(in.RegistryId), deref(in.RepositoryName)
	r := s.findECRRepo(registry, name)
	if r == nil {
		return nil, s.repoNotFound(registry, name)
	}
	var status ecrtypes.TagStatus
	if in.Filter != nil {
		status = in.Filter.TagStatus
		if status != "" && !slices.Contains(status.Values(), status) {
			return nil, wire.Errorf(400, "InvalidParameterException", "Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: 'Member must satisfy enum value set: [ANY, TAGGED, UNTAGGED]'")
		}
	}
	var details []ecrtypes.ImageDetail
	for _, img := range r.images {
		switch {
		case status == ecrtypes.TagStatusTagged && len(img.tags) == 0,
			status == ecrtypes.TagStatusUntagged && len(img.tags) > 0:
			continue
		}
		details = append(details, s.imageDetail(r, img))
	}
	if len(in.ImageIds) > 0 {
		if in.MaxResults != nil || in.NextToken != nil {
			return nil, wire.Errorf(400, "InvalidParameterException", "Cannot specify maxResults or nextToken together with imageIds")
		}
		details = nil
		for _, id := range in.ImageIds {
			img := r.image(deref(id.ImageTag), deref(id.ImageDigest))
			if img == nil {
				return nil, wire.Errorf(400, "ImageNotFoundException", "The image with imageId {imageDigest:'%s', imageTag:'%s'} does not exist within the repository with name '%s' in the registry with id '%s'", deref(id.ImageDigest), deref(id.ImageTag), name, registry)
			}
			details = append(details, s.imageDetail(r, img))
		}
	}
	p, next, err := page(append([]ecrtypes.ImageDetail{}, details...), ecrPageSize(in.MaxResults), in.NextToken, 1000)
	if err != nil {
		return nil, err
	}
	return struct {
		ImageDetails []ecrtypes.ImageDetail
		NextToken    *string
	}{p, next}, nil
}

// ecrPageSize is maxResults, or ECR's default page of 100.
func ecrPageSize(maxResults *int32) *int32 {
	if maxResults == nil {
		return ptr(int32(100))
	}
	return maxResults
}

func (r *ecrRepo) image(tag, digest string) *ecrImage {
	for _, img := range r.images {
		if (digest == "" || img.digest == digest) && (tag == "" || slices.Contains(img.tags, tag)) && (tag != "" || digest != "") {
			return img
		}
	}
	return nil
}

func (s *Server) imageDetail(r *ecrRepo, img *ecrImage) ecrtypes.ImageDetail {
	return ecrtypes.ImageDetail{
		RegistryId:             r.repo.RegistryId,
		RepositoryName:         r.repo.RepositoryName,
		ImageDigest:            ptr(img.digest),
		ImageTags:              slices.Clone(img.tags),
		ImageSizeInBytes:       ptr(img.size),
		ImagePushedAt:          ptr(img.pushedAt),
		ImageManifestMediaType: ptr("application/vnd.docker.distribution.manifest.v2+json"),
		ArtifactMediaType:      ptr("application/vnd.docker.container.image.v1+json"),
	}
}

// getAuthorizationToken answers one token per registry asked for (the
// caller's by default): base64 of "AWS:<password>", valid 12 hours.
func (s *Server) getAuthorizationToken(in *getAuthorizationTokenInput) (any, error) {
	ids := in.RegistryIds
	if len(ids) == 0 {
		ids = []string{s.account}
	}
	var data []ecrtypes.AuthorizationData
	for _, id := range ids {
		if !ecrRegistryID.MatchString(id) {
			return nil, wire.Errorf(400, "InvalidParameterException", "Invalid parameter at 'registryIds' failed to satisfy constraint: 'Member must satisfy regular expression pattern: [0-9]{12}'")
		}
		expires := s.clock.Now().Add(tokenLifetime)
		if s.ecr.tokens == nil {
			s.ecr.tokens = map[string]time.Time{}
		}
		s.ecr.tokens[id] = expires
		data = append(data, ecrtypes.AuthorizationData{
			AuthorizationToken: ptr(base64.StdEncoding.EncodeToString([]byte("AWS:" + ecrPassword(id)))),
			ExpiresAt:          ptr(expires),
			ProxyEndpoint:      ptr(s.ecrEndpoint(id)),
		})
	}
	return struct{ AuthorizationData []ecrtypes.AuthorizationData }{data}, nil
}

func (s *Server) tagECRResource(in *tagECRResourceInput) (any, error) {
	if err := checkECRTags(in.Tags); err != nil {
		return nil, err
	}
	for _, r := range s.ecr.repos {
		if deref(r.repo.RepositoryArn) == deref(in.ResourceArn) {
			for _, t := range in.Tags {
				r.tags = slices.DeleteFunc(r.tags, func(o ecrTag) bool { return o["Key"] == t["Key"] })
				r.tags = append(r.tags, t)
			}
			return nil, nil
		}
	}
	return nil, wire.Errorf(400, "RepositoryNotFoundException", "The repository with ARN '%s' does not exist", deref(in.ResourceArn))
}

// ecrPassword is the password GetAuthorizationToken hands out for a
// registry: fixed per registry, so tests can look for it.
func ecrPassword(registry string) string { return "awsfake-ecr-" + hexOf("ecr/" + registry)[:32] }

// ECRPassword returns the password in the registry's authorization token.
func (s *Server) ECRPassword(registry string) string { return ecrPassword(registry) }

// ECRRepositoryTags returns the tags of the caller's repository, and
// whether it exists.
func (s *Server) ECRRepositoryTags(repo string) (map[string]string, bool) {
	s.ecr.mu.Lock()
	defer s.ecr.mu.Unlock()
	r := s.findECRRepo(s.account, repo)
	if r == nil {
		return nil, false
	}
	m := map[string]string{}
	for _, t := range r.tags {
		m[t["Key"]] = t["Value"]
	}
	return m, true
}

// PutImageRecord puts an image into the caller's repository repo, making
// the repository when missing: tag "" is an untagged image; a tag moves
// from the image that had it, as on a push.
func (s *Server) PutImageRecord(repo, tag, digest string, size int64, pushedAt time.Time) {
	s.ecr.mu.Lock()
	defer s.ecr.mu.Unlock()
	r := s.findECRRepo(s.account, repo)
	if r == nil {
		var err *wire.Error
		if r, err = s.addECRRepo(s.account, repo, nil); err != nil {
			panic("awsfake: PutImageRecord: " + err.Error())
		}
	}
	s.putImage(r, tag, digest, size, pushedAt)
}

// putImage puts an image into r: tag "" is an untagged image; a tag moves
// from the image that had it. ecr.mu is held.
func (s *Server) putImage(r *ecrRepo, tag, digest string, size int64, pushedAt time.Time) {
	if tag != "" {
		for _, img := range r.images {
			img.tags = slices.DeleteFunc(img.tags, func(t string) bool { return t == tag })
		}
	}
	for _, img := range r.images {
		if img.digest == digest {
			if tag != "" {
				img.tags = append(img.tags, tag)
			}
			return
		}
	}
	img := &ecrImage{digest: digest, size: size, pushedAt: pushedAt}
	if tag != "" {
		img.tags = []string{tag}
	}
	r.images = append(r.images, img)
}
