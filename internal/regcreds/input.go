package regcreds

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
	"github.com/ecs-toolkit/ecs-toolkit/internal/yamlerr"
)

// maxRegistries is how many registries one run may handle (the original's
// limit).
const maxRegistries = 10

// Input is the registry-creds input file.
type Input struct {
	Version     string              `yaml:"version"`
	Credentials map[string]Registry `yaml:"registry_credentials"`
}

// Registry is one registry's entry: an existing secret, or a user name and
// password to store, an optional KMS key and the containers that use it.
type Registry struct {
	SecretARN  string   `yaml:"secrets_manager_arn"`
	Username   string   `yaml:"username"`
	Password   string   `yaml:"password"`
	KMSKeyID   string   `yaml:"kms_key_id"`
	Containers []string `yaml:"container_names"`
}

// ReadInput parses the input file; name is used in messages. Unknown keys
// are errors. Only a value that is a whole ${VAR} (or $VAR) is expanded, in
// the four fields the original expanded, so a password holding a "$" stays
// as written.
//
// At most limits.RegistryCreds bytes are read, and input that does not start
// as text is refused from its first bytes.
func ReadInput(r io.Reader, name string, getenv func(string) string) (*Input, error) {
	data, err := limits.ReadAll(r, name, limits.RegistryCreds, limits.Text)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	in := &Input{}
	if err := dec.Decode(in); err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("%s: the file is empty", name)
		}
		// The file holds passwords: the message names the line and key,
		// never a value (the library quotes a value's first characters).
		var root yaml.Node
		yaml.Unmarshal(data, &root)
		return nil, fmt.Errorf("%s: %w", name, yamlerr.Clean(err, yamlerr.Options{HideValues: true, Root: &root}))
	}
	for reg, c := range in.Credentials {
		for _, f := range []*string{&c.SecretARN, &c.Username, &c.Password, &c.KMSKeyID} {
			*f = expandWhole(*f, getenv)
		}
		in.Credentials[reg] = c
	}
	return in, nil
}

func expandWhole(v string, getenv func(string) string) string {
	if strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") {
		return os.Expand(v, getenv)
	}
	return v
}

// Validate checks the input as the original did, with its messages, in a
// stable order (registries sorted by name). Warnings come back separately.
func (in *Input) Validate(name string) (warnings []string, err error) {
	regs := in.Registries()
	switch {
	case len(regs) == 0:
		return nil, fmt.Errorf("%s: provided credentials must contain at least one registry", name)
	case len(regs) > maxRegistries:
		return nil, fmt.Errorf("%s: no more than %d registry credential entries can be created at one time", name, maxRegistries)
	}
	owner := map[string]string{}
	for _, reg := range regs {
		c := in.Credentials[reg]
		if c.SecretARN == "" && (c.Username == "" || c.Password == "") {
			return nil, fmt.Errorf("%s: registry_credentials.%s: missing required field(s); registry credentials should contain an existing secret ARN (secrets_manager_arn) or username + password", name, reg)
		}
		if c.SecretARN != "" {
			if _, err := parseARN(c.SecretARN, "secretsmanager"); err != nil {
				return nil, fmt.Errorf("%s: registry_credentials.%s.secrets_manager_arn: %w", name, reg, err)
			}
		}
		if len(c.Containers) == 0 {
			warnings = append(warnings, fmt.Sprintf("No container names given for registry '%s'; output cannot be incorporated into a task definition when running 'compose' command", reg))
		}
		for _, cn := range c.Containers {
			if other, dup := owner[cn]; dup {
				return nil, fmt.Errorf("%s: container '%s' appears in more than one registry (%s and %s); container names must be unique across given registry credentials", name, cn, other, reg)
			}
			owner[cn] = reg
		}
	}
	return warnings, nil
}

// Registries lists the registry names, sorted.
func (in *Input) Registries() []string {
	out := make([]string, 0, len(in.Credentials))
	for r := range in.Credentials {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// arn is the parts of an ARN this package looks at.
type arn struct{ service, region, account, resource string }

func parseARN(s, service string) (arn, error) {
	p := strings.SplitN(s, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[2] != service || p[3] == "" {
		return arn{}, fmt.Errorf("%q is not a %s ARN (arn:aws:%s:REGION:ACCOUNT:...)", s, service, service)
	}
	return arn{service: p[2], region: p[3], account: p[4], resource: p[5]}, nil
}
