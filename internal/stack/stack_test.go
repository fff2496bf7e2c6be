package stack

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
)

const template = `{
  "Parameters": {"Mode": {"Type": "String", "Default": "a", "AllowedPattern": "a|b"}},
  "Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}},
  "Outputs": {"VpcId": {"Value": {"Ref": "Vpc"}}}
}`

// fakeStacks follows stacks of a fake whose clock moves only when a wait
// sleeps, and records what the wait reported.
func fakeStacks(t *testing.T) (*Stacks, *[]string) {
	t.Helper()
	clock := awsfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := awsfake.New(awsfake.WithClock(clock))
	url, stop := srv.Start()
	t.Cleanup(stop)
	var said []string
	s := &Stacks{
		API:    cloudformation.NewFromConfig(awstest.Config(url)),
		Sleep:  func(ctx context.Context, d time.Duration) error { clock.Advance(d); return ctx.Err() },
		Poll:   time.Second,
		Event:  func(e cfntypes.StackEvent) { said = append(said, "event "+EventLine(e)) },
		Status: func(st cfntypes.StackStatus) { said = append(said, "status "+string(st)) },
	}
	return s, &said
}

func create(t *testing.T, s *Stacks, mode string) string {
	t.Helper()
	id, err := s.Create(context.Background(), &cloudformation.CreateStackInput{StackName: aws.String("s"), TemplateBody: aws.String(template),
		Parameters: []cfntypes.Parameter{{ParameterKey: aws.String("Mode"), ParameterValue: aws.String(mode)}}})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A create is followed to CREATE_COMPLETE, each event and status reported
// once, oldest first; a delete, waited on by id, ends with the stack gone.
func TestWaitCreateThenDelete(t *testing.T) {
	s, said := fakeStacks(t)
	ctx := context.Background()
	id := create(t, s, "b")
	st, err := s.Wait(ctx, id, Create)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := Output(st, "VpcId"); !ok || !strings.HasPrefix(v, "vpc-") {
		t.Errorf("output VpcId %q %v", v, ok)
	}
	got := strings.Join(*said, "\n")
	for _, want := range []string{"status CREATE_IN_PROGRESS", "event Vpc AWS::EC2::VPC CREATE_COMPLETE", "event s AWS::CloudFormation::Stack CREATE_COMPLETE", "status CREATE_COMPLETE"} {
		if !strings.Contains(got+"\n", want+"\n") {
			t.Errorf("reports lack %q:\n%s", want, got)
		}
	}
	if strings.Index(got, "CREATE_IN_PROGRESS") > strings.Index(got, "Vpc AWS::EC2::VPC CREATE_COMPLETE") {
		t.Errorf("events not oldest first:\n%s", got)
	}

	if err := s.Delete(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Wait(ctx, id, Delete); err != nil || st != nil {
		t.Fatalf("delete: %+v %v", st, err)
	}
	if st, err := s.Describe(ctx, "s"); err != nil || st != nil {
		t.Errorf("after delete: %+v %v", st, err)
	}
}

// A create that rolls back is a *Failed naming the stack, its status and
// the resource that failed, found with errors.As.
func TestWaitRollbackIsFailed(t *testing.T) {
	s, _ := fakeStacks(t)
	id := create(t, s, "z")
	_, err := s.Wait(context.Background(), id, Create)
	var f *Failed
	if !errors.As(err, &f) {
		t.Fatalf("err %v, want *Failed", err)
	}
	if f.Stack != "s" || f.Status != cfntypes.StackStatusRollbackComplete || len(f.Failures) == 0 || !strings.Contains(f.Failures[0], "must match pattern") {
		t.Errorf("failed %+v", f)
	}
	if !strings.HasPrefix(err.Error(), "stack s: ROLLBACK_COMPLETE\n  ") {
		t.Errorf("message %q", err.Error())
	}
}

// A stack that is not there is nil for Describe, an error for a create's
// wait, and done for a delete's.
func TestMissingStack(t *testing.T) {
	s, _ := fakeStacks(t)
	ctx := context.Background()
	if st, err := s.Describe(ctx, "nope"); st != nil || err != nil {
		t.Errorf("describe: %+v %v", st, err)
	}
	if _, err := s.Wait(ctx, "nope", Create); err == nil {
		t.Error("create wait on a missing stack succeeded")
	}
	if _, err := s.Wait(ctx, "nope", Delete); err != nil {
		t.Errorf("delete wait: %v", err)
	}
}
