package awsfake_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

func logEvents(from, n int) []logtypes.InputLogEvent {
	var out []logtypes.InputLogEvent
	for i := from; i < from+n; i++ {
		out = append(out, logtypes.InputLogEvent{Timestamp: aws.Int64(int64(1000 + i)), Message: aws.String(fmt.Sprint(i))})
	}
	return out
}

// FilterLogEvents pages by position: events that arrive between two pages
// come in later pages, none is lost or repeated.
func TestFilterLogEventsPaging(t *testing.T) {
	s, cfg := start(t)
	c := cloudwatchlogs.NewFromConfig(cfg)
	ctx := context.Background()
	s.PutLogEvents("/g", "a", logEvents(0, 1500)...)
	first, err := c.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("/g")})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Events) != 1000 || first.NextToken == nil {
		t.Fatalf("first page: %d events, token %v", len(first.Events), first.NextToken)
	}
	s.PutLogEvents("/g", "a", logEvents(1500, 10)...)
	var got []string
	for _, e := range first.Events {
		got = append(got, *e.Message)
	}
	tok := first.NextToken
	for tok != nil {
		out, err := c.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("/g"), NextToken: tok})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Events {
			got = append(got, *e.Message)
		}
		tok = out.NextToken
	}
	if len(got) != 1510 {
		t.Fatalf("%d events, want 1510", len(got))
	}
	for i, m := range got {
		if m != fmt.Sprint(i) {
			t.Fatalf("event %d is %s", i, m)
		}
	}
}

// Filters: streams, time window (end exclusive), pattern terms; errors as
// CloudWatch's.
func TestFilterLogEventsFilters(t *testing.T) {
	s, cfg := start(t)
	c := cloudwatchlogs.NewFromConfig(cfg)
	ctx := context.Background()
	s.PutLogEvents("/g", "a", logtypes.InputLogEvent{Timestamp: aws.Int64(1), Message: aws.String("ERROR disk full")},
		logtypes.InputLogEvent{Timestamp: aws.Int64(5), Message: aws.String("ok")})
	s.PutLogEvents("/g", "b", logtypes.InputLogEvent{Timestamp: aws.Int64(3), Message: aws.String("ERROR net")})
	count := func(in *cloudwatchlogs.FilterLogEventsInput) int {
		in.LogGroupName = aws.String("/g")
		out, err := c.FilterLogEvents(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return len(out.Events)
	}
	if n := count(&cloudwatchlogs.FilterLogEventsInput{LogStreamNames: []string{"a"}}); n != 2 {
		t.Errorf("stream a: %d", n)
	}
	if n := count(&cloudwatchlogs.FilterLogEventsInput{StartTime: aws.Int64(2), EndTime: aws.Int64(5)}); n != 1 {
		t.Errorf("window [2,5): %d", n)
	}
	if n := count(&cloudwatchlogs.FilterLogEventsInput{FilterPattern: aws.String("ERROR disk")}); n != 1 {
		t.Errorf("pattern: %d", n)
	}
	_, err := c.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("/nope")})
	var nf *logtypes.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("missing group: %v", err)
	}
}

// GetLogEvents' forward token stays the same when nothing new arrived.
func TestGetLogEventsForwardToken(t *testing.T) {
	s, cfg := start(t)
	c := cloudwatchlogs.NewFromConfig(cfg)
	ctx := context.Background()
	s.PutLogEvents("/g", "a", logEvents(0, 3)...)
	in := &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String("/g"), LogStreamName: aws.String("a"), StartFromHead: aws.Bool(true)}
	out, err := c.GetLogEvents(ctx, in)
	if err != nil || len(out.Events) != 3 {
		t.Fatalf("%v %v", out, err)
	}
	in.NextToken = out.NextForwardToken
	again, err := c.GetLogEvents(ctx, in)
	if err != nil || len(again.Events) != 0 || *again.NextForwardToken != *out.NextForwardToken {
		t.Fatalf("second read: %d events, token %v vs %v, %v", len(again.Events), again.NextForwardToken, out.NextForwardToken, err)
	}
}
