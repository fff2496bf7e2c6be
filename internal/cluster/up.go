//lint:file-ignore ST1005 the original's messages, word for word

package cluster

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stack"
)

// clusterTemplate is the stack ecs-cluster up creates: VPC, subnets,
// gateway and routes, security group, instance role and profile, launch
// template and Auto Scaling group, each behind a condition.
//
//go:embed template/cluster.json
var clusterTemplate string

const defaultInstanceType = "t2.micro"

// tag is one --tags entry.
type tag struct{ Key, Value string }

func parseTags(s string) ([]tag, error) {
	if s == "" {
		return nil, nil
	}
	var out []tag
	for _, item := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(item, "=")
		if !ok {
			return nil, exitcode.Usagef("Tag input not formatted correctly: %s", item)
		}
		out = append(out, tag{k, v})
	}
	return out, nil
}

// templateBody returns the template with the tags on the taggable
// resources, and on the Auto Scaling group (propagated to the instances,
// with a default Name).
func templateBody(stackName string, tags []tag) (string, error) {
	var t map[string]any
	if err := json.Unmarshal([]byte(clusterTemplate), &t); err != nil {
		return "", err
	}
	res := t["Resources"].(map[string]any)
	plain := []any{}
	asg := []any{}
	named := false
	for _, tg := range tags {
		plain = append(plain, map[string]any{"Key": tg.Key, "Value": tg.Value})
		asg = append(asg, map[string]any{"Key": tg.Key, "Value": tg.Value, "PropagateAtLaunch": true})
		named = named || tg.Key == "Name"
	}
	if !named {
		asg = append(asg, map[string]any{"Key": "Name", "Value": "ECS Instance - " + stackName, "PropagateAtLaunch": true})
	}
	for id, r := range res {
		props, _ := r.(map[string]any)["Properties"].(map[string]any)
		if _, ok := props["Tags"]; !ok {
			continue
		}
		if id == "EcsInstanceAsg" {
			props["Tags"] = asg
		} else {
			props["Tags"] = plain
		}
	}
	b, err := json.Marshal(t)
	return string(b), err
}

func (c *cmd) warnf(format string, args ...any) {
	fmt.Fprintf(c.stderr, name+": warning: "+format+"\n", args...)
}

func (c *cmd) up(ctx context.Context) error {
	f := c.f
	cl := c.settings.Cluster
	launchType := c.settings.LaunchType
	if launchType == "" {
		launchType = awsconf.LaunchTypeEC2
	}
	if f.Empty {
		return c.upEmpty(ctx)
	}
	ec2Launch := launchType == awsconf.LaunchTypeEC2
	if ec2Launch {
		switch {
		case !f.CapabilityIAM && f.InstanceRole == "":
			return exitcode.Usagef("You must either specify a custom role with the '--instance-role' flag or set the '--capability-iam' flag")
		case f.CapabilityIAM && f.InstanceRole != "":
			return exitcode.Usagef("Cannot specify custom role when '--capability-iam' flag is set")
		}
		if f.Keypair == "" {
			c.warnf("You will not be able to SSH into your EC2 instances without a key pair.")
		}
	}
	tags, err := parseTags(f.Tags)
	if err != nil {
		return err
	}
	switch {
	case f.VPC != "" && f.AZs != "":
		return exitcode.Usagef("You can only specify '--vpc' or '--azs'")
	case f.AZs != "" && len(strings.Split(f.AZs, ",")) != 2:
		return exitcode.Usagef("You must specify 2 comma-separated availability zones with the '--azs' flag")
	case strings.Contains(f.InstanceRole, ","):
		return exitcode.Usagef("You can only specify one instance role name with the '--instance-role' flag")
	case f.SecurityGroup != "" && f.VPC == "":
		return exitcode.Usagef("You have selected a security group. Please specify a VPC with the '--vpc' flag")
	case f.VPC != "" && f.Subnets == "":
		return exitcode.Usagef("You have selected a VPC. Please specify 2 comma-separated subnets with the '--subnets' flag")
	case f.Subnets != "" && f.VPC == "":
		return exitcode.Usagef("You have selected subnets. Please specify a VPC with the '--vpc' flag")
	}
	existing, err := c.describeStack(ctx)
	if err != nil {
		return err
	}
	if existing != nil && !f.Force {
		return exitcode.Usagef("A CloudFormation stack already exists for the cluster '%s'. Please specify '--force' to clean up your existing resources", cl)
	}
	params := map[string]string{"EcsCluster": cl}
	set := func(k, v string) {
		if v != "" {
			params[k] = v
		}
	}
	set("AsgMaxSize", f.Size)
	set("VpcAvailabilityZones", f.AZs)
	set("SecurityGroupIds", f.SecurityGroup)
	set("SourceCidr", f.CIDR)
	set("EcsPort", f.Port)
	set("SubnetIds", f.Subnets)
	set("VpcId", f.VPC)
	if ec2Launch {
		set("KeyName", f.Keypair)
		set("InstanceRole", f.InstanceRole)
		set("SpotPrice", f.SpotPrice)
		if f.NoPublicIP {
			params["AssociatePublicIpAddress"] = "false"
		}
		if f.IMDSv2 {
			params["IsIMDSv2"] = "true"
		}
		instanceTags, err := c.instanceTags(ctx, tags)
		if err != nil {
			return err
		}
		var extras []userDataFile
		for _, p := range f.ExtraUserData {
			// Not sniffed as text: user data may be gzipped.
			b, err := limits.ReadFile(p, p, limits.UserData, nil)
			if err != nil {
				return exitcode.AsUsage(err)
			}
			extras = append(extras, userDataFile{p, b})
		}
		ud, err := buildUserData(cl, extras, instanceTags, "")
		if err != nil {
			return exitcode.AsUsage(err)
		}
		params["UserData"] = ud
		it := f.InstanceType
		if it == "" {
			c.infof("Defaulting instance type to %s", defaultInstanceType)
			it = defaultInstanceType
		}
		params["EcsInstanceType"] = it
		if err := c.checkInstanceTypeOffered(ctx, it); err != nil {
			return err
		}
		ami := f.ImageID
		if ami == "" {
			if ami, err = c.recommendedAMI(ctx, it); err != nil {
				return err
			}
		}
		params["EcsAmiId"] = ami
	} else {
		params["IsFargate"] = "true"
	}
	body, err := templateBody(c.stackName(), tags)
	if err != nil {
		return err
	}
	var ecsTags []ecstypes.Tag
	var cfnTags []cfntypes.Tag
	for _, t := range tags {
		ecsTags = append(ecsTags, ecstypes.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
		cfnTags = append(cfnTags, cfntypes.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	if _, err := c.ecs.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(cl), Tags: ecsTags}); err != nil {
		return fmt.Errorf("Failed to Create Cluster %s: %w", cl, err)
	}
	c.infof("Created cluster %s in %s", cl, c.settings.Region)
	if existing != nil {
		if err := c.stacks.Delete(ctx, c.stackName()); err != nil {
			return err
		}
		c.infof("Waiting for your CloudFormation stack resources to be deleted...")
		if err := c.waitStack(ctx, aws.ToString(existing.StackId), stack.Delete); err != nil {
			return err
		}
	}
	var cfnParams []cfntypes.Parameter
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cfnParams = append(cfnParams, cfntypes.Parameter{ParameterKey: aws.String(k), ParameterValue: aws.String(params[k]), UsePreviousValue: aws.Bool(false)})
	}
	stackID, err := c.stacks.Create(ctx, &cloudformation.CreateStackInput{
		StackName:    aws.String(c.stackName()),
		TemplateBody: aws.String(body),
		Parameters:   cfnParams,
		Capabilities: []cfntypes.Capability{cfntypes.CapabilityCapabilityIam},
		Tags:         cfnTags,
	})
	if err != nil {
		return err
	}
	c.infof("Waiting for your cluster resources to be created...")
	if err := c.waitStack(ctx, stackID, stack.Create); err != nil {
		return err
	}
	for _, r := range []struct{ id, label string }{{"Vpc", "VPC"}, {"EcsSecurityGroup", "Security Group"}, {"PubSubnetAz1", "Subnet"}, {"PubSubnetAz2", "Subnet"}} {
		res, err := c.cfn.DescribeStackResources(ctx, &cloudformation.DescribeStackResourcesInput{StackName: aws.String(stackID), LogicalResourceId: aws.String(r.id)})
		if err != nil {
			c.warnf("Error describing Cloudformation resources: %v", err)
			continue
		}
		for _, sr := range res.StackResources {
			fmt.Fprintf(c.stdout, "%s created: %s\n", r.label, aws.ToString(sr.PhysicalResourceId))
		}
	}
	fmt.Fprintln(c.stdout, "Cluster creation succeeded.")
	return nil
}

func (c *cmd) upEmpty(ctx context.Context) error {
	f := c.f
	for _, fl := range []struct{ name, v string }{{"size", f.Size}, {"azs", f.AZs}, {"security-group", f.SecurityGroup}, {"cidr", f.CIDR}, {"port", f.Port}, {"subnets", f.Subnets}, {"vpc", f.VPC}, {"instance-type", f.InstanceType}, {"instance-role", f.InstanceRole}, {"image-id", f.ImageID}, {"keypair", f.Keypair}, {"spot-price", f.SpotPrice}} {
		if fl.v != "" {
			c.warnf("Value for flag '%s' will be ignored when creating an empty cluster", fl.name)
		}
	}
	if f.CapabilityIAM {
		c.warnf("The '--capability-iam' flag will be ignored when creating an empty cluster")
	}
	if f.Force {
		c.warnf("Force flag is unsupported when creating an empty cluster.")
	}
	existing, err := c.describeStack(ctx)
	if err != nil {
		return err
	}
	if existing != nil {
		return exitcode.Usagef("A CloudFormation stack already exists for the cluster '%s'.", c.settings.Cluster)
	}
	tags, err := parseTags(f.Tags)
	if err != nil {
		return err
	}
	var ecsTags []ecstypes.Tag
	for _, t := range tags {
		ecsTags = append(ecsTags, ecstypes.Tag{Key: aws.String(t.Key), Value: aws.String(t.Value)})
	}
	if _, err := c.ecs.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(c.settings.Cluster), Tags: ecsTags}); err != nil {
		return fmt.Errorf("Failed to Create Cluster %s: %w", c.settings.Cluster, err)
	}
	c.infof("Created cluster %s in %s", c.settings.Cluster, c.settings.Region)
	fmt.Fprintln(c.stdout, "Cluster creation succeeded.")
	return nil
}

// instanceTags returns the tags container instances get through the agent,
// when the account's containerInstanceLongArnFormat allows it.
func (c *cmd) instanceTags(ctx context.Context, tags []tag) (map[string]string, error) {
	if len(tags) == 0 {
		return nil, nil
	}
	out, err := c.ecs.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{EffectiveSettings: true, Name: ecstypes.SettingNameContainerInstanceLongArnFormat})
	if err != nil {
		return nil, fmt.Errorf("listing account settings: %w", err)
	}
	if len(out.Settings) == 0 {
		return nil, fmt.Errorf("Received unexpected response from ECS Settings API: %+v", out.Settings)
	}
	s := out.Settings[0]
	if aws.ToString(s.Value) != "enabled" {
		c.warnf("Disabling container instance tagging because containerInstanceLongArnFormat is not enabled for your identity, %s. You can use the PutAccountSettingDefault API to change your account default.", aws.ToString(s.PrincipalArn))
		return nil, nil
	}
	c.warnf("Enabling container instance tagging because containerInstanceLongArnFormat is enabled for your identity, %s. If this is not your account default setting, your instances will fail to join your cluster. You can use the PutAccountSettingDefault API to change your account default.", aws.ToString(s.PrincipalArn))
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m, nil
}

// The ECS-optimized Amazon Linux 2023 AMIs' public SSM parameters.
const (
	amiParamX86 = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
	amiParamARM = "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
	amiParamGPU = "/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id"
)

// amiParameter chooses the AMI parameter from the instance type's
// architectures and GPUs.
func amiParameter(archs []ec2types.ArchitectureType, gpu bool) string {
	arm := slices.Contains(archs, ec2types.ArchitectureTypeArm64) && !slices.Contains(archs, ec2types.ArchitectureTypeX8664)
	switch {
	case arm:
		return amiParamARM
	case gpu:
		return amiParamGPU
	}
	return amiParamX86
}

// checkInstanceTypeOffered fails when the region does not offer the
// instance type. Like the original, it reads only the first page of the
// region's offerings.
func (c *cmd) checkInstanceTypeOffered(ctx context.Context, instanceType string) error {
	region := c.settings.Region
	out, err := c.ec2.DescribeInstanceTypeOfferings(ctx, &ec2.DescribeInstanceTypeOfferingsInput{
		LocationType: ec2types.LocationTypeRegion,
		Filters:      []ec2types.Filter{{Name: aws.String("location"), Values: []string{region}}},
	})
	if err != nil {
		return fmt.Errorf("describe instance type offerings: %w", err)
	}
	if len(out.InstanceTypeOfferings) == 0 {
		return fmt.Errorf("No instance found in region %s", region)
	}
	var offered []string
	for _, o := range out.InstanceTypeOfferings {
		if string(o.InstanceType) == instanceType {
			return nil
		}
		offered = append(offered, string(o.InstanceType))
	}
	if instanceType == defaultInstanceType {
		c.warnf("Default instance type %s not supported in region %s. Override the default instance type with the --instance-type flag and provide a supported value.", instanceType, region)
	}
	return fmt.Errorf("instance type %s not supported in region %s: instance type %s not found in list of supported instance types [%s]", instanceType, region, instanceType, strings.Join(offered, " "))
}

func (c *cmd) recommendedAMI(ctx context.Context, instanceType string) (string, error) {
	out, err := c.ec2.DescribeInstanceTypes(ctx, &ec2.DescribeInstanceTypesInput{InstanceTypes: []ec2types.InstanceType{ec2types.InstanceType(instanceType)}})
	if err != nil {
		return "", fmt.Errorf("describing instance type %s: %w", instanceType, err)
	}
	if len(out.InstanceTypes) == 0 {
		return "", exitcode.Usagef("instance type %s not supported in region %s", instanceType, c.settings.Region)
	}
	it := out.InstanceTypes[0]
	var archs []ec2types.ArchitectureType
	if it.ProcessorInfo != nil {
		archs = it.ProcessorInfo.SupportedArchitectures
	}
	gpu := it.GpuInfo != nil && len(it.GpuInfo.Gpus) > 0
	param := amiParameter(archs, gpu)
	switch param {
	case amiParamARM:
		c.infof("Using Arm ecs-optimized AMI because instance type was %s", instanceType)
	case amiParamGPU:
		c.infof("Using GPU ecs-optimized AMI because instance type was %s", instanceType)
	}
	p, err := c.ssm.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(param)})
	if err != nil {
		return "", fmt.Errorf("Could not find Recommended Amazon Linux 2023 AMI %s in %s; the AMI may not be supported in this region: %w", param, c.settings.Region, err)
	}
	ami := aws.ToString(p.Parameter.Value)
	c.infof("Using recommended Amazon Linux 2023 AMI %s", ami)
	return ami, nil
}

// writeColumns prints tab-separated lines as the original's tables:
// tabwriter columns, no trailing spaces.
func writeColumns(w io.Writer, text string) error {
	var buf strings.Builder
	tw := tabwriter.NewWriter(&buf, 4, 4, 2, ' ', 0)
	if _, err := io.WriteString(tw, text); err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line == "" {
			continue
		}
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}
