package service

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"
	sdtypes "github.com/aws/aws-sdk-go-v2/service/servicediscovery/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stack"
	"github.com/ecs-toolkit/ecs-toolkit/internal/typewords"
)

// The CloudFormation templates of the original (private_namespace_template.go
// and sds_template.go), as JSON. Ref of both resource types is their id.
var (
	//go:embed templates/private_namespace.json
	privateNamespaceTemplate string
	//go:embed templates/sds.json
	sdsTemplate string
)

// SDFlags are the service discovery flags of create and up (Update) and rm
// (DeleteNamespace).
type SDFlags struct {
	Enable                         bool
	VPC, PrivateNS, PrivateNSID    string
	PublicNS, PublicNSID           string
	ContainerName, ContainerPort   string
	TTL, DNSType, FailureThreshold string
	Update, DeleteNamespace        bool
}

func (f *SDFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.Enable, "enable-service-discovery", false, "create, up: register the service in Cloud Map (service discovery)")
	fs.StringVar(&f.VPC, "vpc", "", "VPC of the private DNS namespace to find or create")
	fs.StringVar(&f.PrivateNS, "private-dns-namespace", "", "name of the private DNS namespace to use (created when missing)")
	fs.StringVar(&f.PrivateNSID, "private-dns-namespace-id", "", "id of an existing private DNS namespace")
	fs.StringVar(&f.PublicNS, "public-dns-namespace", "", "name of an existing public DNS namespace")
	fs.StringVar(&f.PublicNSID, "public-dns-namespace-id", "", "id of an existing public DNS namespace")
	fs.StringVar(&f.ContainerName, "sd-container-name", "", "container that service discovery points at (needed for SRV records)")
	fs.StringVar(&f.ContainerPort, "sd-container-port", "", "container port that service discovery points at (needed for SRV records)")
	fs.StringVar(&f.TTL, "dns-ttl", "", "TTL of the DNS records in seconds (default 60)")
	fs.StringVar(&f.DNSType, "dns-type", "", "A or SRV (default A for awsvpc, SRV otherwise)")
	fs.StringVar(&f.FailureThreshold, "healthcheck-custom-config-failure-threshold", "", "health checks a task may fail before its record goes (default 1)")
	fs.BoolVar(&f.Update, "update-service-discovery", false, "up: update the DNS TTL and failure threshold of the service's discovery service")
	fs.BoolVar(&f.DeleteNamespace, "delete-namespace", false, "rm: also delete the private namespace the ECS CLI created")
}

// discovery is the merged service discovery settings (flags over ecs-params).
type discovery struct {
	containerName    string
	containerPort    *int32
	private, public  *pipeline.DNSNamespace
	sdsName, sdsDesc string
	dnsType          string
	ttl              *int64
	threshold        *int32
}

// sdAPI is what finding namespaces and deleting services needs of Cloud Map.
type sdAPI interface {
	ListNamespaces(context.Context, *servicediscovery.ListNamespacesInput, ...func(*servicediscovery.Options)) (*servicediscovery.ListNamespacesOutput, error)
	GetNamespace(context.Context, *servicediscovery.GetNamespaceInput, ...func(*servicediscovery.Options)) (*servicediscovery.GetNamespaceOutput, error)
	GetService(context.Context, *servicediscovery.GetServiceInput, ...func(*servicediscovery.Options)) (*servicediscovery.GetServiceOutput, error)
}

// r53API is what matching a private namespace's VPC needs of Route 53.
type r53API interface {
	GetHostedZone(context.Context, *route53.GetHostedZoneInput, ...func(*route53.Options)) (*route53.GetHostedZoneOutput, error)
}

var (
	_ sdAPI  = (*servicediscovery.Client)(nil)
	_ r53API = (*route53.Client)(nil)
)

// stackPoll is how often a stack is described while waiting on it, and
// stackMaxPolls how many times before giving up (an hour).
const (
	stackPoll     = time.Second
	stackMaxPolls = 3600
)

// stacks follows the service discovery stacks, on the waiter's clock,
// streaming their events and statuses to stderr.
func (s *svc) stacks() *stack.Stacks {
	return &stack.Stacks{API: s.cfn, Sleep: s.wait.Sleep, Poll: stackPoll, MaxPolls: stackMaxPolls,
		Event:  func(e cfntypes.StackEvent) { s.info("%s", stack.EventLine(e)) },
		Status: func(st cfntypes.StackStatus) { s.info("Cloudformation stack status: stackStatus=%s", st) },
	}
}

// readDiscovery reads runParams.serviceDiscovery (nil when absent).
func readDiscovery(raw json.RawMessage) (*pipeline.ServiceDiscovery, error) {
	if raw == nil {
		return nil, nil
	}
	var parts map[string]json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("runParams: %w", typewords.JSON(err)))
	}
	v, ok := parts["serviceDiscovery"]
	if !ok {
		return nil, nil
	}
	sd := &pipeline.ServiceDiscovery{}
	if err := json.Unmarshal(v, sd); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("runParams.serviceDiscovery: %w", typewords.JSON(err)))
	}
	return sd, nil
}

func int64Ptr32(p *int32) *int64 {
	if p == nil {
		return nil
	}
	n := int64(*p)
	return &n
}

// discoverySettings merges the flags over ecs-params' settings; info
// reports each override. Integers are checked here (exit 2).
func discoverySettings(f SDFlags, rp *pipeline.ServiceDiscovery, info func(string, ...any)) (discovery, error) {
	var d discovery
	if rp == nil {
		rp = &pipeline.ServiceDiscovery{}
	}
	d.containerName, d.containerPort = rp.ContainerName, rp.ContainerPort
	if rp.PrivateDNSNamespace != nil {
		c := *rp.PrivateDNSNamespace
		d.private = &c
	}
	if rp.PublicDNSNamespace != nil {
		c := *rp.PublicDNSNamespace
		d.public = &c
	}
	if s := rp.ServiceDiscoveryService; s != nil {
		d.sdsName, d.sdsDesc = s.Name, s.Description
		if s.DNSConfig != nil {
			d.dnsType, d.ttl = s.DNSConfig.Type, s.DNSConfig.TTL
		}
		if s.HealthcheckCustomConfig != nil {
			d.threshold = s.HealthcheckCustomConfig.FailureThreshold
		}
	}
	override := func(was any, now string) {
		if w := fmt.Sprint(was); w != "" && w != now {
			info("Using flag value as override (was %s but is now %s): Service Discovery field", w, now)
		}
	}
	// Values from the document are checked like the flags: the document
	// may have been edited between steps.
	for _, v := range []struct {
		field string
		n     *int64
		r     bounds.Range
	}{
		{"containerPort", int64Ptr32(d.containerPort), bounds.Port},
		{"serviceDiscoveryService.dnsConfig.ttl", d.ttl, bounds.DNSTTL},
		{"serviceDiscoveryService.healthcheckCustomConfig.failureThreshold", int64Ptr32(d.threshold), bounds.FailureThreshold},
	} {
		if v.n != nil {
			if err := v.r.Check(*v.n); err != nil {
				return d, exitcode.Usagef("runParams.serviceDiscovery.%s: %v", v.field, err)
			}
		}
	}
	number := func(flagName, v string, r bounds.Range) (int64, error) {
		n, err := r.Parse(v)
		var nw *bounds.NotWhole
		if errors.As(err, &nw) {
			return 0, exitcode.Usagef("Please pass integer value for the flag %s", flagName)
		}
		if err != nil {
			return 0, exitcode.Usagef("--%s: %v", flagName, err)
		}
		return n, nil
	}
	if f.ContainerName != "" {
		override(d.containerName, f.ContainerName)
		d.containerName = f.ContainerName
	}
	if f.ContainerPort != "" {
		n, err := number("sd-container-port", f.ContainerPort, bounds.Port)
		if err != nil {
			return d, err
		}
		if d.containerPort != nil {
			override(*d.containerPort, f.ContainerPort)
		}
		d.containerPort = aws.Int32(int32(n))
	}
	if f.DNSType != "" {
		override(d.dnsType, f.DNSType)
		d.dnsType = f.DNSType
	}
	if f.TTL != "" {
		n, err := number("dns-ttl", f.TTL, bounds.DNSTTL)
		if err != nil {
			return d, err
		}
		if d.ttl != nil {
			override(*d.ttl, f.TTL)
		}
		d.ttl = aws.Int64(n)
	}
	if f.FailureThreshold != "" {
		n, err := number("healthcheck-custom-config-failure-threshold", f.FailureThreshold, bounds.FailureThreshold)
		if err != nil {
			return d, err
		}
		if d.threshold != nil {
			override(*d.threshold, f.FailureThreshold)
		}
		d.threshold = aws.Int32(int32(n))
	}
	// A namespace given by flag replaces ecs-params' name/id pair.
	if f.PrivateNS != "" || f.PrivateNSID != "" {
		if d.private == nil {
			d.private = &pipeline.DNSNamespace{}
		}
		d.private.Name, d.private.ID = f.PrivateNS, f.PrivateNSID
	}
	if f.VPC != "" {
		if d.private == nil {
			d.private = &pipeline.DNSNamespace{}
		}
		override(d.private.VPC, f.VPC)
		d.private.VPC = f.VPC
	}
	if f.PublicNS != "" || f.PublicNSID != "" {
		d.public = &pipeline.DNSNamespace{Name: f.PublicNS, ID: f.PublicNSID}
	}
	if d.dnsType != "" && d.dnsType != "A" && d.dnsType != "SRV" {
		return d, exitcode.Usagef("--dns-type %q: A or SRV", d.dnsType)
	}
	return d, nil
}

// validate checks the settings for creating discovery resources, and
// defaults the DNS type from the task definition's network mode.
func (d *discovery) validate(networkMode string, warn func(string, ...any)) error {
	if p := d.private; p != nil && p.Name != "" && p.ID != "" {
		return exitcode.Usagef("Validation Error: private-dns-namespace-id and private-dns-namespace both specified")
	}
	if p := d.public; p != nil && p.Name != "" && p.ID != "" {
		return exitcode.Usagef("Validation Error: public-dns-namespace-id and public-dns-namespace both specified")
	}
	if d.dnsType == "" {
		if networkMode == "awsvpc" {
			d.dnsType = "A"
			warn("Defaulting DNS Type to A because network mode was awsvpc")
		} else {
			d.dnsType = "SRV"
			warn("Defaulting DNS Type to SRV because network mode was %s", networkMode)
		}
	}
	if d.dnsType == "SRV" {
		if d.containerName == "" {
			return exitcode.Usagef("container_name is a required field when using SRV DNS records")
		}
		if d.containerPort == nil {
			return exitcode.Usagef("container_port is a required field when using SRV DNS records")
		}
	}
	hasPrivate := d.private != nil && (d.private.Name != "" || d.private.ID != "")
	hasPublic := d.public != nil && (d.public.Name != "" || d.public.ID != "")
	switch {
	case hasPrivate && hasPublic:
		return exitcode.Usagef("Both a public and private namespace can not be used with Service Discovery; please use only 1 namespace")
	case !hasPrivate && !hasPublic:
		return exitcode.Usagef("To use Service Discovery, please specify a DNS namespace")
	case hasPrivate && d.private.ID == "" && d.private.VPC == "":
		return exitcode.Usagef("VPC is required when specifying private namespace by name")
	}
	if !hasPrivate {
		d.private = nil
	}
	if hasPrivate && d.private.ID != "" {
		if d.private.Description != "" {
			warn("Ignoring description because the ID of an existing private namespace was specified")
		}
		if d.private.VPC != "" {
			warn("Ignoring vpc because the ID of an existing private namespace was specified")
		}
	}
	return nil
}

var stackNameJunk = regexp.MustCompile(`[^a-zA-Z0-9-]+`)

// stackName is the original's stack name rule: cluster and service each cut
// to half of what the format leaves of 128 characters, then every run of
// other characters than letters, digits and '-' replaced by one '0'.
func stackName(format, cluster, service string) string {
	n := (128 - len(format)) / 2
	if len(cluster) > n {
		cluster = cluster[:n]
	}
	if len(service) > n {
		service = service[:n]
	}
	return stackNameJunk.ReplaceAllString(fmt.Sprintf(format, cluster, service), "0")
}

func namespaceStack(cluster, service string) string {
	return stackName("amazon-ecs-cli-setup-private-dns-namespace-%s-%s", cluster, service)
}

func sdsStack(cluster, service string) string {
	return stackName("amazon-ecs-cli-setup-service-discovery-service-%s-%s", cluster, service)
}

// createDiscovery finds or creates the namespace, creates the discovery
// service, and returns the service registry for CreateService.
func (s *svc) createDiscovery(ctx context.Context) (types.ServiceRegistry, error) {
	d := s.disc
	nsID, err := s.namespaceID(ctx, d)
	if err != nil {
		return types.ServiceRegistry{}, err
	}
	stk := sdsStack(s.cluster, s.name)
	name := d.sdsName
	if name == "" {
		name = s.name
	}
	params := []cfntypes.Parameter{param("NamespaceID", nsID), param("SDSName", name), param("DNSType", d.dnsType)}
	if d.sdsDesc != "" {
		params = append(params, param("SDSDescription", d.sdsDesc))
	}
	if d.ttl != nil {
		params = append(params, param("DNSTTL", strconv.FormatInt(*d.ttl, 10)))
	}
	if d.threshold != nil {
		params = append(params, param("FailureThreshold", strconv.FormatInt(int64(*d.threshold), 10)))
	}
	if err := s.cleanupStack(ctx, stk); err != nil {
		return types.ServiceRegistry{}, exitcode.Failedf("A Service Discovery Service CloudFormation stack for %s already exists, failed to delete existing stack: %v", s.name, err)
	}
	arn, err := s.createStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String(stk), TemplateBody: aws.String(sdsTemplate), Parameters: params},
		"Waiting for the Service Discovery Service to be created...", "ServiceDiscoveryServiceARN")
	if err != nil {
		return types.ServiceRegistry{}, err
	}
	reg := types.ServiceRegistry{RegistryArn: aws.String(arn), ContainerPort: d.containerPort}
	if d.containerName != "" {
		reg.ContainerName = aws.String(d.containerName)
	}
	return reg, nil
}

func param(k, v string) cfntypes.Parameter {
	return cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(v)}
}

// namespaceID returns the namespace to register the service in: an id as
// given, a namespace found by name, or (private) one created by a stack.
func (s *svc) namespaceID(ctx context.Context, d discovery) (string, error) {
	// The original says which existing namespace it uses, however found.
	existing := func(id string) (string, error) {
		s.info("Using existing namespace %s", id)
		return id, nil
	}
	if d.private != nil && d.private.ID != "" {
		return existing(d.private.ID)
	}
	if d.public != nil && d.public.ID != "" {
		return existing(d.public.ID)
	}
	if d.public != nil {
		// Public namespaces are found by name alone, as the original did.
		ids, err := s.findNamespaces(ctx, sdtypes.NamespaceTypeDnsPublic, d.public.Name)
		if err != nil {
			return "", err
		}
		if len(ids) == 0 {
			return "", exitcode.Failedf("Failed to find public namespace %s", d.public.Name)
		}
		return existing(ids[0])
	}
	ids, err := s.findNamespaces(ctx, sdtypes.NamespaceTypeDnsPrivate, d.private.Name)
	if err != nil {
		return "", err
	}
	// As the original: a namespace of that name is reused only when its
	// hosted zone is associated with the VPC, in this region.
	for _, id := range ids {
		ok, err := s.namespaceInVPC(ctx, id, d.private.VPC)
		if err != nil {
			return "", err
		}
		if ok {
			return existing(id)
		}
	}
	stk := namespaceStack(s.cluster, s.name)
	params := []cfntypes.Parameter{param("NamespaceName", d.private.Name), param("VPCID", d.private.VPC)}
	if d.private.Description != "" {
		params = append(params, param("NamespaceDescription", d.private.Description))
	}
	if err := s.cleanupStack(ctx, stk); err != nil {
		return "", err
	}
	return s.createStack(ctx, &cloudformation.CreateStackInput{StackName: aws.String(stk), TemplateBody: aws.String(privateNamespaceTemplate), Parameters: params},
		"Waiting for the private DNS namespace to be created...", "PrivateDNSNamespaceID")
}

// namespaceInVPC reports whether the private namespace's hosted zone is
// associated with vpc in the region the service is made in.
func (s *svc) namespaceInVPC(ctx context.Context, id, vpc string) (bool, error) {
	ns, err := s.sd.GetNamespace(ctx, &servicediscovery.GetNamespaceInput{Id: aws.String(id)})
	if err != nil {
		return false, fmt.Errorf("reading namespace %s: %w", id, err)
	}
	var zone string
	if p := ns.Namespace.Properties; p != nil && p.DnsProperties != nil {
		zone = aws.ToString(p.DnsProperties.HostedZoneId)
	}
	if zone == "" {
		return false, exitcode.Failedf("namespace %s has no hosted zone", id)
	}
	hz, err := s.r53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(zone)})
	if err != nil {
		return false, fmt.Errorf("reading hosted zone %s of namespace %s: %w", zone, id, err)
	}
	for _, v := range hz.VPCs {
		if aws.ToString(v.VPCId) == vpc && string(v.VPCRegion) == s.region {
			return true, nil
		}
	}
	return false, nil
}

// findNamespaces lists (all pages) the namespaces of type named name.
func (s *svc) findNamespaces(ctx context.Context, typ sdtypes.NamespaceType, name string) ([]string, error) {
	var ids []string
	p := servicediscovery.NewListNamespacesPaginator(s.sd, &servicediscovery.ListNamespacesInput{
		Filters: []sdtypes.NamespaceFilter{{Name: sdtypes.NamespaceFilterNameType, Values: []string{string(typ)}, Condition: sdtypes.FilterConditionEq}},
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing namespaces: %w", err)
		}
		for _, ns := range out.Namespaces {
			if aws.ToString(ns.Name) == name {
				ids = append(ids, aws.ToString(ns.Id))
			}
		}
	}
	return ids, nil
}

// createStack creates a stack, says waiting while it is created, and
// returns its output key.
func (s *svc) createStack(ctx context.Context, in *cloudformation.CreateStackInput, waiting, key string) (string, error) {
	stacks := s.stacks()
	id, err := stacks.Create(ctx, in)
	if err != nil {
		return "", err
	}
	s.info("%s", waiting)
	st, err := stacks.Wait(ctx, id, stack.Create)
	if err != nil {
		return "", err
	}
	out, ok := stack.Output(st, key)
	if !ok {
		return "", exitcode.Failedf("Failed to find output %s in stack %s", key, aws.ToString(in.StackName))
	}
	return out, nil
}

// cleanupStack deletes the stack when it exists, and waits for it to go.
func (s *svc) cleanupStack(ctx context.Context, name string) error {
	st, err := s.stacks().Describe(ctx, name)
	if err != nil || st == nil {
		return err
	}
	s.info("Cleaning up existing CloudFormation stack...")
	return s.deleteStack(ctx, st)
}

// deleteStack deletes the stack and waits (by id, which a deleted stack
// keeps) for it to go.
func (s *svc) deleteStack(ctx context.Context, st *cfntypes.Stack) error {
	stacks := s.stacks()
	if err := stacks.Delete(ctx, aws.ToString(st.StackName)); err != nil {
		return err
	}
	_, err := stacks.Wait(ctx, aws.ToString(st.StackId), stack.Delete)
	return err
}

// updateDiscovery is up --update-service-discovery: a new DNS TTL and
// failure threshold through the discovery service's stack.
func (s *svc) updateDiscovery(ctx context.Context) error {
	f := s.f.SD
	for _, c := range []struct{ name, v string }{
		{"private-dns-namespace", f.PrivateNS}, {"vpc", f.VPC}, {"private-dns-namespace-id", f.PrivateNSID},
		{"public-dns-namespace-id", f.PublicNSID}, {"public-dns-namespace", f.PublicNS}, {"sd-container-name", f.ContainerName},
		{"sd-container-port", f.ContainerPort}, {"dns-type", f.DNSType},
	} {
		if c.v != "" {
			s.info("--%s is not valid when updating Service Discovery, its value can only be set during Service creation", c.name)
		}
	}
	stk := sdsStack(s.cluster, s.name)
	out, err := s.cfn.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stk)})
	if err == nil && len(out.Stacks) == 0 {
		err = errors.New("no stack")
	}
	if err != nil {
		return exitcode.Failedf("CloudFormation stack not found for Service Discovery Service: %v", err)
	}
	var params []cfntypes.Parameter
	for _, p := range out.Stacks[0].Parameters {
		k := aws.ToString(p.ParameterKey)
		switch {
		case k == "DNSTTL" && s.disc.ttl != nil:
			params = append(params, param(k, strconv.FormatInt(*s.disc.ttl, 10)))
		case k == "FailureThreshold" && s.disc.threshold != nil:
			params = append(params, param(k, strconv.FormatInt(int64(*s.disc.threshold), 10)))
		default:
			params = append(params, cfntypes.Parameter{ParameterKey: aws.String(k), UsePreviousValue: aws.Bool(true)})
		}
	}
	stacks := s.stacks()
	if err := stacks.Update(ctx, &cloudformation.UpdateStackInput{
		StackName: aws.String(stk), UsePreviousTemplate: aws.Bool(true), Parameters: params,
		Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam},
	}); err != nil {
		return err
	}
	s.info("Waiting for your Service Discovery resources to be updated...")
	if _, err := stacks.Wait(ctx, aws.ToString(out.Stacks[0].StackId), stack.Update); err != nil {
		return fmt.Errorf("updating Service Discovery resources: %w", err)
	}
	return nil
}

// deleteDiscovery removes the discovery service stack once no instance
// is registered, and the namespace stack with --delete-namespace.
func (s *svc) deleteDiscovery(ctx context.Context, regs []types.ServiceRegistry) error {
	for _, r := range regs {
		_, id, _ := strings.Cut(aws.ToString(r.RegistryArn), "/")
		var count int32
		for i := range 5 {
			out, err := s.sd.GetService(ctx, &servicediscovery.GetServiceInput{Id: aws.String(id)})
			if err != nil {
				return fmt.Errorf("reading Service Discovery Service %s: %w", id, err)
			}
			if count = aws.ToInt32(out.Service.InstanceCount); count == 0 {
				break
			}
			if i < 4 {
				if err := s.wait.Sleep(ctx, 2*time.Second); err != nil {
					return err
				}
			}
		}
		if count != 0 {
			return exitcode.Failedf("Service Discovery Service can not be deleted. It is still in use. InstanceCount=%d", count)
		}
	}
	stacks := s.stacks()
	if st, err := stacks.Describe(ctx, sdsStack(s.cluster, s.name)); err != nil {
		return err
	} else if st != nil {
		s.info("Waiting for your Service Discovery Service resource to be deleted...")
		if err := s.deleteStack(ctx, st); err != nil {
			return err
		}
	}
	if !s.f.SD.DeleteNamespace {
		return nil
	}
	stk := namespaceStack(s.cluster, s.name)
	st, err := stacks.Describe(ctx, stk)
	if err == nil && st == nil {
		err = fmt.Errorf("stack %s does not exist", stk)
	}
	if err != nil {
		return fmt.Errorf("no Private DNS Namespace CloudFormation stack found for project '%s': %w", s.project, err)
	}
	s.info("Waiting for your Private DNS Namespace resource to be deleted...")
	return s.deleteStack(ctx, st)
}
