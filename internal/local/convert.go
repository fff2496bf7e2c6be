package local

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// The original's names and constants (spec §10.1).
const (
	DefaultInput      = "task-definition.json"
	DefaultOutput     = "docker-compose.ecs-local.yml"
	NetworkName       = "ecs-local-network"
	NetworkSubnet     = "169.254.170.0/24"
	EndpointsName     = "amazon-ecs-local-container-endpoints"
	EndpointsImage    = "amazon/amazon-ecs-local-container-endpoints"
	EndpointsIP       = "169.254.170.2"
	LabelInputType    = "ecs-local.task-definition-input.type"
	LabelInputValue   = "ecs-local.task-definition-input.value"
	LabelSecretPrefix = "ecs-local.secret."
	metadataURI       = "http://169.254.170.2/v3"
)

// Input says where a task definition came from; it becomes the two input
// labels that ps and down search by.
type Input struct {
	Type  string // "local" or "remote"
	Value string // absolute path of the file, or the --task-def-remote value as typed
}

// Options steer a conversion.
type Options struct {
	Input   Input
	UseRole bool // AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/role/<name> from taskRoleArn
}

// Conversion is what Convert makes: the base compose file, its override,
// and notes for the user (info and warnings, in order).
type Conversion struct {
	Base     *Project
	Override *Project
	Notes    []string
}

// Convert turns a task definition into the compose project `docker compose
// up` runs on this machine, the way the original's `local create` did, plus
// resources and named volumes.
func Convert(td *types.TaskDefinition, opts Options) (*Conversion, error) {
	if len(td.ContainerDefinitions) == 0 {
		return nil, errors.New("task definition must include at least one container definition")
	}
	c := &Conversion{
		Base:     &Project{Services: map[string]*Service{}, Networks: map[string]Network{NetworkName: {External: true}}},
		Override: &Project{Services: map[string]*Service{}},
	}
	if td.NetworkMode != "" {
		c.Notes = append(c.Notes, "Task Definition network mode is ignored when running containers locally. Tasks will be run in the "+NetworkName+".")
	}
	pid, ipc := string(td.PidMode), string(td.IpcMode)
	if pid != "" && pid != "host" {
		c.Notes = append(c.Notes, "PID mode can only be set to 'host' when running tasks locally.")
		pid = ""
	}
	if ipc != "" && ipc != "host" && ipc != "none" {
		c.Notes = append(c.Notes, "IPC mode can only be set to 'host' or 'none' when running tasks locally.")
		ipc = ""
	}
	credsURI := "/creds"
	if opts.UseRole {
		if a, err := arn.Parse(aws.ToString(td.TaskRoleArn)); err == nil {
			credsURI = "/role/" + a.Resource[strings.LastIndex(a.Resource, "/")+1:]
		} else {
			c.Notes = append(c.Notes, "--use-role: the task definition has no parseable taskRoleArn; using temporary credentials")
		}
	}
	vols := volumes(td.Volumes, c)
	awslogsWarned := false
	for i := range td.ContainerDefinitions {
		cd := &td.ContainerDefinitions[i]
		name := aws.ToString(cd.Name)
		if name == "" {
			return nil, fmt.Errorf("containerDefinitions[%d].name: required", i)
		}
		if _, dup := c.Base.Services[name]; dup {
			return nil, fmt.Errorf("containerDefinitions[%d].name: %q appears twice", i, name)
		}
		s, err := service(cd, vols, c.Base)
		if err != nil {
			return nil, fmt.Errorf("containerDefinitions[%d] (%s): %w", i, name, err)
		}
		s.Pid, s.Ipc = pid, ipc
		s.Environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = credsURI
		s.Environment["ECS_CONTAINER_METADATA_URI"] = metadataURI
		s.Labels[LabelInputType] = opts.Input.Type
		s.Labels[LabelInputValue] = esc(opts.Input.Value)
		if s.Logging != nil && s.Logging.Driver == "awslogs" && !awslogsWarned {
			awslogsWarned = true
			c.Notes = append(c.Notes, "awslogs log driver is ignored when running locally. Tasks will default to json-file instead. This can be changed in your compose override file.")
		}
		c.Base.Services[name] = s
		c.Override.Services[name] = &Service{Logging: &Logging{Driver: "json-file"}}
	}
	for name, s := range c.Base.Services {
		for dep := range s.DependsOn {
			if _, ok := c.Base.Services[dep]; !ok {
				return nil, fmt.Errorf("container %s: dependsOn names %q, which is not a container of the task", name, dep)
			}
		}
		for _, from := range s.VolumesFrom {
			if src, _, _ := strings.Cut(from, ":"); c.Base.Services[src] == nil {
				return nil, fmt.Errorf("container %s: volumesFrom names %q, which is not a container of the task", name, src)
			}
		}
	}
	return c, nil
}

// taskVolume is what a task volume becomes in a compose mount.
type taskVolume struct {
	typ, source string
}

// volumes maps the task's volumes: a host path becomes a bind mount, a
// docker volume or an ECS-managed scratch volume a named volume declared at
// the top level, and an EFS or FSx volume a local named volume (with a note:
// it cannot be mounted here).
func volumes(vs []types.Volume, c *Conversion) map[string]taskVolume {
	out := map[string]taskVolume{}
	for _, v := range vs {
		name := aws.ToString(v.Name)
		switch {
		case v.Host != nil && aws.ToString(v.Host.SourcePath) != "":
			out[name] = taskVolume{"bind", aws.ToString(v.Host.SourcePath)}
			continue
		case v.DockerVolumeConfiguration != nil:
			dv := v.DockerVolumeConfiguration
			def := &VolumeDef{Driver: aws.ToString(dv.Driver), DriverOpts: dv.DriverOpts, Labels: dv.Labels}
			if def.Driver == "local" {
				def.Driver = ""
			}
			if dv.Scope == types.ScopeShared && !aws.ToBool(dv.Autoprovision) {
				def = &VolumeDef{External: true}
			}
			addVolume(c.Base, name, def)
		case v.EfsVolumeConfiguration != nil || v.FsxWindowsFileServerVolumeConfiguration != nil:
			c.Notes = append(c.Notes, fmt.Sprintf("volume %s: EFS and FSx volumes cannot be mounted locally; using an empty local volume instead", name))
			addVolume(c.Base, name, &VolumeDef{})
		default:
			addVolume(c.Base, name, &VolumeDef{})
		}
		out[name] = taskVolume{"volume", name}
	}
	return out
}

func addVolume(p *Project, name string, def *VolumeDef) {
	if p.Volumes == nil {
		p.Volumes = map[string]*VolumeDef{}
	}
	p.Volumes[name] = def
}

// SecretVar is the variable `up` sets to a secret's value:
// <container>_<SECRET>, with characters a compose variable name cannot hold
// replaced by "_".
func SecretVar(container, secret string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, container+"_"+secret)
}

func service(cd *types.ContainerDefinition, vols map[string]taskVolume, p *Project) (*Service, error) {
	s := &Service{
		Image:       esc(aws.ToString(cd.Image)),
		Entrypoint:  escAll(cd.EntryPoint),
		Command:     escAll(cd.Command),
		WorkingDir:  esc(aws.ToString(cd.WorkingDirectory)),
		User:        esc(aws.ToString(cd.User)),
		Hostname:    esc(aws.ToString(cd.Hostname)),
		Environment: map[string]string{},
		Labels:      map[string]string{},
		Links:       cd.Links,
		Networks:    map[string]*struct{}{NetworkName: nil},
		DNS:         cd.DnsServers,
		DNSSearch:   cd.DnsSearchDomains,
		Privileged:  aws.ToBool(cd.Privileged),
		ReadOnly:    aws.ToBool(cd.ReadonlyRootFilesystem),
		StdinOpen:   aws.ToBool(cd.Interactive),
		Tty:         aws.ToBool(cd.PseudoTerminal),
		SecurityOpt: cd.DockerSecurityOptions,
		CPUShares:   int64(cd.Cpu),
	}
	if cd.Memory != nil {
		s.MemLimit = fmt.Sprintf("%dm", *cd.Memory)
	}
	if cd.MemoryReservation != nil {
		s.MemReservation = fmt.Sprintf("%dm", *cd.MemoryReservation)
	}
	for _, kv := range cd.Environment {
		s.Environment[aws.ToString(kv.Name)] = esc(aws.ToString(kv.Value))
	}
	for k, v := range cd.DockerLabels {
		s.Labels[k] = esc(v)
	}
	for _, sec := range cd.Secrets {
		n := aws.ToString(sec.Name)
		s.Environment[n] = "${" + SecretVar(aws.ToString(cd.Name), n) + "}"
		s.Labels[LabelSecretPrefix+n] = esc(aws.ToString(sec.ValueFrom))
	}
	for i, pm := range cd.PortMappings {
		if pm.ContainerPort == nil {
			if pm.ContainerPortRange != nil {
				return nil, fmt.Errorf("portMappings[%d]: containerPortRange is not supported locally", i)
			}
			return nil, fmt.Errorf("portMappings[%d].containerPort: required", i)
		}
		port := Port{Target: *pm.ContainerPort, Protocol: strings.ToLower(string(pm.Protocol))}
		if pm.HostPort != nil && *pm.HostPort != 0 {
			port.Published = strconv.Itoa(int(*pm.HostPort))
		}
		s.Ports = append(s.Ports, port)
	}
	for i, mp := range cd.MountPoints {
		src := aws.ToString(mp.SourceVolume)
		v, ok := vols[src]
		if !ok {
			return nil, fmt.Errorf("mountPoints[%d].sourceVolume: %q is not a volume of the task", i, src)
		}
		s.Volumes = append(s.Volumes, Mount{Type: v.typ, Source: v.source, Target: aws.ToString(mp.ContainerPath), ReadOnly: aws.ToBool(mp.ReadOnly)})
	}
	for _, d := range cd.DependsOn {
		if s.DependsOn == nil {
			s.DependsOn = map[string]Dependency{}
		}
		s.DependsOn[aws.ToString(d.ContainerName)] = Dependency{Condition: condition(d.Condition)}
	}
	for _, vf := range cd.VolumesFrom {
		from := aws.ToString(vf.SourceContainer)
		if aws.ToBool(vf.ReadOnly) {
			from += ":ro"
		}
		s.VolumesFrom = append(s.VolumesFrom, from)
	}
	for _, h := range cd.ExtraHosts {
		s.ExtraHosts = append(s.ExtraHosts, aws.ToString(h.Hostname)+":"+aws.ToString(h.IpAddress))
	}
	for _, u := range cd.Ulimits {
		if s.Ulimits == nil {
			s.Ulimits = map[string]Ulimit{}
		}
		s.Ulimits[string(u.Name)] = Ulimit{Soft: u.SoftLimit, Hard: u.HardLimit}
	}
	if hc := cd.HealthCheck; hc != nil {
		test := escAll(hc.Command)
		if len(test) > 0 && test[0] != "CMD" && test[0] != "CMD-SHELL" && test[0] != "NONE" {
			test = append([]string{"CMD"}, test...) // Docker's exec form; compose insists on the prefix
		}
		s.Healthcheck = &Healthcheck{Test: test, Interval: seconds(hc.Interval), Timeout: seconds(hc.Timeout), StartPeriod: seconds(hc.StartPeriod), Retries: hc.Retries}
	}
	if lc := cd.LogConfiguration; lc != nil {
		s.Logging = &Logging{Driver: string(lc.LogDriver), Options: escMap(lc.Options)}
	}
	for _, sc := range cd.SystemControls {
		s.Sysctls = append(s.Sysctls, aws.ToString(sc.Namespace)+"="+aws.ToString(sc.Value))
	}
	if lp := cd.LinuxParameters; lp != nil {
		s.Init = aws.ToBool(lp.InitProcessEnabled)
		if lp.Capabilities != nil {
			s.CapAdd, s.CapDrop = lp.Capabilities.Add, lp.Capabilities.Drop
		}
		for _, d := range lp.Devices {
			dev := aws.ToString(d.HostPath)
			if cp := aws.ToString(d.ContainerPath); cp != "" {
				dev += ":" + cp
			}
			if len(d.Permissions) > 0 {
				perms := ""
				for _, p := range d.Permissions {
					perms += string(p)[:1]
				}
				dev += ":" + perms
			}
			s.Devices = append(s.Devices, dev)
		}
		if lp.SharedMemorySize != nil {
			s.ShmSize = fmt.Sprintf("%dMiB", *lp.SharedMemorySize)
		}
		for _, t := range lp.Tmpfs {
			opt := fmt.Sprintf("%s:size=%dMiB", aws.ToString(t.ContainerPath), t.Size)
			if len(t.MountOptions) > 0 {
				opt += "," + strings.Join(t.MountOptions, ",")
			}
			s.Tmpfs = append(s.Tmpfs, opt)
		}
	}
	return s, nil
}

func condition(c types.ContainerCondition) string {
	switch c {
	case types.ContainerConditionHealthy:
		return "service_healthy"
	case types.ContainerConditionComplete, types.ContainerConditionSuccess:
		return "service_completed_successfully"
	}
	return "service_started"
}

func seconds(n *int32) string {
	if n == nil {
		return ""
	}
	return fmt.Sprintf("%ds", *n)
}

// esc keeps a value literal under compose's ${VAR} interpolation.
func esc(s string) string { return strings.ReplaceAll(s, "$", "$$") }

func escAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = esc(s)
	}
	return out
}

func escMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = esc(v)
	}
	return out
}

// SecretRefs lists a service's secrets from its labels: name -> valueFrom,
// sorted by name.
func SecretRefs(labels map[string]string) [][2]string {
	var out [][2]string
	for k, v := range labels {
		if name, ok := strings.CutPrefix(k, LabelSecretPrefix); ok {
			out = append(out, [2]string{name, v})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
