package e2e

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// fakeCallsAtMost asserts an upper bound on the calls so far:
//
//	fake calls-at-most SERVICE OP N
func fakeCallsAtMost(ts *testscript.TestScript, srv *awsfake.Server, args []string) {
	if len(args) != 4 {
		ts.Fatalf("usage: fake calls-at-most SERVICE OP N")
	}
	most, err := strconv.Atoi(args[3])
	ts.Check(err)
	if got := srv.Calls(args[1], args[2]); got > most || got == 0 {
		ts.Fatalf("%s %s: %d calls, want 1..%d", args[1], args[2], got, most)
	}
}

// fakeCallsAtLeast asserts a lower bound on the calls so far (paging: a
// retried page may add one):
//
//	fake calls-at-least SERVICE OP N
func fakeCallsAtLeast(ts *testscript.TestScript, srv *awsfake.Server, args []string) {
	if len(args) != 4 {
		ts.Fatalf("usage: fake calls-at-least SERVICE OP N")
	}
	least, err := strconv.Atoi(args[3])
	ts.Check(err)
	if got := srv.Calls(args[1], args[2]); got < least {
		ts.Fatalf("%s %s: %d calls, want %d or more", args[1], args[2], got, least)
	}
}

// fakeServiceTags asserts a service's tags, exactly:
//
//	fake service-tags CLUSTER SERVICE [KEY=VALUE...]
func fakeServiceTags(ts *testscript.TestScript, srv *awsfake.Server, args []string) {
	if len(args) < 3 {
		ts.Fatalf("usage: fake service-tags CLUSTER SERVICE [KEY=VALUE...]")
	}
	got := srv.ServiceTags(args[1], args[2])
	if got == nil {
		ts.Fatalf("no service %s in cluster %s", args[2], args[1])
	}
	var have []string
	for _, k := range slices.Sorted(maps.Keys(got)) {
		have = append(have, k+"="+got[k])
	}
	want := slices.Sorted(slices.Values(args[3:]))
	if strings.Join(have, " ") != strings.Join(want, " ") {
		ts.Fatalf("service %s tags %s, want %s", args[2], fmt.Sprint(have), fmt.Sprint(want))
	}
}
