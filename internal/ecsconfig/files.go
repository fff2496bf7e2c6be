package ecsconfig

//lint:file-ignore ST1005 the original ECS CLI's messages, kept word for word (spec §2)

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"go.yaml.in/yaml/v4"

	"github.com/ecs-toolkit/ecs-toolkit/internal/atomicfile"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/yamlerr"
)

// Version is what the original writes as the files' version.
const Version = "v1"

// Cluster is one cluster configuration of ~/.ecs/config.
type Cluster struct {
	Cluster                  string `yaml:"cluster"`
	Region                   string `yaml:"region"`
	ComposeServiceNamePrefix string `yaml:"compose-service-name-prefix"` // omitted when empty
	CFNStackName             string `yaml:"cfn-stack-name"`              // omitted when empty
	DefaultLaunchType        string `yaml:"default_launch_type"`         // always written
}

// ClusterConfig is ~/.ecs/config: the cluster configurations by name.
type ClusterConfig struct {
	Version  string             `yaml:"version"`
	Default  string             `yaml:"default"`
	Clusters map[string]Cluster `yaml:"clusters"`
}

// Profile is one ECS profile of ~/.ecs/credentials.
type Profile struct {
	AccessKey    string `yaml:"aws_access_key_id"`
	SecretKey    string `yaml:"aws_secret_access_key"`
	SessionToken string `yaml:"aws_session_token"` // omitted when empty
}

// ProfileConfig is ~/.ecs/credentials: the ECS profiles by name.
type ProfileConfig struct {
	Version  string             `yaml:"version"`
	Default  string             `yaml:"default"`
	Profiles map[string]Profile `yaml:"ecs_profiles"`
}

// Encode returns the file as the original writes it.
func (c *ClusterConfig) Encode() ([]byte, error) {
	var kv []*yaml.Node
	for _, name := range sortedKeys(c.Clusters) {
		cl := c.Clusters[name]
		fields := []*yaml.Node{scalar("cluster"), scalar(cl.Cluster), scalar("region"), scalar(cl.Region)}
		if cl.ComposeServiceNamePrefix != "" {
			fields = append(fields, scalar("compose-service-name-prefix"), scalar(cl.ComposeServiceNamePrefix))
		}
		if cl.CFNStackName != "" {
			fields = append(fields, scalar("cfn-stack-name"), scalar(cl.CFNStackName))
		}
		fields = append(fields, scalar("default_launch_type"), scalar(cl.DefaultLaunchType))
		kv = append(kv, scalar(name), mapping(fields...))
	}
	return encode(mapping(
		scalar("version"), scalar(c.Version),
		scalar("default"), scalar(c.Default),
		scalar("clusters"), mapping(kv...),
	))
}

// Encode returns the file as the original writes it.
func (c *ProfileConfig) Encode() ([]byte, error) {
	var kv []*yaml.Node
	for _, name := range sortedKeys(c.Profiles) {
		p := c.Profiles[name]
		fields := []*yaml.Node{scalar("aws_access_key_id"), scalar(p.AccessKey), scalar("aws_secret_access_key"), scalar(p.SecretKey)}
		if p.SessionToken != "" {
			fields = append(fields, scalar("aws_session_token"), scalar(p.SessionToken))
		}
		kv = append(kv, scalar(name), mapping(fields...))
	}
	return encode(mapping(
		scalar("version"), scalar(c.Version),
		scalar("default"), scalar(c.Default),
		scalar("ecs_profiles"), mapping(kv...),
	))
}

// DecodeClusterConfig parses the content of ~/.ecs/config.
func DecodeClusterConfig(data []byte) (*ClusterConfig, error) {
	var c ClusterConfig
	if err := decode(data, &c); err != nil {
		return nil, yamlerr.Clean(err, yamlerr.Options{})
	}
	if c.Clusters == nil {
		c.Clusters = map[string]Cluster{}
	}
	return &c, nil
}

// DecodeProfileConfig parses the content of ~/.ecs/credentials. Its errors
// never quote the file: it holds secrets.
func DecodeProfileConfig(data []byte) (*ProfileConfig, error) {
	var c ProfileConfig
	if err := decode(data, &c); err != nil {
		return nil, redact(err)
	}
	if c.Profiles == nil {
		c.Profiles = map[string]Profile{}
	}
	return &c, nil
}

// redact drops the file's text from a YAML error: "cannot construct !!str
// `AKIA...` into ..." becomes "expected ..., found a string".
func redact(err error) error {
	return yamlerr.Clean(err, yamlerr.Options{HideValues: true})
}

// Store is the ECS CLI's directory of files under a home directory:
// ~/.ecs, or %USERPROFILE%\AppData\local\ecs on Windows. An empty Home is
// the original's "home directory not found".
type Store struct{ Home string }

// Home returns the home directory as the original found it: HOME, else
// USERPROFILE; "" when neither is set.
func Home(getenv func(string) string) string {
	if h := getenv("HOME"); h != "" {
		return h
	}
	return getenv("USERPROFILE")
}

// ErrNoHome is the original's error when no home directory is set (exit 2).
var ErrNoHome = exitcode.AsUsage(errors.New("Error finding Home directory to store config file: user home directory not found"))

// Dir is the directory both files live in.
func (s Store) Dir() string {
	if runtime.GOOS == "windows" {
		return filepath.Join(s.Home, "AppData", "local", "ecs")
	}
	return filepath.Join(s.Home, ".ecs")
}

// ConfigPath is the cluster configurations file, ~/.ecs/config.
func (s Store) ConfigPath() string { return filepath.Join(s.Dir(), "config") }

// CredentialsPath is the ECS profiles file, ~/.ecs/credentials.
func (s Store) CredentialsPath() string { return filepath.Join(s.Dir(), "credentials") }

// ReadClusters reads ~/.ecs/config. Errors are bad input (exit 2).
func (s Store) ReadClusters() (*ClusterConfig, error) {
	if s.Home == "" {
		return nil, ErrNoHome
	}
	data, err := readFile(s.ConfigPath())
	if err != nil {
		return nil, err
	}
	c, err := DecodeClusterConfig(data)
	if err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("Failed to parse yaml file: %s: %w", s.ConfigPath(), err))
	}
	return c, nil
}

// ReadProfiles reads ~/.ecs/credentials. Errors are bad input (exit 2).
func (s Store) ReadProfiles() (*ProfileConfig, error) {
	if s.Home == "" {
		return nil, ErrNoHome
	}
	data, err := readFile(s.CredentialsPath())
	if err != nil {
		return nil, err
	}
	c, err := DecodeProfileConfig(data)
	if err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("Failed to parse yaml file: %s: %w", s.CredentialsPath(), err))
	}
	return c, nil
}

func readFile(path string) ([]byte, error) {
	data, err := ReadConfigFile(path)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, exitcode.AsUsage(fmt.Errorf("Failed to read config file: %s: %w", path, err))
	}
	return data, err // nil, or a limit's refusal naming path
}

// SaveCluster stores c as cluster configuration name, replacing one of that
// name. A config file that does not parse (a legacy INI file, say) is an
// error and stays as it is; the original replaced it by a new file holding
// only c. The only configuration becomes the default.
func (s Store) SaveCluster(name string, c Cluster) error {
	mode, err := s.dirMode()
	if err != nil {
		return err
	}
	cfg := &ClusterConfig{Version: Version, Clusters: map[string]Cluster{}}
	data, err := ReadConfigFile(s.ConfigPath())
	var pe *fs.PathError
	switch {
	case err == nil:
		if cfg, err = DecodeClusterConfig(data); err != nil {
			return unparseableConfig(s.ConfigPath(), data, err)
		}
	case !errors.As(err, &pe):
		return err // a limit's refusal, naming the file
	case !errors.Is(err, fs.ErrNotExist):
		return exitcode.AsUsage(fmt.Errorf("Failed to read config file: %s: %w", s.ConfigPath(), err))
	}
	return s.writeClusters(cfg, name, c, mode)
}

// ReplaceClusters writes a config file holding only c, named name, over
// whatever is there: for configure migrate, once it has read the legacy
// file it replaces.
func (s Store) ReplaceClusters(name string, c Cluster) error {
	mode, err := s.dirMode()
	if err != nil {
		return err
	}
	return s.writeClusters(&ClusterConfig{Version: Version, Clusters: map[string]Cluster{}}, name, c, mode)
}

// unparseableConfig is the refusal to save over a config file that does not
// parse, with the way out for a legacy one.
func unparseableConfig(path string, data []byte, err error) error {
	if IsLegacy(data) {
		return exitcode.Usagef("%s is a legacy INI configuration file; convert it with 'ecs-cli configure migrate' first (the file was left as it is)", path)
	}
	return exitcode.Usagef("%s cannot be read as a cluster configuration file: %v; fix or remove it (the file was left as it is)", path, err)
}

func (s Store) writeClusters(cfg *ClusterConfig, name string, c Cluster, mode fs.FileMode) error {
	cfg.Clusters[name] = c
	if len(cfg.Clusters) == 1 {
		cfg.Default = name
	}
	data, err := cfg.Encode()
	if err != nil {
		return err
	}
	return s.write(s.ConfigPath(), data, mode)
}

// SaveProfile stores p as ECS profile name, replacing one of that name. An
// existing credentials file must parse. The only profile becomes the
// default.
func (s Store) SaveProfile(name string, p Profile) error {
	mode, err := s.dirMode()
	if err != nil {
		return err
	}
	cfg := &ProfileConfig{Version: Version, Profiles: map[string]Profile{}}
	// Only a file that is not there starts afresh: one we cannot read
	// (permissions) is an error, never replaced.
	if _, err := os.Lstat(s.CredentialsPath()); !errors.Is(err, fs.ErrNotExist) {
		if cfg, err = s.ReadProfiles(); err != nil {
			return err
		}
	}
	cfg.Profiles[name] = p
	if len(cfg.Profiles) == 1 {
		cfg.Default = name
	}
	data, err := cfg.Encode()
	if err != nil {
		return err
	}
	return s.write(s.CredentialsPath(), data, mode)
}

// SetDefaultCluster makes the existing cluster configuration name the
// default.
func (s Store) SetDefaultCluster(name string) error {
	mode, err := s.dirMode()
	if err != nil {
		return err
	}
	cfg, err := s.ReadClusters()
	if err != nil {
		return err
	}
	if _, ok := cfg.Clusters[name]; !ok {
		return notDefined(name)
	}
	cfg.Default = name
	data, err := cfg.Encode()
	if err != nil {
		return err
	}
	return s.write(s.ConfigPath(), data, mode)
}

// SetDefaultProfile makes the existing ECS profile name the default.
func (s Store) SetDefaultProfile(name string) error {
	mode, err := s.dirMode()
	if err != nil {
		return err
	}
	cfg, err := s.ReadProfiles()
	if err != nil {
		return err
	}
	if _, ok := cfg.Profiles[name]; !ok {
		return notDefined(name)
	}
	cfg.Default = name
	data, err := cfg.Encode()
	if err != nil {
		return err
	}
	return s.write(s.CredentialsPath(), data, mode)
}

// notDefined is the original's message for both files, "profile" and
// trailing space included.
func notDefined(name string) error {
	return exitcode.Usagef("%s must be defined as a profile before it can be set as default. ", name)
}

// Check reports what the original reported before touching its files:
// that there is no home directory, or that it can't be read.
func (s Store) Check() error {
	_, err := s.dirMode()
	return err
}

// fileMode is the mode of both files: they may hold credentials.
const fileMode fs.FileMode = 0o600

// dirMode returns the home directory's permission bits, which the original
// gave the directory it creates. Like the original, every change starts by
// finding them.
func (s Store) dirMode() (fs.FileMode, error) {
	if s.Home == "" {
		return 0, ErrNoHome
	}
	info, err := os.Stat(s.Home)
	if err != nil {
		return 0, fmt.Errorf("Error getting Home directory permissions for config file: %w", err)
	}
	return info.Mode().Perm(), nil
}

// write replaces the file at path with data, mode 0600, creating the
// directory with mode dir. The replacement is atomic: a crash leaves the
// old file or the new one, and the new one is never readable by others.
func (s Store) write(path string, data []byte, dir fs.FileMode) error {
	if err := os.MkdirAll(s.Dir(), dir); err != nil {
		return err
	}
	return atomicfile.Write(path, data, fileMode)
}
