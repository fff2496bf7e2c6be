package local

import (
	"encoding/json"
	"fmt"
	"strings"
)

// down stops and removes the task's containers, then the endpoints
// container and the network when no other task uses them.
func (s *session) down() error {
	filters, what, err := s.filters()
	if err != nil {
		return err
	}
	s.info("%s", what)
	cs, err := s.list(filters)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		s.info("No running ECS local tasks found")
	} else {
		s.info("Stop and remove %d container(s)", len(cs))
	}
	for i, c := range cs {
		if _, err := output(s.ctx, s.env.Docker, "stop", c.ID); err != nil {
			return fmt.Errorf("stopping container %s (%d of %d removed): %w", short(c.ID), i, len(cs), err)
		}
		s.info("Stopped container with id %s", short(c.ID))
		if _, err := output(s.ctx, s.env.Docker, "rm", c.ID); err != nil {
			return fmt.Errorf("removing container %s (%d of %d removed): %w", short(c.ID), i, len(cs), err)
		}
		s.info("Removed container with id %s", short(c.ID))
	}
	return s.teardown()
}

// teardown removes the endpoints container and the network once only the
// endpoints container is left on it.
func (s *session) teardown() error {
	id, err := networkID(s.ctx, s.env.Docker, NetworkName)
	if err != nil {
		return fmt.Errorf("looking for network %s: %w", NetworkName, err)
	}
	if id == "" {
		s.info("Network %s not found, skipping network removal", NetworkName)
		return nil
	}
	out, err := output(s.ctx, s.env.Docker, "network", "inspect", NetworkName, "--format", "{{json .Containers}}")
	if err != nil {
		return fmt.Errorf("inspecting network %s: %w", NetworkName, err)
	}
	var attached map[string]struct{ Name string }
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &attached); err != nil {
		return fmt.Errorf("inspecting network %s: reading docker's answer %q: %w", NetworkName, out, err)
	}
	if len(attached) > 1 {
		s.info("%d other task container(s) running locally, skipping network removal", len(attached)-1)
		return nil
	}
	for _, c := range attached {
		if c.Name != EndpointsName {
			s.info("The %s container is running in the %s network without the %s container, please stop it first", c.Name, NetworkName, EndpointsName)
			return nil
		}
	}
	s.info("The network %s has no more running tasks", NetworkName)
	// The endpoints container may be gone already (removed by hand, or
	// stopped and removed by a down that failed after it).
	eid, err := containerID(s.ctx, s.env.Docker, EndpointsName)
	if err != nil {
		return fmt.Errorf("removing the local endpoints: %w", err)
	}
	steps := [][]string{{"network", "rm", NetworkName}}
	if eid != "" {
		steps = append([][]string{{"stop", EndpointsName}, {"rm", EndpointsName}}, steps...)
	}
	for _, step := range steps {
		if _, err := output(s.ctx, s.env.Docker, step...); err != nil {
			return fmt.Errorf("removing the local endpoints: %w", err)
		}
	}
	s.info("Removed container %s and network %s", EndpointsName, NetworkName)
	return nil
}
