package register

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

// describeOnly are the keys DescribeTaskDefinition adds that a registration
// cannot carry; a described task definition on stdin loses them.
var describeOnly = []string{"taskDefinitionArn", "revision", "status", "requiresAttributes",
	"compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt"}

// taskDefinitionInput reads the document's taskDefinition as a
// RegisterTaskDefinition input. A describe output is accepted (its read-only
// keys are dropped); an unknown key is bad input naming its path. Tags come
// from the task definition, or else from the document's top-level "tags"
// (where `aws ecs describe-task-definition --include TAGS` puts them).
func taskDefinitionInput(doc *pipeline.Document) (*ecs.RegisterTaskDefinitionInput, error) {
	raw := doc.Raw(pipeline.KeyTaskDefinition)
	if raw == nil {
		return nil, exitcode.Usagef("the document has no %q: pipe in ecs-compose2td's output or a task definition", pipeline.KeyTaskDefinition)
	}
	in, err := registerInput(raw)
	if err != nil {
		return nil, exitcode.AsUsage(under(pipeline.KeyTaskDefinition, err))
	}
	if in.Family == nil || *in.Family == "" {
		return nil, exitcode.Usagef("taskDefinition.family: required")
	}
	if len(in.ContainerDefinitions) == 0 {
		return nil, exitcode.Usagef("taskDefinition.containerDefinitions: at least one container is required")
	}
	if in.Tags == nil && doc.Has("tags") {
		var tags []types.Tag
		if err := ecsjson.Unmarshal(doc.Raw("tags"), &tags); err != nil {
			return nil, exitcode.AsUsage(under("tags", err))
		}
		in.Tags = tags
	}
	return in, nil
}

// registerInput decodes a task definition object, register or describe
// shaped, into a RegisterTaskDefinition input.
func registerInput(raw json.RawMessage) (*ecs.RegisterTaskDefinitionInput, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, &ecsjson.FieldError{Problem: "not an object"}
	}
	for _, k := range describeOnly {
		delete(obj, k)
	}
	clean, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	in := &ecs.RegisterTaskDefinitionInput{}
	if err := ecsjson.Unmarshal(clean, in); err != nil {
		return nil, err
	}
	return in, nil
}

// under puts a field error's path below key: "taskDefinition.family: ...".
func under(key string, err error) error {
	var fe *ecsjson.FieldError
	if errors.As(err, &fe) {
		if fe.Path == "" {
			return fmt.Errorf("%s: %s", key, fe.Problem)
		}
		return fmt.Errorf("%s.%s: %s", key, fe.Path, fe.Problem)
	}
	return fmt.Errorf("%s: %w", key, err)
}
