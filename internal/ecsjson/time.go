package ecsjson

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
)

var timeType = reflect.TypeFor[time.Time]()

// timeLayouts are the string forms a timestamp is read from: RFC 3339 (what
// the AWS CLI prints, with any number of fractional digits) and the ISO 8601
// offset without a colon.
var timeLayouts = [...]string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700"}

// parseTime reads a timestamp from a JSON number of epoch seconds (the wire
// format, possibly fractional) or from a string: RFC 3339 / ISO 8601, or
// epoch seconds written as a string. Epoch times come back in UTC, strings
// keep their offset.
func parseTime(num string, isString bool) (time.Time, error) {
	t, err := parseTimeText(num, isString)
	if err == nil && (t.Year() < 0 || t.Year() > 9999) {
		// RFC 3339 cannot write it back.
		return time.Time{}, fmt.Errorf("timestamp %s is outside years 0 to 9999", num)
	}
	return t, err
}

func parseTimeText(num string, isString bool) (time.Time, error) {
	if isString {
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, num); err == nil {
				return t, nil
			}
		}
		if _, err := strconv.ParseFloat(num, 64); err != nil {
			return time.Time{}, fmt.Errorf("want a timestamp (RFC 3339 or epoch seconds), got %q", num)
		}
	}
	return parseEpoch(num)
}

// parseEpoch converts decimal epoch seconds exactly, to the nanosecond; going
// through float64 would move a millisecond value by a few hundred ns.
func parseEpoch(num string) (time.Time, error) {
	// Bound the value before big.Rat expands an exponent like 1e-999999999.
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.Abs(f) > 1<<40 || strings.ContainsAny(num, "xXpP") {
		return time.Time{}, fmt.Errorf("want a timestamp, got %s", num)
	}
	if i := strings.IndexAny(num, "eE"); i >= 0 {
		if exp, err := strconv.Atoi(num[i+1:]); err != nil || exp < -30 || exp > 30 {
			return time.Time{}, fmt.Errorf("want a timestamp, got %s", num)
		}
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return time.Time{}, fmt.Errorf("want a timestamp, got %s", num)
	}
	ns := new(big.Rat).Mul(r, big.NewRat(1e9, 1))
	q := new(big.Int).Quo(ns.Num(), ns.Denom()) // truncates sub-ns digits
	sec, nsec := new(big.Int).QuoRem(q, big.NewInt(1e9), new(big.Int))
	return time.Unix(sec.Int64(), nsec.Int64()).UTC(), nil
}

// epochSeconds spells t as decimal epoch seconds, as short as exact.
func epochSeconds(t time.Time) string {
	sec, nsec := t.Unix(), t.Nanosecond()
	if nsec == 0 {
		return strconv.FormatInt(sec, 10)
	}
	if sec < 0 { // t.Unix() floors; the fraction counts up from it
		r := new(big.Rat).SetFrac64(sec*1e9+int64(nsec), 1e9)
		return r.FloatString(9)
	}
	return strconv.FormatInt(sec, 10) + "." + strings.TrimRight(fmt.Sprintf("%09d", nsec), "0")
}

// formatTime writes t in RFC 3339 with its fraction in whole groups of three
// digits (milliseconds, the API's precision, then micro- and nanoseconds).
func formatTime(t time.Time) string {
	layout := "2006-01-02T15:04:05Z07:00"
	switch ns := t.Nanosecond(); {
	case ns == 0:
	case ns%1e6 == 0:
		layout = "2006-01-02T15:04:05.000Z07:00"
	case ns%1e3 == 0:
		layout = "2006-01-02T15:04:05.000000Z07:00"
	default:
		layout = "2006-01-02T15:04:05.000000000Z07:00"
	}
	return t.Format(layout)
}
