package register

import (
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/taskdef"
)

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
	in, err := taskdef.RegisterInput(raw)
	if err != nil {
		return nil, exitcode.AsUsage(ecsjson.Under(pipeline.KeyTaskDefinition, err))
	}
	if err := taskdef.CheckNumbers(in); err != nil {
		return nil, exitcode.AsUsage(ecsjson.Under(pipeline.KeyTaskDefinition, err))
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
			return nil, exitcode.AsUsage(ecsjson.Under("tags", err))
		}
		in.Tags = tags
	}
	return in, nil
}
