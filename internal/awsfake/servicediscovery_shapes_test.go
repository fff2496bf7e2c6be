package awsfake

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"
)

// TestServiceDiscoveryInputShapes is TestInputShapes for Cloud Map: our
// input structs have exactly the SDK inputs' members, and every operation
// exists on the client.
func TestServiceDiscoveryInputShapes(t *testing.T) {
	pairs := []struct{ ours, sdk any }{
		{sdListNamespacesInput{}, servicediscovery.ListNamespacesInput{}},
		{sdGetNamespaceInput{}, servicediscovery.GetNamespaceInput{}},
		{sdListServicesInput{}, servicediscovery.ListServicesInput{}},
		{sdGetServiceInput{}, servicediscovery.GetServiceInput{}},
		{sdUpdateServiceInput{}, servicediscovery.UpdateServiceInput{}},
		{sdGetOperationInput{}, servicediscovery.GetOperationInput{}},
	}
	for _, p := range pairs {
		ours, sdk := reflect.TypeOf(p.ours), reflect.TypeOf(p.sdk)
		exported := 0
		for i := range sdk.NumField() {
			f := sdk.Field(i)
			if !f.IsExported() {
				continue
			}
			exported++
			if o, ok := ours.FieldByName(f.Name); !ok || o.Type != f.Type {
				t.Errorf("%s.%s %v: ours is %v", sdk, f.Name, f.Type, o.Type)
			}
		}
		if ours.NumField() != exported {
			t.Errorf("%s: %d members, ours %d", sdk, exported, ours.NumField())
		}
	}
	for op := range serviceDiscoveryOps {
		if _, ok := reflect.TypeOf(&servicediscovery.Client{}).MethodByName(op); !ok {
			t.Errorf("servicediscovery.Client has no operation %s", op)
		}
	}
}
