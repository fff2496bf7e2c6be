package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// ECS resource tagging, for services: TagResource adds tags (a key given
// again takes the new value), ListTagsForResource lists them. Other
// resource kinds are refused with the fake's own message.

type tagResourceInput struct {
	ResourceArn *string
	Tags        []types.Tag
}

type listTagsForResourceInput struct {
	ResourceArn *string
}

// taggedService finds the service an ARN names, in any cluster.
func (s *Server) taggedService(arn string) (*service, error) {
	if arn == "" {
		return nil, badParam("resourceArn is required.")
	}
	if !strings.HasPrefix(arn, "arn:") {
		return nil, badParam("Invalid resource ARN: %s", arn)
	}
	if _, ok := s.resourceName(arn, "service"); !ok {
		return nil, badParam("awsfake tags services only: %s", arn)
	}
	for _, sv := range s.services().order {
		if sv.arn == arn && sv.status != "INACTIVE" {
			return sv, nil
		}
	}
	return nil, wire.Errorf(400, "ResourceNotFoundException", "The specified resource is not found.")
}

func (s *Server) tagResource(in *tagResourceInput) (any, error) {
	s.settle(s.clock.Now())
	sv, err := s.taggedService(deref(in.ResourceArn))
	if err != nil {
		return nil, err
	}
	if in.Tags == nil {
		return nil, badParam("tags is required.")
	}
	tags := append([]types.Tag{}, sv.in.Tags...)
	for _, t := range in.Tags {
		k := deref(t.Key)
		switch {
		case k == "" || len(k) > 128:
			return nil, badParam("Tag keys must be 1 to 128 characters.")
		case len(deref(t.Value)) > 256:
			return nil, badParam("Tag values can be at most 256 characters.")
		case strings.HasPrefix(strings.ToLower(k), "aws:"):
			return nil, badParam("Tag keys starting with 'aws:' are reserved for AWS use.")
		}
		replaced := false
		for i := range tags {
			if deref(tags[i].Key) == k {
				tags[i].Value, replaced = ptr(deref(t.Value)), true
			}
		}
		if !replaced {
			tags = append(tags, types.Tag{Key: ptr(k), Value: ptr(deref(t.Value))})
		}
	}
	if len(tags) > 50 {
		return nil, badParam("Tags can have at most 50 items.")
	}
	sv.in.Tags = tags
	return struct{}{}, nil
}

func (s *Server) listTagsForResource(in *listTagsForResourceInput) (any, error) {
	s.settle(s.clock.Now())
	sv, err := s.taggedService(deref(in.ResourceArn))
	if err != nil {
		return nil, err
	}
	tags := append([]types.Tag{}, sv.in.Tags...)
	return struct{ Tags []types.Tag }{tags}, nil
}

// ServiceTags returns the tags of cluster's service name (nil when there is
// no such service).
func (s *Server) ServiceTags(cluster, name string) map[string]string {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	sv := s.services().byKey[cluster+"/"+name]
	if sv == nil {
		return nil
	}
	m := map[string]string{}
	for _, t := range sv.in.Tags {
		m[deref(t.Key)] = deref(t.Value)
	}
	return m
}
