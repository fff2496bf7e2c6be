package stack

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cfntypes "github.com/aws/aws-sdk-go-v2/service/cloudformation/types"
)

// Op is the operation a wait follows.
type Op string

// The operations, as the prefixes of their stack statuses.
const (
	Create Op = "CREATE"
	Update Op = "UPDATE"
	Delete Op = "DELETE"
)

// Failed is a stack operation that ended in another status than
// <op>_COMPLETE: rolled back, failed, or still in progress after MaxPolls.
type Failed struct {
	Stack    string
	Status   cfntypes.StackStatus
	Reason   string   // the stack's status reason
	Failures []string // the resources that failed, with their reasons
}

func (f *Failed) Error() string {
	msg := fmt.Sprintf("stack %s: %s", f.Stack, f.Status)
	if len(f.Failures) > 0 {
		return msg + "\n  " + strings.Join(f.Failures, "\n  ")
	}
	if f.Reason != "" {
		msg += ": " + f.Reason
	}
	return msg
}

// EventLine is one stack event as ecs-cli prints it.
func EventLine(e cfntypes.StackEvent) string {
	line := fmt.Sprintf("%s %s %s", aws.ToString(e.LogicalResourceId), aws.ToString(e.ResourceType), e.ResourceStatus)
	if r := aws.ToString(e.ResourceStatusReason); r != "" {
		line += ": " + r
	}
	return line
}

// Wait follows op on the stack (a name or, better, the id a deleted stack
// keeps) until the stack settles, reading its new events before each look
// at its status and once more at the end. It returns the stack (nil once
// deleted), or a *Failed when op did not complete.
func (s *Stacks) Wait(ctx context.Context, stack string, op Op) (*cfntypes.Stack, error) {
	f := follower{s: s, stack: stack, op: op, seen: map[string]bool{}}
	for polls := 1; ; polls++ {
		gone, err := f.events(ctx)
		if err != nil || gone {
			return nil, err
		}
		st, err := s.Describe(ctx, stack)
		if err != nil {
			return nil, err
		}
		if st == nil {
			if op == Delete {
				f.status(cfntypes.StackStatusDeleteComplete)
				_, err := f.events(ctx)
				return nil, err
			}
			return nil, fmt.Errorf("stack %s: not found", stack)
		}
		f.status(st.StackStatus)
		if !strings.HasSuffix(string(st.StackStatus), "_IN_PROGRESS") {
			// The events up to the end: the stack may have settled
			// after the last look at them.
			if _, err := f.events(ctx); err != nil {
				return st, err
			}
			if st.StackStatus == cfntypes.StackStatus(op+"_COMPLETE") {
				return st, nil
			}
			return st, f.failed(st)
		}
		if s.MaxPolls > 0 && polls >= s.MaxPolls {
			return st, f.failed(st)
		}
		if err := s.Sleep(ctx, s.Poll); err != nil {
			return st, err
		}
	}
}

// follower is one wait's memory: the events shown and the last status.
type follower struct {
	s        *Stacks
	stack    string
	op       Op
	seen     map[string]bool
	last     cfntypes.StackStatus
	failures []string
}

// events shows the events not seen yet, when anyone listens; gone says the
// stack was deleted.
func (f *follower) events(ctx context.Context) (gone bool, err error) {
	if f.s.Event == nil {
		return false, nil
	}
	out, err := f.s.API.DescribeStackEvents(ctx, &cloudformation.DescribeStackEventsInput{StackName: aws.String(f.stack)})
	if err != nil {
		if f.op == Delete && isNotExist(err) {
			return true, nil
		}
		return false, fmt.Errorf("describing events of stack %s: %w", f.stack, err)
	}
	// Newest first on the wire; shown oldest first.
	for i := len(out.StackEvents) - 1; i >= 0; i-- {
		e := out.StackEvents[i]
		id := aws.ToString(e.EventId)
		if f.seen[id] {
			continue
		}
		f.seen[id] = true
		f.s.Event(e)
		if strings.HasSuffix(string(e.ResourceStatus), "_FAILED") {
			f.failures = append(f.failures, fmt.Sprintf("%s (%s): %s", aws.ToString(e.LogicalResourceId), aws.ToString(e.ResourceType), aws.ToString(e.ResourceStatusReason)))
		}
	}
	return false, nil
}

func (f *follower) status(st cfntypes.StackStatus) {
	if st != f.last {
		f.last = st
		if f.s.Status != nil {
			f.s.Status(st)
		}
	}
}

func (f *follower) failed(st *cfntypes.Stack) *Failed {
	return &Failed{Stack: aws.ToString(st.StackName), Status: st.StackStatus, Reason: aws.ToString(st.StackStatusReason), Failures: f.failures}
}
