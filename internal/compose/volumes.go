package compose

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
)

// volumeTable allocates task volume names the way the original did: host
// paths get one generated name each (de-duplicated on the path), anonymous
// volumes get a fresh one every time, and named volumes keep their name.
// A generated name is "volume-<k>" where k counts the volumes known so far,
// declared named volumes included, so numbering matches the original's.
type volumeTable struct {
	hostName  map[string]string
	hostOrder []string
	named     []string // named and anonymous volumes, in allocation order
	known     map[string]bool
	declared  map[string]bool // compose top-level and ecs-params volumes
}

func newVolumeTable(declared []string, extra []string) *volumeTable {
	t := &volumeTable{hostName: map[string]string{}, known: map[string]bool{}, declared: map[string]bool{}}
	for _, n := range declared {
		t.addNamed(n)
	}
	for _, n := range extra {
		t.declared[n] = true
	}
	return t
}

func (t *volumeTable) addNamed(n string) {
	t.declared[n] = true
	if !t.known[n] {
		t.known[n] = true
		t.named = append(t.named, n)
	}
}

// generate returns the next free volume-<k>; it skips names a user declared
// (the original could collide with them).
func (t *volumeTable) generate() string {
	for k := len(t.hostOrder) + len(t.named); ; k++ {
		n := "volume-" + strconv.Itoa(k)
		if !t.known[n] && !t.declared[n] {
			t.known[n] = true
			return n
		}
	}
}

func (t *volumeTable) host(path string) string {
	if n, ok := t.hostName[path]; ok {
		return n
	}
	n := t.generate()
	t.hostName[path] = n
	t.hostOrder = append(t.hostOrder, path)
	return n
}

func (t *volumeTable) anonymous() string {
	n := t.generate()
	t.named = append(t.named, n)
	return n
}

// composeVolumeNames maps top-level compose volume keys (what services
// mount) to task volume names. The key names the task volume, except for an
// external volume: ECS gives it shared scope, and the agent finds a shared
// docker volume on the instance by the task volume's name, so that must be
// the docker volume's name (`name:`, which defaults to the key). Elsewhere
// ECS names the docker volume itself and a `name:` is ignored with a
// warning; so is it when ecs-params configures the volume by its key.
func (c *converter) composeVolumeNames(paramNames []string) (map[string]string, error) {
	inParams := map[string]bool{}
	for _, n := range paramNames {
		inParams[n] = true
	}
	out := map[string]string{}
	for _, key := range sortedKeys(c.project.Volumes) {
		v := c.project.Volumes[key]
		out[key] = key
		ext := bool(v.External)
		if v.Name == "" || v.Name == key || !ext && v.Name == c.project.Name+"_"+key {
			continue // compose-go's default name
		}
		switch {
		case ext && inParams[key]:
			c.warn("volumes.%s.name: %q ignored: ecs-params configures this volume as %q", key, v.Name, key)
		case ext:
			if !isFamilyName(v.Name) {
				return nil, fmt.Errorf("volumes.%s.name: %q: an external volume's task volume is named after its docker volume, and ECS volume names may hold only letters, digits, '-' and '_' (up to 255)", key, v.Name)
			}
			out[key] = v.Name
		default:
			c.warn("volumes.%s.name: %q ignored: ECS names the docker volume of a task itself (declare the volume external: true to use an existing docker volume by its name)", key, v.Name)
		}
	}
	// Renamed volumes must not take a name another volume keeps.
	owner := map[string]string{}
	for _, n := range paramNames {
		owner[n] = n
	}
	for key, n := range out {
		if n == key {
			owner[n] = key
		}
	}
	for _, key := range sortedKeys(out) {
		n := out[key]
		if n == key {
			continue
		}
		if o, taken := owner[n]; taken {
			return nil, fmt.Errorf("volumes.%s.name: %q: another task volume (%s) has this name; ECS needs distinct volume names", key, n, o)
		}
		owner[n] = key
	}
	return out, nil
}

// mounts converts a service's volumes into mount points; tmpfs mounts come
// back separately because ECS puts them under linuxParameters.
func (c *converter) mounts(svc string, vols []types.ServiceVolumeConfig) ([]ecstypes.MountPoint, []ecstypes.Tmpfs, error) {
	var mps []ecstypes.MountPoint
	var tmpfs []ecstypes.Tmpfs
	for i, v := range vols {
		field := fmt.Sprintf("services.%s.volumes[%d]", svc, i)
		var name string
		switch v.Type {
		case types.VolumeTypeBind:
			if c.launchType == "FARGATE" {
				return nil, nil, fmt.Errorf("%s: host path %s: FARGATE tasks cannot mount host paths; use a named volume or efs_volumes in ecs-params", field, v.Source)
			}
			name = c.vols.host(v.Source)
		case types.VolumeTypeVolume:
			if v.Source == "" {
				name = c.vols.anonymous()
				break
			}
			name = v.Source
			if n, ok := c.volNames[v.Source]; ok {
				name = n
			}
			if !c.vols.declared[name] {
				return nil, nil, fmt.Errorf("%s: named volume %q is used but not declared under the top-level volumes or in ecs-params docker_volumes/efs_volumes", field, v.Source)
			}
			if !c.vols.known[name] {
				c.vols.addNamed(name)
			}
		case types.VolumeTypeTmpfs:
			var size int64
			if v.Tmpfs != nil {
				size = int64(v.Tmpfs.Size)
			}
			m, err := toMiB(size)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: tmpfs %s: %w", field, v.Target, err)
			}
			if m == 0 {
				return nil, nil, fmt.Errorf("%s: tmpfs %s needs a size of at least 1 MiB (tmpfs: {size: 64m})", field, v.Target)
			}
			tmpfs = append(tmpfs, ecstypes.Tmpfs{ContainerPath: str(v.Target), Size: m})
			continue
		default:
			return nil, nil, fmt.Errorf("%s: volume type %q has no ECS equivalent (use bind, volume or tmpfs)", field, v.Type)
		}
		mps = append(mps, ecstypes.MountPoint{ContainerPath: str(v.Target), SourceVolume: str(name), ReadOnly: boolOrNil(v.ReadOnly)})
	}
	return mps, tmpfs, nil
}

// parseTmpfs reads a service-level tmpfs entry, "PATH:OPTIONS" where OPTIONS
// holds size=<n>[unit] and mount options.
func parseTmpfs(field, entry string) (ecstypes.Tmpfs, error) {
	path, opts, ok := strings.Cut(entry, ":")
	if !ok {
		return ecstypes.Tmpfs{}, fmt.Errorf("%s: %q: ECS needs a size: write PATH:size=64m[,options]", field, entry)
	}
	var size int64
	mountOpts := []string{}
	for _, o := range strings.Split(opts, ",") {
		if v, isSize := strings.CutPrefix(o, "size="); isSize {
			b, err := parseBytes(v)
			if err != nil {
				return ecstypes.Tmpfs{}, fmt.Errorf("%s: %w", field, err)
			}
			size = b
			continue
		}
		if o != "" {
			mountOpts = append(mountOpts, o)
		}
	}
	m, err := toMiB(size)
	if err != nil {
		return ecstypes.Tmpfs{}, fmt.Errorf("%s: %q: %w", field, entry, err)
	}
	if m == 0 {
		return ecstypes.Tmpfs{}, fmt.Errorf("%s: %q: the size option must be at least 1 MiB (e.g. size=64m)", field, entry)
	}
	t := ecstypes.Tmpfs{ContainerPath: str(path), Size: m}
	if len(mountOpts) > 0 {
		t.MountOptions = mountOpts
	}
	return t, nil
}

// taskVolumes emits the task's volumes: host volumes first, then named and
// anonymous ones, each with the docker or EFS configuration from ecs-params
// (EFS wins over docker, docker over a compose declaration).
func (c *converter) taskVolumes() ([]ecstypes.Volume, error) {
	var out []ecstypes.Volume
	for _, p := range c.vols.hostOrder {
		out = append(out, ecstypes.Volume{Name: str(c.vols.hostName[p]), Host: &ecstypes.HostVolumeProperties{SourcePath: str(p)}})
	}
	docker := map[string]*ecstypes.DockerVolumeConfiguration{}
	for name, v := range c.project.Volumes {
		if cfg := composeVolumeConfig(v); cfg != nil {
			docker[c.volNames[name]] = cfg
		}
	}
	for i, dv := range c.params.TaskDefinition.DockerVolumes {
		cfg := &ecstypes.DockerVolumeConfiguration{Autoprovision: dv.Autoprovision}
		if dv.Scope != "" {
			if dv.Scope != "shared" && dv.Scope != "task" {
				return nil, fmt.Errorf("%s: task_definition.docker_volumes[%d].scope: %q must be shared or task", c.paramsName, i, dv.Scope)
			}
			cfg.Scope = ecstypes.Scope(dv.Scope)
		}
		if dv.Autoprovision != nil && *dv.Autoprovision && dv.Scope != "shared" {
			return nil, fmt.Errorf("%s: task_definition.docker_volumes[%d].autoprovision: only valid with scope: shared", c.paramsName, i)
		}
		cfg.Driver = strOrNil(dv.Driver)
		cfg.DriverOpts = mapOrNil(dv.DriverOpts)
		cfg.Labels = mapOrNil(dv.Labels)
		docker[dv.Name] = cfg
		if !c.vols.known[dv.Name] {
			c.vols.addNamed(dv.Name)
		}
	}
	efs := map[string]*ecstypes.EFSVolumeConfiguration{}
	for i, ev := range c.params.TaskDefinition.EFSVolumes {
		cfg, err := efsConfig(ev)
		if err != nil {
			return nil, fmt.Errorf("%s: task_definition.efs_volumes[%d].%w", c.paramsName, i, err)
		}
		efs[ev.Name] = cfg
		if !c.vols.known[ev.Name] {
			c.vols.addNamed(ev.Name)
		}
	}
	for _, n := range c.vols.named {
		v := ecstypes.Volume{Name: str(n)}
		if e, ok := efs[n]; ok {
			v.EfsVolumeConfiguration = e
		} else if d, ok := docker[n]; ok {
			v.DockerVolumeConfiguration = d
		}
		out = append(out, v)
	}
	return out, nil
}

// composeVolumeConfig maps a top-level compose volume's driver, options and
// labels to a docker volume configuration (the original refused them). An
// external volume already exists on the host: shared scope, no autoprovision.
func composeVolumeConfig(v types.VolumeConfig) *ecstypes.DockerVolumeConfiguration {
	ext := bool(v.External)
	if v.Driver == "" && len(v.DriverOpts) == 0 && len(v.Labels) == 0 && !ext {
		return nil
	}
	cfg := &ecstypes.DockerVolumeConfiguration{
		Driver:     strOrNil(v.Driver),
		DriverOpts: mapOrNil(v.DriverOpts),
		Labels:     mapOrNil(v.Labels),
	}
	if ext {
		no := false
		cfg.Scope = ecstypes.ScopeShared
		cfg.Autoprovision = &no
	}
	return cfg
}

func efsConfig(ev EFSVolume) (*ecstypes.EFSVolumeConfiguration, error) {
	if ev.FileSystemID == "" {
		return nil, fmt.Errorf("filesystem_id: required for an EFS volume")
	}
	if ev.TransitEncryptionPort != 0 {
		if err := bounds.Port.Check(ev.TransitEncryptionPort); err != nil {
			return nil, fmt.Errorf("transit_encryption_port: %w", err)
		}
	}
	cfg := &ecstypes.EFSVolumeConfiguration{
		FileSystemId:          str(ev.FileSystemID),
		RootDirectory:         strOrNil(ev.RootDirectory),
		AuthorizationConfig:   &ecstypes.EFSAuthorizationConfig{},
		TransitEncryptionPort: ptrIfNonZero(int32(ev.TransitEncryptionPort)), // checked above
	}
	switch te := strings.ToUpper(ev.TransitEncryption); te {
	case "":
	case "ENABLED", "DISABLED":
		cfg.TransitEncryption = ecstypes.EFSTransitEncryption(te)
	default:
		return nil, fmt.Errorf("transit_encryption: %q must be ENABLED or DISABLED", ev.TransitEncryption)
	}
	switch iam := strings.ToUpper(ev.IAM); iam {
	case "":
	case "ENABLED", "DISABLED":
		cfg.AuthorizationConfig.Iam = ecstypes.EFSAuthorizationConfigIAM(iam)
	default:
		return nil, fmt.Errorf("iam: %q must be ENABLED or DISABLED", ev.IAM)
	}
	cfg.AuthorizationConfig.AccessPointId = strOrNil(ev.AccessPoint)
	needsTLS := cfg.AuthorizationConfig.Iam == ecstypes.EFSAuthorizationConfigIAMEnabled || ev.AccessPoint != ""
	if needsTLS && cfg.TransitEncryption != ecstypes.EFSTransitEncryptionEnabled {
		return nil, fmt.Errorf("transit_encryption: must be ENABLED when iam is ENABLED or an access_point is given")
	}
	if cfg.AuthorizationConfig.Iam == "" && cfg.AuthorizationConfig.AccessPointId == nil {
		cfg.AuthorizationConfig = nil
	}
	return cfg, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
