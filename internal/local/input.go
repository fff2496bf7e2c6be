package local

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/taskdef"
)

// ReadTaskDefinition reads a task definition from r (name is the file
// name for messages): a bare task definition, register or describe shaped,
// the whole DescribeTaskDefinition output ({"taskDefinition": ...}), or a
// pipeline document. Numbers written as strings are accepted; an unknown
// field is bad input naming its path.
func ReadTaskDefinition(r io.Reader, name string) (*types.TaskDefinition, error) {
	doc, err := pipeline.Read(r, name)
	if err != nil {
		return nil, err
	}
	raw := doc.Raw(pipeline.KeyTaskDefinition)
	if raw == nil {
		return nil, exitcode.Usagef("reading %s: no %q and no containerDefinitions: want a task definition", name, pipeline.KeyTaskDefinition)
	}
	td, err := decodeTaskDefinition(raw)
	if err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("reading %s: %w", name, ecsjson.Under(pipeline.KeyTaskDefinition, err)))
	}
	// A document ecs-register has seen names the revision it registered.
	var arn string
	if _, err := doc.Get(pipeline.KeyTaskDefinitionArn, &arn); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("reading %s: %s: want the ARN as a string", name, pipeline.KeyTaskDefinitionArn))
	}
	if arn != "" {
		td.TaskDefinitionArn = &arn
	}
	return td, nil
}

func decodeTaskDefinition(raw json.RawMessage) (*types.TaskDefinition, error) {
	in, err := taskdef.RegisterInput(raw)
	if err != nil {
		return nil, err
	}
	// A number ECS would refuse would reach docker compose, which refuses
	// it with its own words, or (a negative size) reads it another way.
	if err := taskdef.CheckNumbers(in); err != nil {
		return nil, err
	}
	return &types.TaskDefinition{
		Family:               in.Family,
		ContainerDefinitions: in.ContainerDefinitions,
		NetworkMode:          in.NetworkMode,
		PidMode:              in.PidMode,
		IpcMode:              in.IpcMode,
		TaskRoleArn:          in.TaskRoleArn,
		Volumes:              in.Volumes,
	}, nil
}

// describeAPI is the one ECS call ecs-local makes.
type describeAPI interface {
	DescribeTaskDefinition(context.Context, *ecs.DescribeTaskDefinitionInput, ...func(*ecs.Options)) (*ecs.DescribeTaskDefinitionOutput, error)
}

var _ describeAPI = (*ecs.Client)(nil)

// DescribeTaskDefinition fetches a registered task definition by ARN,
// family or family:revision.
func DescribeTaskDefinition(ctx context.Context, api describeAPI, ref string) (*types.TaskDefinition, error) {
	out, err := api.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: &ref})
	if err != nil {
		return nil, fmt.Errorf("describing task definition %q: %w", ref, err)
	}
	if out.TaskDefinition == nil {
		return nil, fmt.Errorf("describing task definition %q: no task definition in the answer", ref)
	}
	return out.TaskDefinition, nil
}

// Marshal writes p as YAML with two-space indentation.
func Marshal(p *Project) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
