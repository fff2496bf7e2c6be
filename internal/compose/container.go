package compose

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
)

// maxStopTimeout is the longest stopTimeout ECS takes, in seconds.
const maxStopTimeout = 120

// container converts one compose service (with its ecs-params entry, which may
// be nil) into a container definition. Resources, essential and dependsOn are
// settled later, at task level, because they depend on other containers.
func (c *converter) container(svc types.ServiceConfig, p *ServiceParams) (ecstypes.ContainerDefinition, error) {
	name := svc.Name
	f := func(key string) string { return "services." + name + "." + key }
	cd := ecstypes.ContainerDefinition{
		Name:                   str(name),
		Image:                  str(svc.Image),
		Command:                listOrNil(svc.Command),
		EntryPoint:             listOrNil(svc.Entrypoint),
		Environment:            environment(svc.Environment),
		DnsServers:             listOrNil(svc.DNS),
		DnsSearchDomains:       listOrNil(svc.DNSSearch),
		DockerSecurityOptions:  listOrNil(svc.SecurityOpt),
		DockerLabels:           mapOrNil(svc.Labels),
		Hostname:               strOrNil(svc.Hostname),
		User:                   strOrNil(svc.User),
		WorkingDirectory:       strOrNil(svc.WorkingDir),
		Privileged:             boolOrNil(svc.Privileged),
		ReadonlyRootFilesystem: boolOrNil(svc.ReadOnly),
		PseudoTerminal:         boolOrNil(svc.Tty),
		Interactive:            boolOrNil(svc.StdinOpen),
	}
	if svc.Image == "" {
		cd.Image = str(c.builtImageName(name))
	}
	if s := wholeSeconds(svc.StopGracePeriod); s != nil {
		switch {
		case *s < 0:
			return cd, fmt.Errorf("%s: %s is negative; ECS waits 0 to %d seconds before it kills a container", f("stop_grace_period"), time.Duration(*svc.StopGracePeriod), maxStopTimeout)
		case *s > maxStopTimeout:
			return cd, fmt.Errorf("%s: %ds is more than ECS allows (%d seconds)", f("stop_grace_period"), *s, maxStopTimeout)
		}
		cd.StopTimeout = i32(*s)
	}
	if len(svc.Links) > 0 {
		if c.networkMode == "awsvpc" {
			c.warn("%s: links are not supported in awsvpc network mode and were left out; containers of a task reach each other on localhost", f("links"))
		} else {
			cd.Links = svc.Links
		}
	}
	var err error
	if cd.PortMappings, err = c.portMappings(name, svc.Ports); err != nil {
		return cd, err
	}
	cd.ExtraHosts = extraHosts(svc.ExtraHosts)
	if cd.Ulimits, err = ulimits(f("ulimits"), svc.Ulimits); err != nil {
		return cd, err
	}
	cd.SystemControls = systemControls(svc.Sysctls)
	if cd.LogConfiguration, err = c.logConfiguration(svc, p); err != nil {
		return cd, err
	}
	lp := ecstypes.LinuxParameters{}
	if len(svc.CapAdd) > 0 || len(svc.CapDrop) > 0 {
		lp.Capabilities = &ecstypes.KernelCapabilities{Add: listOrNil(svc.CapAdd), Drop: listOrNil(svc.CapDrop)}
	}
	for i, d := range svc.Devices {
		dev, err := device(fmt.Sprintf("%s[%d]", f("devices"), i), d)
		if err != nil {
			return cd, err
		}
		lp.Devices = append(lp.Devices, dev)
	}
	if svc.ShmSize != 0 {
		m, err := toMiB(int64(svc.ShmSize))
		if err != nil {
			return cd, fmt.Errorf("%s: %w", f("shm_size"), err)
		}
		if m == 0 {
			return cd, fmt.Errorf("%s: %d bytes is below 1 MiB, the least ECS sets (a bare number counts bytes: write 64m for 64 MiB)", f("shm_size"), svc.ShmSize)
		}
		lp.SharedMemorySize = &m
	}
	for i, t := range svc.Tmpfs {
		tf, err := parseTmpfs(fmt.Sprintf("%s[%d]", f("tmpfs"), i), t)
		if err != nil {
			return cd, err
		}
		lp.Tmpfs = append(lp.Tmpfs, tf)
	}
	var tmpfsMounts []ecstypes.Tmpfs
	if cd.MountPoints, tmpfsMounts, err = c.mounts(name, svc.Volumes); err != nil {
		return cd, err
	}
	lp.Tmpfs = append(lp.Tmpfs, tmpfsMounts...)
	for i, v := range svc.VolumesFrom {
		vf, err := c.volumeFrom(fmt.Sprintf("%s[%d]", f("volumes_from"), i), v)
		if err != nil {
			return cd, err
		}
		cd.VolumesFrom = append(cd.VolumesFrom, vf)
	}
	if svc.Init != nil && *svc.Init {
		lp.InitProcessEnabled = svc.Init
	}
	if p != nil && p.InitProcessEnabled {
		t := true
		lp.InitProcessEnabled = &t
	}
	if c.launchType == "FARGATE" {
		for _, u := range []struct {
			key string
			set bool
		}{{"devices", lp.Devices != nil}, {"shm_size", lp.SharedMemorySize != nil}, {"tmpfs", lp.Tmpfs != nil}} {
			if u.set {
				return cd, fmt.Errorf("%s: not available on FARGATE", f(u.key))
			}
		}
	}
	if lp.Capabilities != nil || lp.Devices != nil || lp.SharedMemorySize != nil || lp.Tmpfs != nil || lp.InitProcessEnabled != nil {
		cd.LinuxParameters = &lp
	}
	if svc.Privileged && c.launchType == "FARGATE" {
		return cd, fmt.Errorf("%s: privileged containers are not available on FARGATE", f("privileged"))
	}
	if cd.HealthCheck, err = c.healthCheck(name, svc.HealthCheck, healthParams(p)); err != nil {
		return cd, err
	}
	if p != nil {
		if err := c.applyServiceParams(&cd, p); err != nil {
			return cd, err
		}
	}
	return cd, nil
}

func healthParams(p *ServiceParams) *HealthCheckParams {
	if p == nil {
		return nil
	}
	return p.HealthCheck
}

// gpuRange is a number of GPUs ECS can reserve for a container.
var gpuRange = bounds.Range{Min: 1, Max: math.MaxInt32, Unit: "GPUs"}

// applyServiceParams sets what only ecs-params can say about a container.
func (c *converter) applyServiceParams(cd *ecstypes.ContainerDefinition, p *ServiceParams) error {
	field := c.paramsName + ": task_definition.services." + *cd.Name
	if cp := p.RepositoryCredentials.CredentialsParameter; cp != "" {
		cd.RepositoryCredentials = &ecstypes.RepositoryCredentials{CredentialsParameter: &cp}
	}
	for _, s := range p.Secrets {
		if s.Name == "" || s.ValueFrom == "" {
			return fmt.Errorf("%s.secrets: every secret needs name and value_from", field)
		}
		cd.Secrets = append(cd.Secrets, ecstypes.Secret{Name: str(s.Name), ValueFrom: str(s.ValueFrom)})
	}
	if fl := p.FirelensConfiguration; fl != nil && fl.Type != "" {
		if fl.Type != "fluentd" && fl.Type != "fluentbit" {
			return fmt.Errorf("%s.firelens_configuration.type: %q must be fluentd or fluentbit", field, fl.Type)
		}
		cd.FirelensConfiguration = &ecstypes.FirelensConfiguration{Type: ecstypes.FirelensConfigurationType(fl.Type), Options: mapOrNil(fl.Options)}
	}
	if p.GPU != "" {
		n, err := gpuRange.Parse(string(p.GPU))
		if err != nil {
			return fmt.Errorf("%s.gpu: %w", field, err)
		}
		cd.ResourceRequirements = []ecstypes.ResourceRequirement{{Type: ecstypes.ResourceTypeGpu, Value: str(strconv.FormatInt(n, 10))}}
	}
	return nil
}

// logConfiguration maps compose logging and adds ecs-params secret options,
// which need a driver to attach to (the original panicked without one).
func (c *converter) logConfiguration(svc types.ServiceConfig, p *ServiceParams) (*ecstypes.LogConfiguration, error) {
	var driver string
	var opts map[string]string
	if svc.Logging != nil {
		driver, opts = svc.Logging.Driver, svc.Logging.Options
	}
	var secrets []ecstypes.Secret
	if p != nil {
		for _, s := range p.Logging.SecretOptions {
			secrets = append(secrets, ecstypes.Secret{Name: str(s.Name), ValueFrom: str(s.ValueFrom)})
		}
	}
	if driver == "" {
		if len(secrets) > 0 {
			return nil, fmt.Errorf("%s: task_definition.services.%s.logging.secret_options: the compose service has no logging driver to pass them to (set logging.driver in the compose file)", c.paramsName, svc.Name)
		}
		if len(opts) > 0 {
			c.warn("services.%s.logging.options: ignored because no logging driver is set", svc.Name)
		}
		return nil, nil
	}
	return &ecstypes.LogConfiguration{LogDriver: ecstypes.LogDriver(driver), Options: mapOrNil(opts), SecretOptions: secrets}, nil
}

// builtImageName is the tag docker compose gives an image it builds.
func (c *converter) builtImageName(service string) string {
	return composeImageProject(c.project.Name, c.projectName) + "-" + service
}

func composeImageProject(normalized, name string) string {
	if normalized != "" {
		return normalized
	}
	return strings.ToLower(name)
}

// environment sorts by name so output is stable; an unresolved variable
// (a bare KEY with no value anywhere) becomes "" as in the original.
func environment(env types.MappingWithEquals) []ecstypes.KeyValuePair {
	if len(env) == 0 {
		return nil
	}
	out := make([]ecstypes.KeyValuePair, 0, len(env))
	for _, k := range sortedKeys(env) {
		v := ""
		if env[k] != nil {
			v = *env[k]
		}
		out = append(out, ecstypes.KeyValuePair{Name: str(k), Value: str(v)})
	}
	return out
}

func extraHosts(h types.HostsList) []ecstypes.HostEntry {
	var out []ecstypes.HostEntry
	for _, host := range sortedKeys(h) {
		for _, ip := range h[host] {
			out = append(out, ecstypes.HostEntry{Hostname: str(host), IpAddress: str(ip)})
		}
	}
	return out
}

// ulimitRange is what an ECS ulimit holds: a 32-bit number, or -1 for
// unlimited (as docker reads it).
var ulimitRange = bounds.Range{Min: -1, Max: math.MaxInt32}

func ulimits(field string, u map[string]*types.UlimitsConfig) ([]ecstypes.Ulimit, error) {
	var out []ecstypes.Ulimit
	for _, name := range sortedKeys(u) {
		l := u[name]
		soft, hard := l.Soft, l.Hard
		if l.Single != 0 {
			soft, hard = l.Single, l.Single
		}
		s, err := ulimitRange.To32(int64(soft))
		if err == nil {
			hard32, herr := ulimitRange.To32(int64(hard))
			if herr != nil {
				return nil, fmt.Errorf("%s.%s: hard limit %w", field, name, herr)
			}
			if !bounds.UlimitFits(s, hard32) {
				return nil, fmt.Errorf("%s.%s: soft limit %d is above the hard limit %d (-1 is unlimited), which docker refuses when the container starts", field, name, s, hard32)
			}
			out = append(out, ecstypes.Ulimit{Name: ecstypes.UlimitName(name), SoftLimit: s, HardLimit: hard32})
			continue
		}
		if l.Single != 0 {
			return nil, fmt.Errorf("%s.%s: %w", field, name, err)
		}
		return nil, fmt.Errorf("%s.%s: soft limit %w", field, name, err)
	}
	return out, nil
}

func systemControls(s types.Mapping) []ecstypes.SystemControl {
	var out []ecstypes.SystemControl
	for _, k := range sortedKeys(s) {
		out = append(out, ecstypes.SystemControl{Namespace: str(k), Value: str(s[k])})
	}
	return out
}

// volumeFrom converts a volumes_from entry, [container:]NAME[:ro|rw], as the
// original did. ECS can only take volumes from a container of the same task,
// so NAME must be a service of the project (ECS refuses others at
// registration: "Unknown container").
func (c *converter) volumeFrom(field, spec string) (ecstypes.VolumeFrom, error) {
	parts := strings.Split(spec, ":")
	var name, mode string
	switch {
	case len(parts) == 1:
		name = parts[0]
	case len(parts) == 2 && parts[0] == "container":
		name = parts[1]
	case len(parts) == 2:
		name, mode = parts[0], parts[1]
	case len(parts) == 3 && parts[0] == "container":
		name, mode = parts[1], parts[2]
	default:
		return ecstypes.VolumeFrom{}, fmt.Errorf("%s: %q: expected [container:]SERVICE[:ro|rw]", field, spec)
	}
	vf := ecstypes.VolumeFrom{SourceContainer: str(name)}
	switch mode {
	case "", "rw":
	case "ro":
		vf.ReadOnly = boolOrNil(true)
	default:
		return vf, fmt.Errorf("%s: %q: access mode %q must be ro or rw", field, spec, mode)
	}
	if _, ok := c.project.Services[name]; !ok {
		return vf, fmt.Errorf("%s: %q: ECS takes volumes only from a container of the same task, and there is no service %q (services: %s)", field, spec, name, strings.Join(sortedKeys(c.project.Services), ", "))
	}
	return vf, nil
}

// device converts HOST[:CONTAINER[:PERMS]]; permissions come out in r, w, m
// order (the original's order was random).
func device(field string, d types.DeviceMapping) (ecstypes.Device, error) {
	// compose-go fills in the target (= source) and "rwm" when they are not
	// written, so devices always come out in full; ECS has the same defaults.
	dev := ecstypes.Device{HostPath: str(d.Source)}
	if d.Target != "" {
		dev.ContainerPath = str(d.Target)
	}
	if d.Permissions == "" {
		return dev, nil
	}
	if len(d.Permissions) > 3 {
		return dev, fmt.Errorf("%s: permissions %q: at most 3 of r, w, m", field, d.Permissions)
	}
	seen := map[rune]bool{}
	for _, r := range d.Permissions {
		if r != 'r' && r != 'w' && r != 'm' {
			return dev, fmt.Errorf("%s: permission %q: only r, w and m are valid", field, string(r))
		}
		seen[r] = true
	}
	for _, pr := range []struct {
		r rune
		p ecstypes.DeviceCgroupPermission
	}{{'r', ecstypes.DeviceCgroupPermissionRead}, {'w', ecstypes.DeviceCgroupPermissionWrite}, {'m', ecstypes.DeviceCgroupPermissionMknod}} {
		if seen[pr.r] {
			dev.Permissions = append(dev.Permissions, pr.p)
		}
	}
	return dev, nil
}

func boolOrNil(b bool) *bool {
	if !b {
		return nil
	}
	return &b
}
