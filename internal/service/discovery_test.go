package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

func TestStackNames(t *testing.T) {
	if got := namespaceStack("demo", "backend"); got != "amazon-ecs-cli-setup-private-dns-namespace-demo-backend" {
		t.Errorf("namespace stack %s", got)
	}
	if got := sdsStack("my_cluster", "pre.proj"); got != "amazon-ecs-cli-setup-service-discovery-service-my0cluster-pre0proj" {
		t.Errorf("sds stack %s", got)
	}
	long := strings.Repeat("c", 60)
	got := sdsStack(long, strings.Repeat("s", 60))
	if want := "amazon-ecs-cli-setup-service-discovery-service-" + strings.Repeat("c", 38) + "-" + strings.Repeat("s", 38); got != want {
		t.Errorf("long names: %s", got)
	}
	if got := namespaceStack(long, "x"); !strings.Contains(got, "-"+strings.Repeat("c", 40)+"-x") {
		t.Errorf("namespace stack cut: %s", got)
	}
}

func TestTemplatesAreJSON(t *testing.T) {
	for _, tmpl := range []string{privateNamespaceTemplate, sdsTemplate} {
		var v map[string]any
		if err := json.Unmarshal([]byte(tmpl), &v); err != nil || v["Resources"] == nil || v["Outputs"] == nil {
			t.Errorf("template: %v", err)
		}
	}
}

func TestDiscoverySettings(t *testing.T) {
	var infos []string
	info := func(f string, a ...any) { infos = append(infos, fmt.Sprintf(f, a...)) }
	rp := &pipeline.ServiceDiscovery{ContainerName: "web", ContainerPort: aws.Int32(80),
		PrivateDNSNamespace: &pipeline.DNSNamespace{Name: "old", VPC: "vpc-1", Description: "d"}}
	d, err := discoverySettings(SDFlags{PrivateNSID: "ns-1", TTL: "30", ContainerPort: "8080"}, rp, info)
	if err != nil {
		t.Fatal(err)
	}
	if d.private.ID != "ns-1" || d.private.Name != "" || *d.ttl != 30 || *d.containerPort != 8080 || d.containerName != "web" {
		t.Errorf("merged %+v %+v", d, *d.private)
	}
	if len(infos) != 1 || !strings.Contains(infos[0], "was 80 but is now 8080") {
		t.Errorf("infos %q", infos)
	}
	var warns []string
	warn := func(f string, a ...any) { warns = append(warns, fmt.Sprintf(f, a...)) }
	if err := d.validate("bridge", warn); err != nil {
		t.Fatal(err)
	}
	if d.dnsType != "SRV" || len(warns) != 3 || !strings.Contains(warns[0], "Defaulting DNS Type to SRV because network mode was bridge") {
		t.Errorf("type %s warnings %q", d.dnsType, warns)
	}

	for _, c := range []struct {
		f    SDFlags
		rp   *pipeline.ServiceDiscovery
		mode string
		want string
	}{
		{SDFlags{PrivateNS: "a", PrivateNSID: "ns-1"}, nil, "awsvpc", "private-dns-namespace-id and private-dns-namespace both specified"},
		{SDFlags{PublicNS: "a", PublicNSID: "ns-1"}, nil, "awsvpc", "public-dns-namespace-id and public-dns-namespace both specified"},
		{SDFlags{PublicNS: "a"}, nil, "host", "container_name is a required field when using SRV DNS records"},
		{SDFlags{PublicNS: "a", ContainerName: "web"}, nil, "", "container_port is a required field"},
		{SDFlags{PublicNS: "a", PrivateNSID: "ns-1"}, nil, "awsvpc", "Both a public and private namespace"},
		{SDFlags{}, nil, "awsvpc", "To use Service Discovery, please specify a DNS namespace"},
		{SDFlags{VPC: "vpc-1"}, nil, "awsvpc", "To use Service Discovery, please specify a DNS namespace"},
		{SDFlags{PrivateNS: "a"}, nil, "awsvpc", "VPC is required when specifying private namespace by name"},
		{SDFlags{}, &pipeline.ServiceDiscovery{PrivateDNSNamespace: &pipeline.DNSNamespace{Name: "a"}}, "awsvpc", "VPC is required"},
	} {
		d, err := discoverySettings(c.f, c.rp, info)
		if err == nil {
			err = d.validate(c.mode, warn)
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || exitcode.Of(err) != exitcode.Usage {
			t.Errorf("%+v: %v, want %q (exit 2)", c.f, err, c.want)
		}
	}
	for _, f := range []SDFlags{{TTL: "x"}, {ContainerPort: "80/tcp"}, {FailureThreshold: "1.5"}, {DNSType: "CNAME"}} {
		if _, err := discoverySettings(f, nil, info); err == nil || exitcode.Of(err) != exitcode.Usage {
			t.Errorf("%+v: %v", f, err)
		}
	}
}

// The step on a fake clock: up with a private namespace by name creates the
// namespace and discovery service stacks and registers the service; rm
// with --delete-namespace deletes both stacks.
func TestStepDiscoveryOnFakeClock(t *testing.T) {
	srv, clock, arn := fakeStep(t, awsfake.Timeline{Pending: 2 * time.Second})
	ctx := context.Background()
	var slept []time.Duration
	doc := `{"project":"app","taskDefinitionArn":"` + arn + `","runParams":{"serviceDiscovery":{"containerName":"web","containerPort":80,` +
		`"serviceDiscoveryService":{"dnsConfig":{"ttl":15}}}}}`
	var stdout, stderr bytes.Buffer
	code := RunWith(ctx, []string{"up", "--cluster", "c", "--enable-service-discovery", "--private-dns-namespace", "corp", "--vpc", "vpc-9"},
		strings.NewReader(doc), &stdout, &stderr, func(w *Waiter) { onClock(w, clock, &slept) })
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"Waiting for the private DNS namespace to be created", "Defaulting DNS Type to SRV because network mode was ",
		"Waiting for the Service Discovery Service to be created", "stackStatus=CREATE_COMPLETE"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q: %s", want, stderr.String())
		}
	}
	if !strings.Contains(stdout.String(), `"containerName": "web"`) || !strings.Contains(stdout.String(), `"registryArn": "arn:aws:servicediscovery:`) {
		t.Errorf("document %s", stdout.String())
	}
	svcs := srv.DiscoveryServices()
	if len(svcs) != 1 || svcs[0].Name != "app" || svcs[0].DNSType != "SRV" || svcs[0].TTL != 15 || svcs[0].FailureThreshold != 1 {
		t.Errorf("discovery services %+v", svcs)
	}
	if st := srv.StackStatus(namespaceStack("c", "app")); st != "CREATE_COMPLETE" {
		t.Errorf("namespace stack %s", st)
	}

	stderr.Reset()
	stdout.Reset()
	code = RunWith(ctx, []string{"rm", "--cluster", "c", "--delete-namespace"}, strings.NewReader(doc), &stdout, &stderr, func(w *Waiter) { onClock(w, clock, &slept) })
	if code != 0 {
		t.Fatalf("rm exit %d: %s", code, stderr.String())
	}
	if len(srv.DiscoveryServices()) != 0 || len(srv.DiscoveryNamespaces()) != 0 {
		t.Errorf("left: %+v %+v", srv.DiscoveryServices(), srv.DiscoveryNamespaces())
	}
	if strings.Contains(stderr.String(), "Problem deleting") {
		t.Errorf("stderr %s", stderr.String())
	}
}
