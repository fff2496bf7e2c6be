package tagflag

import (
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

func TestParse(t *testing.T) {
	tags, err := Parse("a=1,b=,c=x=y")
	if err != nil || len(tags) != 3 || tags[1] != (Tag{"b", ""}) || tags[2] != (Tag{"c", "x=y"}) {
		t.Fatalf("%v %v", tags, err)
	}
	for _, bad := range []string{"a", "=1", "a=1,,b=2"} {
		if _, err := Parse(bad); exitcode.Of(err) != exitcode.Usage {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if tags, err := Parse(""); tags != nil || err != nil {
		t.Errorf("empty: %v %v", tags, err)
	}
}
