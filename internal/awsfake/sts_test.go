package awsfake_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

func TestGetCallerIdentity(t *testing.T) {
	_, cfg := start(t, awsfake.WithAccount("111122223333"))
	out := must[*sts.GetCallerIdentityOutput](t)(sts.NewFromConfig(cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}))
	if aws.ToString(out.Account) != "111122223333" || aws.ToString(out.Arn) != "arn:aws:iam::111122223333:user/awsfake" || aws.ToString(out.UserId) == "" {
		t.Errorf("GetCallerIdentity = %s %s %s", aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId))
	}
}

// TestAssumeRole resolves a role the way a role_arn profile does: the SDK's
// stscreds provider calls AssumeRole, and calls signed with what it got
// are the role's.
func TestAssumeRole(t *testing.T) {
	ctx := context.Background()
	s, cfg := start(t)
	base := sts.NewFromConfig(cfg)
	role := cfg.Copy()
	role.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(base, "arn:aws:iam::444455556666:role/deploy", func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = "ecs-cli"
	}))
	out := must[*sts.GetCallerIdentityOutput](t)(sts.NewFromConfig(role).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}))
	if want := "arn:aws:sts::444455556666:assumed-role/deploy/ecs-cli"; aws.ToString(out.Arn) != want || aws.ToString(out.Account) != "444455556666" {
		t.Errorf("identity under the role = %s (account %s), want %s", aws.ToString(out.Arn), aws.ToString(out.Account), want)
	}
	if n := s.Calls("sts", "AssumeRole"); n != 1 {
		t.Errorf("AssumeRole calls = %d, want 1", n)
	}

	tests := []struct {
		desc string
		in   sts.AssumeRoleInput
	}{
		{"not a role ARN", sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::444455556666:user/bob"), RoleSessionName: aws.String("s1")}},
		{"longer than the role allows", sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::444455556666:role/deploy"), RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(7200)}},
		{"shorter than 15 minutes", sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::444455556666:role/deploy"), RoleSessionName: aws.String("s1"), DurationSeconds: aws.Int32(60)}},
	}
	for _, tt := range tests {
		_, err := base.AssumeRole(ctx, &tt.in)
		if code(t, err) != "ValidationError" {
			t.Errorf("%s: err = %v, want ValidationError", tt.desc, err)
		}
	}
}
