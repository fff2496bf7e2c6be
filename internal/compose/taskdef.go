package compose

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"
)

// taskDefinition assembles the RegisterTaskDefinition input.
func (c *converter) taskDefinition(o Options, creds *RegistryCreds, credsName string) (*ecs.RegisterTaskDefinitionInput, error) {
	tp := c.params.TaskDefinition
	c.networkMode = tp.NetworkMode
	if c.networkMode == "" && c.launchType == "FARGATE" {
		c.networkMode = "awsvpc" // the only mode FARGATE accepts
	}
	switch c.networkMode {
	case "", "bridge", "host", "awsvpc", "none":
	default:
		return nil, fmt.Errorf("%s: task_definition.ecs_network_mode: %q must be bridge, host, awsvpc or none", c.paramsName, c.networkMode)
	}
	if c.launchType == "FARGATE" && c.networkMode != "awsvpc" {
		return nil, fmt.Errorf("%s: task_definition.ecs_network_mode: FARGATE needs awsvpc, not %q", c.paramsName, c.networkMode)
	}
	c.taskMemory = string(tp.TaskSize.Memory)
	if err := c.checkTaskSize(); err != nil {
		return nil, err
	}
	if len(c.project.Services) == 0 {
		return nil, fmt.Errorf("%s: no services: a task definition needs at least one container", strings.Join(o.Files, ", "))
	}
	for _, n := range sortedKeys(tp.Services) {
		_, enabled := c.project.Services[n]
		_, disabled := c.project.DisabledServices[n] // switched off by a profile
		if !enabled && !disabled {
			return nil, fmt.Errorf("%s: task_definition.services.%s: no such service in the compose project (services: %s)", c.paramsName, n, strings.Join(sortedKeys(c.project.Services), ", "))
		}
	}
	paramVols := paramVolumeNames(tp)
	var err error
	if c.volNames, err = c.composeVolumeNames(paramVols); err != nil {
		return nil, err
	}
	declared := make([]string, 0, len(c.volNames))
	for _, k := range sortedKeys(c.volNames) {
		declared = append(declared, c.volNames[k])
	}
	c.vols = newVolumeTable(declared, paramVols)
	if err := c.checkParamVolumes(); err != nil {
		return nil, err
	}

	c.warnNetworks()
	names := sortedKeys(c.project.Services)
	defs := make([]ecstypes.ContainerDefinition, 0, len(names))
	for _, n := range names {
		svc := c.project.Services[n]
		c.warnUnsupported(svc)
		p := tp.Services[n]
		cd, err := c.container(svc, p)
		if err != nil {
			return nil, err
		}
		if err := c.resources(&cd, svc, p); err != nil {
			return nil, err
		}
		defs = append(defs, cd)
	}
	if err := c.dependencies(defs); err != nil {
		return nil, err
	}
	execRole := tp.ExecutionRole
	if creds != nil {
		if err := c.applyRegistryCreds(defs, creds, credsName); err != nil {
			return nil, err
		}
		if r := creds.Outputs.TaskExecutionRole; r != "" {
			execRole = r
		}
	}
	vols, err := c.taskVolumes()
	if err != nil {
		return nil, err
	}
	taskRole := tp.TaskRoleArn
	if o.TaskRoleArn != "" {
		taskRole = o.TaskRoleArn
	}
	td := &ecs.RegisterTaskDefinitionInput{
		Family:               str(c.projectName),
		ContainerDefinitions: defs,
		Volumes:              vols,
		TaskRoleArn:          strOrNil(taskRole),
		ExecutionRoleArn:     strOrNil(execRole),
		NetworkMode:          ecstypes.NetworkMode(c.networkMode),
		Cpu:                  strOrNil(string(tp.TaskSize.Cpu)),
		Memory:               strOrNil(c.taskMemory),
		PidMode:              ecstypes.PidMode(tp.PidMode),
		IpcMode:              ecstypes.IpcMode(tp.IpcMode),
		Tags:                 o.Tags,
	}
	if c.launchType != "" {
		td.RequiresCompatibilities = []ecstypes.Compatibility{ecstypes.Compatibility(c.launchType)}
	}
	for i, pc := range tp.PlacementConstraints {
		if pc.Type != "memberOf" {
			return nil, fmt.Errorf("%s: task_definition.placement_constraints[%d].type: %q: a task definition accepts only memberOf", c.paramsName, i, pc.Type)
		}
		td.PlacementConstraints = append(td.PlacementConstraints, ecstypes.TaskDefinitionPlacementConstraint{Type: ecstypes.TaskDefinitionPlacementConstraintType(pc.Type), Expression: strOrNil(pc.Expression)})
	}
	if c.launchType == "FARGATE" && (td.Cpu == nil || td.Memory == nil) {
		return nil, fmt.Errorf("%s: task_definition.task_size: FARGATE needs both cpu_limit and mem_limit", orParams(c.paramsName))
	}
	return td, nil
}

func orParams(name string) string {
	if name == "" {
		return "ecs-params.yml (none given)"
	}
	return name
}

func paramVolumeNames(tp TaskDefParams) []string {
	var out []string
	for _, v := range tp.DockerVolumes {
		out = append(out, v.Name)
	}
	for _, v := range tp.EFSVolumes {
		out = append(out, v.Name)
	}
	return out
}

func (c *converter) checkParamVolumes() error {
	for i, v := range c.params.TaskDefinition.DockerVolumes {
		if v.Name == "" {
			return fmt.Errorf("%s: task_definition.docker_volumes[%d].name: required", c.paramsName, i)
		}
	}
	for i, v := range c.params.TaskDefinition.EFSVolumes {
		if v.Name == "" {
			return fmt.Errorf("%s: task_definition.efs_volumes[%d].name: required", c.paramsName, i)
		}
	}
	return nil
}

// warnNetworks warns about each declared top-level network other than the
// default one, as the original did for more than one project network: ECS
// gives the containers of a task one network, chosen by ecs_network_mode.
func (c *converter) warnNetworks() {
	for _, n := range sortedKeys(c.project.Networks) {
		if n != "default" {
			c.warn("networks.%s: not supported by ECS, ignored (the containers of a task share one network: set ecs_network_mode in ecs-params)", n)
		}
	}
}

func (c *converter) warnUnsupported(svc types.ServiceConfig) {
	keys, deployKeys := unsupportedKeys(svc)
	for _, k := range keys {
		if h := hints[k]; h != "" {
			c.warn("services.%s.%s: not supported by ECS, ignored (%s)", svc.Name, k, h)
		} else {
			c.warn("services.%s.%s: not supported by ECS, ignored", svc.Name, k)
		}
	}
	for _, k := range deployKeys {
		c.warn("services.%s.%s: not supported by ECS, ignored (only deploy.resources is used)", svc.Name, k)
	}
	if len(svc.Networks) > 1 {
		c.warn("services.%s.networks: ECS gives all containers of a task one network; ignored", svc.Name)
	}
	if svc.Build != nil && svc.Image == "" {
		c.warn("services.%s.build: ECS cannot build images; the container uses %q, which must be pushed to a registry first (ecs-image push does that in a pipeline)", svc.Name, c.builtImageName(svc.Name))
	}
}

// dependencies settles dependsOn and essential. ecs-params depends_on wins for
// a container; otherwise compose depends_on maps to ECS conditions (links only
// imply an ordering the original never expressed, so they are left out). A
// container others wait on to finish cannot be essential, so it defaults to
// non-essential.
func (c *converter) dependencies(defs []ecstypes.ContainerDefinition) error {
	byName := map[string]*ecstypes.ContainerDefinition{}
	for i := range defs {
		byName[*defs[i].Name] = &defs[i]
	}
	mustFinish := map[string]string{}
	for i := range defs {
		cd := &defs[i]
		n := *cd.Name
		svc := c.project.Services[n]
		p := c.params.TaskDefinition.Services[n]
		if p != nil && len(p.DependsOn) > 0 {
			for j, d := range p.DependsOn {
				field := fmt.Sprintf("%s: task_definition.services.%s.depends_on[%d]", c.paramsName, n, j)
				cond := ecstypes.ContainerCondition(strings.ToUpper(d.Condition))
				if err := checkDependency(field, d.ContainerName, cond, byName); err != nil {
					return err
				}
				cd.DependsOn = append(cd.DependsOn, ecstypes.ContainerDependency{ContainerName: str(d.ContainerName), Condition: cond})
				if cond == ecstypes.ContainerConditionSuccess || cond == ecstypes.ContainerConditionComplete {
					mustFinish[d.ContainerName] = field
				}
			}
			continue
		}
		linked := map[string]bool{}
		for _, l := range svc.Links {
			linked[strings.SplitN(l, ":", 2)[0]] = true
		}
		volumesFrom := map[string]bool{}
		for _, vf := range cd.VolumesFrom {
			volumesFrom[*vf.SourceContainer] = true
		}
		for _, dep := range sortedKeys(svc.DependsOn) {
			d := svc.DependsOn[dep]
			if linked[dep] && d.Restart && d.Condition == types.ServiceConditionStarted {
				continue // implied by links, not written by the user
			}
			if volumesFrom[dep] && !d.Restart && d.Condition == types.ServiceConditionStarted {
				// implied by volumes_from (ECS orders volumesFrom itself); a
				// plain depends_on on the same service says nothing more
				continue
			}
			if _, ok := byName[dep]; !ok && !d.Required {
				continue // optional, and its service is not in the project (profiles)
			}
			field := fmt.Sprintf("services.%s.depends_on.%s", n, dep)
			var cond ecstypes.ContainerCondition
			switch d.Condition {
			case types.ServiceConditionStarted, "":
				cond = ecstypes.ContainerConditionStart
			case types.ServiceConditionHealthy:
				cond = ecstypes.ContainerConditionHealthy
			case types.ServiceConditionCompletedSuccessfully:
				cond = ecstypes.ContainerConditionSuccess
				mustFinish[dep] = field
			default:
				return fmt.Errorf("%s: condition %q has no ECS equivalent", field, d.Condition)
			}
			if err := checkDependency(field, dep, cond, byName); err != nil {
				return err
			}
			cd.DependsOn = append(cd.DependsOn, ecstypes.ContainerDependency{ContainerName: str(dep), Condition: cond})
		}
	}
	essentials := 0
	for i := range defs {
		n := *defs[i].Name
		essential := true
		p := c.params.TaskDefinition.Services[n]
		if field, ok := mustFinish[n]; ok {
			if p != nil && p.Essential != nil && *p.Essential {
				return fmt.Errorf("%s: container %q is waited on to finish, so it cannot be essential (ecs-params says essential: true)", field, n)
			}
			essential = false
		}
		if p != nil && p.Essential != nil {
			essential = *p.Essential
		}
		defs[i].Essential = &essential
		if essential {
			essentials++
		}
	}
	if essentials == 0 {
		return fmt.Errorf("%s: no essential container: at least one service must have essential: true", orParams(c.paramsName))
	}
	return nil
}

func checkDependency(field, target string, cond ecstypes.ContainerCondition, byName map[string]*ecstypes.ContainerDefinition) error {
	switch cond {
	case ecstypes.ContainerConditionStart, ecstypes.ContainerConditionComplete, ecstypes.ContainerConditionSuccess, ecstypes.ContainerConditionHealthy:
	default:
		return fmt.Errorf("%s: condition %q must be START, COMPLETE, SUCCESS or HEALTHY", field, cond)
	}
	t, ok := byName[target]
	if !ok {
		return fmt.Errorf("%s: no container named %q", field, target)
	}
	if cond == ecstypes.ContainerConditionHealthy && t.HealthCheck == nil {
		return fmt.Errorf("%s: %q has no healthcheck, so ECS cannot wait for it to be HEALTHY", field, target)
	}
	return nil
}

// applyRegistryCreds sets repositoryCredentials from the registry creds file,
// which beats ecs-params as in the original.
func (c *converter) applyRegistryCreds(defs []ecstypes.ContainerDefinition, creds *RegistryCreds, name string) error {
	byContainer, err := creds.credentialsByContainer(name, c.warn)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	for i := range defs {
		arn, ok := byContainer[*defs[i].Name]
		if !ok {
			continue
		}
		used[*defs[i].Name] = true
		defs[i].RepositoryCredentials = &ecstypes.RepositoryCredentials{CredentialsParameter: str(arn)}
	}
	var unused []string
	for _, n := range sortedKeys(byContainer) {
		if !used[n] {
			unused = append(unused, n)
		}
	}
	if len(unused) > 0 {
		c.warn("%s: containers listed with registry credentials but not in the compose project: %s", name, strings.Join(unused, ", "))
	}
	return nil
}

var (
	digitsRe = regexp.MustCompile(`^[0-9]+$`) // CPU units, MiB
	vcpuRe   = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?)\s*(?i:vcpu)$`)
	memGBRe  = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?)\s*(?i:gb)$`)
)

// checkTaskSize keeps the task size as written (ECS parses "2GB" and
// "1 vCPU" itself) but refuses what ECS would refuse, naming the field.
func (c *converter) checkTaskSize() error {
	ts := c.params.TaskDefinition.TaskSize
	field := c.paramsName + ": task_definition.task_size."
	var cpu, mem float64
	if s := strings.TrimSpace(string(ts.Cpu)); s != "" {
		switch {
		case digitsRe.MatchString(s):
			cpu, _ = strconv.ParseFloat(s, 64)
		case vcpuRe.MatchString(s):
			v, _ := strconv.ParseFloat(vcpuRe.FindStringSubmatch(s)[1], 64)
			cpu = v * 1024
		default:
			return fmt.Errorf("%scpu_limit: %q is not a CPU size ECS understands (CPU units such as 512, or vCPUs such as \"0.5 vCPU\")", field, s)
		}
		if cpu < 128 || cpu > 196608 {
			return fmt.Errorf("%scpu_limit: %q is outside what ECS accepts (128 to 196608 CPU units)", field, s)
		}
	}
	if s := strings.TrimSpace(c.taskMemory); s != "" {
		switch {
		case digitsRe.MatchString(s):
			mem, _ = strconv.ParseFloat(s, 64)
		case memGBRe.MatchString(s):
			v, _ := strconv.ParseFloat(memGBRe.FindStringSubmatch(s)[1], 64)
			mem = v * 1024
		default:
			return fmt.Errorf("%smem_limit: %q is not a memory size ECS understands (MiB such as 2048, or GB such as 2GB)", field, s)
		}
		if mem < 6 {
			return fmt.Errorf("%smem_limit: %q is below what ECS accepts (6 MiB)", field, s)
		}
		if mem > math.MaxInt32 { // ECS holds the task's MiB in 32 bits
			return fmt.Errorf("%smem_limit: %q is more than ECS accepts (%d MiB)", field, s, math.MaxInt32)
		}
	}
	if c.launchType == "FARGATE" && cpu > 0 && mem > 0 && !fargateSizeOK(int(cpu), int(mem)) {
		return fmt.Errorf("%smem_limit: %s with cpu_limit %s is not a FARGATE size (%s)", field, ts.Memory, ts.Cpu, fargateSizes(int(cpu)))
	}
	return nil
}

// fargateSizeOK checks the FARGATE cpu/memory table (memory in MiB).
func fargateSizeOK(cpu, mem int) bool {
	gb := func(n int) int { return n * 1024 }
	switch cpu {
	case 256:
		return mem == 512 || mem == gb(1) || mem == gb(2)
	case 512:
		return mem >= gb(1) && mem <= gb(4) && mem%1024 == 0
	case 1024:
		return mem >= gb(2) && mem <= gb(8) && mem%1024 == 0
	case 2048:
		return mem >= gb(4) && mem <= gb(16) && mem%1024 == 0
	case 4096:
		return mem >= gb(8) && mem <= gb(30) && mem%1024 == 0
	case 8192:
		return mem >= gb(16) && mem <= gb(60) && mem%gb(4) == 0
	case 16384:
		return mem >= gb(32) && mem <= gb(120) && mem%gb(8) == 0
	}
	return false
}

func fargateSizes(cpu int) string {
	switch cpu {
	case 256:
		return "cpu 256 takes 512, 1024 or 2048 MiB"
	case 512:
		return "cpu 512 takes 1 to 4 GB in 1 GB steps"
	case 1024:
		return "cpu 1024 takes 2 to 8 GB in 1 GB steps"
	case 2048:
		return "cpu 2048 takes 4 to 16 GB in 1 GB steps"
	case 4096:
		return "cpu 4096 takes 8 to 30 GB in 1 GB steps"
	case 8192:
		return "cpu 8192 takes 16 to 60 GB in 4 GB steps"
	case 16384:
		return "cpu 16384 takes 32 to 120 GB in 8 GB steps"
	}
	return "FARGATE cpu is one of 256, 512, 1024, 2048, 4096, 8192, 16384"
}
