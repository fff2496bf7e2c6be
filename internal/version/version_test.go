package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, Dev},
		{"nil with ok", nil, true, Dev},
		{"empty version", &debug.BuildInfo{}, true, Dev},
		{"devel", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, Dev},
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "v1.2.3"},
		{"pseudo", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20250101000000-abcdef123456+dirty"}}, true, "v0.0.0-20250101000000-abcdef123456+dirty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := fromBuildInfo(tt.bi, tt.ok); got != tt.want {
				t.Errorf("fromBuildInfo() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestStringIsNeverEmpty(t *testing.T) {
	t.Parallel()
	if String() == "" {
		t.Fatal("String() is empty")
	}
}
