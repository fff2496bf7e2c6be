package regcreds

import (
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v4"
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
// 0600, and returns its path. It never overwrites a file.
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
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	if _, err := file.Write(b); err != nil {
		file.Close()
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	if err := file.Close(); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}
