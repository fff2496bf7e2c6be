// Package bounds reads the numbers users give (flags, arguments, files,
// documents) into the range they really have, so that nothing wraps around
// in a conversion, goes negative or falls back to a default unnoticed. It
// also holds the ECS limits more than one step checks against.
package bounds

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ECS limits shared by several steps.
const (
	// MaxTasks is ECS's quota of tasks per service; it bounds desired counts
	// and the tasks one command starts (ECS could not run more for a
	// project anyway, and a typo such as 99999999999 must not turn into a
	// billion RunTask calls).
	MaxTasks = 5000
	// MaxContainerCPU is the most CPU units a container's cpu can mean: the
	// Linux kernel's largest CPU share, which ECS's documentation of the
	// container cpu gives as the limit.
	MaxContainerCPU = 262144
	// MinContainerMiB is the least memory ECS and Docker (20.10 and later)
	// let a container have.
	MinContainerMiB = 6
	// MaxPort is the highest TCP/UDP port.
	MaxPort = 65535
	// MaxWaitMinutes bounds --timeout (minutes, as in the original): a year
	// is more than any wait needs and far from overflowing a duration.
	MaxWaitMinutes = 365 * 24 * 60
)

// Range is the closed interval [Min, Max] a number must fall in; Unit names
// what it counts ("seconds", "tasks"), for messages.
type Range struct {
	Min, Max int64
	Unit     string
}

// Common ranges.
var (
	Port     = Range{1, MaxPort, ""}                   // a port something listens on
	Count    = Range{1, MaxTasks, "tasks"}             // tasks one command starts
	Desired  = Range{0, MaxTasks, "tasks"}             // a service's (or project's) task count
	NonNeg32 = Range{0, math.MaxInt32, ""}             // any int32 ECS takes that cannot be negative
	Int32    = Range{math.MinInt32, math.MaxInt32, ""} // the API's 32-bit integer

	// Cloud Map's ranges for a DNS record's TTL and a custom health
	// check's failure threshold (runParams.serviceDiscovery and flags).
	DNSTTL           = Range{0, math.MaxInt32, "seconds"}
	FailureThreshold = Range{1, 10, ""}

	// ECS's ranges for a container health check (compose, ecs-params and
	// a task definition document).
	HealthInterval    = Range{5, 300, "seconds"}
	HealthTimeout     = Range{2, 120, "seconds"}
	HealthRetries     = Range{1, 10, ""}
	HealthStartPeriod = Range{0, 300, "seconds"}
)

// UlimitFits reports whether a ulimit's soft limit is within its hard limit,
// where -1 means unlimited (docker refuses a container otherwise).
func UlimitFits(soft, hard int32) bool {
	switch {
	case hard == -1:
		return true
	case soft == -1:
		return false
	}
	return soft <= hard
}

// Contains reports whether v is in r.
func (r Range) Contains(v int64) bool { return v >= r.Min && v <= r.Max }

// String writes the range as "1 to 5000 tasks".
func (r Range) String() string {
	s := fmt.Sprintf("%d to %d", r.Min, r.Max)
	if r.Unit != "" {
		s += " " + r.Unit
	}
	return s
}

// Check returns an error saying v is outside r, or nil.
func (r Range) Check(v int64) error {
	if r.Contains(v) {
		return nil
	}
	return &OutOfRange{Value: strconv.FormatInt(v, 10), Range: r}
}

// Parse reads s as a whole number in r. Spaces around it are ignored.
func (r Range) Parse(s string) (int64, error) {
	t := strings.TrimSpace(s)
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			// Whole, but too long for any range here.
			return 0, &OutOfRange{Value: t, Range: r}
		}
		return 0, &NotWhole{Value: s}
	}
	if err := r.Check(n); err != nil {
		return 0, err
	}
	return n, nil
}

// Parse32 is Parse for a field the API holds as a 32-bit integer; r must lie
// within the int32 range.
func (r Range) Parse32(s string) (int32, error) {
	n, err := r.Parse(s)
	return int32(n), err
}

// To32 checks v against r (which must lie within the int32 range) and
// converts it.
func (r Range) To32(v int64) (int32, error) {
	if err := r.Check(v); err != nil {
		return 0, err
	}
	return int32(v), nil
}

// OutOfRange says a number is outside its range. Callers put the source
// (flag, file and field) in front.
type OutOfRange struct {
	Value string
	Range Range
}

func (e *OutOfRange) Error() string {
	return fmt.Sprintf("%s is outside the accepted range (%s)", e.Value, e.Range)
}

// NotWhole says a value is not a whole number.
type NotWhole struct{ Value string }

func (e *NotWhole) Error() string { return fmt.Sprintf("%q is not a whole number", e.Value) }

// Minutes reads a float number of minutes (as the original's --timeout) into
// a duration: it must be a finite number from 0 to max minutes.
func Minutes(v float64, max float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > max {
		return fmt.Errorf("%v is not a number of minutes from 0 to %v", v, max)
	}
	return nil
}
