package compose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	composedotenv "github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
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

// isFamilyName reports whether ECS accepts s as a task definition family.
// (A regexp with {1,255} would compile 255 copies at start-up.)
func isFamilyName(s string) bool {
	if len(s) == 0 || len(s) > 255 {
		return false
	}
	for _, r := range s {
		if !isNameRune(r) {
			return false
		}
	}
	return true
}

func isNameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// projectName picks the project name: the one given, else the base name of
// the first compose file's folder. A given name must be a valid family; a
// derived one has other characters replaced by "-" so any folder works.
func projectName(given, firstFile string) (string, error) {
	if given != "" {
		if !isFamilyName(given) {
			return "", fmt.Errorf("project name %q: a task definition family may hold only letters, digits, '-' and '_' (up to 255)", given)
		}
		return given, nil
	}
	base := filepath.Base(filepath.Dir(firstFile))
	name := strings.Trim(strings.Join(strings.FieldsFunc(base, func(r rune) bool { return !isNameRune(r) }), "-"), "-")
	if name == "" {
		return "", fmt.Errorf("cannot derive a project name from the folder %q; give one with --project-name", filepath.Dir(firstFile))
	}
	if len(name) > 255 {
		name = name[:255]
	}
	return name, nil
}

// loadProject loads and merges the compose files with compose-go, the loader
// docker compose uses: every compose version, extends, profiles
// (COMPOSE_PROFILES), .env from the first file's folder, env_file, and
// ${VAR} interpolation from env. name is the project name, explicit when the
// user gave it; otherwise a top-level `name:` in the files may replace it.
// Consistency checks are off because a volume may be declared in ecs-params
// instead of the compose file; the converter checks references itself.
func loadProject(ctx context.Context, files []string, env map[string]string, name string, explicit bool) (*types.Project, error) {
	details := types.ConfigDetails{WorkingDir: filepath.Dir(files[0]), Environment: types.Mapping{}}
	for k, v := range env {
		details.Environment[k] = v
	}
	if dotenv := filepath.Join(details.WorkingDir, ".env"); isFile(dotenv) {
		if err := checkSideFile(dotenv, ".env"); err != nil {
			return nil, err
		}
		vars, err := composedotenv.GetEnvFromFile(details.Environment, []string{dotenv})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", dotenv, err)
		}
		details.Environment.Merge(vars) // the process environment wins over .env
	}
	refs := &refChecker{env: details.Environment, seen: map[string]bool{}}
	for _, f := range files {
		content, err := limits.ReadFile(f, f, limits.Compose, limits.Text)
		if err != nil {
			return nil, err
		}
		docs, err := yamlDocuments(content, f)
		if err != nil {
			return nil, err
		}
		// Paths in every compose file are relative to the first one's folder.
		if err := refs.check(docs, details.WorkingDir); err != nil {
			return nil, err
		}
		if content, err = wrapVersion1(content); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if err := checkPorts(content); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if err := checkByteSizes(content); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: f, Content: content})
	}
	var profiles []string
	for _, p := range strings.Split(details.Environment["COMPOSE_PROFILES"], ",") {
		if p = strings.TrimSpace(p); p != "" {
			profiles = append(profiles, p)
		}
	}
	project, err := loader.LoadWithContext(ctx, details, func(o *loader.Options) {
		o.SetProjectName(loader.NormalizeProjectName(name), explicit)
		o.Profiles = profiles
		o.SkipConsistencyCheck = true
		// Resolved below, once the files are checked.
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
	})
	if err != nil {
		return nil, err
	}
	if err := checkEnvFiles(project); err != nil {
		return nil, err
	}
	if project, err = project.WithServicesEnvironmentResolved(false); err != nil {
		return nil, err
	}
	return project.WithServicesLabelsResolved(false)
}

// topLevelKeys are the Compose Specification's top-level keys; a file that has
// none of them (and no version) is the version 1 format, where services sit
// at the top level.
var topLevelKeys = map[string]bool{"version": true, "services": true, "volumes": true, "networks": true,
	"secrets": true, "configs": true, "name": true, "include": true, "models": true}

// wrapVersion1 turns a version 1 file into the Compose Specification's shape
// by moving its services under `services:`, so compose-go can read it.
func wrapVersion1(content []byte) ([]byte, error) {
	var top map[string]any
	if err := yaml.Unmarshal(content, &top); err != nil || len(top) == 0 {
		return content, nil // compose-go reports syntax errors with their lines
	}
	for k := range top {
		if topLevelKeys[k] || strings.HasPrefix(k, "x-") {
			return content, nil
		}
	}
	for name, v := range top {
		if svc, ok := v.(map[string]any); ok {
			top[name] = version1Service(svc)
		}
	}
	return yaml.Marshal(map[string]any{"services": top})
}

// version1Service renames the keys version 1 had and later versions replaced.
func version1Service(svc map[string]any) map[string]any {
	if d, ok := svc["log_driver"]; ok {
		logging := map[string]any{"driver": d}
		if o, ok := svc["log_opt"]; ok {
			logging["options"] = o
		}
		svc["logging"] = logging
		delete(svc, "log_driver")
		delete(svc, "log_opt")
	}
	if n, ok := svc["net"]; ok {
		svc["network_mode"] = n
		delete(svc, "net")
	}
	if df, ok := svc["dockerfile"]; ok {
		if ctx, isString := svc["build"].(string); isString {
			svc["build"] = map[string]any{"context": ctx, "dockerfile": df}
			delete(svc, "dockerfile")
		}
	}
	return svc
}

// checkPorts parses each short-syntax port entry before compose-go does, so
// a bad one is reported with its service and index (compose-go's message
// names neither). Entries with variables are left to compose-go.
func checkPorts(content []byte) error {
	var file struct {
		Services map[string]struct {
			Ports []any `yaml:"ports"`
		} `yaml:"services"`
	}
	if yaml.Unmarshal(content, &file) != nil {
		return nil // not this check's business: compose-go reports it
	}
	for _, name := range sortedKeys(file.Services) {
		for i, p := range file.Services[name].Ports {
			s, ok := p.(string)
			if !ok || strings.Contains(s, "$") {
				continue
			}
			if _, err := types.ParsePortConfig(s); err != nil {
				return fmt.Errorf("services.%s.ports[%d]: %q: %w", name, i, s, err)
			}
		}
	}
	return nil
}
