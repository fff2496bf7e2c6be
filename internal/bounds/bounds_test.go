package bounds

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		r    Range
		in   string
		want int64
		err  string
	}{
		{Desired, "0", 0, ""},
		{Desired, " 5000 ", 5000, ""},
		{Desired, "5001", 0, "5001 is outside the accepted range (0 to 5000 tasks)"},
		{Desired, "4294967296", 0, "4294967296 is outside the accepted range (0 to 5000 tasks)"},
		{Desired, "99999999999999999999", 0, "99999999999999999999 is outside the accepted range (0 to 5000 tasks)"},
		{Desired, "-1", 0, "-1 is outside the accepted range (0 to 5000 tasks)"},
		{Count, "0", 0, "0 is outside the accepted range (1 to 5000 tasks)"},
		{Port, "65536", 0, "65536 is outside the accepted range (1 to 65535)"},
		{Port, "eighty", 0, `"eighty" is not a whole number`},
		{Port, "8.5", 0, `"8.5" is not a whole number`},
		{NonNeg32, "2147483648", 0, "2147483648 is outside the accepted range (0 to 2147483647)"},
	} {
		got, err := tc.r.Parse(tc.in)
		if tc.err == "" {
			if err != nil || got != tc.want {
				t.Errorf("%v.Parse(%q) = %d, %v; want %d", tc.r, tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil || err.Error() != tc.err {
			t.Errorf("%v.Parse(%q) error %v; want %q", tc.r, tc.in, err, tc.err)
		}
	}
}

func TestTo32(t *testing.T) {
	if _, err := NonNeg32.To32(1 << 32); err == nil {
		t.Error("2^32 fit in an int32")
	}
	if v, err := Int32.To32(math.MinInt32); err != nil || v != math.MinInt32 {
		t.Errorf("MinInt32: %d, %v", v, err)
	}
}

func TestMinutes(t *testing.T) {
	for _, v := range []float64{0, 2.5, 100} {
		if err := Minutes(v, 100); err != nil {
			t.Errorf("%v: %v", v, err)
		}
	}
	for _, v := range []float64{-1, 100.5, math.NaN(), math.Inf(1)} {
		if err := Minutes(v, 100); err == nil {
			t.Errorf("%v accepted", v)
		}
	}
}
