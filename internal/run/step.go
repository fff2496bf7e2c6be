// Package run is the ecs-run step: it runs the document's task definition as
// tasks and waits for them, and lists (ps), stops, scales and updates (up)
// the project's tasks, with the original `ecs-cli compose` semantics.
package run

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/mattn/go-shellwords"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/loggroups"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tagflag"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
	"github.com/ecs-toolkit/ecs-toolkit/internal/typewords"
)

const name = "ecs-run"

// Flags are ecs-run's flags; ecs-cli's compose commands set the same ones.
type Flags struct {
	AWS             awsconf.Flags
	Count           int
	Commands        flagenv.StringList
	Tags            string
	DisableManaged  bool
	CreateLogGroups bool
	Timeout         float64
	NoWait          bool
	ForceUpdate     bool
	DesiredStatus   string
	Table, JSON     bool
	Query           string
}

// Register adds the flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	f.AWS.Register(fs)
	f.AWS.RegisterLaunchType(fs)
	fs.IntVar(&f.Count, "count", 1, "tasks to run")
	fs.Var(&f.Commands, "command", "override a container's command: `NAME=COMMAND` (repeatable; the command is split like a shell does)")
	fs.StringVar(&f.Tags, "tags", "", "task tags, key=value,key2=value2")
	fs.BoolVar(&f.DisableManaged, "disable-ecs-managed-tags", false, "do not ask ECS to add its managed tags")
	fs.BoolVar(&f.CreateLogGroups, "create-log-groups", false, "create the awslogs log groups of the task definition first")
	fs.Float64Var(&f.Timeout, "timeout", 10, "minutes to wait for the tasks (0: no limit)")
	fs.BoolVar(&f.NoWait, "no-wait", false, "do not wait for the tasks to settle")
	for _, n := range []string{"force-update", "u"} {
		fs.BoolVar(&f.ForceUpdate, n, false, "up: replace the running tasks even when their task definition is current")
	}
	fs.StringVar(&f.DesiredStatus, "desired-status", "", "ps: RUNNING or STOPPED (default both)")
	fs.BoolVar(&f.Table, "table", false, "ps: print the original's table instead of the document")
	fs.BoolVar(&f.JSON, "json", false, "ps: print one JSON object per container instead of the document")
	fs.StringVar(&f.Query, "query", "", "jq expression applied to the output document")
}

const usageText = `Usage: %[1]s [flags] [document.json]          run tasks and wait for them to run
       %[1]s up [flags] [document.json]       run one task, or replace tasks of an older task definition
       %[1]s scale N [flags] [document.json]  run or stop tasks until N run
       %[1]s stop [flags] [document.json]     stop the project's tasks and wait
       %[1]s ps [flags] [document.json]       list the project's tasks

Reads the pipeline document (ecs-compose2td | ecs-register | ecs-run) from
the file or stdin and writes it back with "tasks" (and "failures").
Exit 1 when a task failed to start or an essential container failed.

Flags:
`

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	verb, n := "run", 0
	if len(args) > 0 {
		switch args[0] {
		case "up", "stop", "ps":
			verb, args = args[0], args[1:]
		case "scale":
			if len(args) < 2 {
				fmt.Fprintf(stderr, "%s scale: give the number of tasks: %s scale N\n", name, name)
				return exitcode.Usage
			}
			c, err := bounds.Desired.Parse(args[1])
			var nw *bounds.NotWhole
			if errors.As(err, &nw) {
				fmt.Fprintf(stderr, "%s scale: %q is not a number of tasks\n", name, args[1])
				return exitcode.Usage
			}
			if err != nil {
				fmt.Fprintf(stderr, "%s scale: number of tasks: %v\n", name, err)
				return exitcode.Usage
			}
			verb, n, args = "scale", int(c), args[2:]
		}
	}
	var f Flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	f.Register(fs)
	if code, done := flagenv.ParseCommand(fs, args, os.Getenv, fmt.Sprintf(usageText, name), stdout, stderr); done {
		return code
	}
	f.AWS.FromEnv(os.Getenv)
	err := run(ctx, verb, n, f, fs.Args(), stdin, stdout, stderr)
	return exitcode.Report(stderr, name, err)
}

func run(ctx context.Context, verb string, n int, f Flags, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := checkNumbers(f); err != nil {
		return err
	}
	doc, err := stepio.Input(args, stdin)
	if err != nil {
		return err
	}
	if err := stepio.Cluster(doc, &f.AWS.Cluster, f.AWS.ClusterConfig); err != nil {
		return err
	}
	settings, err := awsconf.Resolve(ctx, f.AWS, awsconf.NewEnv(os.Getenv, stderr, name))
	if err != nil {
		return err
	}
	if settings.Cluster == "" {
		return exitcode.Usagef("no cluster: give --cluster, set ECS_CLUSTER, or configure one with ecs-cli configure")
	}
	api := ecs.NewFromConfig(settings.Config)
	r, err := newRunner(doc, f, settings, api, verb, stderr)
	if err != nil {
		return err
	}
	if verb == "ps" {
		return ps(ctx, r, f, ec2.NewFromConfig(settings.Config), doc, stdout)
	}
	if f.CreateLogGroups && (verb == "run" || verb == "up") {
		if err := loggroups.CreateAll(ctx, settings.Config, r.containers, stderr, name); err != nil {
			return err
		}
	}
	var res Result
	switch verb {
	case "run":
		res, err = r.runNew(ctx, f.Count)
	case "up":
		res, err = r.up(ctx, f.ForceUpdate)
	case "scale":
		res, err = r.scale(ctx, n)
	case "stop":
		res, err = r.stop(ctx)
	}
	if werr := writeResult(ctx, doc, res, f.Query, stdout); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	for _, fl := range res.Failures {
		fmt.Fprintf(stderr, "%s: ECS could not start a task: %s %s\n", name, aws.ToString(fl.Reason), aws.ToString(fl.Detail))
	}
	bad := r.failed(res)
	for _, b := range bad {
		fmt.Fprintf(stderr, "%s: %s\n", name, b)
	}
	if len(res.Failures) > 0 || len(bad) > 0 {
		return exitcode.Failedf("%d task(s) failed", len(res.Failures)+len(bad))
	}
	return nil
}

// checkNumbers refuses counts and timeouts out of range before anything is
// read or sent: a negative --count would run nothing and succeed, and a huge
// one would call RunTask without end.
func checkNumbers(f Flags) error {
	if err := bounds.Count.Check(int64(f.Count)); err != nil {
		return exitcode.Usagef("--count: %v", err)
	}
	if err := bounds.Minutes(f.Timeout, bounds.MaxWaitMinutes); err != nil {
		return exitcode.Usagef("--timeout: %v (0: no limit)", err)
	}
	return nil
}

// newRunner builds the run spec from the document, the flags and the
// resolved configuration.
func newRunner(doc *pipeline.Document, f Flags, s *awsconf.Settings, api ecsAPI, verb string, progress io.Writer) (*runner, error) {
	var project, arn string
	if _, err := doc.Get(pipeline.KeyProject, &project); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("project: %w", err))
	}
	if _, err := doc.Get(pipeline.KeyTaskDefinitionArn, &arn); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("taskDefinitionArn: %w", err))
	}
	td := &ecs.RegisterTaskDefinitionInput{}
	if raw := doc.Raw(pipeline.KeyTaskDefinition); raw != nil {
		if _, err := (ecsjson.UnmarshalOptions{AllowUnknown: true}).Unmarshal(raw, td); err != nil {
			return nil, exitcode.AsUsage(fmt.Errorf("taskDefinition: %w", err))
		}
	}
	if project == "" {
		project = aws.ToString(td.Family)
	}
	if project == "" {
		return nil, exitcode.Usagef("the document names no project: pipe in ecs-compose2td's output")
	}
	if arn == "" && (verb == "run" || verb == "up") {
		return nil, exitcode.Usagef("the document has no taskDefinitionArn: run it through ecs-register first")
	}
	rp, err := runParams(doc)
	if err != nil {
		return nil, err
	}
	spec := Spec{
		Cluster:              s.Cluster,
		TaskDefinitionArn:    arn,
		Group:                "task:" + s.ComposeProjectNamePrefix + project,
		LaunchType:           types.LaunchType(firstOf(f.AWS.LaunchType, rp.LaunchType, s.LaunchType)),
		NetworkConfiguration: rp.NetworkConfiguration,
		PlacementConstraints: rp.PlacementConstraints,
		PlacementStrategy:    rp.PlacementStrategy,
		DisableManagedTags:   f.DisableManaged,
	}
	if spec.LaunchType == types.LaunchTypeFargate && spec.NetworkConfiguration == nil && (verb == "run" || verb == "up" || verb == "scale") {
		return nil, exitcode.Usagef("launch type FARGATE needs a network configuration: set run_params.network_configuration in ecs-params")
	}
	if spec.Tags, err = parseTags(f.Tags); err != nil {
		return nil, err
	}
	if spec.Overrides, err = overrides(f.Commands, td); err != nil {
		return nil, err
	}
	w := tasks.NewWaiter(api)
	said := map[string]string{} // container -> the last line about it
	w.Report = func(_, t types.Task) {
		for _, c := range t.Containers {
			who := tasks.Short(aws.ToString(t.TaskArn)) + "/" + aws.ToString(c.Name)
			line := fmt.Sprintf("%s: %s: %s (%s)", name, who, tasks.ContainerState(c), tasks.Short(aws.ToString(t.TaskDefinitionArn)))
			if said[who] != line {
				said[who] = line
				fmt.Fprintln(progress, line)
			}
		}
	}
	if f.Timeout > 0 {
		w.Deadline = time.Duration(f.Timeout * float64(time.Minute))
	}
	essential := map[string]bool{}
	for _, cd := range td.ContainerDefinitions {
		essential[aws.ToString(cd.Name)] = cd.Essential == nil || *cd.Essential
	}
	// Tasks are listed by the family they were registered under. The
	// original put a legacy INI config's prefix here too, which matched no
	// registered family (so ps saw nothing and up started more tasks); the
	// prefix stays in the task group, where it matched.
	family := aws.ToString(td.Family)
	if family == "" {
		family = project
	}
	return &runner{api: api, wait: w, spec: spec, family: family, noWait: f.NoWait, essential: essential, containers: td.ContainerDefinitions, progress: progress}, nil
}

// docRunParams is the document's runParams.
type docRunParams struct {
	LaunchType           string
	NetworkConfiguration *types.NetworkConfiguration
	PlacementConstraints []types.PlacementConstraint
	PlacementStrategy    []types.PlacementStrategy
}

func runParams(doc *pipeline.Document) (docRunParams, error) {
	var out docRunParams
	raw := doc.Raw(pipeline.KeyRunParams)
	if raw == nil {
		return out, nil
	}
	var parts map[string]json.RawMessage
	if _, err := doc.Get(pipeline.KeyRunParams, &parts); err != nil {
		return out, exitcode.AsUsage(fmt.Errorf("runParams: %w", err))
	}
	for key, dst := range map[string]any{"networkConfiguration": &out.NetworkConfiguration, "placementConstraints": &out.PlacementConstraints, "placementStrategy": &out.PlacementStrategy} {
		if v, ok := parts[key]; ok {
			if err := ecsjson.Unmarshal(v, dst); err != nil {
				return out, exitcode.AsUsage(fmt.Errorf("runParams.%s: %w", key, err))
			}
		}
	}
	if v, ok := parts["launchType"]; ok {
		if err := json.Unmarshal(v, &out.LaunchType); err != nil {
			return out, exitcode.AsUsage(fmt.Errorf("runParams.launchType: %w", typewords.JSON(err)))
		}
	}
	return out, nil
}

// overrides reads --command NAME=COMMAND values into container overrides.
func overrides(cmds []string, td *ecs.RegisterTaskDefinitionInput) (*types.TaskOverride, error) {
	if len(cmds) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	for _, cd := range td.ContainerDefinitions {
		known[aws.ToString(cd.Name)] = true
	}
	o := &types.TaskOverride{}
	for _, c := range cmds {
		container, command, ok := strings.Cut(c, "=")
		if !ok || container == "" {
			return nil, exitcode.Usagef("--command %q: write CONTAINER=COMMAND", c)
		}
		if len(known) > 0 && !known[container] {
			return nil, exitcode.Usagef("--command %q: the task definition has no container %q", c, container)
		}
		words, err := shellwords.Parse(command)
		if err != nil {
			return nil, exitcode.Usagef("--command %q: %v", c, err)
		}
		o.ContainerOverrides = append(o.ContainerOverrides, types.ContainerOverride{Name: aws.String(container), Command: words})
	}
	return o, nil
}

func ps(ctx context.Context, r *runner, f Flags, ec2c tasks.PsEC2, doc *pipeline.Document, stdout io.Writer) error {
	filter := tasks.Filter{Cluster: r.spec.Cluster, Family: r.family, DesiredStatus: f.DesiredStatus, Group: r.spec.Group}
	if err := tasks.CheckDesiredStatus(filter.DesiredStatus); err != nil {
		return err
	}
	if !f.Table && !f.JSON {
		listed, err := tasks.List(ctx, r.api, filter)
		if err != nil {
			return err
		}
		return writeResult(ctx, doc, Result{Tasks: listed}, f.Query, stdout)
	}
	return tasks.Ps(ctx, r.api, ec2c, filter, stdout, f.JSON)
}

// writeResult sets tasks and failures in the document and writes it.
func writeResult(ctx context.Context, doc *pipeline.Document, res Result, query string, w io.Writer) error {
	tasks, err := ecsjson.Marshal(nonNil(res.Tasks))
	if err != nil {
		return err
	}
	if err := doc.SetRaw(pipeline.KeyTasks, tasks); err != nil {
		return err
	}
	if len(res.Failures) > 0 {
		failures, err := ecsjson.Marshal(res.Failures)
		if err != nil {
			return err
		}
		if err := doc.SetRaw(pipeline.KeyFailures, failures); err != nil {
			return err
		}
	}
	return stepio.Output(ctx, doc, query, w)
}

func nonNil(t []types.Task) []types.Task {
	if t == nil {
		return []types.Task{}
	}
	return t
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// parseTags reads --tags into the API's tag type.
func parseTags(s string) ([]types.Tag, error) {
	tags, err := tagflag.Parse(s)
	return tagflag.Convert(tags, func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }), err
}
