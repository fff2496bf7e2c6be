package tasks

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// Lister is what listing tasks needs of ECS.
type Lister interface {
	ecs.ListTasksAPIClient
	ecs.DescribeTasksAPIClient
}

// PsECS is what ps needs of ECS: listing, and the task definitions and
// container instances behind the addresses it shows.
type PsECS interface {
	Lister
	DescribeTaskDefinition(context.Context, *ecs.DescribeTaskDefinitionInput, ...func(*ecs.Options)) (*ecs.DescribeTaskDefinitionOutput, error)
	DescribeContainerInstances(context.Context, *ecs.DescribeContainerInstancesInput, ...func(*ecs.Options)) (*ecs.DescribeContainerInstancesOutput, error)
}

// PsEC2 resolves the addresses ps shows.
type PsEC2 interface {
	DescribeInstances(context.Context, *ec2.DescribeInstancesInput, ...func(*ec2.Options)) (*ec2.DescribeInstancesOutput, error)
	DescribeNetworkInterfaces(context.Context, *ec2.DescribeNetworkInterfacesInput, ...func(*ec2.Options)) (*ec2.DescribeNetworkInterfacesOutput, error)
}

var (
	_ PsECS = (*ecs.Client)(nil)
	_ PsEC2 = (*ec2.Client)(nil)
)
