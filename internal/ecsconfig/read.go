package ecsconfig

import (
	"os"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// ReadConfigFile reads a file under ~/.ecs as os.ReadFile does (its open
// errors are os.Open's), but at most limits.Config bytes of text: a config
// file replaced by something huge or binary is refused (exit 2) by name.
func ReadConfigFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := limits.CheckSize(f, path, limits.Config); err != nil {
		return nil, err
	}
	return limits.ReadAll(f, path, limits.Config, limits.Text)
}
