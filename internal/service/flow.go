package service

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tasks"
)

// describe returns the service; errMissing when ECS does not know it.
func (s *svc) describe(ctx context.Context) (types.Service, error) {
	out, err := s.api.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(s.cluster), Services: []string{s.name}})
	if err != nil {
		return types.Service{}, fmt.Errorf("describing service %s: %w", s.name, err)
	}
	if len(out.Failures) > 0 {
		// Kept for the document's failures key should the step fail.
		s.failures = out.Failures
		if aws.ToString(out.Failures[0].Reason) == "MISSING" {
			return types.Service{}, errMissing
		}
		return types.Service{}, exitcode.Failedf("Got an error describing service '%s' : '%s'", s.name, aws.ToString(out.Failures[0].Reason))
	}
	if len(out.Services) == 0 {
		return types.Service{}, exitcode.Failedf("Got an empty list of services while describing the service '%s'", s.name)
	}
	return out.Services[0], nil
}

func (s *svc) info(format string, args ...any) {
	fmt.Fprintf(s.progress, name+": "+format+"\n", args...)
}

// waitFor waits until done holds, or warns and returns the service as it
// is when --timeout is 0.
func (s *svc) waitFor(ctx context.Context, current types.Service, done func(types.Service) bool) (types.Service, error) {
	if s.timeout == 0 {
		s.info("Timeout was specified as zero. Your service deployment may not have completed yet.")
		return current, nil
	}
	out, err := s.wait.Wait(ctx, s.cluster, s.name, done)
	if err != nil {
		if out.ServiceName == nil {
			out = current
		}
		return out, exitcode.Failedf("service %s: %v", s.name, err)
	}
	if Steady(out) && !Inactive(out) {
		s.info("ECS Service has reached a stable state: %s (desired %d, running %d)", s.name, out.DesiredCount, out.RunningCount)
	}
	return out, nil
}

func (s *svc) deploymentConfig() *types.DeploymentConfiguration {
	d := s.spec.deployment
	return &d
}

// create makes the service with desired count (nil for DAEMON) and waits
// for it to be stable.
func (s *svc) create(ctx context.Context, count int32) (types.Service, error) {
	in := &ecs.CreateServiceInput{
		ServiceName:                   aws.String(s.name),
		TaskDefinition:                aws.String(s.td),
		Cluster:                       aws.String(s.cluster),
		DesiredCount:                  aws.Int32(count),
		DeploymentConfiguration:       s.deploymentConfig(),
		LoadBalancers:                 s.spec.loadBalancers,
		Role:                          aws.String(s.f.Role),
		HealthCheckGracePeriodSeconds: s.spec.grace,
		SchedulingStrategy:            s.spec.strategy,
		NetworkConfiguration:          s.spec.network,
		PlacementConstraints:          s.spec.constraints,
		PlacementStrategy:             s.spec.strategyPl,
		LaunchType:                    s.spec.launchType,
		Tags:                          s.spec.tags,
	}
	if s.spec.grace != nil && len(s.spec.loadBalancers) == 0 {
		return types.Service{}, exitcode.Usagef("--health-check-grace-period is only valid for services configured to use load balancers")
	}
	if s.spec.strategy == types.SchedulingStrategyDaemon {
		in.DesiredCount = nil
	}
	if s.spec.launchType == types.LaunchTypeFargate && s.spec.network == nil {
		return types.Service{}, exitcode.Usagef("launch type FARGATE needs a network configuration: set run_params.network_configuration in ecs-params")
	}
	if s.f.SD.Enable {
		if err := s.disc.validate(s.networkMode, s.info); err != nil {
			return types.Service{}, err
		}
		reg, err := s.createDiscovery(ctx)
		if err != nil {
			return types.Service{}, err
		}
		in.ServiceRegistries = []types.ServiceRegistry{reg}
	}
	long, err := tasks.LongARNs(ctx, s.api)
	if err != nil {
		return types.Service{}, err
	}
	if long {
		in.PropagateTags = types.PropagateTagsTaskDefinition
		if !s.f.DisableManaged {
			in.EnableECSManagedTags = true
			s.info("Auto-enabling ECS Managed Tags")
		}
	}
	out, err := s.api.CreateService(ctx, in)
	if err != nil {
		return types.Service{}, fmt.Errorf("error creating service %s: %w", s.name, err)
	}
	created := *out.Service
	if count == 0 {
		// create never waits, as the original's (which had no --timeout
		// there), DAEMON services included.
		s.info("Timeout was specified as zero. Service creation may not have completed yet.")
		s.info("Created an ECS service: service=%s taskDefinition=%s", s.name, s.td)
		return created, nil
	}
	res, err := s.waitFor(ctx, created, Steady)
	if err == nil {
		s.info("Created an ECS service: service=%s taskDefinition=%s", s.name, s.td)
	}
	return res, err
}

// start sets the desired count to 1 when it is 0.
func (s *svc) start(ctx context.Context) (types.Service, error) {
	cur, err := s.describe(ctx)
	if errors.Is(err, errMissing) || (err == nil && aws.ToString(cur.Status) != "ACTIVE") {
		return types.Service{}, exitcode.Failedf("Please use 'create' command to create the service '%s' first", s.name)
	}
	if err != nil {
		return types.Service{}, err
	}
	if cur.DesiredCount != 0 || cur.SchedulingStrategy == types.SchedulingStrategyDaemon {
		if s.f.ForceDeployment {
			s.info("Forcing new deployment of running ECS Service %s", s.name)
			return s.update(ctx, countFor(cur, cur.DesiredCount), "", "")
		}
		s.info("ECS Service is already running: %s", s.name)
		return s.waitFor(ctx, cur, Steady)
	}
	return s.update(ctx, aws.Int32(1), "", "Updated ECS service successfully")
}

// countFor is the desired count to send: nil for a DAEMON service.
func countFor(cur types.Service, n int32) *int32 {
	if cur.SchedulingStrategy == types.SchedulingStrategyDaemon {
		return nil
	}
	return &n
}

// up creates the service (desired count 1) or moves it to the document's
// task definition, keeping its count (1 when it is 0).
func (s *svc) up(ctx context.Context) (types.Service, error) {
	cur, err := s.describe(ctx)
	if errors.Is(err, errMissing) || (err == nil && aws.ToString(cur.Status) != "ACTIVE") {
		s.failures = nil // a missing service is what up creates, not a failure
		return s.create(ctx, 1)
	}
	if err != nil {
		return types.Service{}, err
	}
	if s.spec.strategy != "" && s.spec.strategy != cur.SchedulingStrategy {
		return types.Service{}, exitcode.Usagef("Scheduling Strategy cannot be updated on an existing ECS Service")
	}
	if s.f.SD.Enable {
		s.info("Service Discovery can not be enabled on an existing ECS Service. Skipping this flag...")
	}
	if len(s.spec.loadBalancers) > 0 {
		s.info("You cannot update the load balancer configuration on an existing service: %s", s.name)
	}
	count := cur.DesiredCount
	if count == 0 {
		count = 1
	}
	var out types.Service
	if familyRev(aws.ToString(cur.TaskDefinition)) == s.td {
		out, err = s.update(ctx, countFor(cur, count), "", "Updated ECS service successfully")
	} else {
		out, err = s.update(ctx, countFor(cur, count), s.td, "Updated the ECS service with a new task definition. Old containers will be stopped automatically, and replaced with new ones")
	}
	if err == nil && s.f.SD.Update {
		err = s.updateDiscovery(ctx)
	}
	// The original added --tags to an existing service (it skipped them
	// with --update-service-discovery; we do not).
	if err == nil && len(s.spec.tags) > 0 {
		if _, terr := s.api.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: cur.ServiceArn, Tags: s.spec.tags}); terr != nil {
			return out, fmt.Errorf("tagging service %s: %w", aws.ToString(cur.ServiceArn), terr)
		}
		s.info("Added new tags to service")
	}
	return out, err
}

func familyRev(arn string) string {
	for i := len(arn) - 1; i >= 0; i-- {
		if arn[i] == '/' {
			return arn[i+1:]
		}
	}
	return arn
}

// update sends UpdateService and waits for a steady state.
func (s *svc) update(ctx context.Context, count *int32, td, msg string) (types.Service, error) {
	in := &ecs.UpdateServiceInput{
		Service:                       aws.String(s.name),
		Cluster:                       aws.String(s.cluster),
		DesiredCount:                  count,
		DeploymentConfiguration:       s.deploymentConfig(),
		ForceNewDeployment:            s.f.ForceDeployment,
		HealthCheckGracePeriodSeconds: s.spec.grace,
		NetworkConfiguration:          s.spec.network,
		TaskDefinition:                nonEmpty(td),
	}
	out, err := s.api.UpdateService(ctx, in)
	if err != nil {
		return types.Service{}, fmt.Errorf("error updating service %s: %w", s.name, err)
	}
	if msg != "" {
		s.info("%s: service=%s desiredCount=%d", msg, s.name, out.Service.DesiredCount)
	}
	return s.waitFor(ctx, *out.Service, Steady)
}

// rm deletes the service (force) and waits for it to be INACTIVE.
func (s *svc) rm(ctx context.Context) (types.Service, error) {
	cur, err := s.describe(ctx)
	if errors.Is(err, errMissing) {
		return types.Service{}, exitcode.Failedf("service %s not found in cluster %s", s.name, s.cluster)
	}
	if err != nil {
		return types.Service{}, err
	}
	if aws.ToString(cur.Status) != "ACTIVE" {
		s.info("ECS Service is already deleted: %s", s.name)
		return cur, nil
	}
	// As the original: DeleteService with force stops the tasks itself,
	// with no UpdateService to 0 before it.
	out, err := s.api.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String(s.cluster), Service: aws.String(s.name), Force: aws.Bool(true)})
	if err != nil {
		return cur, fmt.Errorf("deleting service %s: %w", s.name, err)
	}
	s.info("Deleted ECS service %s", s.name)
	res, err := s.waitFor(ctx, *out.Service, Inactive)
	if err == nil && len(cur.ServiceRegistries) > 0 {
		s.info("Trying to delete any Service Discovery Resources that were created by the ECS CLI...")
		if derr := s.deleteDiscovery(ctx, cur.ServiceRegistries); derr != nil {
			// The original logged this and exited 0; the stacks are left
			// behind, so say so and fail.
			return res, exitcode.Failedf("service %s is deleted, but its service discovery resources are not (stack %s): %v", s.name, sdsStack(s.cluster, s.name), derr)
		}
	}
	return res, err
}
