package awsfake

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

type registerTaskDefinitionInput struct {
	ContainerDefinitions          []types.ContainerDefinition
	Family                        *string
	Cpu                           *string
	EnableFaultInjection          *bool
	EphemeralStorage              *types.EphemeralStorage
	ExecutionRoleArn              *string
	InferenceAccelerators         []types.InferenceAccelerator
	IpcMode                       types.IpcMode
	Memory                        *string
	NetworkMode                   types.NetworkMode
	PidMode                       types.PidMode
	PlacementConstraints          []types.TaskDefinitionPlacementConstraint
	ProxyConfiguration            *types.ProxyConfiguration
	RequiresCompatibilities       []types.Compatibility
	RuntimePlatform               *types.RuntimePlatform
	Tags                          []types.Tag
	TaskRoleArn                   *string
	TrustedExecutionConfiguration *types.TrustedExecutionConfiguration
	Volumes                       []types.Volume
}

type describeTaskDefinitionInput struct {
	TaskDefinition *string
	Include        []types.TaskDefinitionField
}

type deregisterTaskDefinitionInput struct {
	TaskDefinition *string
}

type listTaskDefinitionsInput struct {
	FamilyPrefix *string
	MaxResults   *int32
	NextToken    *string
	Sort         types.SortOrder
	Status       types.TaskDefinitionStatus
}

type listTaskDefinitionFamiliesInput struct {
	FamilyPrefix *string
	MaxResults   *int32
	NextToken    *string
	Status       types.TaskDefinitionFamilyStatus
}

var name255 = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

// registerTaskDefinition adds the family's next revision, after the
// checks ECS makes (see README.md).
func (s *Server) registerTaskDefinition(in *registerTaskDefinitionInput) (any, error) {
	family := deref(in.Family)
	if !name255.MatchString(family) {
		return nil, wire.Errorf(400, "ClientException", "Family contains invalid characters or is empty: %q. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.", family)
	}
	if err := checkTaskDefinition(in); err != nil {
		return nil, err
	}
	rev := int32(len(s.ecs.families[family]) + 1)
	arn := s.ecsARN("task-definition/" + family + ":" + strconv.Itoa(int(rev)))
	td := &types.TaskDefinition{
		TaskDefinitionArn:    &arn,
		Family:               &family,
		Revision:             rev,
		Status:               types.TaskDefinitionStatusActive,
		ContainerDefinitions: withDefaults(in.ContainerDefinitions, in.NetworkMode),
		Cpu:                  in.Cpu,
		Memory:               in.Memory,
		EnableFaultInjection: in.EnableFaultInjection,
		EphemeralStorage:     in.EphemeralStorage,
		ExecutionRoleArn:     in.ExecutionRoleArn,
		//lint:ignore SA1019 a definition echoes what was registered
		InferenceAccelerators:         in.InferenceAccelerators,
		IpcMode:                       in.IpcMode,
		NetworkMode:                   in.NetworkMode,
		PidMode:                       in.PidMode,
		PlacementConstraints:          in.PlacementConstraints,
		ProxyConfiguration:            in.ProxyConfiguration,
		RequiresCompatibilities:       in.RequiresCompatibilities,
		RuntimePlatform:               in.RuntimePlatform,
		TaskRoleArn:                   in.TaskRoleArn,
		TrustedExecutionConfiguration: in.TrustedExecutionConfiguration,
		Volumes:                       in.Volumes,
		Compatibilities:               compatibilities(in),
		RequiresAttributes:            []types.Attribute{},
		RegisteredAt:                  ptr(s.clock.Now()),
		RegisteredBy:                  ptr(s.callerARN()),
	}
	if td.Volumes == nil {
		td.Volumes = []types.Volume{}
	}
	if td.PlacementConstraints == nil {
		td.PlacementConstraints = []types.TaskDefinitionPlacementConstraint{}
	}
	s.ecs.families[family] = append(s.ecs.families[family], td)
	tags := append([]types.Tag{}, in.Tags...)
	s.ecs.tdTags[arn] = tags
	return struct {
		TaskDefinition *types.TaskDefinition
		Tags           []types.Tag
	}{td, tags}, nil
}

// findTaskDefinition resolves family (its newest ACTIVE revision),
// family:revision or an ARN.
func (s *Server) findTaskDefinition(ref string) *types.TaskDefinition {
	ref, ok := s.resourceName(ref, "task-definition")
	if !ok {
		return nil
	}
	family, rev, hasRev := strings.Cut(ref, ":")
	revs := s.ecs.families[family]
	if !hasRev {
		for i := len(revs) - 1; i >= 0; i-- {
			if revs[i].Status == types.TaskDefinitionStatusActive {
				return revs[i]
			}
		}
		return nil
	}
	n, err := strconv.Atoi(rev)
	if err != nil || n < 1 || n > len(revs) {
		return nil
	}
	return revs[n-1]
}

func (s *Server) describeTaskDefinition(in *describeTaskDefinitionInput) (any, error) {
	td := s.findTaskDefinition(deref(in.TaskDefinition))
	if td == nil {
		return nil, wire.Errorf(400, "ClientException", "Unable to describe task definition.")
	}
	out := struct {
		TaskDefinition *types.TaskDefinition
		Tags           []types.Tag
	}{TaskDefinition: td}
	if tagsIncluded(in.Include) {
		out.Tags = append([]types.Tag{}, s.ecs.tdTags[*td.TaskDefinitionArn]...)
	}
	return out, nil
}

func (s *Server) deregisterTaskDefinition(in *deregisterTaskDefinitionInput) (any, error) {
	ref := deref(in.TaskDefinition)
	name, _ := s.resourceName(ref, "task-definition")
	if !strings.Contains(name, ":") {
		return nil, wire.Errorf(400, "ClientException", "Invalid revision number. Number: %s", name)
	}
	td := s.findTaskDefinition(ref)
	if td == nil {
		return nil, wire.Errorf(400, "ClientException", "The specified task definition does not exist.")
	}
	if td.Status == types.TaskDefinitionStatusActive {
		td.Status = types.TaskDefinitionStatusInactive
		td.DeregisteredAt = ptr(s.clock.Now())
	}
	return struct{ TaskDefinition *types.TaskDefinition }{td}, nil
}

// listTaskDefinitions lists revision ARNs by family, then revision.
// familyPrefix is, as the API reference says, a whole family name.
func (s *Server) listTaskDefinitions(in *listTaskDefinitionsInput) (any, error) {
	status := in.Status
	if status == "" {
		status = types.TaskDefinitionStatusActive
	}
	var families []string
	for f := range s.ecs.families {
		if in.FamilyPrefix == nil || *in.FamilyPrefix == f {
			families = append(families, f)
		}
	}
	slices.Sort(families)
	arns := []string{}
	for _, f := range families {
		for _, td := range s.ecs.families[f] {
			if td.Status == status {
				arns = append(arns, *td.TaskDefinitionArn)
			}
		}
	}
	if in.Sort == types.SortOrderDesc {
		slices.Reverse(arns)
	}
	p, next, err := page(arns, in.MaxResults, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		TaskDefinitionArns []string
		NextToken          *string
	}{p, next}, nil
}

// listTaskDefinitionFamilies lists family names with a prefix; a family is
// ACTIVE while any revision is.
func (s *Server) listTaskDefinitionFamilies(in *listTaskDefinitionFamiliesInput) (any, error) {
	families := []string{}
	for f, revs := range s.ecs.families {
		if !strings.HasPrefix(f, deref(in.FamilyPrefix)) {
			continue
		}
		active := slices.ContainsFunc(revs, func(td *types.TaskDefinition) bool {
			return td.Status == types.TaskDefinitionStatusActive
		})
		switch in.Status {
		case types.TaskDefinitionFamilyStatusAll:
		case types.TaskDefinitionFamilyStatusInactive:
			if active {
				continue
			}
		default:
			if !active {
				continue
			}
		}
		families = append(families, f)
	}
	slices.Sort(families)
	p, next, err := page(families, in.MaxResults, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		Families  []string
		NextToken *string
	}{p, next}, nil
}
