package awsfake

import (
	"sync"
	"time"
)

// Clock tells the server what time it is. Task states are computed from it
// on every read, so a FakeClock makes a test's timeline exact.
type Clock interface{ Now() time.Time }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// FakeClock is a Clock that moves only when told to. It is safe for
// concurrent use.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a clock that reads t until advanced.
func NewFakeClock(t time.Time) *FakeClock { return &FakeClock{now: t} }

// Now returns the clock's time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Timeline is how a task started by RunTask moves through its states,
// measured from its createdAt:
//
//	PROVISIONING for Provisioning (skipped when 0), then PENDING for Pending,
//	then RUNNING; after RunFor (0: until StopTask) its essential containers
//	exit with ExitCode and the task stops with StoppedReason
//	(default "Essential container in task exited").
//
// A stop, natural or by StopTask, shows lastStatus STOPPING for Stopping and
// then STOPPED. A task keeps the timeline it was started with.
type Timeline struct {
	Provisioning, Pending time.Duration
	RunFor                time.Duration // 0 = runs until stopped
	ExitCode              int
	StoppedReason         string
	Stopping              time.Duration // from the stop to lastStatus STOPPED
}

// defaultTimeline is the timeline of tasks whose family has none set.
var defaultTimeline = Timeline{Provisioning: 0, Pending: 200 * time.Millisecond}
