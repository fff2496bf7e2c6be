package run

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"golang.org/x/sync/errgroup"

	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
)

// Result is what a flow leaves in the document.
type Result struct {
	Tasks    []types.Task
	Failures []types.Failure
	Wanted   map[string]string // task ARN -> the status waited for
}

// runner holds what every flow needs.
type runner struct {
	api        ecsAPI
	wait       *tasks.Waiter
	spec       Spec
	family     string // for ListTasks
	noWait     bool
	essential  map[string]bool             // container name -> essential, from the document's task definition
	containers []types.ContainerDefinition // the document's task definition's, for --create-log-groups
	progress   io.Writer

	tagsOnce   sync.Once
	managed    bool // enableECSManagedTags, once tagsOnce has run
	managedErr error
}

// tags decides enableECSManagedTags, reading the account setting at most
// once however many calls start tasks.
func (r *runner) tags(ctx context.Context) (bool, error) {
	r.tagsOnce.Do(func() { r.managed, r.managedErr = managedTags(ctx, r.api, r.spec.DisableManagedTags) })
	return r.managed, r.managedErr
}

// startTasks runs count tasks of the spec.
func (r *runner) startTasks(ctx context.Context, count int) ([]types.Task, []types.Failure, error) {
	managed, err := r.tags(ctx)
	if err != nil {
		return nil, nil, err
	}
	return start(ctx, r.api, r.spec, count, managed)
}

// runningAndTags lists the project's running tasks and, alongside, reads
// the account setting that starting tasks needs: up and scale pay one round
// trip for both instead of two. The setting's error counts only when tasks
// are then started (tags keeps it).
func (r *runner) runningAndTags(ctx context.Context) ([]types.Task, error) {
	// A failed listing cancels the setting's read: nothing will start.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	var current []types.Task
	g.Go(func() error {
		var err error
		current, err = r.running(gctx)
		return err
	})
	g.Go(func() error {
		_, _ = r.tags(gctx) // its error waits in r.managedErr for startTasks
		return nil
	})
	err := g.Wait()
	return current, err
}

// sayf writes a progress line.
func (r *runner) sayf(format string, args ...any) {
	if r.progress != nil {
		fmt.Fprintf(r.progress, name+": "+format+"\n", args...)
	}
}

// runNew starts count tasks and waits for them to run.
func (r *runner) runNew(ctx context.Context, count int) (Result, error) {
	started, failures, err := r.startTasks(ctx, count)
	if err != nil || r.noWait {
		return Result{Tasks: started, Failures: failures}, err
	}
	want, order := wantAll(started, "RUNNING")
	final, err := r.wait.Wait(ctx, r.spec.Cluster, want, order)
	return Result{final, failures, want}, err
}

// running lists the project's RUNNING tasks.
func (r *runner) running(ctx context.Context) ([]types.Task, error) {
	return tasks.List(ctx, r.api, tasks.Filter{Cluster: r.spec.Cluster, Family: r.family, DesiredStatus: "RUNNING", Group: r.spec.Group})
}

// up runs one task when none runs; replaces the running ones when their task
// definition is not the current one (or force), ten at a time; else nothing.
func (r *runner) up(ctx context.Context, force bool) (Result, error) {
	current, err := r.runningAndTags(ctx)
	if err != nil {
		return Result{}, err
	}
	if len(current) == 0 {
		return r.runNew(ctx, 1)
	}
	if !force && aws.ToString(current[0].TaskDefinitionArn) == r.spec.TaskDefinitionArn {
		r.sayf("%d task(s) of %s already running %s; nothing to do (--force-update replaces them)", len(current), r.family, tasks.Short(r.spec.TaskDefinitionArn))
		return Result{Tasks: current}, nil
	}
	r.sayf("replacing %d task(s) of %s with %s", len(current), r.family, tasks.Short(r.spec.TaskDefinitionArn))
	var res Result
	want, order := map[string]string{}, []string(nil)
	for i := 0; i < len(current); i += maxRunCount {
		chunk := current[i:min(i+maxRunCount, len(current))]
		if err := r.stopAll(ctx, chunk, "replaced by "+tasks.Short(r.spec.TaskDefinitionArn)); err != nil {
			return res, err
		}
		w, o := wantAll(chunk, "STOPPED")
		addWant(want, &order, w, o)
		started, failures, err := r.startTasks(ctx, len(chunk))
		res.Failures = append(res.Failures, failures...)
		w, o = wantAll(started, "RUNNING")
		addWant(want, &order, w, o)
		if err != nil {
			return res, err
		}
	}
	if r.noWait {
		return res, nil
	}
	res.Wanted = want
	res.Tasks, err = r.wait.Wait(ctx, r.spec.Cluster, want, order)
	return res, err
}

// scale brings the number of running project tasks to n: it stops the
// first ones listed, or runs more with the running tasks' task definition
// (the document's when none runs).
func (r *runner) scale(ctx context.Context, n int) (Result, error) {
	current, err := r.runningAndTags(ctx)
	if err != nil {
		return Result{}, err
	}
	switch {
	case len(current) == n:
		r.sayf("%d task(s) of %s already running", n, r.family)
		return Result{Tasks: current}, nil
	case len(current) > n:
		victims := current[:len(current)-n]
		if err := r.stopAll(ctx, victims, "scaled down"); err != nil {
			return Result{}, err
		}
		if r.noWait {
			return Result{Tasks: victims}, nil
		}
		want, order := wantAll(victims, "STOPPED")
		final, err := r.wait.Wait(ctx, r.spec.Cluster, want, order)
		return Result{Tasks: final}, err
	}
	if len(current) > 0 {
		r.spec.TaskDefinitionArn = aws.ToString(current[0].TaskDefinitionArn)
	}
	return r.runNew(ctx, n-len(current))
}

// stop stops every running project task and waits for them.
func (r *runner) stop(ctx context.Context) (Result, error) {
	current, err := r.running(ctx)
	if err != nil || len(current) == 0 {
		return Result{Tasks: current}, err
	}
	if err := r.stopAll(ctx, current, "stopped by ecs-run stop"); err != nil {
		return Result{}, err
	}
	if r.noWait {
		return Result{Tasks: current}, nil
	}
	want, order := wantAll(current, "STOPPED")
	final, err := r.wait.Wait(ctx, r.spec.Cluster, want, order)
	return Result{Tasks: final}, err
}

// stopConcurrency bounds the StopTask calls in flight.
const stopConcurrency = 4

// stopAll calls StopTask for each task, a few at a time.
func (r *runner) stopAll(ctx context.Context, victims []types.Task, reason string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(stopConcurrency)
	for _, t := range victims {
		g.Go(func() error {
			_, err := r.api.StopTask(gctx, &ecs.StopTaskInput{Cluster: aws.String(r.spec.Cluster), Task: t.TaskArn, Reason: aws.String(reason)})
			if err != nil {
				return fmt.Errorf("stopping task %s: %w", aws.ToString(t.TaskArn), err)
			}
			return nil
		})
	}
	return g.Wait()
}

// failed describes every task that stopped with an essential container
// that did not exit 0, one line each; empty when all is well.
func (r *runner) failed(res Result) []string {
	var out []string
	for _, t := range res.Tasks {
		if res.Wanted[aws.ToString(t.TaskArn)] != "RUNNING" || aws.ToString(t.LastStatus) != "STOPPED" {
			continue
		}
		for _, c := range t.Containers {
			name := aws.ToString(c.Name)
			if ess, known := r.essential[name]; known && !ess {
				continue
			}
			if c.ExitCode != nil && *c.ExitCode == 0 {
				continue
			}
			msg := fmt.Sprintf("task %s: container %s stopped", tasks.Short(aws.ToString(t.TaskArn)), name)
			if c.ExitCode != nil {
				msg += fmt.Sprintf(" with exit code %d", *c.ExitCode)
			}
			var reasons []string
			for _, s := range []string{aws.ToString(c.Reason), aws.ToString(t.StoppedReason)} {
				if s != "" {
					reasons = append(reasons, s)
				}
			}
			if len(reasons) > 0 {
				msg += ": " + strings.Join(reasons, "; ")
			}
			out = append(out, msg)
		}
	}
	return out
}

func wantAll(tasks []types.Task, status string) (map[string]string, []string) {
	want := map[string]string{}
	var order []string
	for _, t := range tasks {
		arn := aws.ToString(t.TaskArn)
		want[arn] = status
		order = append(order, arn)
	}
	return want, order
}

func addWant(want map[string]string, order *[]string, w map[string]string, o []string) {
	for k, v := range w {
		want[k] = v
	}
	*order = append(*order, o...)
}
