package register

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/loggroups"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
)

const name = "ecs-register"

// Flags are ecs-register's flags; ecs-cli's compose commands register the
// same AWS flags.
type Flags struct {
	AWS             awsconf.Flags
	Force           bool
	Dry             bool
	CreateLogGroups bool
	Query           string
}

// Register adds the flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	f.AWS.Register(fs)
	fs.BoolVar(&f.Force, "force", false, "register a new revision even when the newest one is identical")
	fs.BoolVar(&f.Dry, "dry-run", false, "say what would happen; register nothing")
	fs.BoolVar(&f.CreateLogGroups, "create-log-groups", false, "also create the awslogs log groups the containers write to")
	fs.StringVar(&f.Query, "query", "", "jq expression applied to the output document")
}

const usageText = `Usage: %s [flags] [document.json]

Registers the document's task definition, or reuses the newest ACTIVE
revision of its family when that is identical, and adds taskDefinitionArn.
Reads the document from the file or stdin; writes it to stdout.

Flags:
`

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f Flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	f.Register(fs)
	if code, done := flagenv.ParseCommand(fs, args, os.Getenv, fmt.Sprintf(usageText, name), stdout, stderr); done {
		return code
	}
	f.AWS.FromEnv(os.Getenv)
	err := run(ctx, f, fs.Args(), stdin, stdout, stderr)
	return exitcode.Report(stderr, name, err)
}

func run(ctx context.Context, f Flags, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	doc, err := stepio.Input(args, stdin)
	if err != nil {
		return err
	}
	in, err := taskDefinitionInput(doc)
	if err != nil {
		return err
	}
	settings, err := awsconf.Resolve(ctx, f.AWS, awsconf.NewEnv(os.Getenv, stderr, name))
	if err != nil {
		return err
	}
	out, err := Register(ctx, ecs.NewFromConfig(settings.Config), in, Options{Force: f.Force, DryRun: f.Dry})
	if err != nil {
		return err
	}
	switch {
	case out.Reused:
		fmt.Fprintf(stderr, "%s: using %s, identical to what would be registered\n", name, out.Arn)
	case out.Registered:
		fmt.Fprintf(stderr, "%s: registered %s\n", name, out.Arn)
	default:
		fmt.Fprintf(stderr, "%s: dry run: would register a new revision of %s\n", name, *in.Family)
	}
	if out.Arn != "" {
		if err := doc.Set(pipeline.KeyTaskDefinitionArn, out.Arn); err != nil {
			return err
		}
	}
	if f.CreateLogGroups && !f.Dry {
		if err := loggroups.CreateAll(ctx, settings.Config, in.ContainerDefinitions, stderr, name); err != nil {
			return err
		}
	}
	return stepio.Output(ctx, doc, f.Query, stdout)
}
