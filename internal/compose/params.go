package compose

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
	"go.yaml.in/yaml/v3"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
	"github.com/ecs-toolkit/ecs-toolkit/internal/yamlerr"
)

// EcsParams is the ecs-params.yml file (schema version 1).
type EcsParams struct {
	Version        scalarString   `yaml:"version"`
	TaskDefinition TaskDefParams  `yaml:"task_definition"`
	RunParams      RunParamsInput `yaml:"run_params"`
}

// TaskDefParams is ecs-params task_definition.
type TaskDefParams struct {
	NetworkMode          string                    `yaml:"ecs_network_mode"`
	TaskRoleArn          string                    `yaml:"task_role_arn"`
	ExecutionRole        string                    `yaml:"task_execution_role"`
	TaskSize             TaskSize                  `yaml:"task_size"`
	PidMode              string                    `yaml:"pid_mode"`
	IpcMode              string                    `yaml:"ipc_mode"`
	Services             map[string]*ServiceParams `yaml:"services"`
	DockerVolumes        []DockerVolume            `yaml:"docker_volumes"`
	EFSVolumes           []EFSVolume               `yaml:"efs_volumes"`
	PlacementConstraints []Constraint              `yaml:"placement_constraints"`
}

// TaskSize is passed to ECS as written (ECS parses "2GB" and "1 vCPU").
type TaskSize struct {
	Cpu    scalarString `yaml:"cpu_limit"`
	Memory scalarString `yaml:"mem_limit"`
}

// ServiceParams is one entry of task_definition.services.
type ServiceParams struct {
	Essential             *bool `yaml:"essential"`
	RepositoryCredentials struct {
		CredentialsParameter string `yaml:"credentials_parameter"`
	} `yaml:"repository_credentials"`
	CpuShares          int64              `yaml:"cpu_shares"`
	MemLimit           byteSize           `yaml:"mem_limit"`
	MemReservation     byteSize           `yaml:"mem_reservation"`
	GPU                scalarString       `yaml:"gpu"`
	InitProcessEnabled bool               `yaml:"init_process_enabled"`
	HealthCheck        *HealthCheckParams `yaml:"healthcheck"`
	Logging            struct {
		SecretOptions []NameValueFrom `yaml:"secret_options"`
	} `yaml:"logging"`
	Secrets               []NameValueFrom   `yaml:"secrets"`
	FirelensConfiguration *FirelensParams   `yaml:"firelens_configuration"`
	DependsOn             []DependsOnParams `yaml:"depends_on"`
}

// HealthCheckParams is ecs-params services.<name>.healthcheck.
type HealthCheckParams struct {
	Test        stringOrList `yaml:"test"`
	Command     stringOrList `yaml:"command"`
	Interval    scalarString `yaml:"interval"`
	Timeout     scalarString `yaml:"timeout"`
	Retries     *int64       `yaml:"retries"`
	StartPeriod scalarString `yaml:"start_period"`
}

// NameValueFrom is a secret reference.
type NameValueFrom struct {
	Name      string `yaml:"name"`
	ValueFrom string `yaml:"value_from"`
}

// FirelensParams is firelens_configuration.
type FirelensParams struct {
	Type    string            `yaml:"type"`
	Options map[string]string `yaml:"options"`
}

// DependsOnParams is one depends_on entry.
type DependsOnParams struct {
	ContainerName string `yaml:"container_name"`
	Condition     string `yaml:"condition"`
}

// DockerVolume is one docker_volumes entry.
type DockerVolume struct {
	Name          string            `yaml:"name"`
	Scope         string            `yaml:"scope"`
	Autoprovision *bool             `yaml:"autoprovision"`
	Driver        string            `yaml:"driver"`
	DriverOpts    map[string]string `yaml:"driver_opts"`
	Labels        map[string]string `yaml:"labels"`
}

// EFSVolume is one efs_volumes entry.
type EFSVolume struct {
	Name                  string `yaml:"name"`
	FileSystemID          string `yaml:"filesystem_id"`
	RootDirectory         string `yaml:"root_directory"`
	TransitEncryption     string `yaml:"transit_encryption"`
	TransitEncryptionPort int64  `yaml:"transit_encryption_port"`
	AccessPoint           string `yaml:"access_point"`
	IAM                   string `yaml:"iam"`
}

// Constraint is a placement constraint.
type Constraint struct {
	Type       string `yaml:"type"`
	Expression string `yaml:"expression"`
}

// Strategy is a placement strategy.
type Strategy struct {
	Type  string `yaml:"type"`
	Field string `yaml:"field"`
}

// RunParamsInput is ecs-params run_params.
type RunParamsInput struct {
	NetworkConfiguration struct {
		AwsvpcConfiguration struct {
			Subnets        []string `yaml:"subnets"`
			SecurityGroups []string `yaml:"security_groups"`
			AssignPublicIP string   `yaml:"assign_public_ip"`
		} `yaml:"awsvpc_configuration"`
	} `yaml:"network_configuration"`
	TaskPlacement struct {
		Strategy    []Strategy   `yaml:"strategy"`
		Constraints []Constraint `yaml:"constraints"`
	} `yaml:"task_placement"`
	ServiceDiscovery *ServiceDiscoveryParams `yaml:"service_discovery"`
}

// ServiceDiscoveryParams is run_params.service_discovery.
type ServiceDiscoveryParams struct {
	ContainerName       string `yaml:"container_name"`
	ContainerPort       *int64 `yaml:"container_port"`
	PrivateDNSNamespace *struct {
		ID          string `yaml:"id"`
		Name        string `yaml:"name"`
		VPC         string `yaml:"vpc"`
		Description string `yaml:"description"`
	} `yaml:"private_dns_namespace"`
	PublicDNSNamespace *struct {
		ID   string `yaml:"id"`
		Name string `yaml:"name"`
	} `yaml:"public_dns_namespace"`
	ServiceDiscoveryService *struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
		DNSConfig   *struct {
			Type string `yaml:"type"`
			TTL  *int64 `yaml:"ttl"`
		} `yaml:"dns_config"`
		HealthcheckCustomConfig *struct {
			FailureThreshold *int64 `yaml:"failure_threshold"`
		} `yaml:"healthcheck_custom_config"`
	} `yaml:"service_discovery_service"`
}

// stringOrList is a YAML string or list of strings; isList tells which.
type stringOrList struct {
	set    bool
	isList bool
	items  []string
}

func (s *stringOrList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		*s = stringOrList{set: true, items: []string{n.Value}}
		return nil
	case yaml.SequenceNode:
		var items []string
		if err := n.Decode(&items); err != nil {
			return err
		}
		*s = stringOrList{set: true, isList: true, items: items}
		return nil
	}
	return fmt.Errorf("line %d: expected a string or a list of strings, got a %s", n.Line, kindName(n))
}

// ReadEcsParams parses ecs-params text. name is the file name used in errors.
// ${VAR}, ${VAR:-default} and $$ are interpolated from env in values (not in
// the YAML text, so a value cannot inject YAML). Unknown keys are errors.
func ReadEcsParams(r io.Reader, name string, env map[string]string) (*EcsParams, error) {
	data, err := limits.ReadAll(r, name, limits.EcsParams, limits.Text)
	if err != nil {
		return nil, err
	}
	p := &EcsParams{}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, cleanYAMLError(err, nil))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return p, nil // an empty file is fine, as in the original
	}
	doc := root.Content[0]
	if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
		return p, nil
	}
	if err := interpolateNode(doc, env); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := checkKnownFields(doc, reflect.TypeOf(p).Elem(), ""); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := checkParamIntegers(doc, reflect.TypeOf(p).Elem(), ""); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := doc.Decode(p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, cleanYAMLError(err, &root))
	}
	if v := string(p.Version); v != "" && v != "1" && v != "1.0" {
		return nil, fmt.Errorf("%s: version: unsupported ecs-params version %q (only version 1 exists)", name, v)
	}
	if err := checkChoices(doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return p, nil
}

// choices are the ecs-params values ECS accepts from a fixed list; another
// value would only fail at registration (the original passed them through).
var choices = []struct {
	path    []string
	allowed []string
}{
	{[]string{"task_definition", "pid_mode"}, []string{"host", "task"}},
	{[]string{"task_definition", "ipc_mode"}, []string{"host", "task", "none"}},
}

// checkChoices refuses a value outside its list, naming its line and key.
// An empty value means unset.
func checkChoices(doc *yaml.Node) error {
	for _, ch := range choices {
		n := lookupNode(doc, ch.path)
		if n == nil || n.Kind != yaml.ScalarNode || n.Value == "" || n.Tag == "!!null" {
			continue
		}
		ok := false
		for _, a := range ch.allowed {
			ok = ok || n.Value == a
		}
		if !ok {
			return fmt.Errorf("line %d: %s: %q must be %s", n.Line, strings.Join(ch.path, "."), n.Value, orList(ch.allowed))
		}
	}
	return nil
}

// lookupNode follows mapping keys from n; nil when a key is absent.
func lookupNode(n *yaml.Node, path []string) *yaml.Node {
	for _, key := range path {
		if n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}

// orList writes "a or b", "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// interpolateNode substitutes variables in every scalar value (never in keys).
func interpolateNode(n *yaml.Node, env map[string]string) error {
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	var walk func(n *yaml.Node, isKey bool) error
	walk = func(n *yaml.Node, isKey bool) error {
		switch n.Kind {
		case yaml.ScalarNode:
			if isKey || !strings.Contains(n.Value, "$") {
				return nil
			}
			v, err := template.Substitute(n.Value, lookup)
			if err != nil {
				return fmt.Errorf("line %d: interpolating %q: %w", n.Line, n.Value, err)
			}
			n.Value = v
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if err := walk(n.Content[i+1], false); err != nil {
					return err
				}
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				if err := walk(c, false); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(n, false)
}

// checkKnownFields reports the first mapping key that the schema type t does
// not have, with its line and dotted path, so a misspelled key is an error
// instead of silently doing nothing (the original ignored it).
func checkKnownFields(n *yaml.Node, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		if t.Kind() == reflect.Slice {
			if n.Kind == yaml.SequenceNode {
				for i, c := range n.Content {
					if err := checkKnownFields(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
						return err
					}
				}
				return nil
			}
		}
		t = t.Elem()
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	switch t.Kind() {
	case reflect.Map:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkKnownFields(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Struct:
	default:
		return nil
	}
	if reflect.PointerTo(t).Implements(reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()) {
		return nil
	}
	fields := map[string]reflect.Type{}
	var known []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			fields[tag] = t.Field(i).Type
			known = append(known, tag)
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ft, ok := fields[k.Value]
		if !ok {
			return fmt.Errorf("line %d: %s: unknown field (known fields here: %s)", k.Line, join(path, k.Value), strings.Join(known, ", "))
		}
		if err := checkKnownFields(n.Content[i+1], ft, join(path, k.Value)); err != nil {
			return err
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// cleanYAMLError puts yaml's errors in user words: one line, the key path
// at the line, what the key should hold instead of a Go type name.
func cleanYAMLError(err error, root *yaml.Node) error {
	return yamlerr.Clean(err, yamlerr.Options{Root: root})
}

// parseEcsParamsBytes is ReadEcsParams over a byte slice (tests, fuzzing).
func parseEcsParamsBytes(b []byte, env map[string]string) (*EcsParams, error) {
	return ReadEcsParams(bytes.NewReader(b), "ecs-params.yml", env)
}
