package awsfake

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// TestInputShapes: the structs requests decode into have exactly the
// members of the SDK's inputs, with the same types. Decoding is strict, so
// a member missing here would refuse a valid request, and an extra one
// would accept a key the API does not have.
func TestInputShapes(t *testing.T) {
	pairs := []shapePair{
		{createClusterInput{}, ecs.CreateClusterInput{}},
		{describeClustersInput{}, ecs.DescribeClustersInput{}},
		{listClustersInput{}, ecs.ListClustersInput{}},
		{deleteClusterInput{}, ecs.DeleteClusterInput{}},
		{registerTaskDefinitionInput{}, ecs.RegisterTaskDefinitionInput{}},
		{describeTaskDefinitionInput{}, ecs.DescribeTaskDefinitionInput{}},
		{deregisterTaskDefinitionInput{}, ecs.DeregisterTaskDefinitionInput{}},
		{listTaskDefinitionsInput{}, ecs.ListTaskDefinitionsInput{}},
		{listTaskDefinitionFamiliesInput{}, ecs.ListTaskDefinitionFamiliesInput{}},
		{runTaskInput{}, ecs.RunTaskInput{}},
		{describeTasksInput{}, ecs.DescribeTasksInput{}},
		{listTasksInput{}, ecs.ListTasksInput{}},
		{stopTaskInput{}, ecs.StopTaskInput{}},
		{describeContainerInstancesInput{}, ecs.DescribeContainerInstancesInput{}},
		{listContainerInstancesInput{}, ecs.ListContainerInstancesInput{}},
		{listAccountSettingsInput{}, ecs.ListAccountSettingsInput{}},
		{putAccountSettingInput{}, ecs.PutAccountSettingInput{}},
		{createLogGroupInput{}, cloudwatchlogs.CreateLogGroupInput{}},
		{describeLogGroupsInput{}, cloudwatchlogs.DescribeLogGroupsInput{}},
	}
	checkInputShapes(t, pairs)
	for op := range ecsOps {
		if _, ok := reflect.TypeOf(&ecs.Client{}).MethodByName(op); !ok {
			t.Errorf("ecs.Client has no operation %s", op)
		}
	}
}

// shapePair is one of the fake's input structs and the SDK input it
// stands for.
type shapePair struct{ ours, sdk any }

// checkInputShapes: each pair has exactly the same exported members, with
// the same types.
func checkInputShapes(t *testing.T, pairs []shapePair) {
	t.Helper()
	members := func(v any) map[string]reflect.Type {
		m := map[string]reflect.Type{}
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if f := rt.Field(i); f.IsExported() {
				m[f.Name] = f.Type
			}
		}
		return m
	}
	for _, p := range pairs {
		ours, sdk := members(p.ours), members(p.sdk)
		name := reflect.TypeOf(p.sdk).String()
		for n, typ := range sdk {
			if ours[n] != typ {
				t.Errorf("%s.%s %v: ours is %v", name, n, typ, ours[n])
			}
		}
		for n := range ours {
			if _, ok := sdk[n]; !ok {
				t.Errorf("%s has no member %s", name, n)
			}
		}
	}
}
