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
	checkInputShapes(t, []shapePair{
		{sdListNamespacesInput{}, servicediscovery.ListNamespacesInput{}},
		{sdGetNamespaceInput{}, servicediscovery.GetNamespaceInput{}},
		{sdListServicesInput{}, servicediscovery.ListServicesInput{}},
		{sdGetServiceInput{}, servicediscovery.GetServiceInput{}},
		{sdUpdateServiceInput{}, servicediscovery.UpdateServiceInput{}},
		{sdGetOperationInput{}, servicediscovery.GetOperationInput{}},
	})
	for op := range serviceDiscoveryOps {
		if _, ok := reflect.TypeOf(&servicediscovery.Client{}).MethodByName(op); !ok {
			t.Errorf("servicediscovery.Client has no operation %s", op)
		}
	}
}
