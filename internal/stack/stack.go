// Package stack creates, updates and deletes CloudFormation stacks and
// follows each operation to its end, streaming the stack's events; ecs-cluster
// (the cluster stack) and ecs-service (the service discovery stacks) share it.
package stack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/smithy-go"

	"github.com/ecs-toolkit/ecs-toolkit/internal/pace"
)

// API is what following stacks needs of CloudFormation.
type API interface {
	CreateStack(context.Context, *cloudformation.CreateStackInput, ...func(*cloudformation.Options)) (*cloudformation.CreateStackOutput, error)
	UpdateStack(context.Context, *cloudformation.UpdateStackInput, ...func(*cloudformation.Options)) (*cloudformation.UpdateStackOutput, error)
	DeleteStack(context.Context, *cloudformation.DeleteStackInput, ...func(*cloudformation.Options)) (*cloudformation.DeleteStackOutput, error)
	cloudformation.DescribeStacksAPIClient
	cloudformation.DescribeStackEventsAPIClient
}

var _ API = (*cloudformation.Client)(nil)

// Stacks works on stacks through API. Set Event and Status to hear what a
// wait sees; both may be nil.
type Stacks struct {
	API   API
	Sleep pace.Sleep    // between polls
	Poll  time.Duration // between polls
	// MaxPolls ends a wait on a stack still in progress after so many
	// polls (0: wait as long as the stack makes progress, CloudFormation
	// having its own timeouts).
	MaxPolls int

	Event  func(cfntypes.StackEvent)  // each new stack event, oldest first
	Status func(cfntypes.StackStatus) // each stack status when it changes
}

// isNotExist reports whether err is CloudFormation saying the stack does
// not exist (a ValidationError, the only way it says so).
func isNotExist(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && ae.ErrorCode() == "ValidationError" && strings.Contains(ae.ErrorMessage(), "does not exist")
}

// Describe returns the stack, or nil when it does not exist (or is
// DELETE_COMPLETE, which is how a deleted stack shows by id).
func (s *Stacks) Describe(ctx context.Context, name string) (*cfntypes.Stack, error) {
	out, err := s.API.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)})
	if isNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("describing stack %s: %w", name, err)
	}
	if len(out.Stacks) == 0 || out.Stacks[0].StackStatus == cfntypes.StackStatusDeleteComplete {
		return nil, nil
	}
	return &out.Stacks[0], nil
}

// Output returns the value of the stack's output key.
func Output(st *cfntypes.Stack, key string) (string, bool) {
	if st == nil {
		return "", false
	}
	for _, o := range st.Outputs {
		if aws.ToString(o.OutputKey) == key {
			return aws.ToString(o.OutputValue), true
		}
	}
	return "", false
}

// Create starts creating a stack and returns its id; Wait follows it.
func (s *Stacks) Create(ctx context.Context, in *cloudformation.CreateStackInput) (string, error) {
	out, err := s.API.CreateStack(ctx, in)
	if err != nil {
		return "", fmt.Errorf("creating stack %s: %w", aws.ToString(in.StackName), err)
	}
	return aws.ToString(out.StackId), nil
}

// Update starts updating a stack; Wait follows it.
func (s *Stacks) Update(ctx context.Context, in *cloudformation.UpdateStackInput) error {
	if _, err := s.API.UpdateStack(ctx, in); err != nil {
		return fmt.Errorf("updating stack %s: %w", aws.ToString(in.StackName), err)
	}
	return nil
}

// Delete starts deleting a stack; Wait follows it.
func (s *Stacks) Delete(ctx context.Context, name string) error {
	if _, err := s.API.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String(name)}); err != nil {
		return fmt.Errorf("deleting stack %s: %w", name, err)
	}
	return nil
}
