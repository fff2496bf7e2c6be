package awsfake_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// Every DNS namespace has a hosted zone that the real Route 53 client reads
// from the id Cloud Map's GetNamespace gives: private zones are associated
// with the namespace's VPC in the server's region, public ones with none.
func TestRoute53HostedZones(t *testing.T) {
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv, cfg := start(t, awsfake.WithClock(clock), awsfake.WithRegion("eu-west-1"))
	ctx := context.Background()
	sd := servicediscovery.NewFromConfig(cfg)
	r53 := route53.NewFromConfig(cfg)

	zoneOf := func(id string) string {
		t.Helper()
		ns := must[*servicediscovery.GetNamespaceOutput](t)(sd.GetNamespace(ctx, &servicediscovery.GetNamespaceInput{Id: aws.String(id)}))
		p := ns.Namespace.Properties
		if p == nil || p.DnsProperties == nil || aws.ToString(p.DnsProperties.HostedZoneId) == "" {
			t.Fatalf("namespace %s has no hosted zone: %+v", id, p)
		}
		return aws.ToString(p.DnsProperties.HostedZoneId)
	}

	priv := srv.AddNamespace("corp.local", "DNS_PRIVATE", "vpc-aaa")
	zone := zoneOf(priv)
	out := must[*route53.GetHostedZoneOutput](t)(r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zone)}))
	if got := aws.ToString(out.HostedZone.Id); got != "/hostedzone/"+zone {
		t.Errorf("zone id %q", got)
	}
	if aws.ToString(out.HostedZone.Name) != "corp.local." || out.HostedZone.Config == nil || !out.HostedZone.Config.PrivateZone {
		t.Errorf("private zone %+v", out.HostedZone)
	}
	if len(out.VPCs) != 1 || aws.ToString(out.VPCs[0].VPCId) != "vpc-aaa" || out.VPCs[0].VPCRegion != r53types.VPCRegionEuWest1 {
		t.Errorf("private zone VPCs %+v", out.VPCs)
	}
	if out.DelegationSet != nil {
		t.Errorf("private zone has a delegation set")
	}
	// The SDK strips the /hostedzone/ prefix, so the zone's own Id works too.
	must[*route53.GetHostedZoneOutput](t)(r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: out.HostedZone.Id}))

	pub := srv.AddNamespace("example.com", "DNS_PUBLIC", "")
	out = must[*route53.GetHostedZoneOutput](t)(r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zoneOf(pub))}))
	if out.HostedZone.Config.PrivateZone || len(out.VPCs) != 0 || out.DelegationSet == nil || len(out.DelegationSet.NameServers) == 0 {
		t.Errorf("public zone %+v, VPCs %+v", out.HostedZone, out.VPCs)
	}

	// A namespace made by a stack gets a zone associated with the
	// template's Vpc, and the zone goes with the stack.
	cfn := cloudformation.NewFromConfig(cfg)
	must[*cloudformation.CreateStackOutput](t)(cfn.CreateStack(ctx, &cloudformation.CreateStackInput{
		StackName: aws.String("sd"), TemplateBody: aws.String(sdTemplate),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Name"), ParameterValue: aws.String("tutorial")}},
	}))
	clock.Advance(time.Minute)
	st := must[*cloudformation.DescribeStacksOutput](t)(cfn.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String("sd")}))
	var nsID string
	for _, o := range st.Stacks[0].Outputs {
		if aws.ToString(o.OutputKey) == "NamespaceID" {
			nsID = aws.ToString(o.OutputValue)
		}
	}
	stackZone := zoneOf(nsID)
	out = must[*route53.GetHostedZoneOutput](t)(r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(stackZone)}))
	if len(out.VPCs) != 1 || aws.ToString(out.VPCs[0].VPCId) != "vpc-1" {
		t.Errorf("stack namespace zone VPCs %+v", out.VPCs)
	}
	must[*cloudformation.DeleteStackOutput](t)(cfn.DeleteStack(ctx, &cloudformation.DeleteStackInput{StackName: aws.String("sd")}))
	clock.Advance(time.Minute)
	_, err := r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(stackZone)})
	var missing *r53types.NoSuchHostedZone
	if !errors.As(err, &missing) {
		t.Fatalf("zone of a deleted stack's namespace: %v, want NoSuchHostedZone", err)
	}

	if got := srv.Calls("route53", "GetHostedZone"); got != 5 {
		t.Errorf("GetHostedZone calls = %d, want 5", got)
	}
}

// Errors are REST-XML's <ErrorResponse>: unknown zones 404 NoSuchHostedZone,
// unsigned or mis-scoped requests refused, injected throttling retried.
func TestRoute53Errors(t *testing.T) {
	srv, cfg := start(t)
	ctx := context.Background()
	r53 := route53.NewFromConfig(cfg)

	_, err := r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String("ZNOSUCHZONE")})
	wantCode(t, err, "NoSuchHostedZone")

	srv.Inject("route53", "GetHostedZone", awsfake.Fault{Throttle: 1})
	_, err = r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String("ZNOSUCHZONE")})
	wantCode(t, err, "NoSuchHostedZone")
	if got := srv.Calls("route53", "GetHostedZone"); got != 3 {
		t.Errorf("calls = %d, want 3 (one throttled and retried)", got)
	}

	url := aws.ToString(cfg.BaseEndpoint) + "/2013-04-01/hostedzone/Z1"
	for _, c := range []struct {
		auth, want string
		status     int
	}{
		{"", "MissingAuthenticationToken", 403},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=x", "SignatureDoesNotMatch", 403},
	} {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if body := string(b); resp.StatusCode != c.status || !strings.Contains(body, "<ErrorResponse") || !strings.Contains(body, "<Code>"+c.want+"</Code>") {
			t.Errorf("auth %q: %d %s", c.auth, resp.StatusCode, body)
		}
	}
}
