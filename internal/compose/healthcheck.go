package compose

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"
)

// healthCheck merges the compose healthcheck with the ecs-params one: each
// field comes from ecs-params when set there, else from compose. Values ECS
// would refuse are errors naming the field.
func (c *converter) healthCheck(svc string, hc *types.HealthCheckConfig, p *HealthCheckParams) (*ecstypes.HealthCheck, error) {
	out := &ecstypes.HealthCheck{}
	field := "services." + svc + ".healthcheck"
	have := false
	if hc != nil && !hc.Disable && !(len(hc.Test) > 0 && hc.Test[0] == "NONE") {
		have = true
		out.Command = listOrNil(hc.Test)
		out.Interval = seconds(hc.Interval)
		out.Timeout = seconds(hc.Timeout)
		out.StartPeriod = seconds(hc.StartPeriod)
		if hc.Retries != nil {
			out.Retries = i32(int64(*hc.Retries))
		}
	}
	if p != nil {
		have = true
		pfield := c.paramsName + ": task_definition.services." + svc + ".healthcheck"
		if p.Test.set && p.Command.set {
			return nil, fmt.Errorf("%s: test and command cannot both be given (they are the same field)", pfield)
		}
		cmd := p.Test
		if p.Command.set {
			cmd = p.Command
		}
		if cmd.set {
			// A string, or a list of one, is a shell command (the original's rule).
			if len(cmd.items) == 1 {
				out.Command = []string{"CMD-SHELL", cmd.items[0]}
			} else {
				out.Command = cmd.items
			}
		}
		for _, d := range []struct {
			name string
			v    scalarString
			dst  **int32
		}{{"interval", p.Interval, &out.Interval}, {"timeout", p.Timeout, &out.Timeout}, {"start_period", p.StartPeriod, &out.StartPeriod}} {
			if d.v == "" {
				continue
			}
			s, err := paramSeconds(string(d.v))
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", pfield, d.name, err)
			}
			*d.dst = i32(s)
		}
		if p.Retries != 0 {
			out.Retries = &p.Retries
		}
	}
	if !have {
		return nil, nil
	}
	if len(out.Command) == 0 {
		return nil, fmt.Errorf("%s: test is required for a container health check", field)
	}
	switch out.Command[0] {
	case "CMD", "CMD-SHELL":
	default:
		return nil, fmt.Errorf("%s: test must start with CMD or CMD-SHELL (got %q)", field, out.Command[0])
	}
	// Values outside ECS's ranges are moved to the nearest one it accepts,
	// with a warning: compose files often poll every few seconds, which ECS
	// would refuse at registration.
	for _, r := range []struct {
		name     string
		v        *int32
		min, max int32
	}{{"interval", out.Interval, 5, 300}, {"timeout", out.Timeout, 2, 120}, {"retries", out.Retries, 1, 10}, {"start_period", out.StartPeriod, 0, 300}} {
		if r.v == nil || (*r.v >= r.min && *r.v <= r.max) {
			continue
		}
		was := *r.v
		*r.v = min(max(*r.v, r.min), r.max)
		c.warn("%s.%s: %d is outside what ECS accepts (%d to %d%s); using %d", field, r.name, was, r.min, r.max, unitOf(r.name), *r.v)
	}
	return out, nil
}

func unitOf(name string) string {
	if name == "retries" {
		return ""
	}
	return " seconds"
}

// seconds converts a compose duration to whole seconds, rounding down.
func seconds(d *types.Duration) *int32 {
	if d == nil {
		return nil
	}
	return i32(int64(time.Duration(*d) / time.Second))
}

// paramSeconds reads an ecs-params duration: a Go duration (1m30s) or a plain
// number of seconds.
func paramSeconds(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if d, err := time.ParseDuration(s); err == nil {
		return int64(d / time.Second), nil
	}
	if n, err := strconv.ParseInt(s, 10, 32); err == nil && n >= 0 {
		return n, nil
	}
	return 0, fmt.Errorf("%q is neither a number of seconds nor a duration such as 1m30s", s)
}
