// Package service is the ecs-service step: it runs the document's task
// definition as an ECS service with the original `ecs-cli compose service`
// semantics (create, start, up, ps, scale, stop, rm).
package service

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/servicediscovery"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/loggroups"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stack"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tagflag"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
	"github.com/ecs-toolkit/ecs-toolkit/internal/typewords"
)

const name = "ecs-service"

// Flags are ecs-service's flags; ecs-cli's compose service commands set the same ones.
type Flags struct {
	AWS                    awsconf.Flags
	MaxPercent, MinHealthy string
	TargetGroupArn         string
	LoadBalancerName       string
	ContainerName          string
	ContainerPort          string
	TargetGroups           flagenv.StringList
	Role                   string
	HealthCheckGrace       string
	SchedulingStrategy     string
	ForceDeployment        bool
	Timeout                float64
	CreateLogGroups        bool
	Tags                   string
	DisableManaged         bool
	DesiredStatus          string
	Table, JSON            bool
	Query                  string
	SD                     SDFlags
}

// Register adds the flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	f.AWS.Register(fs)
	f.AWS.RegisterLaunchType(fs)
	fs.StringVar(&f.MaxPercent, "deployment-max-percent", "", "upper limit (% of desired count) of running tasks during a deployment")
	fs.StringVar(&f.MinHealthy, "deployment-min-healthy-percent", "", "lower limit (% of desired count) of running tasks during a deployment")
	fs.StringVar(&f.TargetGroupArn, "target-group-arn", "", "target group to register the service's tasks with")
	fs.StringVar(&f.LoadBalancerName, "load-balancer-name", "", "classic load balancer to register the service's tasks with")
	fs.StringVar(&f.ContainerName, "container-name", "", "container the load balancer sends to")
	fs.StringVar(&f.ContainerPort, "container-port", "", "container port the load balancer sends to")
	fs.Var(&f.TargetGroups, "target-groups", "targetGroupArn=ARN,containerName=NAME,containerPort=PORT (repeatable)")
	fs.StringVar(&f.Role, "role", "", "IAM role ECS uses for the load balancer")
	fs.StringVar(&f.HealthCheckGrace, "health-check-grace-period", "", "seconds ECS ignores load balancer health checks of new tasks")
	fs.StringVar(&f.SchedulingStrategy, "scheduling-strategy", "", "REPLICA or DAEMON")
	fs.BoolVar(&f.ForceDeployment, "force-deployment", false, "start, up: force a new deployment")
	fs.Float64Var(&f.Timeout, "timeout", 5, "minutes the running count may stay unchanged while waiting (0: do not wait)")
	fs.BoolVar(&f.CreateLogGroups, "create-log-groups", false, "create the awslogs log groups of the task definition first")
	fs.StringVar(&f.Tags, "tags", "", "service tags, key=value,key2=value2")
	fs.BoolVar(&f.DisableManaged, "disable-ecs-managed-tags", false, "do not ask ECS to add its managed tags")
	fs.StringVar(&f.DesiredStatus, "desired-status", "", "ps: RUNNING or STOPPED (default both)")
	fs.BoolVar(&f.Table, "table", false, "ps: print the original's table instead of the document")
	fs.BoolVar(&f.JSON, "json", false, "ps: print one JSON object per container instead of the document")
	fs.StringVar(&f.Query, "query", "", "jq expression applied to the output document")
	f.SD.register(fs)
}

const usageText = `Usage: %[1]s create [flags] [document.json]   create the service with desired count 0
       %[1]s start [flags] [document.json]    set the desired count to 1 when it is 0, and wait
       %[1]s up [flags] [document.json]       create (desired count 1) or update the service, and wait
       %[1]s ps [flags] [document.json]       list the service's tasks
       %[1]s scale N [flags] [document.json]  set the desired count to N, and wait
       %[1]s stop [flags] [document.json]     set the desired count to 0, and wait
       %[1]s rm [flags] [document.json]       stop and delete the service (aliases: delete, down)

Reads the pipeline document (ecs-compose2td | ecs-register | ecs-service up)
from the file or stdin and writes it back with "service" (and "failures").
Exit 1 when a deployment fails or the running count stops changing for
--timeout minutes.

Service discovery (Cloud Map): create and up with --enable-service-discovery
find or create (through CloudFormation) the DNS namespace and create the
discovery service; up --update-service-discovery changes its DNS TTL and
failure threshold; rm deletes it (and the namespace with --delete-namespace).
Settings come from runParams.serviceDiscovery; flags win.

Flags:
`

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunWith(ctx, args, stdin, stdout, stderr, nil)
}

// RunWith is Run with a waiter factory tests use to move a fake clock.
func RunWith(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, waiter func(*Waiter)) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, usageText, name)
		return exitcode.Usage
	}
	verb, n := args[0], int32(0)
	args = args[1:]
	switch verb {
	case "create", "start", "up", "ps", "list", "stop", "rm", "delete", "down":
	case "scale":
		if len(args) < 1 {
			fmt.Fprintf(stderr, "%s scale: give the desired count: %s scale N\n", name, name)
			return exitcode.Usage
		}
		c, err := bounds.Desired.Parse32(args[0])
		var nw *bounds.NotWhole
		if errors.As(err, &nw) {
			fmt.Fprintf(stderr, "%s scale: %q is not a number of tasks\n", name, args[0])
			return exitcode.Usage
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s scale: desired count: %v\n", name, err)
			return exitcode.Usage
		}
		n, args = c, args[1:]
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, usageText, name)
		return 0
	default:
		fmt.Fprintf(stderr, "%s: unknown command %q\n"+usageText, name, verb, name)
		return exitcode.Usage
	}
	var f Flags
	fs := flag.NewFlagSet(name+" "+verb, flag.ContinueOnError)
	f.Register(fs)
	if code, done := flagenv.ParseCommand(fs, args, os.Getenv, fmt.Sprintf(usageText, name), stdout, stderr); done {
		return code
	}
	f.AWS.FromEnv(os.Getenv)
	err := runStep(ctx, verb, n, f, fs.Args(), stdin, stdout, stderr, waiter)
	return exitcode.Report(stderr, name, err)
}

// ecsAPI is what managing a service needs of ECS.
type ecsAPI interface {
	describer
	CreateService(context.Context, *ecs.CreateServiceInput, ...func(*ecs.Options)) (*ecs.CreateServiceOutput, error)
	UpdateService(context.Context, *ecs.UpdateServiceInput, ...func(*ecs.Options)) (*ecs.UpdateServiceOutput, error)
	DeleteService(context.Context, *ecs.DeleteServiceInput, ...func(*ecs.Options)) (*ecs.DeleteServiceOutput, error)
	ListAccountSettings(context.Context, *ecs.ListAccountSettingsInput, ...func(*ecs.Options)) (*ecs.ListAccountSettingsOutput, error)
	TagResource(context.Context, *ecs.TagResourceInput, ...func(*ecs.Options)) (*ecs.TagResourceOutput, error)
}

var _ ecsAPI = (*ecs.Client)(nil)

// svc is one invocation's settings.
type svc struct {
	api      ecsAPI
	cluster  string
	name     string
	td       string // family:revision, "" without a taskDefinitionArn
	f        Flags
	spec     spec
	timeout  time.Duration
	wait     *Waiter
	progress io.Writer

	// service discovery (discovery.go)
	cfn         stack.API
	sd          sdAPI
	r53         r53API
	region      string
	disc        discovery
	networkMode string
	project     string

	// failures are DescribeServices' failures (e.g. MISSING), written to
	// the document when the step fails.
	failures []types.Failure
}

// spec is the CreateService/UpdateService settings from the document and flags.
type spec struct {
	deployment    types.DeploymentConfiguration
	loadBalancers []types.LoadBalancer
	grace         *int32
	strategy      types.SchedulingStrategy
	launchType    types.LaunchType
	network       *types.NetworkConfiguration
	constraints   []types.PlacementConstraint
	strategyPl    []types.PlacementStrategy
	tags          []types.Tag
}

func runStep(ctx context.Context, verb string, n int32, f Flags, args []string, stdin io.Reader, stdout, stderr io.Writer, waiter func(*Waiter)) error {
	doc, err := stepio.Input(args, stdin)
	if err != nil {
		return err
	}
	if err := stepio.Cluster(doc, &f.AWS.Cluster, f.AWS.ClusterConfig); err != nil {
		return err
	}
	if f.Timeout < 0 {
		return exitcode.Usagef("Error with timeout flag: %f is not a valid timeout value", f.Timeout)
	}
	if err := bounds.Minutes(f.Timeout, bounds.MaxWaitMinutes); err != nil {
		return exitcode.Usagef("--timeout: %v (0: do not wait)", err)
	}
	sp, err := buildSpec(f, doc)
	if err != nil {
		return err
	}
	settings, err := awsconf.Resolve(ctx, f.AWS, awsconf.NewEnv(os.Getenv, stderr, name))
	if err != nil {
		return err
	}
	if settings.Cluster == "" {
		return exitcode.Usagef("no cluster: give --cluster, set ECS_CLUSTER, or configure one with ecs-cli configure")
	}
	if sp.launchType == "" && settings.LaunchType != "" {
		sp.launchType = types.LaunchType(settings.LaunchType)
	}
	var project, arn string
	if _, err := doc.Get(pipeline.KeyProject, &project); err != nil {
		return exitcode.AsUsage(fmt.Errorf("project: %w", err))
	}
	if _, err := doc.Get(pipeline.KeyTaskDefinitionArn, &arn); err != nil {
		return exitcode.AsUsage(fmt.Errorf("taskDefinitionArn: %w", err))
	}
	td := &ecs.RegisterTaskDefinitionInput{}
	if raw := doc.Raw(pipeline.KeyTaskDefinition); raw != nil {
		if _, err := (ecsjson.UnmarshalOptions{AllowUnknown: true}).Unmarshal(raw, td); err != nil {
			return exitcode.AsUsage(fmt.Errorf("taskDefinition: %w", err))
		}
	}
	if project == "" {
		project = aws.ToString(td.Family)
	}
	if project == "" {
		return exitcode.Usagef("the document names no project: pipe in ecs-compose2td's output")
	}
	if arn == "" && (verb == "create" || verb == "up") {
		return exitcode.Usagef("the document has no taskDefinitionArn: run it through ecs-register first")
	}
	api := ecs.NewFromConfig(settings.Config)
	s := &svc{api: api, cluster: settings.Cluster, name: settings.ComposeServiceNamePrefix + project, f: f, spec: sp, progress: stderr,
		cfn: cloudformation.NewFromConfig(settings.Config), sd: servicediscovery.NewFromConfig(settings.Config),
		r53: route53.NewFromConfig(settings.Config), region: settings.Config.Region,
		networkMode: string(td.NetworkMode), project: project}
	if verb == "create" || verb == "up" {
		rp, err := readDiscovery(doc.Raw(pipeline.KeyRunParams))
		if err != nil {
			return err
		}
		if s.disc, err = discoverySettings(f.SD, rp, s.info); err != nil {
			return err
		}
	}
	if _, rest, ok := strings.Cut(arn, ":task-definition/"); ok {
		s.td = rest
	}
	s.timeout = time.Duration(f.Timeout * float64(time.Minute))
	s.wait = NewWaiter(api, s.timeout, func(e types.ServiceEvent) {
		fmt.Fprintf(stderr, "%s: %s %s\n", name, aws.ToTime(e.CreatedAt).UTC().Format(time.RFC3339), aws.ToString(e.Message))
	})
	if waiter != nil {
		waiter(s.wait)
	}
	if verb == "ps" || verb == "list" {
		if err := tasks.CheckDesiredStatus(f.DesiredStatus); err != nil {
			return err
		}
		if !f.Table && !f.JSON {
			listed, err := tasks.List(ctx, api, tasks.Filter{Cluster: s.cluster, ServiceName: s.name, DesiredStatus: f.DesiredStatus})
			if err != nil {
				return err
			}
			if listed == nil {
				listed = []types.Task{} // "tasks": [], not null
			}
			raw, err := ecsjson.Marshal(listed)
			if err != nil {
				return err
			}
			if err := doc.SetRaw(pipeline.KeyTasks, raw); err != nil {
				return err
			}
			return stepio.Output(ctx, doc, f.Query, stdout)
		}
		return tasks.Ps(ctx, api, ec2.NewFromConfig(settings.Config), tasks.Filter{Cluster: s.cluster, ServiceName: s.name, DesiredStatus: f.DesiredStatus}, stdout, f.JSON)
	}
	if f.CreateLogGroups && (verb == "create" || verb == "up" || verb == "start") {
		if err := loggroups.CreateAll(ctx, settings.Config, td.ContainerDefinitions, stderr, name); err != nil {
			return err
		}
	}
	var out types.Service
	switch verb {
	case "create":
		out, err = s.create(ctx, 0)
	case "start":
		out, err = s.start(ctx)
	case "up":
		out, err = s.up(ctx)
	case "scale":
		out, err = s.update(ctx, &n, "", "Updated ECS service successfully")
	case "stop":
		out, err = s.update(ctx, aws.Int32(0), "", "Updated ECS service successfully")
	case "rm", "delete", "down":
		out, err = s.rm(ctx)
	}
	var failures []types.Failure
	if err != nil {
		failures = s.failures
	}
	if out.ServiceName != nil || len(failures) > 0 {
		if werr := writeResult(ctx, doc, out, failures, f.Query, stdout); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

// buildSpec checks the flags (before any AWS call) and reads runParams.
func buildSpec(f Flags, doc *pipeline.Document) (spec, error) {
	var sp spec
	for _, d := range []struct {
		flag, v string
		r       bounds.Range
		dst     **int32
	}{
		{"deployment-max-percent", f.MaxPercent, maxPercentRange, &sp.deployment.MaximumPercent},
		{"deployment-min-healthy-percent", f.MinHealthy, minHealthyRange, &sp.deployment.MinimumHealthyPercent},
		{"health-check-grace-period", f.HealthCheckGrace, graceRange, &sp.grace},
	} {
		if d.v == "" {
			continue
		}
		n, err := d.r.Parse32(d.v)
		var nw *bounds.NotWhole
		if errors.As(err, &nw) {
			return sp, exitcode.Usagef("Please pass integer value for the flag %s", d.flag)
		}
		if err != nil {
			return sp, exitcode.Usagef("--%s: %v", d.flag, err)
		}
		*d.dst = aws.Int32(n)
	}
	var err error
	if sp.loadBalancers, err = loadBalancers(f); err != nil {
		return sp, err
	}
	switch s := strings.ToUpper(f.SchedulingStrategy); s {
	case "", "REPLICA", "DAEMON":
		sp.strategy = types.SchedulingStrategy(s)
	default:
		return sp, exitcode.Usagef("--scheduling-strategy %q: REPLICA or DAEMON", f.SchedulingStrategy)
	}
	if err := awsconf.ValidateLaunchType(f.AWS.LaunchType); err != nil {
		return sp, exitcode.AsUsage(err)
	}
	sp.launchType = types.LaunchType(f.AWS.LaunchType)
	if sp.tags, err = parseTags(f.Tags); err != nil {
		return sp, err
	}
	if raw := doc.Raw(pipeline.KeyRunParams); raw != nil {
		var parts map[string]json.RawMessage
		if _, err := doc.Get(pipeline.KeyRunParams, &parts); err != nil {
			return sp, exitcode.AsUsage(fmt.Errorf("runParams: %w", err))
		}
		for key, dst := range map[string]any{"networkConfiguration": &sp.network, "placementConstraints": &sp.constraints, "placementStrategy": &sp.strategyPl} {
			if v, ok := parts[key]; ok {
				if err := ecsjson.Unmarshal(v, dst); err != nil {
					return sp, exitcode.AsUsage(fmt.Errorf("runParams.%s: %w", key, err))
				}
			}
		}
		if v, ok := parts["launchType"]; ok && sp.launchType == "" {
			var lt string
			if err := json.Unmarshal(v, &lt); err != nil {
				return sp, exitcode.AsUsage(fmt.Errorf("runParams.launchType: %w", typewords.JSON(err)))
			}
			sp.launchType = types.LaunchType(lt)
		}
	}
	return sp, nil
}

// What ECS accepts for the deployment flags: percentages of the desired
// count (a minimum above 100% could never be met) and a grace period of up
// to 2^31-1 seconds.
var (
	maxPercentRange = bounds.Range{Min: 0, Max: math.MaxInt32, Unit: "percent"}
	minHealthyRange = bounds.Range{Min: 0, Max: 100, Unit: "percent"}
	graceRange      = bounds.Range{Min: 0, Max: math.MaxInt32, Unit: "seconds"}
)

// loadBalancers reads the single form (--target-group-arn or
// --load-balancer-name with --container-name and --container-port) or the
// --target-groups form, with the original's messages.
func loadBalancers(f Flags) ([]types.LoadBalancer, error) {
	single := f.TargetGroupArn != "" || f.LoadBalancerName != "" || f.ContainerName != "" || f.ContainerPort != ""
	if len(f.TargetGroups) > 0 {
		if single {
			return nil, exitcode.Usagef("[--target-groups] cannot be used with [--load-balancer-name], [--target-group-arn], [--container-name] or [--container-port]")
		}
		var out []types.LoadBalancer
		for _, v := range f.TargetGroups {
			lb, err := targetGroup(v)
			if err != nil {
				return nil, err
			}
			out = append(out, lb)
		}
		return out, nil
	}
	if !single {
		return nil, nil
	}
	switch {
	case f.TargetGroupArn != "" && f.LoadBalancerName != "":
		return nil, exitcode.Usagef("[--load-balancer-name] and [--target-group-arn] flags cannot both be specified")
	case f.TargetGroupArn == "" && f.LoadBalancerName == "":
		return nil, exitcode.Usagef("Must specify either [--load-balancer-name] or [--target-group-arn] flag for your service")
	case f.ContainerName == "":
		return nil, exitcode.Usagef("[--container-name] is required if [--load-balancer-name] or [--target-group-arn] is specified")
	case f.ContainerPort == "":
		return nil, exitcode.Usagef("[--container-port] is required if [--load-balancer-name] or [--target-group-arn] is specified")
	}
	port, err := bounds.Port.Parse32(f.ContainerPort)
	var nw *bounds.NotWhole
	if errors.As(err, &nw) {
		return nil, exitcode.Usagef("Please pass integer value for the flag container-port")
	}
	if err != nil {
		return nil, exitcode.Usagef("--container-port: %v", err)
	}
	return []types.LoadBalancer{{
		TargetGroupArn: nonEmpty(f.TargetGroupArn), LoadBalancerName: nonEmpty(f.LoadBalancerName),
		ContainerName: aws.String(f.ContainerName), ContainerPort: aws.Int32(port),
	}}, nil
}

func targetGroup(v string) (types.LoadBalancer, error) {
	kv := map[string]string{}
	for _, item := range strings.Split(v, ",") {
		parts := strings.Split(item, "=")
		if len(parts) != 2 {
			return types.LoadBalancer{}, exitcode.Usagef("There is an (key=value) initialization error, please check to see if you are using = accordingly on %s", parts[0])
		}
		switch parts[0] {
		case "targetGroupArn", "loadBalancerName", "containerName", "containerPort":
		default:
			return types.LoadBalancer{}, exitcode.Usagef("[--%s] is an invalid flag", parts[0])
		}
		if _, dup := kv[parts[0]]; dup {
			return types.LoadBalancer{}, exitcode.Usagef("%s already exists", parts[0])
		}
		kv[parts[0]] = parts[1]
	}
	switch {
	case kv["targetGroupArn"] != "" && kv["loadBalancerName"] != "":
		return types.LoadBalancer{}, exitcode.Usagef("[--target-group-arn] and [--load-balancer-name] flags cannot both be specified")
	case kv["containerName"] == "" || kv["containerPort"] == "":
		return types.LoadBalancer{}, exitcode.Usagef("--containerName must be specified")
	case kv["targetGroupArn"] == "" && kv["loadBalancerName"] == "":
		return types.LoadBalancer{}, exitcode.Usagef("Target Group Arn or Load Balancer Name cannot be blank")
	}
	port, err := bounds.Port.Parse32(kv["containerPort"])
	var nw *bounds.NotWhole
	if errors.As(err, &nw) {
		return types.LoadBalancer{}, exitcode.Usagef("Fail to parse container port %s for container %s", kv["containerPort"], kv["containerName"])
	}
	if err != nil {
		return types.LoadBalancer{}, exitcode.Usagef("--target-groups: containerPort of container %s: %v", kv["containerName"], err)
	}
	return types.LoadBalancer{
		TargetGroupArn: nonEmpty(kv["targetGroupArn"]), LoadBalancerName: nonEmpty(kv["loadBalancerName"]),
		ContainerName: aws.String(kv["containerName"]), ContainerPort: aws.Int32(port),
	}, nil
}

// writeResult sets service (when known) and failures (when any) in the
// document and writes it.
func writeResult(ctx context.Context, doc *pipeline.Document, s types.Service, failures []types.Failure, query string, w io.Writer) error {
	if s.ServiceName != nil {
		raw, err := ecsjson.Marshal(s)
		if err != nil {
			return err
		}
		if err := doc.SetRaw(pipeline.KeyService, raw); err != nil {
			return err
		}
	} else {
		doc.Delete(pipeline.KeyService) // ECS knows no such service now
	}
	if len(failures) > 0 {
		raw, err := ecsjson.Marshal(failures)
		if err != nil {
			return err
		}
		if err := doc.SetRaw(pipeline.KeyFailures, raw); err != nil {
			return err
		}
	}
	return stepio.Output(ctx, doc, query, w)
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// errMissing is a service DescribeServices does not know.
var errMissing = errors.New("MISSING")

// parseTags reads --tags into the API's tag type.
func parseTags(s string) ([]types.Tag, error) {
	tags, err := tagflag.Parse(s)
	return tagflag.Convert(tags, func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }), err
}
