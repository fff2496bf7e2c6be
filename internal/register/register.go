// Package register is the ecs-register step: it registers the document's
// task definition, or reuses the newest ACTIVE revision when that is what
// registering would give, and writes taskDefinitionArn.
package register

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// ecsAPI is what registering needs of ECS.
type ecsAPI interface {
	DescribeTaskDefinition(context.Context, *ecs.DescribeTaskDefinitionInput, ...func(*ecs.Options)) (*ecs.DescribeTaskDefinitionOutput, error)
	RegisterTaskDefinition(context.Context, *ecs.RegisterTaskDefinitionInput, ...func(*ecs.Options)) (*ecs.RegisterTaskDefinitionOutput, error)
}

var _ ecsAPI = (*ecs.Client)(nil)

// Options change how Register decides.
type Options struct {
	Force  bool // register even when an identical revision exists
	DryRun bool // decide, but register nothing
}

// Outcome says what Register did. Arn is empty when a dry run would register.
type Outcome struct {
	Arn        string
	Reused     bool
	Registered bool
}

// Register registers in, unless the family's newest ACTIVE revision is
// identical to it (compared through the API, so it works from any machine;
// the original kept a local cache instead).
func Register(ctx context.Context, api ecsAPI, in *ecs.RegisterTaskDefinitionInput, o Options) (Outcome, error) {
	if !o.Force {
		arn, err := identicalRevision(ctx, api, in)
		if err != nil {
			return Outcome{}, err
		}
		if arn != "" {
			return Outcome{Arn: arn, Reused: true}, nil
		}
	}
	if o.DryRun {
		return Outcome{}, nil
	}
	out, err := api.RegisterTaskDefinition(ctx, in)
	if err != nil {
		return Outcome{}, fmt.Errorf("registering task definition %s: %w", aws.ToString(in.Family), err)
	}
	return Outcome{Arn: aws.ToString(out.TaskDefinition.TaskDefinitionArn), Registered: true}, nil
}

// identicalRevision returns the ARN of the family's newest ACTIVE revision
// when registering in would give the same thing, else "".
func identicalRevision(ctx context.Context, api ecsAPI, in *ecs.RegisterTaskDefinitionInput) (string, error) {
	out, err := api.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{
		TaskDefinition: in.Family,
		Include:        []types.TaskDefinitionField{types.TaskDefinitionFieldTags},
	})
	var notFound *types.ClientException
	if errors.As(err, &notFound) {
		return "", nil // a new family (ECS answers ClientException for an unknown one)
	}
	if err != nil {
		return "", fmt.Errorf("describing task definition %s: %w", aws.ToString(in.Family), err)
	}
	td := out.TaskDefinition
	if td == nil || td.Status != types.TaskDefinitionStatusActive {
		return "", nil
	}
	same, err := identical(in, td, out.Tags)
	if err != nil || !same {
		return "", err
	}
	return aws.ToString(td.TaskDefinitionArn), nil
}
