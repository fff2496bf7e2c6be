package query

import "strings"

// Check reports whether expr would compile, as Apply compiles it, so a step
// can refuse a bad --query (exit 2) before its first AWS call rather than
// after its work is done. "" (no --query) passes.
func Check(expr string) error {
	if strings.TrimSpace(expr) == "" || strings.TrimSpace(expr) == "." {
		return nil
	}
	_, err := compile(expr)
	return err
}
