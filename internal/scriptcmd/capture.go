package scriptcmd

import (
	"regexp"

	"github.com/rogpeppe/go-internal/testscript"
)

// Capture keeps a value the last command printed for later commands:
//
//	capture NAME REGEXP   set $NAME to REGEXP's first match in stdout (its
//	                      first group, when it has one)
//
// so a script can use what a real registry computed (a digest) without
// writing it down.
func Capture(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: capture NAME REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	m := re.FindStringSubmatch(ts.ReadFile("stdout"))
	if m == nil {
		ts.Fatalf("capture %s: no match for %q in stdout", args[0], args[1])
	}
	ts.Setenv(args[0], m[min(1, len(m)-1)])
}
