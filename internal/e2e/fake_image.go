package e2e

import (
	"fmt"
	"strconv"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// cmdFakeImages seeds the fake's ECR with images:
//
//	fake-images REPO N UNTAGGED   N images (the first UNTAGGED of them without a tag)
func cmdFakeImages(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: fake-images REPO N UNTAGGED")
	}
	srv, _ := ts.Value(fakeKey{}).(*awsfake.Server)
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	untagged, err := strconv.Atoi(args[2])
	ts.Check(err)
	pushed := time.Now().Add(-2 * time.Hour)
	for i := range n {
		tag := fmt.Sprintf("v%d", i)
		if i < untagged {
			tag = ""
		}
		srv.PutImageRecord(args[0], tag, fmt.Sprintf("sha256:%064x", i+1), int64(1+i)*1_000_000, pushed)
	}
}
