package awsfake

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// ECS services. Like tasks, services need no goroutines: every service
// operation first reconciles each service with the clock (services.settle),
// starting the tasks a deployment lacks, stopping the ones it has too many
// of, counting tasks that stopped by themselves as failed, draining old
// deployments once the primary one is at its desired count, and writing
// the service events ECS would.

// serviceState holds the services, made on first use.
type serviceState struct {
	byKey map[string]*service // cluster name + "/" + service name
	order []*service
}

// failedTasksLimit is how many tasks of a deployment may stop on their own
// before its rollout FAILS (ECS's circuit breaker threshold for small
// services).
const failedTasksLimit = 3

type service struct {
	cluster     *cluster
	in          createServiceInput
	arn, name   string
	status      string // ACTIVE, DRAINING, INACTIVE
	desired     int32
	taskDef     string        // ARN
	deployments []*deployment // primary first
	events      []types.ServiceEvent
	created     time.Time
	steady      bool // the last steady state event still holds
}

type deployment struct {
	d       types.Deployment
	tasks   []*task
	counted map[*task]bool // stopped tasks already counted as failed
	failed  int32
}

type createServiceInput struct {
	ServiceName                   *string
	AvailabilityZoneRebalancing   types.AvailabilityZoneRebalancing
	CapacityProviderStrategy      []types.CapacityProviderStrategyItem
	ClientToken                   *string
	Cluster                       *string
	DeploymentConfiguration       *types.DeploymentConfiguration
	DeploymentController          *types.DeploymentController
	DesiredCount                  *int32
	EnableECSManagedTags          bool
	EnableExecuteCommand          bool
	GatewayConnectors             []types.GatewayConnector
	Monitoring                    *types.MonitoringConfiguration
	HealthCheckGracePeriodSeconds *int32
	LaunchType                    types.LaunchType
	LoadBalancers                 []types.LoadBalancer
	NetworkConfiguration          *types.NetworkConfiguration
	PlacementConstraints          []types.PlacementConstraint
	PlacementStrategy             []types.PlacementStrategy
	PlatformVersion               *string
	PropagateTags                 types.PropagateTags
	Role                          *string
	SchedulingStrategy            types.SchedulingStrategy
	ServiceConnectConfiguration   *types.ServiceConnectConfiguration
	ServiceRegistries             []types.ServiceRegistry
	Tags                          []types.Tag
	TaskDefinition                *string
	VolumeConfigurations          []types.ServiceVolumeConfiguration
	VpcLatticeConfigurations      []types.VpcLatticeConfiguration
}

type updateServiceInput struct {
	Service                       *string
	AvailabilityZoneRebalancing   types.AvailabilityZoneRebalancing
	CapacityProviderStrategy      []types.CapacityProviderStrategyItem
	Cluster                       *string
	DeploymentConfiguration       *types.DeploymentConfiguration
	DeploymentController          *types.DeploymentController
	DesiredCount                  *int32
	EnableECSManagedTags          *bool
	EnableExecuteCommand          *bool
	ForceNewDeployment            bool
	GatewayConnectors             []types.GatewayConnector
	Monitoring                    *types.MonitoringConfiguration
	HealthCheckGracePeriodSeconds *int32
	LoadBalancers                 []types.LoadBalancer
	NetworkConfiguration          *types.NetworkConfiguration
	PlacementConstraints          []types.PlacementConstraint
	PlacementStrategy             []types.PlacementStrategy
	PlatformVersion               *string
	PropagateTags                 types.PropagateTags
	ServiceConnectConfiguration   *types.ServiceConnectConfiguration
	ServiceRegistries             []types.ServiceRegistry
	TaskDefinition                *string
	VolumeConfigurations          []types.ServiceVolumeConfiguration
	VpcLatticeConfigurations      []types.VpcLatticeConfiguration
}

type describeServicesInput struct {
	Services []string
	Cluster  *string
	Include  []types.ServiceField
}

type deleteServiceInput struct {
	Service *string
	Cluster *string
	Force   *bool
}

type listServicesInput struct {
	Cluster                *string
	LaunchType             types.LaunchType
	MaxResults             *int32
	NextToken              *string
	ResourceManagementType types.ResourceManagementType
	SchedulingStrategy     types.SchedulingStrategy
}

func (s *Server) services() *serviceState {
	if s.ecs.services == nil {
		s.ecs.services = &serviceState{byKey: map[string]*service{}}
	}
	return s.ecs.services
}

// findService returns c's service ref (name or ARN) names, of any status.
func (s *Server) findService(c *cluster, ref string) *service {
	name, ok := s.resourceName(ref, "service")
	if !ok {
		return nil
	}
	name = name[strings.LastIndex(name, "/")+1:]
	return s.services().byKey[c.name+"/"+name]
}

func badParam(format string, args ...any) error {
	return wire.Errorf(400, "InvalidParameterException", format, args...)
}

// checkLoadBalancers refuses the combinations ECS refuses.
func checkLoadBalancers(lbs []types.LoadBalancer, td *types.TaskDefinition) error {
	classic := 0
	for _, lb := range lbs {
		tg, name := deref(lb.TargetGroupArn), deref(lb.LoadBalancerName)
		switch {
		case tg != "" && name != "":
			return badParam("loadBalancerName and targetGroupArn cannot both be specified. You must specify either a loadBalancerName or a targetGroupArn.")
		case tg == "" && name == "":
			return badParam("Either loadBalancerName or targetGroupArn must be specified.")
		case lb.ContainerName == nil || lb.ContainerPort == nil:
			return badParam("containerName and containerPort must be specified for a load balancer.")
		}
		if name != "" {
			classic++
		}
		if tg != "" && !strings.HasPrefix(tg, "arn:") {
			return badParam("Target Group ARN %s is not valid.", tg)
		}
		found := false
		for _, cd := range td.ContainerDefinitions {
			if deref(cd.Name) != deref(lb.ContainerName) {
				continue
			}
			for _, pm := range cd.PortMappings {
				if deref(pm.ContainerPort) == *lb.ContainerPort {
					found = true
				}
			}
			if !found {
				return badParam("The container %s did not have a container port %d defined.", deref(lb.ContainerName), *lb.ContainerPort)
			}
		}
		if !found {
			return badParam("The container %s does not exist in the task definition.", deref(lb.ContainerName))
		}
	}
	if classic > 0 && len(lbs) > 1 {
		return badParam("Classic Load Balancers cannot be combined with other load balancers; a service can have only one Classic Load Balancer.")
	}
	if len(lbs) > 5 {
		return badParam("loadBalancers can have at most 5 items.")
	}
	if classic > 0 && td.NetworkMode == types.NetworkModeAwsvpc {
		return badParam("Classic Load Balancers are not supported with the awsvpc network mode.")
	}
	return nil
}

// settledCluster finds the ACTIVE cluster ref names and brings every
// service up to now: the prologue of the service operations.
func (s *Server) settledCluster(ref *string) (*cluster, time.Time, error) {
	c, err := s.findCluster(ref)
	if err != nil {
		return nil, time.Time{}, err
	}
	now := s.clock.Now()
	s.settle(now)
	return c, now, nil
}

func (s *Server) createService(in *createServiceInput) (any, error) {
	c, now, err := s.settledCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	name := deref(in.ServiceName)
	if name == "" || !clusterName.MatchString(name) {
		return nil, badParam("Service names can contain up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.")
	}
	if old := s.services().byKey[c.name+"/"+name]; old != nil && old.status != "INACTIVE" {
		if deref(in.ClientToken) != "" && deref(old.in.ClientToken) == deref(in.ClientToken) {
			return struct{ Service types.Service }{s.serviceView(old, false)}, nil
		}
		return nil, badParam("Creation of service was not idempotent.")
	}
	td := s.findTaskDefinition(deref(in.TaskDefinition))
	if td == nil || td.Status != types.TaskDefinitionStatusActive {
		return nil, badParam("TaskDefinition not found.")
	}
	strategy := in.SchedulingStrategy
	if strategy == "" {
		strategy = types.SchedulingStrategyReplica
	}
	if strategy != types.SchedulingStrategyReplica && strategy != types.SchedulingStrategyDaemon {
		return nil, badParam("Invalid scheduling strategy %s.", strategy)
	}
	desired := deref(in.DesiredCount)
	switch {
	case strategy == types.SchedulingStrategyDaemon && in.DesiredCount != nil:
		return nil, badParam("The daemon scheduling strategy does not support a desired count for services.")
	case strategy == types.SchedulingStrategyDaemon && in.LaunchType == types.LaunchTypeFargate:
		return nil, badParam("The daemon scheduling strategy does not support the FARGATE launch type.")
	case strategy == types.SchedulingStrategyReplica && in.DesiredCount == nil:
		return nil, badParam("The replica scheduling strategy requires a desired count.")
	case desired < 0:
		return nil, badParam("desiredCount must be at least 0.")
	case in.HealthCheckGracePeriodSeconds != nil && len(in.LoadBalancers) == 0:
		return nil, badParam("Health check grace period is only valid for services configured to use load balancers")
	}
	if err := checkLoadBalancers(in.LoadBalancers, td); err != nil {
		return nil, err
	}
	launch := in.LaunchType
	if launch == "" {
		launch = types.LaunchTypeEc2
	}
	if launch != types.LaunchTypeEc2 && launch != types.LaunchTypeFargate {
		return nil, badParam("awsfake runs only EC2 and FARGATE services, not %s.", launch)
	}
	rin := &runTaskInput{LaunchType: launch, PlacementConstraints: in.PlacementConstraints, PlacementStrategy: in.PlacementStrategy, PlatformVersion: in.PlatformVersion, NetworkConfiguration: in.NetworkConfiguration}
	if err := checkRun(rin, td, launch); err != nil {
		return nil, err
	}
	sv := &service{cluster: c, in: *in, name: name, status: "ACTIVE", desired: desired, taskDef: *td.TaskDefinitionArn, created: now}
	sv.in.SchedulingStrategy, sv.in.LaunchType = strategy, launch
	sv.arn = s.ecsARN("service/" + name)
	if s.setting(types.SettingNameServiceLongArnFormat) != "disabled" {
		sv.arn = s.ecsARN("service/" + c.name + "/" + name)
	}
	s.newDeployment(sv, now)
	st := s.services()
	key := c.name + "/" + name
	if old := st.byKey[key]; old != nil {
		st.order = slices.DeleteFunc(st.order, func(o *service) bool { return o == old })
	}
	st.byKey[key] = sv
	st.order = append(st.order, sv)
	s.settleService(sv, now)
	return struct{ Service types.Service }{s.serviceView(sv, false)}, nil
}

// newDeployment makes a new PRIMARY deployment of sv's task definition;
// the one before becomes ACTIVE.
func (s *Server) newDeployment(sv *service, now time.Time) {
	for _, d := range sv.deployments {
		d.d.Status = ptr("ACTIVE")
	}
	id := "ecs-svc/" + strings.ReplaceAll(s.newID(), "-", "")[:19]
	d := &deployment{counted: map[*task]bool{}, d: types.Deployment{
		Id: &id, Status: ptr("PRIMARY"), TaskDefinition: ptr(sv.taskDef), CreatedAt: ptr(now), UpdatedAt: ptr(now),
		LaunchType: sv.in.LaunchType, NetworkConfiguration: sv.in.NetworkConfiguration, PlatformVersion: sv.in.PlatformVersion,
		RolloutState: types.DeploymentRolloutStateInProgress, RolloutStateReason: ptr("ECS deployment " + id + " in progress."),
	}}
	sv.deployments = append([]*deployment{d}, sv.deployments...)
	sv.steady = false
}

func (s *Server) event(sv *service, now time.Time, format string, args ...any) {
	msg := "(service " + sv.name + ") " + fmt.Sprintf(format, args...)
	if n := len(sv.events); n > 0 && deref(sv.events[n-1].Message) == msg && strings.Contains(msg, "unable to place") {
		return // ECS does not repeat this one on every attempt
	}
	sv.events = append(sv.events, types.ServiceEvent{Id: ptr(s.uuid()), CreatedAt: ptr(now), Message: &msg})
}

// settle brings every service up to now.
func (s *Server) settle(now time.Time) {
	for _, sv := range s.services().order {
		if sv.status != "INACTIVE" && sv.cluster.status == "ACTIVE" {
			s.settleService(sv, now)
		}
	}
}

func (s *Server) settleService(sv *service, now time.Time) {
	primary := sv.deployments[0]
	want := sv.desired
	daemon := sv.in.SchedulingStrategy == types.SchedulingStrategyDaemon
	if daemon {
		want = int32(len(sv.cluster.instances))
	}
	if sv.status == "DRAINING" {
		want = 0
	}
	// Tasks that stopped by themselves count against their deployment.
	for _, d := range sv.deployments {
		for _, t := range d.tasks {
			if _, _, code, stopped := t.stop(now); stopped && code != types.TaskStopCodeUserInitiated && !d.counted[t] {
				d.counted[t] = true
				d.failed++
				d.d.FailedTasks = d.failed
				s.event(sv, now, "has stopped 1 running tasks: (task %s).", t.id)
			}
		}
	}
	if primary.d.RolloutState == types.DeploymentRolloutStateInProgress && primary.failed >= failedTasksLimit {
		primary.d.RolloutState = types.DeploymentRolloutStateFailed
		primary.d.RolloutStateReason = ptr("ECS deployment circuit breaker: tasks failed to start.")
		s.event(sv, now, "deployment %s deployment failed: tasks failed to start.", deref(primary.d.Id))
		cb := sv.in.DeploymentConfiguration
		var prev *deployment // the newest deployment that did not fail
		for _, d := range sv.deployments[1:] {
			if d.d.RolloutState != types.DeploymentRolloutStateFailed {
				prev = d
				break
			}
		}
		if cb != nil && cb.DeploymentCircuitBreaker != nil && cb.DeploymentCircuitBreaker.Rollback && prev != nil {
			sv.taskDef = deref(prev.d.TaskDefinition)
			s.event(sv, now, "rolling back to deployment %s.", deref(prev.d.Id))
			s.newDeployment(sv, now)
			primary = sv.deployments[0]
		}
	}
	live := func(d *deployment) []*task {
		var out []*task
		for _, t := range d.tasks {
			if _, _, _, stopped := t.stop(now); !stopped {
				out = append(out, t)
			}
		}
		return out
	}
	// scaleDown stops ts now, on the primary deployment's behalf.
	scaleDown := func(ts []*task) {
		if len(ts) == 0 {
			return
		}
		for _, t := range ts {
			at := now
			t.stopAt, t.stopReason = &at, "Scaling activity initiated by (deployment "+deref(primary.d.Id)+")"
		}
		s.event(sv, now, "has stopped %d running tasks: %s.", len(ts), taskList(ts))
	}
	if primary.d.RolloutState != types.DeploymentRolloutStateFailed {
		have := live(primary)
		if int32(len(have)) > want {
			scaleDown(have[want:])
		} else if int32(len(have)) < want {
			s.startServiceTasks(sv, primary, want-int32(len(have)), daemon, now)
		}
	}
	// Old deployments drain once the primary runs its count (or failed).
	running := func(d *deployment) (run, pend int32) {
		for _, t := range live(d) {
			if t.lastStatus(now) == "RUNNING" {
				run++
			} else {
				pend++
			}
		}
		return run, pend
	}
	pr, _ := running(primary)
	if pr >= want {
		for _, d := range sv.deployments[1:] {
			scaleDown(live(d))
		}
	}
	keep := sv.deployments[:1]
	for _, d := range sv.deployments[1:] {
		rollingBack := d.d.RolloutState == types.DeploymentRolloutStateFailed && primary.d.RolloutState == types.DeploymentRolloutStateInProgress
		if len(live(d)) > 0 || hasStopping(d, now) || rollingBack {
			keep = append(keep, d)
		}
	}
	sv.deployments = keep
	for _, d := range sv.deployments {
		r, p := running(d)
		d.d.RunningCount, d.d.PendingCount = r, p
		d.d.DesiredCount = 0
		if d == primary {
			d.d.DesiredCount = want
		}
	}
	pr, pp := running(primary)
	if sv.status == "DRAINING" {
		if pr == 0 && pp == 0 && !hasStopping(primary, now) {
			sv.status = "INACTIVE"
		}
		return
	}
	if len(sv.deployments) == 1 && pr == want && pp == 0 {
		if primary.d.RolloutState == types.DeploymentRolloutStateInProgress {
			primary.d.RolloutState = types.DeploymentRolloutStateCompleted
			primary.d.RolloutStateReason = ptr("ECS deployment " + deref(primary.d.Id) + " completed.")
			primary.d.UpdatedAt = ptr(now)
			s.event(sv, now, "deployment %s deployment completed.", deref(primary.d.Id))
		}
		if !sv.steady {
			sv.steady = true
			s.event(sv, now, "has reached a steady state.")
		}
	} else {
		sv.steady = false
	}
}

func hasStopping(d *deployment, now time.Time) bool {
	for _, t := range d.tasks {
		if t.lastStatus(now) == "STOPPING" {
			return true
		}
	}
	return false
}

func taskList(ts []*task) string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = "(task " + t.id + ")"
	}
	return strings.Join(ids, " ")
}

// startServiceTasks starts n tasks of d, placing EC2 tasks (daemon tasks
// one per container instance) and reporting what could not be placed.
func (s *Server) startServiceTasks(sv *service, d *deployment, n int32, daemon bool, now time.Time) {
	td := s.findTaskDefinition(deref(d.d.TaskDefinition))
	if td == nil {
		return
	}
	in := &runTaskInput{
		Group: ptr("service:" + sv.name), StartedBy: d.d.Id, LaunchType: sv.in.LaunchType,
		NetworkConfiguration: sv.in.NetworkConfiguration, PlatformVersion: sv.in.PlatformVersion,
		PropagateTags: sv.in.PropagateTags, EnableECSManagedTags: sv.in.EnableECSManagedTags,
	}
	var started []*task
	for i := range int(n) {
		t := s.newTask(sv.cluster, td, in, sv.in.LaunchType, "", i)
		if sv.in.LaunchType == types.LaunchTypeEc2 {
			if daemon {
				inst := s.daemonInstance(sv, d, now)
				if inst == nil {
					break
				}
				_, _, used, _, _ := s.usage(inst, now)
				t.instance, t.base.ContainerInstanceArn = inst, &inst.arn
				s.bind(t, td, inst, used)
			} else if failures := s.place(t, td, now); failures != nil || len(sv.cluster.instances) == 0 {
				s.event(sv, now, "was unable to place a task because no container instance met all of its requirements.")
				break
			}
		}
		s.ecs.tasks = append(s.ecs.tasks, t)
		s.ecs.taskByID[t.id] = t
		d.tasks = append(d.tasks, t)
		started = append(started, t)
	}
	if len(started) > 0 {
		s.event(sv, now, "has started %d tasks: %s.", len(started), taskList(started))
	}
}

// daemonInstance is a container instance without a live task of d.
func (s *Server) daemonInstance(sv *service, d *deployment, now time.Time) *instance {
	for _, inst := range sv.cluster.instances {
		if !slices.ContainsFunc(d.tasks, func(t *task) bool {
			_, _, _, stopped := t.stop(now)
			return t.instance == inst && !stopped
		}) {
			return inst
		}
	}
	return nil
}

func (s *Server) updateService(in *updateServiceInput) (any, error) {
	c, now, err := s.settledCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	sv := s.findService(c, deref(in.Service))
	if sv == nil {
		return nil, wire.Errorf(400, "ServiceNotFoundException", "Service not found.")
	}
	if sv.status != "ACTIVE" {
		return nil, wire.Errorf(400, "ServiceNotActiveException", "Service was not ACTIVE.")
	}
	if in.DesiredCount != nil {
		if sv.in.SchedulingStrategy == types.SchedulingStrategyDaemon {
			return nil, badParam("The daemon scheduling strategy does not support a desired count for services.")
		}
		if *in.DesiredCount < 0 {
			return nil, badParam("desiredCount must be at least 0.")
		}
	}
	if in.HealthCheckGracePeriodSeconds != nil && len(sv.in.LoadBalancers) == 0 {
		return nil, badParam("Health check grace period is only valid for services configured to use load balancers")
	}
	newTD := ""
	if ref := deref(in.TaskDefinition); ref != "" {
		td := s.findTaskDefinition(ref)
		if td == nil || td.Status != types.TaskDefinitionStatusActive {
			return nil, badParam("TaskDefinition not found.")
		}
		if err := checkLoadBalancers(sv.in.LoadBalancers, td); err != nil {
			return nil, err
		}
		newTD = *td.TaskDefinitionArn
	}
	if in.DeploymentConfiguration != nil {
		dc := *in.DeploymentConfiguration
		if old := sv.in.DeploymentConfiguration; old != nil && dc.DeploymentCircuitBreaker == nil {
			dc.DeploymentCircuitBreaker = old.DeploymentCircuitBreaker
		}
		sv.in.DeploymentConfiguration = &dc
	}
	if in.HealthCheckGracePeriodSeconds != nil {
		sv.in.HealthCheckGracePeriodSeconds = in.HealthCheckGracePeriodSeconds
	}
	if in.NetworkConfiguration != nil {
		sv.in.NetworkConfiguration = in.NetworkConfiguration
	}
	if in.DesiredCount != nil {
		sv.desired = *in.DesiredCount
		sv.steady = false
	}
	if (newTD != "" && newTD != sv.taskDef) || in.ForceNewDeployment {
		if newTD != "" {
			sv.taskDef = newTD
		}
		s.newDeployment(sv, now)
	}
	s.settleService(sv, now)
	return struct{ Service types.Service }{s.serviceView(sv, false)}, nil
}

func (s *Server) describeServices(in *describeServicesInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	switch {
	case len(in.Services) == 0:
		return nil, badParam("Services cannot be empty.")
	case len(in.Services) > 10:
		return nil, badParam("Services cannot have more than 10 elements.")
	}
	now := s.clock.Now()
	s.settle(now)
	out := struct {
		Services []types.Service
		Failures []types.Failure
	}{[]types.Service{}, []types.Failure{}}
	for _, ref := range in.Services {
		sv := s.findService(c, ref)
		if sv == nil {
			arn := ref
			if !strings.HasPrefix(ref, "arn:") {
				arn = s.ecsARN("service/" + c.name + "/" + ref)
			}
			out.Failures = append(out.Failures, types.Failure{Arn: &arn, Reason: ptr("MISSING")})
			continue
		}
		out.Services = append(out.Services, s.serviceView(sv, tagsIncluded(in.Include)))
	}
	return out, nil
}

func (s *Server) deleteService(in *deleteServiceInput) (any, error) {
	c, now, err := s.settledCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	sv := s.findService(c, deref(in.Service))
	if sv == nil || sv.status == "INACTIVE" {
		return nil, wire.Errorf(400, "ServiceNotFoundException", "Service not found.")
	}
	if sv.status == "DRAINING" {
		return nil, wire.Errorf(400, "ServiceNotActiveException", "Service was not ACTIVE.")
	}
	if sv.in.SchedulingStrategy == types.SchedulingStrategyReplica && sv.desired > 0 && !deref(in.Force) {
		return nil, badParam("The service cannot be stopped while it is scaled above 0.")
	}
	sv.status = "DRAINING"
	sv.desired = 0
	s.settleService(sv, now)
	return struct{ Service types.Service }{s.serviceView(sv, false)}, nil
}

func (s *Server) listServices(in *listServicesInput) (any, error) {
	c, _, err := s.settledCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	arns := []string{}
	for _, sv := range s.services().order {
		if sv.cluster != c || sv.status == "INACTIVE" ||
			(in.LaunchType != "" && in.LaunchType != sv.in.LaunchType) ||
			(in.SchedulingStrategy != "" && in.SchedulingStrategy != sv.in.SchedulingStrategy) {
			continue
		}
		arns = append(arns, sv.arn)
	}
	p, next, err := page(arns, in.MaxResults, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		ServiceArns []string
		NextToken   *string
	}{p, next}, nil
}

// serviceView is the service as DescribeServices shows it; events newest
// first, at most 100, as ECS keeps them.
func (s *Server) serviceView(sv *service, tags bool) types.Service {
	v := types.Service{
		ServiceArn: &sv.arn, ServiceName: &sv.name, ClusterArn: &sv.cluster.arn, Status: ptr(sv.status),
		DesiredCount: sv.desired, TaskDefinition: ptr(sv.taskDef), LaunchType: sv.in.LaunchType,
		LoadBalancers: sv.in.LoadBalancers, ServiceRegistries: sv.in.ServiceRegistries,
		DeploymentConfiguration: sv.in.DeploymentConfiguration, PlacementConstraints: sv.in.PlacementConstraints,
		PlacementStrategy: sv.in.PlacementStrategy, NetworkConfiguration: sv.in.NetworkConfiguration,
		HealthCheckGracePeriodSeconds: sv.in.HealthCheckGracePeriodSeconds, SchedulingStrategy: sv.in.SchedulingStrategy,
		PropagateTags: sv.in.PropagateTags, EnableECSManagedTags: sv.in.EnableECSManagedTags, CreatedAt: ptr(sv.created),
		CreatedBy: ptr(s.callerARN()), PlatformVersion: sv.in.PlatformVersion,
		DeploymentController: &types.DeploymentController{Type: types.DeploymentControllerTypeEcs},
	}
	if v.LoadBalancers == nil {
		v.LoadBalancers = []types.LoadBalancer{}
	}
	if v.ServiceRegistries == nil {
		v.ServiceRegistries = []types.ServiceRegistry{}
	}
	if v.DeploymentConfiguration == nil {
		v.DeploymentConfiguration = &types.DeploymentConfiguration{}
	}
	if r := deref(sv.in.Role); r != "" {
		v.RoleArn = ptr(r)
		if !strings.HasPrefix(r, "arn:") {
			v.RoleArn = ptr("arn:aws:iam::" + s.account + ":role/" + r)
		}
	}
	if tags {
		v.Tags = sv.in.Tags
	}
	if sv.status == "DRAINING" {
		v.DesiredCount = 0
	}
	if sv.in.SchedulingStrategy == types.SchedulingStrategyDaemon && len(sv.deployments) > 0 {
		v.DesiredCount = sv.deployments[0].d.DesiredCount // one per container instance
	}
	for _, d := range sv.deployments {
		v.RunningCount += d.d.RunningCount
		v.PendingCount += d.d.PendingCount
		v.Deployments = append(v.Deployments, d.d)
	}
	if sv.status == "INACTIVE" {
		v.Deployments = []types.Deployment{}
	}
	v.Events = []types.ServiceEvent{}
	for i := len(sv.events) - 1; i >= 0 && len(v.Events) < 100; i-- {
		v.Events = append(v.Events, sv.events[i])
	}
	return v
}
