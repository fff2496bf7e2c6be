package awsfake

import (
	"regexp"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

type cluster struct {
	name, arn, status string // status ACTIVE or INACTIVE
	in                createClusterInput
	instances         []*instance
}

type createClusterInput struct {
	CapacityProviders               []string
	ClusterName                     *string
	Configuration                   *types.ClusterConfiguration
	DefaultCapacityProviderStrategy []types.CapacityProviderStrategyItem
	ServiceConnectDefaults          *types.ClusterServiceConnectDefaultsRequest
	Settings                        []types.ClusterSetting
	Tags                            []types.Tag
}

type describeClustersInput struct {
	Clusters []string
	Include  []types.ClusterField
}

type listClustersInput struct {
	MaxResults *int32
	NextToken  *string
}

type deleteClusterInput struct {
	Cluster *string
}

var clusterName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)

// CreateCluster creates an ACTIVE cluster, as the API's CreateCluster does
// (nothing changes if it exists). It panics on a name ECS refuses.
func (s *Server) CreateCluster(name string) {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	if _, err := s.createCluster(&createClusterInput{ClusterName: &name}); err != nil {
		panic("awsfake: CreateCluster: " + err.Error())
	}
}

// createCluster answers CreateCluster. Creating a cluster that exists
// returns it, as ECS does.
func (s *Server) createCluster(in *createClusterInput) (any, error) {
	name := deref(in.ClusterName)
	if name == "" {
		name = "default"
	}
	if !clusterName.MatchString(name) {
		return nil, wire.Errorf(400, "InvalidParameterException", "Cluster names can contain up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.")
	}
	c := s.ecs.clusters[name]
	if c == nil {
		c = &cluster{name: name, arn: s.ecsARN("cluster/" + name)}
		s.ecs.clusters[name] = c
		s.ecs.order = append(s.ecs.order, name)
	}
	if c.status != "ACTIVE" {
		c.status, c.in = "ACTIVE", *in
	}
	return struct{ Cluster types.Cluster }{s.clusterView(c, true)}, nil
}

func (s *Server) describeClusters(in *describeClustersInput) (any, error) {
	refs := in.Clusters
	if len(refs) == 0 {
		refs = []string{"default"}
	}
	if len(refs) > 100 {
		return nil, wire.Errorf(400, "InvalidParameterException", "clusters can have at most 100 items.")
	}
	out := struct {
		Clusters []types.Cluster
		Failures []types.Failure
	}{[]types.Cluster{}, []types.Failure{}}
	for _, ref := range refs {
		name, ok := s.resourceName(ref, "cluster")
		c := s.ecs.clusters[name]
		if !ok || c == nil {
			arn := ref
			if ok {
				arn = s.ecsARN("cluster/" + name)
			}
			out.Failures = append(out.Failures, types.Failure{Arn: &arn, Reason: ptr("MISSING")})
			continue
		}
		out.Clusters = append(out.Clusters, s.clusterView(c, tagsIncluded(in.Include)))
	}
	return out, nil
}

func (s *Server) listClusters(in *listClustersInput) (any, error) {
	arns := []string{}
	for _, name := range s.ecs.order {
		if c := s.ecs.clusters[name]; c.status == "ACTIVE" {
			arns = append(arns, c.arn)
		}
	}
	p, next, err := page(arns, in.MaxResults, in.NextToken, 100)
	if err != nil {
		return nil, err
	}
	return struct {
		ClusterArns []string
		NextToken   *string
	}{p, next}, nil
}

func (s *Server) deleteCluster(in *deleteClusterInput) (any, error) {
	c, err := s.findCluster(in.Cluster)
	if err != nil {
		return nil, err
	}
	if len(c.instances) > 0 {
		return nil, wire.Errorf(400, "ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active or draining.")
	}
	now := s.clock.Now()
	for _, t := range s.ecs.tasks {
		if t.cluster == c && t.lastStatus(now) != "STOPPED" {
			return nil, wire.Errorf(400, "ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.")
		}
	}
	c.status = "INACTIVE"
	return struct{ Cluster types.Cluster }{s.clusterView(c, false)}, nil
}

// clusterView is c as DescribeClusters shows it now.
func (s *Server) clusterView(c *cluster, tags bool) types.Cluster {
	v := types.Cluster{
		ClusterArn:                        &c.arn,
		ClusterName:                       &c.name,
		Status:                            ptr(c.status),
		CapacityProviders:                 c.in.CapacityProviders,
		Configuration:                     c.in.Configuration,
		DefaultCapacityProviderStrategy:   c.in.DefaultCapacityProviderStrategy,
		Settings:                          c.in.Settings,
		RegisteredContainerInstancesCount: int32(len(c.instances)),
		Statistics:                        []types.KeyValuePair{},
	}
	if tags {
		v.Tags = append([]types.Tag{}, c.in.Tags...)
	}
	now := s.clock.Now()
	for _, t := range s.ecs.tasks {
		if t.cluster != c {
			continue
		}
		switch t.lastStatus(now) {
		case "PROVISIONING", "PENDING":
			v.PendingTasksCount++
		case "RUNNING":
			v.RunningTasksCount++
		}
	}
	return v
}
