package ecsconfig

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
)

// The prefixes a legacy file gets for keys it does not have.
const (
	DefaultComposeProjectNamePrefix = "ecscompose-"
	DefaultComposeServiceNamePrefix = "ecscompose-service-"
	DefaultCFNStackNamePrefix       = "amazon-ecs-cli-setup-"
)

// Legacy is the pre-1.0 ~/.ecs/config: an INI file whose [ecs] section
// held everything. The toolkit reads it and never writes it.
//
//	[ecs]
//	cluster = test
//	aws_profile =
//	region = us-west-2
//	aws_access_key_id =
//	aws_secret_access_key =
//	compose-project-name-prefix = ecscompose-
//	compose-service-name-prefix =
//	cfn-stack-name-prefix = ecs-cli-
type Legacy struct {
	Cluster                  string
	AWSProfile               string
	Region                   string
	AccessKey                string
	SecretKey                string
	SessionToken             string // not in the original's format, but found in users' files
	ComposeProjectNamePrefix string // DefaultComposeProjectNamePrefix when the key is absent
	ComposeServiceNamePrefix string // DefaultComposeServiceNamePrefix when the key is absent
	CFNStackNamePrefix       string // DefaultCFNStackNamePrefix when the key is absent
}

// ParseLegacy reads a legacy INI file the way the original's go-ini did
// (keys and section names case-sensitive, "=" or ":" between key and value,
// "#" and ";" comments, inline ones too, surrounding quotes dropped, a
// trailing "\" continuing a value). Any text parses except an unclosed
// section header or a line that is not a key; a file without an [ecs]
// section is all defaults. Errors give the line number, never the line: it
// may hold a secret.
func ParseLegacy(data []byte) (*Legacy, error) {
	keys, err := iniSection(data, "ecs")
	if err != nil {
		return nil, err
	}
	l := &Legacy{
		Cluster:    keys["cluster"],
		AWSProfile: keys["aws_profile"],
		Region:     keys["region"],
		AccessKey:  keys["aws_access_key_id"],
		SecretKey:  keys["aws_secret_access_key"],

		SessionToken: keys["aws_session_token"],
	}
	prefix := func(key, def string) string {
		if v, ok := keys[key]; ok {
			return v
		}
		return def
	}
	l.ComposeProjectNamePrefix = prefix("compose-project-name-prefix", DefaultComposeProjectNamePrefix)
	l.ComposeServiceNamePrefix = prefix("compose-service-name-prefix", DefaultComposeServiceNamePrefix)
	l.CFNStackNamePrefix = prefix("cfn-stack-name-prefix", DefaultCFNStackNamePrefix)
	return l, nil
}

// IsLegacy reports whether data is a legacy INI config: it parses as INI
// and has an [ecs] section with at least one key.
func IsLegacy(data []byte) bool {
	keys, err := iniSection(data, "ecs")
	return err == nil && len(keys) > 0
}

// iniSection returns the keys of section want in an INI file.
func iniSection(data []byte, want string) (map[string]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	keys := map[string]string{}
	section := "DEFAULT"
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimLeftFunc(sc.Text(), unicode.IsSpace)
		switch {
		case line == "", line[0] == '#', line[0] == ';':
			continue
		case line[0] == '[':
			end := strings.LastIndexByte(line, ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed section on line %d", n)
			}
			section = line[1:end]
			continue
		}
		name, rest, err := iniKey(line)
		if err != nil {
			return nil, fmt.Errorf("%v on line %d", err, n)
		}
		value := iniValue(rest)
		if strings.HasSuffix(value, `\`) { // continued on the following lines
			value = value[:len(value)-1]
			for sc.Scan() {
				n++
				next := strings.TrimSpace(sc.Text())
				if next == "" {
					break
				}
				value += next
				if !strings.HasSuffix(value, `\`) {
					break
				}
				value = value[:len(value)-1]
			}
		}
		if section == want {
			keys[name] = value
		}
	}
	return keys, sc.Err()
}

// iniKey splits a key line at its delimiter; the key may be quoted.
func iniKey(line string) (name, rest string, err error) {
	for _, q := range []string{`"""`, `"`, "`"} {
		if !strings.HasPrefix(line, q) || (q == `"""` && len(line) <= 6) {
			continue
		}
		end := strings.Index(line[len(q):], q)
		if end < 0 {
			return "", "", fmt.Errorf("missing closing key quote")
		}
		end += len(q)
		i := strings.IndexAny(line[end+len(q):], "=:")
		if i < 0 {
			return "", "", fmt.Errorf("key-value delimiter not found")
		}
		return strings.TrimSpace(line[len(q):end]), line[end+len(q)+i+1:], nil
	}
	i := strings.IndexAny(line, "=:")
	if i < 0 {
		return "", "", fmt.Errorf("key-value delimiter not found")
	}
	return strings.TrimSpace(line[:i]), line[i+1:], nil
}

// iniValue is go-ini's readValue for one line, with its default options.
func iniValue(in string) string {
	v := strings.TrimSpace(in)
	if v == "" {
		return ""
	}
	for _, q := range []string{`"""`, "`"} {
		if len(v) > len(q) && strings.HasPrefix(v, q) { // one-line quoted values only
			if end := strings.LastIndex(v[len(q):], q); end >= 0 {
				return v[len(q) : len(q)+end]
			}
		}
	}
	if strings.HasSuffix(v, `\`) {
		return v // continued on the next line
	}
	if i := strings.IndexAny(v, "#;"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	for _, q := range []byte{'\'', '"'} {
		if len(v) >= 2 && v[0] == q && v[len(v)-1] == q && strings.IndexByte(v[1:], q) == len(v)-2 {
			return v[1 : len(v)-1]
		}
	}
	return v
}
