package awsconf

import (
	"context"
	"errors"

	"github.com/aws/smithy-go/middleware"
)

// ErrDryRun is what every AWS call returns under a context from DryRun.
var ErrDryRun = errors.New("dry run: no AWS call is made")

type dryRunKey struct{}

// DryRun returns a context under which a step runs up to its first AWS call
// and no further: the config Resolve builds fails every call with ErrDryRun
// before anything is signed or sent. ecs-cli runs the later steps of a
// chain this way first, so a usage error in any of them (a bad flag, a
// document they refuse) ends the command before the first step's AWS work.
func DryRun(ctx context.Context) context.Context {
	return context.WithValue(ctx, dryRunKey{}, true)
}

// isDryRun reports whether ctx comes from DryRun.
func isDryRun(ctx context.Context) bool {
	v, _ := ctx.Value(dryRunKey{}).(bool)
	return v
}

// refuseCalls makes every call made with s.Config fail with ErrDryRun at the
// first step of the SDK's stack, before credentials, signing and retries.
func (s *Settings) refuseCalls() {
	s.Config.APIOptions = append(s.Config.APIOptions, func(st *middleware.Stack) error {
		return st.Initialize.Add(middleware.InitializeMiddlewareFunc("ecsToolkitDryRun", func(context.Context, middleware.InitializeInput, middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
			return middleware.InitializeOutput{}, middleware.Metadata{}, ErrDryRun
		}), middleware.Before)
	})
}
