package compose

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
)

// healthRange is what ECS accepts for one health check field.
type healthRange struct {
	name string // the compose / ecs-params key
	bounds.Range
}

var (
	rangeInterval    = healthRange{"interval", bounds.HealthInterval}
	rangeTimeout     = healthRange{"timeout", bounds.HealthTimeout}
	rangeRetries     = healthRange{"retries", bounds.HealthRetries}
	rangeStartPeriod = healthRange{"start_period", bounds.HealthStartPeriod}
)

// healthCheck merges the compose healthcheck with the ecs-params one: each
// field comes from ecs-params when set there, else from compose.
//
// A compose value outside ECS's range is moved to the nearest accepted one
// with a warning (compose files, written for docker, often poll every second
// or two); an ecs-params value, written for ECS, is an error.
func (c *converter) healthCheck(svc string, hc *types.HealthCheckConfig, p *HealthCheckParams) (*ecstypes.HealthCheck, error) {
	out := &ecstypes.HealthCheck{}
	field := "services." + svc + ".healthcheck"
	pfield := c.paramsName + ": task_definition." + field
	fromCompose := hc != nil && !hc.Disable && !(len(hc.Test) > 0 && hc.Test[0] == "NONE")
	if fromCompose {
		out.Command = listOrNil(hc.Test)
		var retries *int64
		if hc.Retries != nil {
			r := int64(min(*hc.Retries, math.MaxInt64))
			retries = &r
		}
		out.Interval = c.clampHealth(field, rangeInterval, wholeSeconds(hc.Interval))
		out.Timeout = c.clampHealth(field, rangeTimeout, wholeSeconds(hc.Timeout))
		out.Retries = c.clampHealth(field, rangeRetries, retries)
		out.StartPeriod = c.clampHealth(field, rangeStartPeriod, wholeSeconds(hc.StartPeriod))
	}
	if p == nil {
		if !fromCompose {
			return nil, nil
		}
	} else if err := applyHealthParams(pfield, out, p); err != nil {
		return nil, err
	}
	if !fromCompose {
		field = pfield // everything came from ecs-params
	}
	if len(out.Command) == 0 {
		return nil, fmt.Errorf("%s: test is required for a container health check", field)
	}
	switch out.Command[0] {
	case "CMD", "CMD-SHELL":
	default:
		return nil, fmt.Errorf("%s: test must start with CMD or CMD-SHELL (got %q)", field, out.Command[0])
	}
	return out, nil
}

// applyHealthParams lays the ecs-params healthcheck over out.
func applyHealthParams(field string, out *ecstypes.HealthCheck, p *HealthCheckParams) error {
	if p.Test.set && p.Command.set {
		return fmt.Errorf("%s: test and command cannot both be given (they are the same field)", field)
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
		r   healthRange
		v   scalarString
		dst **int32
	}{{rangeInterval, p.Interval, &out.Interval}, {rangeTimeout, p.Timeout, &out.Timeout}, {rangeStartPeriod, p.StartPeriod, &out.StartPeriod}} {
		if d.v == "" {
			continue
		}
		s, err := paramSeconds(string(d.v))
		if err != nil {
			return fmt.Errorf("%s.%s: %w", field, d.r.name, err)
		}
		if err := d.r.check(field, s); err != nil {
			return err
		}
		*d.dst = i32(s)
	}
	if p.Retries != nil {
		// retries: 0 is out of range too, not "unset".
		if err := rangeRetries.check(field, *p.Retries); err != nil {
			return err
		}
		out.Retries = i32(*p.Retries)
	}
	return nil
}

func (r healthRange) check(field string, v int64) error {
	if !r.Contains(v) {
		return fmt.Errorf("%s.%s: %d is outside what ECS accepts (%s)", field, r.name, v, r.Range)
	}
	return nil
}

// clampHealth moves a compose value into r, with a warning. It works on the
// whole value, so a huge one is reported as written, not as its 32-bit
// remainder.
func (c *converter) clampHealth(field string, r healthRange, v *int64) *int32 {
	if v == nil {
		return nil
	}
	n := int32(min(max(*v, r.Min), r.Max))
	if int64(n) != *v {
		c.warn("%s.%s: %d is outside what ECS accepts (%s); using %d", field, r.name, *v, r.Range, n)
	}
	return &n
}

// wholeSeconds converts a compose duration to whole seconds, rounding down
// (towards zero).
func wholeSeconds(d *types.Duration) *int64 {
	if d == nil {
		return nil
	}
	s := int64(time.Duration(*d) / time.Second)
	return &s
}

// paramSeconds reads an ecs-params duration: a Go duration (1m30s) or a plain
// number of seconds.
func paramSeconds(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if d, err := time.ParseDuration(s); err == nil {
		return int64(d / time.Second), nil
	}
	// Any whole number is read, so that a negative or huge one is reported
	// as out of range rather than as not a number.
	n, err := strconv.ParseInt(s, 10, 64)
	if err == nil {
		return n, nil
	}
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%s seconds is too large", s)
	}
	return 0, fmt.Errorf("%q is neither a number of seconds nor a duration such as 1m30s", s)
}
