package awsfake

import (
	"slices"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// A task is one task started by RunTask. Its state is not stored: every
// read computes it from created, timeline and the clock, so the task moves
// PROVISIONING → PENDING → RUNNING → STOPPING → STOPPED without goroutines.
type task struct {
	id       string
	cluster  *cluster
	family   string
	base     types.Task // what does not change: ARNs, containers' names and images, ...
	bindings [][]types.NetworkBinding
	eni      *eni
	instance *instance

	needCPU, needMemory int32
	hostPorts           []int32

	created  time.Time
	timeline Timeline

	stopAt     *time.Time // set by StopTask
	stopReason string
}

// An eni is the elastic network interface of an awsvpc task.
type eni struct {
	id, attachmentID, subnet, vpc, mac string
	privateIP, publicIP                string
	securityGroups                     []string
	task                               *task
}

// stop returns when the task stops, why and how, and whether it has by now:
// StopTask's time, or the end of the timeline's RunFor.
func (t *task) stop(now time.Time) (at time.Time, reason string, code types.TaskStopCode, ok bool) {
	if t.stopAt != nil {
		return *t.stopAt, t.stopReason, types.TaskStopCodeUserInitiated, true
	}
	if t.timeline.RunFor > 0 {
		end := t.runAt().Add(t.timeline.RunFor)
		if !end.After(now) {
			reason := t.timeline.StoppedReason
			if reason == "" {
				reason = "Essential container in task exited"
			}
			return end, reason, types.TaskStopCodeEssentialContainerExited, true
		}
	}
	return time.Time{}, "", "", false
}

func (t *task) pendingAt() time.Time { return t.created.Add(t.timeline.Provisioning) }
func (t *task) runAt() time.Time     { return t.pendingAt().Add(t.timeline.Pending) }

// lastStatus is the task's lastStatus at now.
func (t *task) lastStatus(now time.Time) string {
	if at, _, _, ok := t.stop(now); ok {
		if now.Before(at.Add(t.timeline.Stopping)) {
			return "STOPPING"
		}
		return "STOPPED"
	}
	switch {
	case !now.Before(t.runAt()):
		return "RUNNING"
	case !now.Before(t.pendingAt()):
		return "PENDING"
	}
	return "PROVISIONING"
}

// view is the task as DescribeTasks shows it at now.
func (t *task) view(now time.Time, tags bool) types.Task {
	v := t.base
	if !tags {
		v.Tags = nil
	}
	status := t.lastStatus(now)
	stopAt, reason, code, stopped := t.stop(now)
	// ran: the containers started (before any stop).
	ran := !now.Before(t.runAt()) && (!stopped || !stopAt.Before(t.runAt()))
	pending := !now.Before(t.pendingAt()) && (!stopped || !stopAt.Before(t.pendingAt()))

	v.LastStatus = ptr(status)
	v.DesiredStatus = ptr("RUNNING")
	v.Version = 1
	v.HealthStatus = types.HealthStatusUnknown
	if pending {
		v.Version++
		v.Connectivity, v.ConnectivityAt = types.ConnectivityConnected, ptr(t.pendingAt())
	}
	if ran {
		v.Version++
		v.PullStartedAt, v.PullStoppedAt, v.StartedAt = ptr(t.pendingAt()), ptr(t.runAt()), ptr(t.runAt())
	}
	if stopped {
		v.Version++
		v.DesiredStatus = ptr("STOPPED")
		v.StoppingAt, v.StoppedReason, v.StopCode = ptr(stopAt), ptr(reason), code
		if ran {
			v.ExecutionStoppedAt = ptr(stopAt)
		}
		if status == "STOPPED" {
			v.Version++
			v.StoppedAt = ptr(stopAt.Add(t.timeline.Stopping))
		}
	}

	v.Containers = slices.Clone(t.base.Containers)
	for i := range v.Containers {
		c := &v.Containers[i]
		c.LastStatus = ptr("PENDING")
		if ran {
			c.LastStatus = ptr("RUNNING")
			c.RuntimeId = ptr(t.id + "-" + strconv.Itoa(i))
			c.NetworkBindings = t.bindings[i]
		}
		if stopped {
			c.LastStatus = ptr("STOPPED")
			if ran {
				c.ExitCode = ptr(int32(t.timeline.ExitCode))
			}
		}
		if t.eni != nil && pending {
			c.NetworkInterfaces = []types.NetworkInterface{{
				AttachmentId: &t.eni.attachmentID, PrivateIpv4Address: &t.eni.privateIP,
			}}
		}
	}
	if t.eni != nil {
		v.Attachments = []types.Attachment{t.eni.attachment(status)}
	}
	return v
}

// attachment is the ENI's task attachment while the task is in status.
func (e *eni) attachment(status string) types.Attachment {
	a := types.Attachment{
		Id:      &e.attachmentID,
		Type:    ptr("ElasticNetworkInterface"),
		Details: []types.KeyValuePair{{Name: ptr("subnetId"), Value: &e.subnet}},
	}
	switch status {
	case "PROVISIONING":
		a.Status = ptr("PRECREATED")
		return a
	case "STOPPING":
		a.Status = ptr("DETACHING")
	case "STOPPED":
		a.Status = ptr("DELETED")
	default:
		a.Status = ptr("ATTACHED")
	}
	kv := func(k, v string) types.KeyValuePair { return types.KeyValuePair{Name: ptr(k), Value: ptr(v)} }
	a.Details = append(a.Details,
		kv("networkInterfaceId", e.id),
		kv("macAddress", e.mac),
		kv("privateDnsName", privateDNS(e.privateIP)),
		kv("privateIPv4Address", e.privateIP),
	)
	return a
}
