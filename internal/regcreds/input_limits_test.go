package regcreds

import (
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

func TestReadInputLimits(t *testing.T) {
	head := "version: \"1\"\nregistry_credentials:\n  r.io:\n    secrets_manager_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:a\n"
	pad := func(n int) string { return head + "#" + strings.Repeat("x", n-len(head)-2) + "\n" }
	max := int(limits.RegistryCreds.Limit)
	if _, err := ReadInput(strings.NewReader(pad(max)), "creds.yml", nil); err != nil {
		t.Fatalf("input of exactly the limit: %v", err)
	}
	_, err := ReadInput(strings.NewReader(pad(max+1)), "creds.yml", nil)
	if want := "reading creds.yml: larger than 1 MiB, the limit for a registry credentials file"; err == nil || err.Error() != want {
		t.Errorf("one byte over: %v, want %q", err, want)
	}
	_, err = ReadInput(zeros{}, "/dev/zero", nil)
	if want := "reading /dev/zero: not a text file (a NUL byte at offset 0)"; err == nil || err.Error() != want {
		t.Errorf("zeros: %v, want %q", err, want)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }
