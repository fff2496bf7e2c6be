package regcreds

import (
	"path/filepath"

	"go.yaml.in/yaml/v4"

	"github.com/ecs-toolkit/ecs-toolkit/internal/atomicfile"
)

// FilePrefix starts the name of every output file; ecs-compose2td finds the
// newest one by it.
const FilePrefix = "ecs-registry-creds_"

type fileOutput struct {
	Version string `yaml:"version"`
	Outputs struct {
		TaskExecutionRole    string                  `yaml:"task_execution_role"`
		ContainerCredentials map[string]fileRegistry `yaml:"container_credentials"`
	} `yaml:"registry_credential_outputs"`
}

type fileRegistry struct {
	CredentialsParameter string   `yaml:"credentials_parameter"`
	KMSKeyID             string   `yaml:"kms_key_id,omitempty"`
	ContainerNames       []string `yaml:"container_names,omitempty"`
}

// WriteFile writes the output file in the original's format into dir, mode
// 0600, and returns its path. It never overwrites a file, and never leaves
// a partial one.
func WriteFile(dir string, out *Output) (string, error) {
	var f fileOutput
	f.Version = "1"
	f.Outputs.TaskExecutionRole = out.TaskExecutionRole
	f.Outputs.ContainerCredentials = map[string]fileRegistry{}
	for reg, r := range out.Registries {
		f.Outputs.ContainerCredentials[reg] = fileRegistry(r)
	}
	// yaml v4's V2 preset lays the file out as the original's yaml.v2 did.
	b, err := yaml.Dump(&f, yaml.V2, yaml.WithCompactSeqIndent(true))
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, FilePrefix+out.Timestamp+".yml")
	// Whole or not at all: ecs-compose2td picks the newest file up, and a
	// half-written one would fail it later.
	if err := atomicfile.WriteNew(path, b, 0o600); err != nil {
		return "", err
	}
	return path, nil
}
