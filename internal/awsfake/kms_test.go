package awsfake_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// DescribeKey finds a key by id, key ARN, alias name and alias ARN, as KMS
// does, and answers with the key's ARN; an unknown key is NotFound.
func TestKMSDescribeKey(t *testing.T) {
	s, cfg := start(t)
	arn := s.AddKMSKey("k1", "alias/app")
	api := kms.NewFromConfig(cfg)
	for _, ref := range []string{"k1", arn, "alias/app", "arn:aws:kms:us-east-1:123456789012:alias/app"} {
		out, err := api.DescribeKey(context.Background(), &kms.DescribeKeyInput{KeyId: aws.String(ref)})
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		if got := aws.ToString(out.KeyMetadata.Arn); got != arn {
			t.Errorf("%s: ARN %s, want %s", ref, got, arn)
		}
	}
	var nf *kmstypes.NotFoundException
	if _, err := api.DescribeKey(context.Background(), &kms.DescribeKeyInput{KeyId: aws.String("alias/other")}); !errors.As(err, &nf) {
		t.Errorf("unknown alias: %v, want NotFoundException", err)
	}
}
