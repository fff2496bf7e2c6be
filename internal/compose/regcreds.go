package compose

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// RegistryCreds is the output file of `registry-creds up`
// (ecs-registry-creds_<timestamp>.yml).
type RegistryCreds struct {
	Version string `yaml:"version"`
	Outputs struct {
		TaskExecutionRole    string                         `yaml:"task_execution_role"`
		ContainerCredentials map[string]RegistryCredsOutput `yaml:"container_credentials"`
	} `yaml:"registry_credential_outputs"`
}

// RegistryCredsOutput is one registry's entry.
type RegistryCredsOutput struct {
	CredentialsParameter string   `yaml:"credentials_parameter"`
	KMSKeyID             string   `yaml:"kms_key_id"`
	ContainerNames       []string `yaml:"container_names"`
}

// ReadRegistryCreds parses a registry creds output file. name is used in
// errors. Unknown keys are errors; no variables are expanded (as the original).
func ReadRegistryCreds(r io.Reader, name string) (*RegistryCreds, error) {
	data, err := limits.ReadAll(r, name, limits.RegistryCreds, limits.Text)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, cleanYAMLError(err, nil))
	}
	rc := &RegistryCreds{}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if err := checkKnownFields(root.Content[0], reflect.TypeOf(rc).Elem(), ""); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := root.Content[0].Decode(rc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, cleanYAMLError(err, &root))
	}
	return rc, nil
}

// credentialsByContainer maps container name to secret ARN, rejecting a
// container named under two registries. Entries without an ARN or without
// containers are skipped with a warning.
func (rc *RegistryCreds) credentialsByContainer(name string, warn func(string, ...any)) (map[string]string, error) {
	out := map[string]string{}
	for _, reg := range sortedKeys(rc.Outputs.ContainerCredentials) {
		c := rc.Outputs.ContainerCredentials[reg]
		if c.CredentialsParameter == "" || len(c.ContainerNames) == 0 {
			warn("%s: no containers found for registry %s; skipped", name, reg)
			continue
		}
		for _, cn := range c.ContainerNames {
			if prev, ok := out[cn]; ok && prev != c.CredentialsParameter {
				return nil, fmt.Errorf("%s: registry_credential_outputs.container_credentials: container %q is listed with two credentials (%s and %s)", name, cn, prev, c.CredentialsParameter)
			}
			out[cn] = c.CredentialsParameter
		}
	}
	return out, nil
}

// RegistryCredsPrefix starts the name of every registry creds output file.
const RegistryCredsPrefix = "ecs-registry-creds_"

// registryCredsTimeLayout is the timestamp in the file name.
const registryCredsTimeLayout = "20060102T150405Z"

// FindRegistryCreds returns the newest ecs-registry-creds_<timestamp>.yml in
// dir, or "" when there is none. The timestamp is read from the file's base
// name, so an underscore elsewhere in the path does not hide the file (the
// original split the whole path on "_"). Ties go to the lexically first name.
func FindRegistryCreds(dir string) (string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, RegistryCredsPrefix+"*.yml"))
	if err != nil {
		return "", fmt.Errorf("looking for registry creds files in %s: %w", dir, err)
	}
	sort.Strings(matches)
	best, bestTime := "", time.Time{}
	for _, m := range matches {
		stamp := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), RegistryCredsPrefix), ".yml")
		t, err := time.Parse(registryCredsTimeLayout, stamp)
		if err != nil {
			continue
		}
		if best == "" || t.After(bestTime) {
			best, bestTime = m, t
		}
	}
	return best, nil
}

// openRead opens path and hands it to read, which names it name in messages.
// A regular file larger than k allows is refused before it is read.
func openRead[T any](path, name string, k limits.Kind, read func(io.Reader, string) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("reading %s: %w", name, err)
	}
	defer f.Close()
	if err := limits.CheckSize(f, name, k); err != nil {
		return zero, err
	}
	return read(f, name)
}
