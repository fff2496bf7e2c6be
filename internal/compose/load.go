package compose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// DefaultComposeFiles are looked for, in order, when no file is named: the
// original's docker-compose.yml, then the Compose Specification's names.
var defaultComposeFiles = []string{"docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml"}

// defaultOverrideFiles go with the default file when present.
var defaultOverrideFiles = map[string]string{
	"docker-compose.yml":  "docker-compose.override.yml",
	"docker-compose.yaml": "docker-compose.override.yaml",
	"compose.yaml":        "compose.override.yaml",
	"compose.yml":         "compose.override.yml",
}

// DefaultFiles returns the compose files to use in dir when none is named:
// the first default file that exists plus its override file when present.
func DefaultFiles(dir string) ([]string, error) {
	for _, name := range defaultComposeFiles {
		if !isFile(filepath.Join(dir, name)) {
			continue
		}
		files := []string{name}
		if o := defaultOverrideFiles[name]; isFile(filepath.Join(dir, o)) {
			files = append(files, o)
		}
		return files, nil
	}
	return nil, fmt.Errorf("no compose file found in %s (looked for %s); name one with --file", dir, strings.Join(defaultComposeFiles, ", "))
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// familyName is what ECS accepts as a task definition family.
var familyName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,255}$`)

// projectName picks the project name: the one given, else the base name of
// the first compose file's folder. A given name must be a valid family; a
// derived one has other characters replaced by "-" so any folder works.
func projectName(given, firstFile string) (string, error) {
	if given != "" {
		if !familyName.MatchString(given) {
			return "", fmt.Errorf("project name %q: a task definition family may hold only letters, digits, '-' and '_' (up to 255)", given)
		}
		return given, nil
	}
	base := filepath.Base(filepath.Dir(firstFile))
	name := strings.Trim(regexp.MustCompile(`[^a-zA-Z0-9_-]+`).ReplaceAllString(base, "-"), "-")
	if name == "" {
		return "", fmt.Errorf("cannot derive a project name from the folder %q; give one with --project-name", filepath.Dir(firstFile))
	}
	if len(name) > 255 {
		name = name[:255]
	}
	return name, nil
}

// loadProject loads and merges the compose files with compose-go, the loader
// docker compose uses: every compose version, extends, profiles, .env from the
// first file's folder, env_file, and ${VAR} interpolation from env.
// An explicit name is handed to compose-go normalised (it refuses upper
// case); "" lets it take the file's `name:` or the folder's name.
// Consistency checks are off because a volume may be declared in ecs-params
// instead of the compose file; the converter checks references itself.
func loadProject(ctx context.Context, files []string, env map[string]string, name string) (*types.Project, error) {
	environ := make([]string, 0, len(env))
	for k, v := range env {
		environ = append(environ, k+"="+v)
	}
	opts, err := cli.NewProjectOptions(files,
		cli.WithEnv(environ),
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithDefaultProfiles(),
		cli.WithName(loader.NormalizeProjectName(name)),
		cli.WithConsistency(false),
	)
	if err != nil {
		return nil, err
	}
	return opts.LoadProject(ctx)
}
