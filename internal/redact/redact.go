// Package redact is the one rule for showing text from a file that may hold
// secrets (~/.ecs files, legacy configs, registry credentials): a key that
// names a secret has its value masked, whatever the file's syntax.
package redact

import (
	"regexp"
	"strings"
)

// secretWords are the parts of a key name that mark its value as secret:
// aws_secret_access_key, aws_session_token, password, secrets_manager
// values, tokens of any kind.
var secretWords = []string{"secret_access_key", "secret-access-key", "secretaccesskey", "session_token", "session-token", "sessiontoken", "password", "passwd", "token", "secret_key", "secret-key"}

// IsSecretKey reports whether a key of that name holds a secret.
func IsSecretKey(key string) bool {
	k := strings.ToLower(strings.Trim(strings.TrimSpace(key), `"'`+"`"))
	for _, w := range secretWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// Mask replaces all but the last 2 characters of a secret with "*", as the
// original ECS CLI masked its secret key.
func Mask(secret string) string {
	keep := 2
	if len(secret) < 2 { // the original panicked
		keep = 0
	}
	return strings.Repeat("*", len(secret)-keep) + secret[len(secret)-keep:]
}

// Lines masks, in a file's text, the value of every "key = value" or
// "key: value" line whose key IsSecretKey, and the whole of the lines that
// continue such a value (a trailing "\" in INI files; a YAML block scalar
// or a quoted value over several lines). Other lines are kept as they are.
// An "=" line is masked as the original ECS CLI masked its secret key
// (the text before the "=", "= ", the masked rest up to any second "="),
// so the migrate preview of an ordinary legacy file stays byte for byte
// the original's.
func Lines(text string) string {
	var out strings.Builder
	continued := false // the line before was part of a secret and ended in "\"
	blockIndent := -1  // inside a secret's multi-line YAML value: the key's indent
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			out.WriteByte('\n')
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if blockIndent >= 0 {
			if strings.TrimSpace(line) == "" || indent > blockIndent {
				out.WriteString(strings.Repeat("*", len(line)))
				continue
			}
			blockIndent = -1
		}
		if continued {
			continued = strings.HasSuffix(strings.TrimRight(line, " \t\r"), `\`)
			out.WriteString(strings.Repeat("*", len(line)))
			continue
		}
		sep := strings.IndexAny(line, "=:")
		if sep < 0 || !IsSecretKey(strings.TrimLeft(line[:sep], "- \t")) {
			out.WriteString(line)
			continue
		}
		value := strings.TrimSpace(line[sep+1:])
		continued = strings.HasSuffix(value, `\`)
		if line[sep] == ':' && (value == "" || strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">") || unclosedQuote(value)) {
			blockIndent = indent // the value (or its rest) is on the lines below
		}
		switch {
		case value == "":
		case line[sep] == '=':
			parts := strings.Split(line, "=")
			if strings.TrimSpace(parts[1]) != "" {
				line = parts[0] + "= " + Mask(parts[1])
			} else {
				line = parts[0] + "= " + strings.Repeat("*", len(value)) // only past a second "="
			}
		default:
			line = line[:sep+1] + " " + Mask(line[sep+1:])
		}
		out.WriteString(line)
	}
	return out.String()
}

// unclosedQuote reports a quoted YAML value that goes on to the next line.
func unclosedQuote(v string) bool {
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return false
	}
	return len(v) == 1 || v[len(v)-1] != v[0]
}

// quoted is how the YAML libraries quote text of the file in their errors:
// back quotes for values, single quotes for anchors and tags ("unknown
// anchor '...' referenced"), double quotes from %q.
var quoted = regexp.MustCompile("`[^`]*`|'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"")

// Quoted hides every value a library error quotes from the file ("cannot
// unmarshal !!str `wJalrXU...` into string", "unknown anchor 'wJal...'
// referenced"), for errors about a file that may hold secrets.
func Quoted(msg string) string {
	return quoted.ReplaceAllString(msg, "(value hidden)")
}
