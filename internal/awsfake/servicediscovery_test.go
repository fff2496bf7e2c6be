package awsfake_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"
	sdtypes "github.com/aws/aws-sdk-go-v2/service/servicediscovery/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

const sdTemplate = `{
  "Parameters": {"Name": {"Type": "String"}, "TTL": {"Type": "Number", "Default": 60}},
  "Resources": {
    "NS": {"Type": "AWS::ServiceDiscovery::PrivateDnsNamespace", "Properties": {"Name": {"Ref": "Name"}, "Vpc": "vpc-1"}},
    "SDS": {"Type": "AWS::ServiceDiscovery::Service", "Properties": {
      "Name": "web",
      "DnsConfig": {"NamespaceId": {"Ref": "NS"}, "DnsRecords": [{"Type": "A", "TTL": {"Ref": "TTL"}}]},
      "HealthCheckCustomConfig": {"FailureThreshold": 2}}}
  },
  "Outputs": {"NamespaceID": {"Value": {"Ref": "NS"}}}
}`

// Cloud Map answers from the namespaces added directly and from the
// ServiceDiscovery resources of settled stacks, which go with the stack.
func TestServiceDiscoveryFromStacks(t *testing.T) {
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv, cfg := start(t, awsfake.WithClock(clock))
	cfn := cloudformation.NewFromConfig(cfg)
	sd := servicediscovery.NewFromConfig(cfg)
	ctx := context.Background()
	pub := srv.AddNamespace("example.com", "DNS_PUBLIC", "")

	list := func(typ sdtypes.NamespaceType) []string {
		t.Helper()
		out := must[*servicediscovery.ListNamespacesOutput](t)(sd.ListNamespaces(ctx, &servicediscovery.ListNamespacesInput{
			Filters: []sdtypes.NamespaceFilter{{Name: sdtypes.NamespaceFilterNameType, Values: []string{string(typ)}, Condition: sdtypes.FilterConditionEq}},
		}))
		var names []string
		for _, ns := range out.Namespaces {
			names = append(names, aws.ToString(ns.Name)+"="+aws.ToString(ns.Id))
		}
		return names
	}
	if got := list(sdtypes.NamespaceTypeDnsPublic); !reflect.DeepEqual(got, []string{"example.com=" + pub}) {
		t.Errorf("public namespaces %v", got)
	}
	must[*cloudformation.CreateStackOutput](t)(cfn.CreateStack(ctx, &cloudformation.CreateStackInput{
		StackName: aws.String("sd"), TemplateBody: aws.String(sdTemplate),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Name"), ParameterValue: aws.String("tutorial")}},
	}))
	if got := list(sdtypes.NamespaceTypeDnsPrivate); len(got) != 0 {
		t.Errorf("namespaces while the stack is being created: %v", got)
	}
	clock.Advance(time.Second)
	got := list(sdtypes.NamespaceTypeDnsPrivate)
	if len(got) != 1 || !strings.HasPrefix(got[0], "tutorial=") {
		t.Fatalf("private namespaces %v", got)
	}
	nsID := strings.TrimPrefix(got[0], "tutorial=")
	ns := must[*servicediscovery.GetNamespaceOutput](t)(sd.GetNamespace(ctx, &servicediscovery.GetNamespaceInput{Id: aws.String(nsID)}))
	if ns.Namespace.Type != sdtypes.NamespaceTypeDnsPrivate || ns.Namespace.Properties.DnsProperties.HostedZoneId == nil {
		t.Errorf("namespace %+v", ns.Namespace)
	}
	_, err := sd.GetNamespace(ctx, &servicediscovery.GetNamespaceInput{Id: aws.String("ns-nope")})
	wantCode(t, err, "NamespaceNotFound")

	svcs := must[*servicediscovery.ListServicesOutput](t)(sd.ListServices(ctx, &servicediscovery.ListServicesInput{}))
	if len(svcs.Services) != 1 || aws.ToString(svcs.Services[0].Name) != "web" {
		t.Fatalf("services %+v", svcs.Services)
	}
	id := svcs.Services[0].Id
	sv := must[*servicediscovery.GetServiceOutput](t)(sd.GetService(ctx, &servicediscovery.GetServiceInput{Id: id}))
	if aws.ToString(sv.Service.NamespaceId) != nsID || aws.ToInt64(sv.Service.DnsConfig.DnsRecords[0].TTL) != 60 ||
		sv.Service.HealthCheckCustomConfig == nil || aws.ToInt32(sv.Service.InstanceCount) != 0 ||
		!strings.HasSuffix(aws.ToString(sv.Service.Arn), ":service/"+aws.ToString(id)) {
		t.Errorf("service %+v", sv.Service)
	}

	// A stack update is seen once it settles; UpdateService changes the TTL.
	must[*cloudformation.UpdateStackOutput](t)(cfn.UpdateStack(ctx, &cloudformation.UpdateStackInput{
		StackName: aws.String("sd"), UsePreviousTemplate: aws.Bool(true),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Name"), UsePreviousValue: aws.Bool(true)}, {ParameterKey: aws.String("TTL"), ParameterValue: aws.String("120")}},
	}))
	clock.Advance(time.Second)
	if s := srv.DiscoveryServices(); len(s) != 1 || s[0].TTL != 120 || s[0].FailureThreshold != 2 || s[0].DNSType != "A" {
		t.Errorf("after the update: %+v", s)
	}
	up := must[*servicediscovery.UpdateServiceOutput](t)(sd.UpdateService(ctx, &servicediscovery.UpdateServiceInput{
		Id: id, Service: &sdtypes.ServiceChange{DnsConfig: &sdtypes.DnsConfigChange{DnsRecords: []sdtypes.DnsRecord{{Type: sdtypes.RecordTypeA, TTL: aws.Int64(30)}}}},
	}))
	op := must[*servicediscovery.GetOperationOutput](t)(sd.GetOperation(ctx, &servicediscovery.GetOperationInput{OperationId: up.OperationId}))
	if op.Operation.Status != sdtypes.OperationStatusSuccess || op.Operation.Targets["SERVICE"] != aws.ToString(id) {
		t.Errorf("operation %+v", op.Operation)
	}
	if s := srv.DiscoveryServices(); s[0].TTL != 30 {
		t.Errorf("after UpdateService: %+v", s)
	}
	_, err = sd.GetOperation(ctx, &servicediscovery.GetOperationInput{OperationId: aws.String("nope")})
	wantCode(t, err, "OperationNotFound")

	// Deleting the stack takes its namespace and service with it.
	must[*cloudformation.DeleteStackOutput](t)(cfn.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String("sd")}))
	clock.Advance(time.Second)
	if got := list(sdtypes.NamespaceTypeDnsPrivate); len(got) != 0 {
		t.Errorf("namespaces after the delete: %v", got)
	}
	_, err = sd.GetService(ctx, &servicediscovery.GetServiceInput{Id: id})
	wantCode(t, err, "ServiceNotFound")
	if calls := srv.Calls("servicediscovery", "ListNamespaces"); calls != 4 {
		t.Errorf("%d ListNamespaces calls", calls)
	}
}

// A namespace filter the fake does not know is refused, even with no namespaces.
func TestServiceDiscoveryStrictInput(t *testing.T) {
	_, cfg := start(t)
	sd := servicediscovery.NewFromConfig(cfg)
	_, err := sd.ListNamespaces(context.Background(), &servicediscovery.ListNamespacesInput{
		Filters: []sdtypes.NamespaceFilter{{Name: "NOPE", Values: []string{"x"}}},
	})
	wantCode(t, err, "InvalidInput")
}
