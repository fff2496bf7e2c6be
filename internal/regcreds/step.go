// Package regcreds is the ecs-regcreds step (the original's `registry-creds
// up`): it stores private registry credentials in Secrets Manager, makes the
// task execution role that may read them, and writes the
// ecs-registry-creds_<time>.yml file ecs-compose2td picks up.
package regcreds

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tagflag"
)

const name = "ecs-regcreds"

// Flags are the original's registry-creds up flags.
type Flags struct {
	AWS            awsconf.Flags
	UpdateExisting bool
	RoleName       string
	NoRole         bool
	NoOutputFile   bool
	OutputDir      string
	Tags           string
	Query          string
}

// Register adds the flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	f.AWS.Register(fs)
	fs.BoolVar(&f.UpdateExisting, "update-existing-secrets", false, "update secrets given by secrets_manager_arn with the username and password given")
	fs.StringVar(&f.RoleName, "role-name", "", "the task execution role to create (or reuse) and give access to the secrets")
	fs.BoolVar(&f.NoRole, "no-role", false, "make no role")
	fs.BoolVar(&f.NoOutputFile, "no-output-file", false, "write no ecs-registry-creds file")
	fs.StringVar(&f.OutputDir, "output-dir", "", "folder for the ecs-registry-creds file (default: the current folder)")
	fs.StringVar(&f.Tags, "tags", "", "tags for new secrets and the role, key=value,key2=value2")
	fs.StringVar(&f.Query, "query", "", "jq expression applied to the output document")
}

const usageText = `Usage: %s up [flags] INPUT.yml

Stores the private registry credentials of INPUT.yml in Secrets Manager,
creates the task execution role that may read them (--role-name), and
writes ecs-registry-creds_<time>.yml for ecs-compose2td. Writes the
document {"registryCredentials": ...} to stdout; no password ever.

Flags:
`

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "up" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "-help") {
			args = []string{"up", "--help"}
		} else {
			fmt.Fprintf(stderr, "%s: the command is %s up [flags] INPUT.yml\n", name, name)
			return exitcode.Usage
		}
	}
	var f Flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	f.Register(fs)
	if code, done := flagenv.ParseCommand(fs, args[1:], os.Getenv, fmt.Sprintf(usageText, name), stdout, stderr); done {
		return code
	}
	f.AWS.FromEnv(os.Getenv)
	err := run(ctx, f, fs.Args(), stdout, stderr, time.Now())
	return exitcode.Report(stderr, name, err)
}

func run(ctx context.Context, f Flags, args []string, stdout, stderr io.Writer, now time.Time) error {
	if len(args) != 1 {
		if len(args) > 1 { // name them: a stray word is easier to spot
			return exitcode.Usagef("Exactly 1 credential file is required. Found: %d %q", len(args), args)
		}
		return exitcode.Usagef("Exactly 1 credential file is required. Found: %d", len(args))
	}
	switch {
	case f.NoRole && f.RoleName != "":
		return exitcode.Usagef("both role name ('%s') and '--no-role' specified; please specify either a role name or the '--no-role' flag", f.RoleName)
	case !f.NoRole && f.RoleName == "":
		return exitcode.Usagef("no value specified for '--role-name'; please specify either a role name or the '--no-role' flag")
	case f.OutputDir != "" && f.NoOutputFile:
		return exitcode.Usagef("Only one of '--output-dir' (value '%s') and '--no-output-file' can be specified but both are present", f.OutputDir)
	}
	tags, err := parseTags(f.Tags)
	if err != nil {
		return err
	}
	if f.OutputDir != "" {
		// Checked before anything is made: the original made the secrets
		// and the role, then silently wrote no file.
		if st, err := os.Stat(f.OutputDir); err != nil {
			return exitcode.AsUsage(fmt.Errorf("--output-dir: %w", err))
		} else if !st.IsDir() {
			return exitcode.Usagef("--output-dir: %s is not a directory", f.OutputDir)
		}
	}
	file, err := os.Open(args[0])
	if err != nil {
		return exitcode.AsUsage(fmt.Errorf("reading %s: %w", args[0], err))
	}
	in, err := ReadInput(file, args[0], os.Getenv)
	file.Close()
	if err != nil {
		return exitcode.AsUsage(err)
	}
	warnings, err := in.Validate(args[0])
	if err != nil {
		return exitcode.AsUsage(err)
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "%s: warning: %s\n", name, w)
	}
	settings, err := awsconf.Resolve(ctx, f.AWS, awsconf.NewEnv(os.Getenv, stderr, name))
	if err != nil {
		return err
	}
	cfg := settings.Config
	say := func(format string, a ...any) { fmt.Fprintf(stderr, name+": "+format+"\n", a...) }
	out, err := Up(ctx, secretsmanager.NewFromConfig(cfg), kms.NewFromConfig(cfg), iam.NewFromConfig(cfg), in,
		Options{RoleName: f.RoleName, NoRole: f.NoRole, UpdateExisting: f.UpdateExisting, Tags: tags, Region: settings.Region, Now: now}, say)
	if err != nil {
		return err
	}
	var path string
	if f.NoOutputFile {
		say("Skipping generation of registry credentials output file.")
	} else {
		dir := f.OutputDir
		if dir == "" {
			dir = "."
		}
		if path, err = WriteFile(dir, out); err != nil {
			return err
		}
		say("Writing registry credential output to new file %s", path)
	}
	say("If your input file contains sensitive information, make sure that you delete it after use.")
	doc := pipeline.New()
	if err := doc.Set("registryCredentials", document(out, path)); err != nil {
		return err
	}
	return stepio.Output(ctx, doc, f.Query, stdout)
}

type docRegistry struct {
	CredentialsParameter string   `json:"credentialsParameter"`
	KMSKeyID             string   `json:"kmsKeyId,omitempty"`
	ContainerNames       []string `json:"containerNames,omitempty"`
}

func document(out *Output, path string) any {
	regs := map[string]docRegistry{}
	for r, o := range out.Registries {
		regs[r] = docRegistry(o)
	}
	return struct {
		TaskExecutionRole    string                 `json:"taskExecutionRole,omitempty"`
		ContainerCredentials map[string]docRegistry `json:"containerCredentials"`
		File                 string                 `json:"file,omitempty"`
	}{out.TaskExecutionRole, regs, path}
}

// parseTags reads --tags; later keys win.
func parseTags(s string) (map[string]string, error) {
	tags, err := tagflag.Parse(s)
	if err != nil || tags == nil {
		return nil, err
	}
	m := map[string]string{}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m, nil
}
