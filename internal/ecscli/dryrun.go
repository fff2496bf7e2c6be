package ecscli

import (
	"bytes"
	"context"
	"io"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

// dryRunARN stands in for the ARN ecs-register would add, for the steps
// after it in a dry run.
const dryRunARN = "arn:aws:ecs:us-east-1:000000000000:task-definition/dry-run:1"

// dryRun runs calls under awsconf.DryRun, each with doc (plus a stand-in
// taskDefinitionArn after an ecs-register call), and returns the first
// usage error, already reported.
func dryRun(ctx context.Context, inv *Invocation, doc []byte, calls []stepCall) error {
	ctx = awsconf.DryRun(ctx)
	for _, c := range calls {
		run, ok := inv.Steps[c.name]
		if !ok {
			return usageError("no step %q in this build", c.name)
		}
		var stderr bytes.Buffer
		code := run(ctx, c.args, bytes.NewReader(doc), io.Discard, &stderr)
		if code == exitcode.Usage {
			_, _ = inv.Stderr.Write(stderr.Bytes())
			return reported(code)
		}
		if c.name == "register" {
			d, err := pipeline.Read(bytes.NewReader(doc), "<ecs-compose2td>")
			if err != nil {
				return nil // the real run reports it
			}
			if err := d.Set(pipeline.KeyTaskDefinitionArn, dryRunARN); err != nil {
				return err
			}
			var b bytes.Buffer
			if err := d.Write(&b); err != nil {
				return err
			}
			doc = b.Bytes()
		}
	}
	return nil
}
