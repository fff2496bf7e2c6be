package awsfake_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

func TestClusters(t *testing.T) {
	ctx := context.Background()
	_, clock, c := fakeClock(t)
	const arn = "arn:aws:ecs:us-east-1:123456789012:cluster/"

	out := must[*ecs.CreateClusterOutput](t)(c.CreateCluster(ctx, &ecs.CreateClusterInput{
		ClusterName: aws.String("prod"), Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}},
	}))
	if aws.ToString(out.Cluster.ClusterArn) != arn+"prod" || aws.ToString(out.Cluster.Status) != "ACTIVE" {
		t.Errorf("CreateCluster = %s %s", aws.ToString(out.Cluster.ClusterArn), aws.ToString(out.Cluster.Status))
	}
	// Creating it again returns it; no name means "default".
	must[*ecs.CreateClusterOutput](t)(c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("prod")}))
	must[*ecs.CreateClusterOutput](t)(c.CreateCluster(ctx, &ecs.CreateClusterInput{}))

	list := must[*ecs.ListClustersOutput](t)(c.ListClusters(ctx, &ecs.ListClustersInput{}))
	if want := []string{arn + "prod", arn + "default"}; !slices.Equal(list.ClusterArns, want) {
		t.Errorf("ListClusters = %v, want %v", list.ClusterArns, want)
	}

	runFargate(t, c, "web", 2, func(in *ecs.RunTaskInput) { in.Cluster = aws.String("prod") })
	clock.Advance(time.Second)
	d := must[*ecs.DescribeClustersOutput](t)(c.DescribeClusters(ctx, &ecs.DescribeClustersInput{
		Clusters: []string{"prod", arn + "nope"}, Include: []types.ClusterField{types.ClusterFieldTags},
	}))
	if len(d.Clusters) != 1 || d.Clusters[0].RunningTasksCount != 2 || len(d.Clusters[0].Tags) != 1 {
		t.Errorf("DescribeClusters(prod) = %+v, want 2 running tasks and 1 tag", d.Clusters)
	}
	if len(d.Failures) != 1 || aws.ToString(d.Failures[0].Reason) != "MISSING" || aws.ToString(d.Failures[0].Arn) != arn+"nope" {
		t.Errorf("failures = %+v, want MISSING for %snope", d.Failures, arn)
	}

	// A cluster with running tasks cannot be deleted.
	_, err := c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("prod")})
	var busy *types.ClusterContainsTasksException
	if !errors.As(err, &busy) {
		t.Errorf("deleting a busy cluster: %v, want ClusterContainsTasksException", err)
	}
	del := must[*ecs.DeleteClusterOutput](t)(c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("default")}))
	if aws.ToString(del.Cluster.Status) != "INACTIVE" {
		t.Errorf("deleted cluster status = %s, want INACTIVE", aws.ToString(del.Cluster.Status))
	}
	_, err = c.RunTask(ctx, &ecs.RunTaskInput{TaskDefinition: aws.String("web")})
	var gone *types.ClusterNotFoundException
	if !errors.As(err, &gone) {
		t.Errorf("RunTask on a deleted cluster: %v, want ClusterNotFoundException", err)
	}
	_, err = c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("nope")})
	wantCode(t, err, "ClusterNotFoundException")
}

func TestContainerInstances(t *testing.T) {
	ctx := context.Background()
	s, _, c := fakeClock(t)
	s.AddContainerInstance("ec2", "i-0aaaaaaaaaaaaaaaa", "", "10.0.0.5")
	s.AddContainerInstance("ec2", "i-0bbbbbbbbbbbbbbbb", "54.0.0.6", "10.0.0.6")

	list := must[*ecs.ListContainerInstancesOutput](t)(c.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("ec2")}))
	if len(list.ContainerInstanceArns) != 2 {
		t.Fatalf("ListContainerInstances = %v", list.ContainerInstanceArns)
	}
	d := must[*ecs.DescribeContainerInstancesOutput](t)(c.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{
		Cluster: aws.String("ec2"), ContainerInstances: append(list.ContainerInstanceArns, "0123"),
	}))
	if len(d.ContainerInstances) != 2 || aws.ToString(d.ContainerInstances[1].Ec2InstanceId) != "i-0bbbbbbbbbbbbbbbb" || !d.ContainerInstances[0].AgentConnected {
		t.Errorf("DescribeContainerInstances = %+v", d.ContainerInstances)
	}
	if len(d.Failures) != 1 || aws.ToString(d.Failures[0].Reason) != "MISSING" {
		t.Errorf("failures = %+v, want one MISSING", d.Failures)
	}
	cl := must[*ecs.DescribeClustersOutput](t)(c.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"ec2"}}))
	if cl.Clusters[0].RegisteredContainerInstancesCount != 2 {
		t.Errorf("registeredContainerInstancesCount = %d, want 2", cl.Clusters[0].RegisteredContainerInstancesCount)
	}
	_, err := c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("ec2")})
	wantCode(t, err, "ClusterContainsContainerInstancesException")
}

func TestAccountSettings(t *testing.T) {
	ctx := context.Background()
	_, _, c := fakeClock(t)
	// What the ECS CLI asks before using long ARNs.
	effective := &ecs.ListAccountSettingsInput{EffectiveSettings: true, Name: types.SettingNameTaskLongArnFormat}
	out := must[*ecs.ListAccountSettingsOutput](t)(c.ListAccountSettings(ctx, effective))
	if len(out.Settings) != 1 || aws.ToString(out.Settings[0].Value) != "enabled" || out.Settings[0].Type != types.SettingTypeAwsManaged {
		t.Errorf("effective taskLongArnFormat = %+v, want enabled (aws_managed)", out.Settings)
	}
	out = must[*ecs.ListAccountSettingsOutput](t)(c.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{}))
	if len(out.Settings) != 0 {
		t.Errorf("settings put = %+v, want none", out.Settings)
	}

	put := must[*ecs.PutAccountSettingOutput](t)(c.PutAccountSetting(ctx, &ecs.PutAccountSettingInput{
		Name: types.SettingNameTaskLongArnFormat, Value: aws.String("disabled"),
	}))
	if aws.ToString(put.Setting.Value) != "disabled" {
		t.Errorf("PutAccountSetting = %+v", put.Setting)
	}
	out = must[*ecs.ListAccountSettingsOutput](t)(c.ListAccountSettings(ctx, effective))
	if aws.ToString(out.Settings[0].Value) != "disabled" || out.Settings[0].Type != types.SettingTypeUser {
		t.Errorf("after put: %+v, want disabled (user)", out.Settings)
	}
	_, err := c.PutAccountSetting(ctx, &ecs.PutAccountSettingInput{Name: types.SettingNameTaskLongArnFormat, Value: aws.String("yes")})
	wantCode(t, err, "InvalidParameterException")
	_, err = c.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{MaxResults: 11})
	wantCode(t, err, "InvalidParameterException")
}
