package awsfake

import "time"

// What other services of the fake ask of ECS. EC2 answers for ECS's
// container instances and awsvpc tasks' interfaces; CloudFormation's Auto
// Scaling groups register and deregister container instances. Each method
// takes ecs.mu itself and hands out copies, never ECS's own records.

// containerInstances returns copies of every cluster's container
// instances, clusters in creation order.
func (e *ecsState) containerInstances() []instance {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []instance
	for _, name := range e.order {
		for _, in := range e.clusters[name].instances {
			out = append(out, *in)
		}
	}
	return out
}

// liveENIs returns copies of the network interfaces of the awsvpc tasks
// that have not stopped at now, oldest task first.
func (e *ecsState) liveENIs(now time.Time) []eni {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []eni
	for _, t := range e.tasks {
		if t.eni != nil && t.lastStatus(now) != "STOPPED" {
			out = append(out, *t.eni)
		}
	}
	return out
}

// ecsPeer is ECS as CloudFormation provisions in it (ecsProvisioner).
type ecsPeer struct{ s *Server }

func (p ecsPeer) clusterActive(name string) bool {
	p.s.ecs.mu.Lock()
	defer p.s.ecs.mu.Unlock()
	c := p.s.ecs.clusters[name]
	return c != nil && c.status == "ACTIVE"
}

func (p ecsPeer) joinCluster(name string, in launched) bool {
	p.s.ecs.mu.Lock()
	defer p.s.ecs.mu.Unlock()
	c := p.s.ecs.clusters[name]
	if c == nil || c.status != "ACTIVE" {
		return false
	}
	inst := p.s.addInstance(c, in.ec2ID, in.publicIP, in.privateIP)
	inst.ami = in.ami
	inst.attrs = in.attrs
	return true
}

func (p ecsPeer) leaveCluster(name, ec2ID string) {
	p.s.ecs.mu.Lock()
	defer p.s.ecs.mu.Unlock()
	c := p.s.ecs.clusters[name]
	if c == nil {
		return
	}
	for i, in := range c.instances {
		if in.ec2ID == ec2ID {
			c.instances = append(c.instances[:i:i], c.instances[i+1:]...)
			return
		}
	}
}
