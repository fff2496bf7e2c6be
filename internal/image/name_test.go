package image

import (
	"testing"
	"time"
)

func TestParseName(t *testing.T) {
	for _, c := range []struct {
		in   string
		pull bool
		want Name
		ok   bool
	}{
		{"web", false, Name{Repository: "web"}, true},
		{"team/web:1.0-rc_2", false, Name{Repository: "team/web", Tag: "1.0-rc_2"}, true},
		{"123456789012.dkr.ecr.us-west-2.amazonaws.com/web:latest", false, Name{Registry: "123456789012.dkr.ecr.us-west-2.amazonaws.com", Repository: "web", Tag: "latest"}, true},
		{"123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web", false, Name{Registry: "123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", Repository: "web"}, true},
		{"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web", true, Name{Registry: "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", Repository: "web"}, true},
		{"web@sha256:abcd", true, Name{Repository: "web", Digest: "sha256:abcd"}, true},
		{"web|v1", true, Name{Repository: "web", Tag: "v1"}, true},
		{"web@sha256:abcd", false, Name{}, false},
		{"web|v1", false, Name{}, false},
		{"Web", false, Name{}, false},
		{"web:", false, Name{}, false},
		{"docker.io/library/web", false, Name{}, false},
		{"", false, Name{}, false},
		{"web@v1", true, Name{}, false},
	} {
		got, err := ParseName(c.in, c.pull)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseName(%q, pull %v) = %+v, %v; want %+v, ok %v", c.in, c.pull, got, err, c.want, c.ok)
		}
	}
	if a, err := (Name{Registry: "111122223333.dkr.ecr.us-east-1.amazonaws.com"}).Account(); a != "111122223333" || err != nil {
		t.Errorf("Account = %q, %v", a, err)
	}
}

func TestHumanUnits(t *testing.T) {
	for d, want := range map[time.Duration]string{
		500 * time.Millisecond: "Less than a second",
		30 * time.Second:       "30 seconds",
		90 * time.Second:       "About a minute",
		70 * time.Minute:       "About an hour",
		2 * time.Hour:          "2 hours",
		3 * 24 * time.Hour:     "3 days",
		15 * 24 * time.Hour:    "2 weeks",
		90 * 24 * time.Hour:    "3 months",
		800 * 24 * time.Hour:   "2 years",
	} {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
	for n, want := range map[float64]string{0: "0B", 999: "999B", 5000: "5kB", 123_000_000: "123MB", 1_234_567: "1.23MB"} {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%v) = %q, want %q", n, got, want)
		}
	}
}
