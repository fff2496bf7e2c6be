package awsfake

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

type describeTasksInput struct {
	Tasks   []string
	Cluster *string
	Include []types.TaskField
}

type listTasksInput struct {
	Cluster           *string
	ContainerInstance *string
	DaemonName        *string
	DesiredStatus     types.DesiredStatus
	Family            *string
	LaunchType        types.LaunchType
	MaxResults        *int32
	NextToken         *string
	ServiceName       *string
	StartedBy         *string
}

type stopTaskInput struct {
	Task    *string
	Cluster *string
	Reason  *string
}

// findTask returns the task of c that ref (a task ID or ARN) names.
func (s *Server) findTask(c *cluster, ref string) *task {
	name, ok := s.resourceName(ref, "task")
	if !ok {
		return nil
	}
	t := s.ecs.taskByID[name[strings.LastIndex(name, "/")+1:]]
	if t == nil || t.cluster != c || (strings.HasPrefix(ref, "arn:") && ref != *t.base.TaskArn) {
		return nil
	}
	return t
}

func (s *Server) describeTasks(in *describeTasksInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	switch {
	case len(in.Tasks) == 0:
		return nil, wire.Errorf(400, "InvalidParameterException", "Tasks cannot be empty.")
	case len(in.Tasks) > 100:
		return nil, wire.Errorf(400, "InvalidParameterException", "Tasks cannot have more than 100 elements.")
	}
	out := struct {
		Tasks    []types.Task
		Failures []types.Failure
	}{[]types.Task{}, []types.Failure{}}
	now := s.clock.Now()
	for _, ref := range in.Tasks {
		t := s.findTask(c, ref)
		if t == nil {
			arn := ref
			if !strings.HasPrefix(ref, "arn:") {
				arn = s.ecsARN("task/" + c.name + "/" + ref)
			}
			out.Failures = append(out.Failures, types.Failure{Arn: &arn, Reason: ptr("MISSING")})
			continue
		}
		out.Tasks = append(out.Tasks, t.view(now, tagsIncluded(in.Include)))
	}
	return out, nil
}

// listTasks lists task ARNs in the order the tasks started. desiredStatus
// defaults to RUNNING, which tasks still PROVISIONING or PENDING have too.
// As the API reference says, startedBy must be the only filter besides
// desiredStatus and launchType.
func (s *Server) listTasks(in *listTasksInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	if in.StartedBy != nil && (in.Family != nil || in.ContainerInstance != nil || in.ServiceName != nil) {
		return nil, wire.Errorf(400, "InvalidParameterException", "startedBy may not be combined with family, containerInstance or serviceName.")
	}
	desired := string(in.DesiredStatus)
	if desired == "" {
		desired = "RUNNING"
	}
	var inst *instance
	if in.ContainerInstance != nil {
		if inst = s.findInstance(c, *in.ContainerInstance); inst == nil {
			return nil, wire.Errorf(400, "InvalidParameterException", "The referenced container instance was not found.")
		}
	}
	now := s.clock.Now()
	arns := []string{}
	for _, t := range s.ecs.tasks {
		_, _, _, stopped := t.stop(now)
		d := "RUNNING"
		if stopped {
			d = "STOPPED"
		}
		switch {
		case t.cluster != c, d != desired,
			in.Family != nil && *in.Family != t.family,
			in.StartedBy != nil && *in.StartedBy != deref(t.base.StartedBy),
			in.ServiceName != nil && "service:"+*in.ServiceName != deref(t.base.Group),
			in.LaunchType != "" && in.LaunchType != t.base.LaunchType,
			inst != nil && t.instance != inst:
			continue
		}
		arns = append(arns, *t.base.TaskArn)
	}
	p, next, err := page(arns, in.MaxResults, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		TaskArns  []string
		NextToken *string
	}{p, next}, nil
}

// stopTask asks a task to stop: desiredStatus STOPPED at once, lastStatus
// STOPPED after the timeline's Stopping. Stopping a stopped task changes
// nothing.
func (s *Server) stopTask(in *stopTaskInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	t := s.findTask(c, deref(in.Task))
	if t == nil {
		return nil, wire.Errorf(400, "InvalidParameterException", "The referenced task was not found.")
	}
	if len(deref(in.Reason)) > 255 {
		return nil, wire.Errorf(400, "InvalidParameterException", "reason must be at most 255 characters.")
	}
	now := s.clock.Now()
	if _, _, _, stopped := t.stop(now); !stopped {
		t.stopAt, t.stopReason = &now, deref(in.Reason)
		if t.stopReason == "" {
			t.stopReason = "Task stopped by user"
		}
	}
	return struct{ Task types.Task }{t.view(now, false)}, nil
}
