package awsfake

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// stream is one log stream's events, kept in timestamp order (ties in
// ingestion order), as CloudWatch returns them.
type stream struct {
	name   string
	events []event
}

type event struct {
	ts, ingested, seq int64
	message           string
}

// byPosition orders events by timestamp, ties in ingestion order.
func byPosition(a, b event) int {
	return cmp.Or(cmp.Compare(a.ts, b.ts), cmp.Compare(a.seq, b.seq))
}

// eventsPerPage is how many events one FilterLogEvents or GetLogEvents page
// holds at most here, well under CloudWatch's 10,000, so paging is exercised.
const eventsPerPage = 1000

type createLogStreamInput struct {
	LogGroupName  *string
	LogStreamName *string
}

type putLogEventsInput struct {
	LogGroupName  *string
	LogStreamName *string
	LogEvents     []logtypes.InputLogEvent
	SequenceToken *string
	Entity        *logtypes.Entity
}

type filterLogEventsInput struct {
	LogGroupName        *string
	LogGroupIdentifier  *string
	LogStreamNames      []string
	LogStreamNamePrefix *string
	FilterPattern       *string
	StartTime           *int64
	EndTime             *int64
	Limit               *int32
	NextToken           *string
	Interleaved         *bool
	Unmask              *bool
}

type getLogEventsInput struct {
	LogGroupName       *string
	LogGroupIdentifier *string
	LogStreamName      *string
	StartTime          *int64
	EndTime            *int64
	Limit              *int32
	NextToken          *string
	StartFromHead      *bool
	Unmask             *bool
}

func (s *Server) createLogStream(in *createLogStreamInput) (any, error) {
	g, name := deref(in.LogGroupName), deref(in.LogStreamName)
	if s.logs.groups[g] == nil {
		return nil, wire.Errorf(400, "ResourceNotFoundException", "The specified log group does not exist.")
	}
	if s.logs.streams[g][name] != nil {
		return nil, wire.Errorf(400, "ResourceAlreadyExistsException", "The specified log stream already exists")
	}
	if s.logs.streams[g] == nil {
		s.logs.streams[g] = map[string]*stream{}
	}
	s.logs.streams[g][name] = &stream{name: name}
	return nil, nil
}

func (s *Server) putLogEvents(in *putLogEventsInput) (any, error) {
	st := s.logs.streams[deref(in.LogGroupName)][deref(in.LogStreamName)]
	if st == nil {
		return nil, wire.Errorf(400, "ResourceNotFoundException", "The specified log stream does not exist.")
	}
	if len(in.LogEvents) == 0 || len(in.LogEvents) > 10000 {
		return nil, wire.Errorf(400, "InvalidParameterException", "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and 10000")
	}
	for _, e := range in.LogEvents {
		s.appendEvent(st, deref(e.Timestamp), deref(e.Message))
	}
	return struct{ NextSequenceToken *string }{ptr("0")}, nil
}

func (s *Server) appendEvent(st *stream, ts int64, msg string) {
	s.logs.seq++
	e := event{ts: ts, ingested: s.clock.Now().UnixMilli(), seq: s.logs.seq, message: msg}
	i, _ := slices.BinarySearchFunc(st.events, e, byPosition)
	st.events = slices.Insert(st.events, i, e)
}

// PutLogEvents adds events to a stream, creating the group and stream when
// missing: tests seed logs with it. Timestamps are epoch milliseconds.
func (s *Server) PutLogEvents(group, streamName string, events ...logtypes.InputLogEvent) {
	s.logs.mu.Lock()
	defer s.logs.mu.Unlock()
	if s.logs.groups[group] == nil {
		if _, err := s.createLogGroup(&createLogGroupInput{LogGroupName: &group}); err != nil {
			panic(err)
		}
	}
	if s.logs.streams[group][streamName] == nil {
		if _, err := s.createLogStream(&createLogStreamInput{LogGroupName: &group, LogStreamName: &streamName}); err != nil {
			panic(err)
		}
	}
	st := s.logs.streams[group][streamName]
	for _, e := range events {
		s.appendEvent(st, deref(e.Timestamp), deref(e.Message))
	}
}

// filterLogEvents returns the group's events of the named streams (or all),
// in timestamp order across streams, from startTime up to (but not
// including) endTime, whose message contains every term of the filter
// pattern. The token is the position after the last event returned, so
// events arriving between pages are neither lost nor repeated.
func (s *Server) filterLogEvents(in *filterLogEventsInput) (any, error) {
	g := deref(in.LogGroupName)
	if s.logs.groups[g] == nil {
		return nil, wire.Errorf(400, "ResourceNotFoundException", "The specified log group does not exist.")
	}
	if len(in.LogStreamNames) > 100 {
		return nil, wire.Errorf(400, "InvalidParameterException", "1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100")
	}
	if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != nil {
		return nil, wire.Errorf(400, "InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive")
	}
	n, after, err := eventPage(in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	terms := patternTerms(deref(in.FilterPattern))
	type hit struct {
		stream string
		e      event
	}
	var hits []hit
	for name, st := range s.logs.streams[g] {
		if len(in.LogStreamNames) > 0 && !slices.Contains(in.LogStreamNames, name) || !strings.HasPrefix(name, deref(in.LogStreamNamePrefix)) {
			continue
		}
		for _, e := range st.events {
			if in.StartTime != nil && e.ts < *in.StartTime || in.EndTime != nil && e.ts >= *in.EndTime {
				continue
			}
			if byPosition(e, after) <= 0 || !containsAll(e.message, terms) {
				continue
			}
			hits = append(hits, hit{name, e})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return byPosition(a.e, b.e) })
	out := []logtypes.FilteredLogEvent{}
	for _, h := range hits[:min(n, len(hits))] {
		out = append(out, logtypes.FilteredLogEvent{
			EventId: ptr(strconv.FormatInt(h.e.seq, 10)), LogStreamName: ptr(h.stream),
			Timestamp: ptr(h.e.ts), IngestionTime: ptr(h.e.ingested), Message: ptr(h.e.message),
		})
	}
	var next *string
	if len(hits) > n {
		next = ptr(eventTokenAt(hits[n-1].e))
	}
	return struct {
		Events             []logtypes.FilteredLogEvent
		NextToken          *string
		SearchedLogStreams []logtypes.SearchedLogStream
	}{out, next, nil}, nil
}

// getLogEvents pages one stream forward from the head (or from startTime).
// As in CloudWatch, the forward token is always returned, and is the same
// token again when there is nothing new.
func (s *Server) getLogEvents(in *getLogEventsInput) (any, error) {
	st := s.logs.streams[deref(in.LogGroupName)][deref(in.LogStreamName)]
	if st == nil {
		return nil, wire.Errorf(400, "ResourceNotFoundException", "The specified log stream does not exist.")
	}
	n, after, err := eventPage(in.Limit, in.NextToken)
	if err != nil {
		return nil, err
	}
	var out []logtypes.OutputLogEvent
	last := after
	for _, e := range st.events {
		if len(out) == n {
			break
		}
		if in.StartTime != nil && e.ts < *in.StartTime || in.EndTime != nil && e.ts >= *in.EndTime ||
			byPosition(e, after) <= 0 {
			continue
		}
		out = append(out, logtypes.OutputLogEvent{Timestamp: ptr(e.ts), IngestionTime: ptr(e.ingested), Message: ptr(e.message)})
		last = e
	}
	tok := "f/" + eventTokenAt(last)
	return struct {
		Events            []logtypes.OutputLogEvent
		NextForwardToken  *string
		NextBackwardToken *string
	}{out, &tok, ptr("b/start")}, nil
}

// eventPage reads a page request: how many events the page holds (limit,
// 1..10,000, capped at eventsPerPage) and the position its token names.
func eventPage(limit *int32, tok *string) (n int, after event, err error) {
	n = eventsPerPage
	if limit != nil {
		if *limit < 1 || *limit > 10000 {
			return 0, event{}, wire.Errorf(400, "InvalidParameterException", "1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000", *limit)
		}
		n = min(int(*limit), eventsPerPage)
	}
	after.ts, after.seq, err = eventToken(tok)
	return n, after, err
}

// eventTokenAt is the position token just after e.
func eventTokenAt(e event) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "logs:%d:%d", e.ts, e.seq))
}

// eventToken reads a position token; none means "from the start".
func eventToken(tok *string) (ts, seq int64, err error) {
	if tok == nil || *tok == "" {
		return -1 << 62, 0, nil
	}
	raw, _ := strings.CutPrefix(*tok, "f/")
	b, derr := base64.RawURLEncoding.DecodeString(raw)
	parts := strings.Split(string(b), ":")
	if derr != nil || len(parts) != 3 || parts[0] != "logs" {
		return 0, 0, wire.Errorf(400, "InvalidParameterException", "The specified nextToken is invalid.")
	}
	ts, err1 := strconv.ParseInt(parts[1], 10, 64)
	seq, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, wire.Errorf(400, "InvalidParameterException", "The specified nextToken is invalid.")
	}
	return ts, seq, nil
}

// patternTerms reads the simplest CloudWatch filter pattern: terms that must
// all appear in the message ("ERROR timeout", or one quoted phrase).
func patternTerms(p string) []string {
	p = strings.TrimSpace(p)
	if strings.HasPrefix(p, `"`) && strings.HasSuffix(p, `"`) && len(p) >= 2 {
		return []string{p[1 : len(p)-1]}
	}
	return strings.Fields(p)
}

func containsAll(msg string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(msg, t) {
			return false
		}
	}
	return true
}

// TaskIDs lists the ids of the tasks started in cluster, oldest first, so a
// test can write the log streams awslogs would write for them.
func (s *Server) TaskIDs(cluster string) []string {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	var ids []string
	for _, t := range s.ecs.tasks {
		if t.cluster != nil && t.cluster.name == cluster {
			ids = append(ids, t.id)
		}
	}
	return ids
}
