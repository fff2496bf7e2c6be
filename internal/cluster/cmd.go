//lint:file-ignore ST1005 the original's messages, word for word

package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stack"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
)

type cmd struct {
	f              Flags
	env            Env
	stdout, stderr io.Writer

	settings *awsconf.Settings
	ecs      *ecs.Client
	cfn      *cloudformation.Client
	stacks   *stack.Stacks
	ec2      *ec2.Client
	ssm      *ssm.Client
}

func (c *cmd) infof(format string, args ...any) {
	fmt.Fprintf(c.stderr, name+": "+format+"\n", args...)
}

func (c *cmd) run(ctx context.Context, verb string) error {
	// Checks that need no AWS come first.
	switch verb {
	case "scale":
		if !c.f.CapabilityIAM {
			return exitcode.Usagef("Please acknowledge that this command may create IAM resources with the '--capability-iam' flag")
		}
		if c.f.Size == "" {
			return exitcode.Usagef("Missing required flag '--size'")
		}
		if err := c.checkSize(); err != nil {
			return err
		}
	case "up":
		if !c.f.Empty { // an empty cluster ignores them, with a warning
			if err := c.checkUpNumbers(); err != nil {
				return err
			}
		}
	case "check-attributes":
		if c.f.TaskDef == "" {
			return exitcode.Usagef("TaskDefinition must be specified with the --task-def flag")
		}
		if c.f.ContainerInstances == "" {
			return exitcode.Usagef("ContainerInstance(s) must be specified with the --container-instances flag")
		}
	case "ps":
		if err := tasks.CheckDesiredStatus(c.f.DesiredStatus); err != nil {
			return err
		}
	case "down":
		if !c.f.Force {
			if err := c.confirm(); err != nil {
				return err
			}
		}
	}
	var poll time.Duration // read only by the verbs that follow a stack
	if verb == "up" || verb == "down" || verb == "scale" {
		p, err := c.pollInterval()
		if err != nil {
			return err
		}
		poll = p
	}
	s, err := awsconf.Resolve(ctx, c.f.AWS, awsconf.NewEnv(c.env.Getenv, c.stderr, name))
	if err != nil {
		return err
	}
	if s.Cluster == "" && verb != "check-attributes" {
		return exitcode.Usagef("Please configure a cluster using the configure command or the '--cluster' flag")
	}
	c.settings = s
	c.ecs = ecs.NewFromConfig(s.Config)
	c.cfn = cloudformation.NewFromConfig(s.Config)
	c.stacks = &stack.Stacks{API: c.cfn, Sleep: c.env.Sleep, Poll: poll, Event: func(e cfntypes.StackEvent) { c.infof("%s", stack.EventLine(e)) }}
	c.ec2 = ec2.NewFromConfig(s.Config)
	c.ssm = ssm.NewFromConfig(s.Config)
	switch verb {
	case "up":
		return c.up(ctx)
	case "down":
		return c.down(ctx)
	case "scale":
		return c.scale(ctx)
	case "ps":
		if err := c.activeCluster(ctx); err != nil {
			return err
		}
		return tasks.Ps(ctx, c.ecs, c.ec2, tasks.Filter{Cluster: s.Cluster, DesiredStatus: c.f.DesiredStatus}, c.stdout, c.f.JSON)
	default:
		return c.checkAttributes(ctx)
	}
}

func (c *cmd) stackName() string {
	if c.settings.CFNStackName != "" {
		return c.settings.CFNStackName
	}
	return "amazon-ecs-cli-setup-" + c.settings.Cluster
}

// confirm asks before down deletes anything, on a terminal only.
func (c *cmd) confirm() error {
	const aborted = "Aborted cluster deletion. To delete your cluster, re-run this command and specify the '--force' flag or confirm that you'd like to delete your cluster at the prompt."
	if !c.env.Terminal {
		return exitcode.Usagef("not deleting without confirmation: give --force (stdin is not a terminal)")
	}
	fmt.Fprint(c.stderr, "Are you sure you want to delete your cluster? [y/N]\n")
	line, err := limits.Answer(c.env.Stdin)
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("Error reading input: %w", err)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return exitcode.Usagef("%s", aborted)
}

// activeCluster checks the cluster exists and is ACTIVE.
func (c *cmd) activeCluster(ctx context.Context) error {
	cl := c.settings.Cluster
	out, err := c.ecs.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{cl}})
	if err != nil {
		return fmt.Errorf("describing cluster %s: %w", cl, err)
	}
	if len(out.Failures) > 0 || (len(out.Clusters) > 0 && aws.ToString(out.Clusters[0].Status) != "ACTIVE") {
		return fmt.Errorf("Cluster '%s' is not active. Ensure that it exists", cl)
	}
	if len(out.Clusters) == 0 {
		return fmt.Errorf("Got an empty list of clusters while describing the cluster '%s'", cl)
	}
	return nil
}

// describeStack returns the cluster's stack, or nil when there is none.
func (c *cmd) describeStack(ctx context.Context) (*cfntypes.Stack, error) {
	return c.stacks.Describe(ctx, c.stackName())
}

// waitStack follows op on the stack (by id) to its end, its events
// streamed to stderr.
func (c *cmd) waitStack(ctx context.Context, stackID string, op stack.Op) error {
	_, err := c.stacks.Wait(ctx, stackID, op)
	return err
}

func (c *cmd) down(ctx context.Context) error {
	if err := c.activeCluster(ctx); err != nil {
		return err
	}
	st, err := c.describeStack(ctx)
	if err != nil {
		return err
	}
	if st == nil {
		c.infof("No CloudFormation stack found for cluster '%s'.", c.settings.Cluster)
	} else {
		if err := c.stacks.Delete(ctx, c.stackName()); err != nil {
			return err
		}
		c.infof("Waiting for your cluster resources to be deleted...")
		if err := c.waitStack(ctx, aws.ToString(st.StackId), stack.Delete); err != nil {
			return err
		}
	}
	if _, err := c.ecs.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String(c.settings.Cluster)}); err != nil {
		return fmt.Errorf("Failed to Delete Cluster %s: %w", c.settings.Cluster, err)
	}
	c.infof("Deleted cluster %s", c.settings.Cluster)
	return nil
}

func (c *cmd) scale(ctx context.Context) error {
	if err := c.activeCluster(ctx); err != nil {
		return err
	}
	st, err := c.describeStack(ctx)
	if err != nil {
		return err
	}
	if st == nil {
		return fmt.Errorf("CloudFormation stack not found for cluster '%s'", c.settings.Cluster)
	}
	var params []cfntypes.Parameter
	for _, p := range st.Parameters {
		if aws.ToString(p.ParameterKey) == "AsgMaxSize" {
			continue
		}
		params = append(params, cfntypes.Parameter{ParameterKey: p.ParameterKey, UsePreviousValue: aws.Bool(true)})
	}
	params = append(params, cfntypes.Parameter{ParameterKey: aws.String("AsgMaxSize"), ParameterValue: aws.String(c.f.Size)})
	err = c.stacks.Update(ctx, &cloudformation.UpdateStackInput{
		StackName:           aws.String(c.stackName()),
		UsePreviousTemplate: aws.Bool(true),
		Capabilities:        []cfntypes.Capability{cfntypes.CapabilityCapabilityIam},
		Parameters:          params,
	})
	if err != nil {
		return err
	}
	c.infof("Waiting for your cluster resources to be updated...")
	if err := c.waitStack(ctx, aws.ToString(st.StackId), stack.Update); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Cluster %s scaled to %s instances.\n", c.settings.Cluster, c.f.Size)
	return nil
}

// pollInterval is the delay between CloudFormation polls;
// ECS_CLUSTER_POLL_INTERVAL (a Go duration) overrides it. A value that is
// not a positive duration is an error (run checks it before any AWS call),
// not a silent 5 s.
func (c *cmd) pollInterval() (time.Duration, error) {
	v := c.env.Getenv("ECS_CLUSTER_POLL_INTERVAL")
	if v == "" {
		return 5 * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, exitcode.Usagef("ECS_CLUSTER_POLL_INTERVAL: %q is not a positive duration such as 5s or 500ms", v)
	}
	return d, nil
}

// sizeRange is what --size may be: ECS registers at most 5,000 container
// instances in a cluster (a quota AWS does not raise).
var sizeRange = bounds.Range{Min: 0, Max: 5000, Unit: "instances"}

// checkSize reads --size into its range and writes it back in plain
// digits, the form CloudFormation's Number parameter takes.
func (c *cmd) checkSize() error {
	n, err := sizeRange.Parse(c.f.Size)
	var nw *bounds.NotWhole
	if errors.As(err, &nw) {
		return exitcode.Usagef("--size: %q is not a number of instances", c.f.Size)
	}
	if err != nil {
		return exitcode.Usagef("--size: %v", err)
	}
	c.f.Size = strconv.FormatInt(n, 10)
	return nil
}

// checkUpNumbers reads up's numeric flags, which go to the stack as
// parameters: a mistake would otherwise fail the stack half-way.
func (c *cmd) checkUpNumbers() error {
	if c.f.Size != "" {
		if err := c.checkSize(); err != nil {
			return err
		}
	}
	if c.f.Port != "" {
		n, err := bounds.Port.Parse(c.f.Port)
		if err != nil {
			return exitcode.Usagef("--port: %v", err)
		}
		c.f.Port = strconv.FormatInt(n, 10)
	}
	if c.f.SpotPrice != "" {
		p, err := strconv.ParseFloat(strings.TrimSpace(c.f.SpotPrice), 64)
		switch {
		case err != nil || math.IsNaN(p) || math.IsInf(p, 0):
			return exitcode.Usagef("--spot-price: %q is not a price in dollars per hour such as 0.05", c.f.SpotPrice)
		case p < 0:
			return exitcode.Usagef("--spot-price: %s is negative", c.f.SpotPrice)
		case p == 0:
			c.f.SpotPrice = "0" // the template's "on demand", however it was written
		default:
			c.f.SpotPrice = strings.TrimSpace(c.f.SpotPrice)
		}
	}
	return nil
}

// checkAttributes compares container instances' attributes with the ones
// the task definition requires.
func (c *cmd) checkAttributes(ctx context.Context) error {
	out, err := c.ecs.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(c.f.TaskDef)})
	if err != nil {
		return fmt.Errorf("Failed to Describe TaskDefinition, please check the region/taskDefinition values: %w", err)
	}
	derived := requiredAttributes(out.TaskDefinition)
	fromECS := map[string]bool{}
	for _, a := range out.TaskDefinition.RequiresAttributes {
		fromECS[aws.ToString(a.Name)] = true
	}
	required := map[string]bool{}
	for n := range fromECS {
		required[n] = true
	}
	var notInECS []string
	for _, n := range derived {
		required[n] = true
		if !fromECS[n] {
			notInECS = append(notInECS, n)
		}
	}
	if len(notInECS) > 0 {
		c.infof("ECS's requiresAttributes does not list: %s", strings.Join(notInECS, ", "))
	}
	if len(required) == 0 {
		c.infof("The given task definition does not have any attributes")
		return nil
	}
	if err := c.activeCluster(ctx); err != nil {
		return err
	}
	var ids []string
	for _, id := range strings.Split(c.f.ContainerInstances, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	type row struct{ id, missing string }
	var rows []row
	for i := 0; i < len(ids); i += 100 {
		res, err := c.ecs.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String(c.settings.Cluster), ContainerInstances: ids[i:min(i+100, len(ids))]})
		if err != nil {
			return fmt.Errorf("Failed to Describe Container Instances, please check region/containerInstance/cluster values: %w", err)
		}
		if len(res.Failures) > 0 {
			var fs []string
			for _, f := range res.Failures {
				fs = append(fs, aws.ToString(f.Arn)+": "+aws.ToString(f.Reason))
			}
			return fmt.Errorf("Failed to Describe Container Instances, please check region/containerInstance/cluster values: Failures [%s]", strings.Join(fs, ", "))
		}
		for _, ci := range res.ContainerInstances {
			rows = append(rows, row{instanceID(aws.ToString(ci.ContainerInstanceArn)), missing(required, ci.Attributes)})
		}
	}
	var b strings.Builder
	b.WriteString("Container Instance\tMissing Attributes\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\n", r.id, r.missing)
	}
	return writeColumns(c.stdout, b.String())
}

// instanceID is the last part of a container instance ARN (our table
// shows the instance id, where the original showed the second part).
func instanceID(arn string) string {
	return arn[strings.LastIndex(arn, "/")+1:]
}

func missing(required map[string]bool, have []ecstypes.Attribute) string {
	got := map[string]bool{}
	for _, a := range have {
		got[aws.ToString(a.Name)] = true
	}
	var out []string
	for n := range required {
		if !got[n] {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return "None"
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// requiredAttributes derives from the task definition the attributes a
// container instance needs, as ECS does: logging drivers, volume drivers,
// the task role and execution role features, and the Docker API versions
// they need.
func requiredAttributes(td *ecstypes.TaskDefinition) []string {
	set := map[string]bool{}
	const cap = "com.amazonaws.ecs.capability."
	api := func(v string) { set[cap+"docker-remote-api."+v] = true }
	for _, cd := range td.ContainerDefinitions {
		if lc := cd.LogConfiguration; lc != nil && lc.LogDriver != "" {
			set[cap+"logging-driver."+string(lc.LogDriver)] = true
			api("1.18")
			if lc.LogDriver == ecstypes.LogDriverAwslogs && td.ExecutionRoleArn != nil {
				set["ecs.capability.execution-role-awslogs"] = true
			}
			if lc.LogDriver == ecstypes.LogDriverAwslogs {
				api("1.19")
			}
		}
		if cd.RepositoryCredentials != nil {
			set["ecs.capability.private-registry-authentication.secretsmanager"] = true
		}
		for _, sec := range cd.Secrets {
			// Secrets Manager secrets and Parameter Store parameters
			// need different agent capabilities.
			if strings.HasPrefix(aws.ToString(sec.ValueFrom), "arn:") && strings.Contains(aws.ToString(sec.ValueFrom), ":secretsmanager:") {
				set["ecs.capability.secrets.asm.environment-variables"] = true
			} else {
				set["ecs.capability.secrets.ssm.environment-variables"] = true
			}
		}
		if cd.HealthCheck != nil {
			set["ecs.capability.container-health-check"] = true
			api("1.24")
		}
		if len(cd.DependsOn) > 0 {
			set["ecs.capability.container-ordering"] = true
		}
		if cd.LinuxParameters != nil && cd.LinuxParameters.InitProcessEnabled != nil && *cd.LinuxParameters.InitProcessEnabled {
			api("1.25")
		}
		if len(cd.DockerSecurityOptions) > 0 {
			api("1.17")
		}
	}
	if td.TaskRoleArn != nil {
		set[cap+"task-iam-role"] = true
		api("1.19")
	}
	if td.ExecutionRoleArn != nil {
		for _, cd := range td.ContainerDefinitions {
			if strings.Contains(aws.ToString(cd.Image), ".dkr.ecr.") {
				set["ecs.capability.execution-role-ecr-pull"] = true
			}
		}
	}
	for _, v := range td.Volumes {
		if d := v.DockerVolumeConfiguration; d != nil {
			set["ecs.capability.docker-plugin."+aws.ToString(d.Driver)] = true
			api("1.25")
		}
		if e := v.EfsVolumeConfiguration; e != nil {
			set["ecs.capability.efs"] = true
			if e.AuthorizationConfig != nil {
				set["ecs.capability.efsAuth"] = true // IAM authorization or an access point
			}
		}
	}
	if td.NetworkMode == ecstypes.NetworkModeAwsvpc {
		set["ecs.capability.task-eni"] = true
	}
	// Plain local volumes (no driver) need nothing.
	delete(set, "ecs.capability.docker-plugin.")
	delete(set, "ecs.capability.docker-plugin.local")
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
