package licenses

import (
	"strings"
	"testing"
)

func TestBundle(t *testing.T) {
	t.Parallel()
	if !strings.Contains(Project(), "Apache License") {
		t.Error("project licence is not Apache-2.0")
	}
	all := All()
	if len(all) == 0 {
		t.Fatal("no module licences bundled")
	}
	for _, m := range all {
		if m.Version == "" || strings.TrimSpace(m.Text) == "" {
			t.Errorf("%s: version %q, %d bytes of text", m.Path, m.Version, len(m.Text))
		}
	}
	for _, path := range []string{"std", "github.com/aws/aws-sdk-go-v2", "github.com/compose-spec/compose-go/v2", "github.com/itchyny/gojq", "github.com/peterbourgon/ff/v3"} {
		if _, ok := Lookup(path); !ok {
			t.Errorf("%s not bundled", path)
		}
	}
	if _, ok := Lookup("example.com/none"); ok {
		t.Error("Lookup found a module that is not bundled")
	}
}
