package redact

import (
	"strings"
	"testing"
)

func TestIsSecretKey(t *testing.T) {
	for key, want := range map[string]bool{
		"aws_secret_access_key": true, "aws_session_token": true, "password": true, `"Password"`: true,
		"AWS_SESSION_TOKEN": true, "secret-key": true, "github_token": true,
		"aws_access_key_id": false, "username": false, "region": false, "secrets_manager_arn": false,
	} {
		if got := IsSecretKey(key); got != want {
			t.Errorf("IsSecretKey(%q) = %v", key, got)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "x": "*", "xy": "xy", "SECRET": "****ET", " wJalr+SECRETKEY": "**************EY",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLines(t *testing.T) {
	tests := []struct{ in, want string }{
		// The original's rule for its secret key: text before the "=", "= ", the masked rest.
		{"aws_secret_access_key = SECRET", "aws_secret_access_key = *****ET"},
		{"aws_secret_access_key=SECRET", "aws_secret_access_key= ****ET"},
		{"aws_secret_access_key =", "aws_secret_access_key ="},
		{"aws_secret_access_key = SEC=RET", "aws_secret_access_key = **EC"},
		{"aws_secret_access_key = =SECRET", "aws_secret_access_key = *******"},
		// Every secret key, in INI and YAML syntax.
		{"aws_session_token = TOKENdo-not-print", "aws_session_token = ****************nt"},
		{"  aws_session_token: TOKEN", "  aws_session_token: ****EN"},
		{"    password: hunter2", "    password: ******r2"},
		{"- password: hunter2", "- password: ******r2"},
		// Continued values are hidden whole.
		{"aws_secret_access_key = SEC\\\nRETKEY\\\nXX\ncluster = c", "aws_secret_access_key = ***C\\\n*******\n**\ncluster = c"},
		{"password: |\n  line one\n  line two\nusername: u", "password:  |\n**********\n**********\nusername: u"},
		{"password: \"two\n  lines\"\nusername: u", "password: ***wo\n********\nusername: u"},
		{"password:\n  hunter2\nusername: u", "password:\n*********\nusername: u"},
		// Everything else stays.
		{"cluster = c\nregion: r\naws_access_key_id = AKIA\n", "cluster = c\nregion: r\naws_access_key_id = AKIA\n"},
	}
	for _, tt := range tests {
		got := Lines(tt.in)
		if got != tt.want {
			t.Errorf("Lines(%q) =\n%q, want\n%q", tt.in, got, tt.want)
		}
		for _, secret := range []string{"SECRET", "TOKEN", "hunter2", "line one", "RETKEY", "lines"} {
			if strings.Contains(got, secret) {
				t.Errorf("Lines(%q) shows %q", tt.in, secret)
			}
		}
	}
}

func TestQuoted(t *testing.T) {
	got := Quoted("line 3: cannot unmarshal !!str `wJalrXU...` into string; `x`")
	if want := "line 3: cannot unmarshal !!str (value hidden) into string; (value hidden)"; got != want {
		t.Errorf("Quoted = %q, want %q", got, want)
	}
}

// Anchors and tags come back in single quotes, %q values in double quotes
// (an anchor reference holding a secret was echoed: found by
// FuzzConfigFiles).
func TestQuotedOtherQuotes(t *testing.T) {
	for in, want := range map[string]string{
		"line 5, column 25: unknown anchor '000XsecretX' referenced": "line 5, column 25: unknown anchor (value hidden) referenced",
		`found unknown tag "!XsecretX\"x"`:                           "found unknown tag (value hidden)",
	} {
		if got := Quoted(in); got != want {
			t.Errorf("Quoted(%q) = %q, want %q", in, got, want)
		}
	}
}
