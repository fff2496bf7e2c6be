package tasks

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// LongARNs reads the account's effective taskLongArnFormat setting, as the
// original did to decide on managed tags (and, for services, propagateTags).
// The setting is only a hint: without permission to read it, false.
func LongARNs(ctx context.Context, api ecs.ListAccountSettingsAPIClient) (bool, error) {
	out, err := api.ListAccountSettings(ctx, &ecs.ListAccountSettingsInput{
		EffectiveSettings: true,
		Name:              types.SettingNameTaskLongArnFormat,
	})
	if err != nil {
		var denied interface{ ErrorCode() string }
		if errors.As(err, &denied) && denied.ErrorCode() == "AccessDeniedException" {
			return false, nil // without it, tag nothing
		}
		return false, fmt.Errorf("reading account setting taskLongArnFormat: %w", err)
	}
	for _, s := range out.Settings {
		if s.Name == types.SettingNameTaskLongArnFormat && aws.ToString(s.Value) == "enabled" {
			return true, nil
		}
	}
	return false, nil
}
