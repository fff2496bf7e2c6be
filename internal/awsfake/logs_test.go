package awsfake_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

func TestLogGroups(t *testing.T) {
	ctx := context.Background()
	_, cfg := start(t, awsfake.WithClock(awsfake.NewFakeClock(t0)))
	c := cloudwatchlogs.NewFromConfig(cfg)
	for i := range 60 {
		must[*cloudwatchlogs.CreateLogGroupOutput](t)(c.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(fmt.Sprintf("/ecs/app-%02d", i))}))
	}
	must[*cloudwatchlogs.CreateLogGroupOutput](t)(c.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("/other")}))

	_, err := c.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("/ecs/app-00")})
	var exists *logtypes.ResourceAlreadyExistsException
	if !errors.As(err, &exists) {
		t.Errorf("creating a log group twice: %v, want ResourceAlreadyExistsException", err)
	}
	_, err = c.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("bad name")})
	wantCode(t, err, "InvalidParameterException")

	one := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(c.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/other")}))
	if len(one.LogGroups) != 1 {
		t.Fatalf("prefix /other: %+v", one.LogGroups)
	}
	g := one.LogGroups[0]
	if aws.ToString(g.Arn) != "arn:aws:logs:us-east-1:123456789012:log-group:/other:*" || aws.ToInt64(g.CreationTime) != t0.UnixMilli() {
		t.Errorf("log group = arn %s, creationTime %d", aws.ToString(g.Arn), aws.ToInt64(g.CreationTime))
	}

	var sizes []int
	p := cloudwatchlogs.NewDescribeLogGroupsPaginator(c, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/ecs/")})
	seen := map[string]bool{}
	for p.HasMorePages() {
		out := must[*cloudwatchlogs.DescribeLogGroupsOutput](t)(p.NextPage(ctx))
		sizes = append(sizes, len(out.LogGroups))
		for _, g := range out.LogGroups {
			seen[aws.ToString(g.LogGroupName)] = true
		}
	}
	if fmt.Sprint(sizes) != "[50 10]" || len(seen) != 60 {
		t.Errorf("pages of /ecs/ = %v with %d distinct groups, want [50 10] and 60", sizes, len(seen))
	}
}
