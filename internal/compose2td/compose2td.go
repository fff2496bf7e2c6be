// Package compose2td is the ecs-compose2td step: compose project in, pipeline
// document (project, taskDefinition, runParams, builds) out.
package compose2td

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/compose"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsconfig"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tagflag"
)

const name = "ecs-compose2td"

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	var f Flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	f.Register(fs)
	if code, done := flagenv.ParseCommand(fs, args, os.Getenv, fmt.Sprintf(usageText, name), stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q (compose files go in --file)\n", name, fs.Arg(0))
		return exitcode.Usage
	}
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitcode.Failed
	}
	captureLoaderLogs(stderr)
	doc, warnings, err := Convert(ctx, f, dir, environ())
	for _, w := range warnings {
		fmt.Fprintf(stderr, "%s: warning: %s\n", name, w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitcode.Usage
	}
	if err := stepio.Output(ctx, doc, f.Query, stdout); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitcode.Of(err)
	}
	return exitcode.OK
}

const usageText = `Usage: %s [flags]

Converts a Docker Compose project, with its ecs-params.yml and registry
credentials, into a pipeline document holding an ECS task definition.
Writes the document to stdout; warnings go to stderr.

Flags:
`

func environ() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// Convert resolves the defaults the flags leave open (compose files, the
// ecs-params and registry creds files found in dir) and runs the conversion.
func Convert(ctx context.Context, f Flags, dir string, env map[string]string) (*pipeline.Document, []string, error) {
	opts, err := f.options(dir, env)
	if err != nil {
		return nil, nil, err
	}
	res, err := compose.Convert(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	warnings := res.Warnings
	if f.RegistryCreds == "" && opts.RegistryCredsFile != "" {
		warnings = append([]string{"using registry credentials from " + opts.RegistryCredsFile}, warnings...)
	}
	doc, err := document(res)
	return doc, warnings, err
}

// options applies the defaults: COMPOSE_FILE and COMPOSE_PROJECT_NAME from env
// when the flags are not given, then the files found in dir.
func (f Flags) options(dir string, env map[string]string) (compose.Options, error) {
	if len(f.Files) == 0 && env["COMPOSE_FILE"] != "" {
		f.Files = flagenv.StringList{env["COMPOSE_FILE"]}
	}
	if f.ProjectName == "" {
		f.ProjectName = env["COMPOSE_PROJECT_NAME"]
	}
	if f.LaunchType == "" {
		f.LaunchType = ecsconfig.DefaultLaunchType(ecsconfig.Home(func(k string) string { return env[k] }), f.ClusterConfig)
	}
	o := compose.Options{
		Dir: dir, Env: env, ProjectName: f.ProjectName, TaskRoleArn: f.TaskRoleArn,
		LaunchType: f.LaunchType, EcsParamsFile: f.EcsParams, RegistryCredsFile: f.RegistryCreds,
	}
	for _, v := range f.Files {
		// As the original: values split on "," (COMPOSE_FILE) and ":".
		for _, c := range strings.Split(v, ",") {
			for _, p := range filepath.SplitList(c) {
				if p != "" {
					o.Files = append(o.Files, p)
				}
			}
		}
	}
	if len(o.Files) == 0 {
		files, err := compose.DefaultFiles(dir)
		if err != nil {
			return o, err
		}
		o.Files = files
	}
	if o.EcsParamsFile == "" && isFile(filepath.Join(dir, "ecs-params.yml")) {
		o.EcsParamsFile = "ecs-params.yml"
	}
	if o.RegistryCredsFile == "" {
		found, err := compose.FindRegistryCreds(dir)
		if err != nil {
			return o, err
		}
		if found != "" {
			o.RegistryCredsFile, _ = filepath.Rel(dir, found)
		}
	}
	tags, err := parseTags(f.Tags)
	if err != nil {
		return o, err
	}
	o.Tags = tags
	return o, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// document lays the result out as the pipeline document of DESIGN.md §2.
func document(res *compose.Result) (*pipeline.Document, error) {
	doc := pipeline.New()
	if err := doc.Set(pipeline.KeyProject, res.Project); err != nil {
		return nil, err
	}
	td, err := ecsjson.Marshal(res.TaskDefinition)
	if err != nil {
		return nil, fmt.Errorf("encoding the task definition: %w", err)
	}
	if err := doc.SetRaw(pipeline.KeyTaskDefinition, td); err != nil {
		return nil, err
	}
	if res.RunParams != nil {
		if err := doc.Set(pipeline.KeyRunParams, res.RunParams); err != nil {
			return nil, err
		}
	}
	if res.Builds != nil {
		if err := doc.Set(pipeline.KeyBuilds, res.Builds); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// parseTags reads --tags into the API's tag type.
func parseTags(s string) ([]ecstypes.Tag, error) {
	tags, err := tagflag.Parse(s)
	return tagflag.Convert(tags, func(k, v string) ecstypes.Tag { return ecstypes.Tag{Key: &k, Value: &v} }), err
}
