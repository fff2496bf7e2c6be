package service

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"
	sdtypes "github.com/aws/aws-sdk-go-v2/service/servicediscovery/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

// stubSD lists namespaces named "corp" with ids ns-N and zones zN.
type stubSD struct {
	sdAPI
	ids []string
}

func (s stubSD) ListNamespaces(context.Context, *servicediscovery.ListNamespacesInput, ...func(*servicediscovery.Options)) (*servicediscovery.ListNamespacesOutput, error) {
	out := &servicediscovery.ListNamespacesOutput{}
	for _, id := range s.ids {
		out.Namespaces = append(out.Namespaces, sdtypes.NamespaceSummary{Id: aws.String(id), Name: aws.String("corp")})
	}
	out.Namespaces = append(out.Namespaces, sdtypes.NamespaceSummary{Id: aws.String("ns-other"), Name: aws.String("other")})
	return out, nil
}

func (s stubSD) GetNamespace(_ context.Context, in *servicediscovery.GetNamespaceInput, _ ...func(*servicediscovery.Options)) (*servicediscovery.GetNamespaceOutput, error) {
	return &servicediscovery.GetNamespaceOutput{Namespace: &sdtypes.Namespace{Id: in.Id, Properties: &sdtypes.NamespaceProperties{
		DnsProperties: &sdtypes.DnsProperties{HostedZoneId: aws.String("z" + aws.ToString(in.Id))}}}}, nil
}

// stubR53 answers each zone's VPCs.
type stubR53 map[string][]r53types.VPC

func (s stubR53) GetHostedZone(_ context.Context, in *route53.GetHostedZoneInput, _ ...func(*route53.Options)) (*route53.GetHostedZoneOutput, error) {
	vpcs, ok := s[aws.ToString(in.Id)]
	if !ok {
		return nil, errors.New("NoSuchHostedZone")
	}
	return &route53.GetHostedZoneOutput{HostedZone: &r53types.HostedZone{Id: in.Id}, VPCs: vpcs}, nil
}

func vpc(id, region string) r53types.VPC {
	return r53types.VPC{VPCId: aws.String(id), VPCRegion: r53types.VPCRegion(region)}
}

// A private namespace found by name is reused only when its hosted zone is
// associated with the VPC in the service's region: the first such one wins.
func TestNamespaceInVPC(t *testing.T) {
	zones := stubR53{
		"zns-1": {vpc("vpc-1", "us-east-1")},
		"zns-2": {vpc("vpc-2", "eu-west-1"), vpc("vpc-9", "us-east-1")},
		"zns-3": {vpc("vpc-2", "us-east-1")},
	}
	for _, c := range []struct {
		vpc, want string
	}{
		{"vpc-1", "ns-1"},
		{"vpc-9", "ns-2"},
		{"vpc-2", "ns-3"}, // ns-2 has vpc-2 in another region
	} {
		s := &svc{sd: stubSD{ids: []string{"ns-1", "ns-2", "ns-3"}}, r53: zones, region: "us-east-1", progress: io.Discard}
		got, err := s.namespaceID(context.Background(), discovery{private: &pipeline.DNSNamespace{Name: "corp", VPC: c.vpc}})
		if err != nil || got != c.want {
			t.Errorf("vpc %s: %q, %v; want %s", c.vpc, got, err, c.want)
		}
	}
	// A zone Route 53 does not answer for is an error, not a miss.
	s := &svc{sd: stubSD{ids: []string{"ns-4"}}, r53: zones, region: "us-east-1", progress: io.Discard}
	if _, err := s.namespaceID(context.Background(), discovery{private: &pipeline.DNSNamespace{Name: "corp", VPC: "vpc-1"}}); err == nil {
		t.Error("no error for a missing hosted zone")
	}
}
