// Package logs is the ecs-logs step: it prints the CloudWatch logs of tasks
// (the original's `ecs-cli logs`), one task from flags or every task of a
// pipeline document on stdin, and follows them until they stop.
package logs

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
)

const name = "ecs-logs"

// Flags are the original's logs flags plus --json.
type Flags struct {
	AWS        awsconf.Flags
	TaskID     string
	TaskDef    string
	Container  string
	Follow     bool
	Pattern    string
	Since      int
	StartTime  string
	EndTime    string
	Timestamps bool
	JSON       bool
}

// Register adds the flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	f.AWS.Register(fs)
	fs.StringVar(&f.TaskID, "task-id", "", "the task whose logs to print (else: every task of the document on stdin)")
	fs.StringVar(&f.TaskDef, "task-def", "", "its task definition (family:revision or ARN), needed for a stopped task")
	fs.StringVar(&f.Container, "container-name", "", "only this container's logs")
	fs.BoolVar(&f.Follow, "follow", false, "keep printing new events until the tasks stop")
	fs.StringVar(&f.Pattern, "filter-pattern", "", "CloudWatch Logs filter pattern")
	fs.IntVar(&f.Since, "since", 0, "only events of the last N `minutes`")
	fs.StringVar(&f.StartTime, "start-time", "", "only events from this RFC 3339 time")
	fs.StringVar(&f.EndTime, "end-time", "", "only events before this RFC 3339 time")
	for _, n := range []string{"timestamps", "t"} {
		fs.BoolVar(&f.Timestamps, n, false, "print each event's time first")
	}
	fs.BoolVar(&f.JSON, "json", false, "one JSON object per event: timestamp, container, task, message")
}

const usageText = `Usage: %s [flags]

Prints the CloudWatch logs of a task's containers (--task-id), or of every
task in the pipeline document on stdin (ecs-run | ecs-logs --follow).
One line per event on stdout.

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
	err := run(ctx, f, fs.Args(), stdin, stdout, stderr, RealSleep, time.Now)
	return exitcode.Report(stderr, name, err)
}

// sinceRange bounds --since: CloudWatch Logs keeps events at most ten years
// (3653 days), and a negative count was silently ignored.
var sinceRange = bounds.Range{Min: 0, Max: 3653 * 24 * 60, Unit: "minutes"}

// window reads the time flags, checking them as the original did.
func (f Flags) window(now time.Time) (start, end *int64, err error) {
	if err := sinceRange.Check(int64(f.Since)); err != nil {
		return nil, nil, exitcode.Usagef("--since: %v", err)
	}
	if f.Since > 0 && f.StartTime != "" {
		return nil, nil, exitcode.Usagef("--since can not be used with --start-time")
	}
	if f.Follow && f.EndTime != "" {
		return nil, nil, exitcode.Usagef("--follow can not be used with --end-time")
	}
	parse := func(flagName, v string) (*int64, error) {
		if v == "" {
			return nil, nil
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, exitcode.Usagef("--%s %q: not an RFC 3339 time such as 2024-05-01T12:00:00Z", flagName, v)
		}
		return aws.Int64(t.UnixMilli()), nil
	}
	if start, err = parse("start-time", f.StartTime); err != nil {
		return nil, nil, err
	}
	if end, err = parse("end-time", f.EndTime); err != nil {
		return nil, nil, err
	}
	if f.Since > 0 {
		start = aws.Int64(now.Add(-time.Duration(f.Since) * time.Minute).UnixMilli())
	}
	if start != nil && end != nil && *end < *start {
		return nil, nil, exitcode.Usagef("Start time value provided with --start-time or --since must be before End time value provided with --end-time")
	}
	return start, end, nil
}

// target is one task to read: its id as given, and its task definition.
type target struct {
	cluster string
	id      string
	arn     string // task ARN when known, for the stopped check
	td      *ecstypes.TaskDefinition
}

func run(ctx context.Context, f Flags, args []string, stdin io.Reader, stdout, stderr io.Writer, sleep Sleep, now func() time.Time) error {
	if f.TaskID != "" && len(args) > 0 {
		// The document would name the tasks; with --task-id it is not read.
		return exitcode.AsUsage(fmt.Errorf("%w: --task-id names the task, so no document is read", flagenv.NoArguments(args)))
	}
	start, end, err := f.window(now())
	if err != nil {
		return err
	}
	var doc *pipeline.Document
	if f.TaskID == "" {
		if len(args) == 0 && stepio.IsTerminal(stdin) {
			// Nothing piped in: say so rather than wait for a document
			// typed at the terminal.
			return exitcode.Usagef("TaskID must be specified with the --task-id flag, or a document with tasks piped in")
		}
		if doc, err = stepio.Input(args, stdin); err != nil {
			return exitcode.AsUsage(fmt.Errorf("TaskID must be specified with the --task-id flag, or a document with tasks piped in: %w", err))
		}
		if err := stepio.Cluster(doc, &f.AWS.Cluster, f.AWS.ClusterConfig); err != nil {
			return err
		}
	}
	settings, err := awsconf.Resolve(ctx, f.AWS, awsconf.NewEnv(os.Getenv, stderr, name))
	if err != nil {
		return err
	}
	ecsc := ecs.NewFromConfig(settings.Config)
	targets, err := findTargets(ctx, ecsc, f, settings.Cluster, settings.Region, doc)
	if err != nil {
		return err
	}
	var readers []*reader
	clients := map[string]logsAPI{}
	for _, t := range targets {
		src, err := sources(t.td, t.id, f.Container)
		if err != nil {
			//lint:ignore ST1005 the original's message, word for word
			return exitcode.AsUsage(fmt.Errorf("Failed to get log configuration: %w", err))
		}
		region := src.region
		if region == "" {
			region = settings.Region
		}
		if clients[region] == nil {
			clients[region] = cloudwatchlogs.NewFromConfig(settings.Config, func(o *cloudwatchlogs.Options) { o.Region = region })
		}
		readers = append(readers, &reader{api: clients[region], src: src, pattern: f.Pattern, start: start, end: end, lastTS: -1 << 62})
	}
	p := printer{w: stdout, timestamps: f.Timestamps, json: f.JSON, prefix: prefixMode(targets, readers)}
	if !f.Follow {
		return readAll(ctx, readers, p)
	}
	return follow(ctx, ecsc, targets, readers, p, sleep, stderr)
}

// findTargets resolves the task(s) and their task definitions: the one task
// of --task-id (its task definition from --task-def or DescribeTasks), or
// every task of the document.
func findTargets(ctx context.Context, api *ecs.Client, f Flags, cluster, region string, doc *pipeline.Document) ([]target, error) {
	var ts []target
	if doc != nil {
		var tasks []ecstypes.Task
		if raw := doc.Raw(pipeline.KeyTasks); raw != nil {
			if err := ecsjson.Unmarshal(raw, &tasks); err != nil {
				return nil, exitcode.AsUsage(fmt.Errorf("tasks: %w", err))
			}
		}
		if len(tasks) == 0 {
			return nil, exitcode.Usagef("the document has no tasks: pipe in ecs-run's output, or give --task-id")
		}
		for _, t := range tasks {
			arn := aws.ToString(t.TaskArn)
			ts = append(ts, target{cluster: clusterOf(arn, cluster), id: taskID(arn), arn: arn, td: &ecstypes.TaskDefinition{TaskDefinitionArn: t.TaskDefinitionArn}})
		}
	} else {
		// The streams are named after the task id, also when the task
		// is given by ARN (the original looked for the whole ARN).
		t := target{cluster: cluster, id: taskID(f.TaskID)}
		if strings.HasPrefix(f.TaskID, "arn:") {
			// A long task ARN names its cluster, as a document's tasks do.
			t.arn, t.cluster = f.TaskID, clusterOf(f.TaskID, cluster)
		}
		if f.TaskDef != "" {
			t.td = &ecstypes.TaskDefinition{TaskDefinitionArn: aws.String(f.TaskDef)}
		} else {
			out, err := api.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(t.cluster), Tasks: []string{f.TaskID}})
			if err != nil {
				//lint:ignore ST1005 the original's message, word for word
				return nil, fmt.Errorf("Failed to Describe Task: %w", err)
			}
			if len(out.Tasks) == 0 {
				//lint:ignore ST1005 the original's message, word for word
				return nil, fmt.Errorf("Failed to describe Task: Could Not Find Task %s in cluster %s in region %s. If the task has been stopped, use --task-def to specify the Task Definition.", f.TaskID, t.cluster, region)
			}
			t.arn = aws.ToString(out.Tasks[0].TaskArn)
			t.td = &ecstypes.TaskDefinition{TaskDefinitionArn: out.Tasks[0].TaskDefinitionArn}
		}
		ts = append(ts, t)
	}
	described := map[string]*ecstypes.TaskDefinition{}
	for i := range ts {
		ref := aws.ToString(ts[i].td.TaskDefinitionArn)
		if described[ref] == nil {
			out, err := api.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(ref)})
			if err != nil {
				//lint:ignore ST1005 the original's message, word for word
				return nil, fmt.Errorf("Failed to Describe TaskDefinition; try using --task-def to specify the Task Definition.: %w", err)
			}
			described[ref] = out.TaskDefinition
		}
		ts[i].td = described[ref]
	}
	return ts, nil
}

// taskID is the id at the end of a task ARN.
func taskID(arn string) string { return arn[strings.LastIndex(arn, "/")+1:] }

// clusterOf reads the cluster from a long task ARN (…:task/<cluster>/<id>).
func clusterOf(arn, fallback string) string {
	parts := strings.Split(arn, "/")
	if len(parts) == 3 {
		return parts[1]
	}
	return fallback
}

func readAll(ctx context.Context, readers []*reader, p printer) error {
	var all []Event
	for _, r := range readers {
		evs, err := r.fetch(ctx)
		if err != nil {
			return err
		}
		all = append(all, evs...)
	}
	return p.print(merge(all))
}

func merge(evs []Event) []Event {
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Timestamp < evs[j].Timestamp })
	return evs
}

// printer writes events one per line.
type printer struct {
	w          io.Writer
	timestamps bool
	json       bool
	prefix     int // 0 none, 1 container, 2 task/container
}

func prefixMode(ts []target, rs []*reader) int {
	if len(ts) > 1 {
		return 2
	}
	if len(rs) == 1 && len(rs[0].src.streams) > 1 {
		return 1
	}
	return 0
}

func (p printer) print(evs []Event) error {
	for _, e := range evs {
		if p.json {
			b, err := json.Marshal(struct {
				Timestamp string `json:"timestamp"`
				Container string `json:"container"`
				Task      string `json:"task"`
				Message   string `json:"message"`
			}{time.UnixMilli(e.Timestamp).UTC().Format(time.RFC3339Nano), e.Container, e.Task, e.Message})
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(p.w, "%s\n", b); err != nil {
				return err
			}
			continue
		}
		line := e.Message
		switch p.prefix {
		case 1:
			line = e.Container + " | " + line
		case 2:
			line = e.Task + "/" + e.Container + " | " + line
		}
		if p.timestamps {
			line = time.UnixMilli(e.Timestamp).Local().Format(time.RFC3339) + "\t" + line
		}
		if _, err := fmt.Fprintln(p.w, line); err != nil {
			return err
		}
	}
	return nil
}
