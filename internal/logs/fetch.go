package logs

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

// logsAPI is what reading logs needs of CloudWatch Logs.
type logsAPI interface {
	FilterLogEvents(context.Context, *cloudwatchlogs.FilterLogEventsInput, ...func(*cloudwatchlogs.Options)) (*cloudwatchlogs.FilterLogEventsOutput, error)
}

var _ logsAPI = (*cloudwatchlogs.Client)(nil)

// maxStreams is FilterLogEvents' limit on logStreamNames.
const maxStreams = 100

// Event is one log event with where it came from.
type Event struct {
	Timestamp int64 // epoch milliseconds
	Container string
	Task      string
	Message   string
	id        string
}

// reader fetches a source's events, page after page, and remembers where it
// got to, so each fetch returns only events it has not returned before: it
// asks again from the last timestamp seen (not one past it, as the original
// did, which lost events logged in the same millisecond) and skips the
// event ids it already has at that timestamp.
type reader struct {
	api     logsAPI
	src     source
	pattern string
	start   *int64
	end     *int64
	lastTS  int64
	lastIDs map[string]bool // ids of the events returned at lastTS
}

func (r *reader) fetch(ctx context.Context) ([]Event, error) {
	names := make([]string, 0, len(r.src.streams))
	for s := range r.src.streams {
		names = append(names, s)
	}
	sort.Strings(names)
	var out []Event
	for i := 0; i < len(names); i += maxStreams {
		in := &cloudwatchlogs.FilterLogEventsInput{
			LogGroupName:   aws.String(r.src.group),
			LogStreamNames: names[i:min(i+maxStreams, len(names))],
			StartTime:      r.start,
			EndTime:        r.end,
		}
		if r.pattern != "" {
			in.FilterPattern = aws.String(r.pattern)
		}
		p := cloudwatchlogs.NewFilterLogEventsPaginator(r.api, in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("reading log group %s: %w", r.src.group, err)
			}
			for _, e := range page.Events {
				out = append(out, r.event(e))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Timestamp < out[j].Timestamp })
	fresh := out[:0]
	for _, e := range out {
		if e.Timestamp < r.lastTS || e.Timestamp == r.lastTS && r.lastIDs[e.id] {
			continue
		}
		fresh = append(fresh, e)
	}
	for _, e := range fresh {
		if e.Timestamp > r.lastTS {
			r.lastTS, r.lastIDs = e.Timestamp, map[string]bool{}
		}
		r.lastIDs[e.id] = true
	}
	if len(fresh) > 0 {
		r.start = aws.Int64(r.lastTS)
	}
	return fresh, nil
}

func (r *reader) event(e logtypes.FilteredLogEvent) Event {
	return Event{
		Timestamp: aws.ToInt64(e.Timestamp),
		Container: r.src.streams[aws.ToString(e.LogStreamName)],
		Task:      r.src.task,
		Message:   aws.ToString(e.Message),
		id:        aws.ToString(e.EventId),
	}
}
