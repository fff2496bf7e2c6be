package compose

import (
	"bytes"
	"encoding/json"
	"fmt"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

// RunParams is the document's runParams: what RunTask and CreateService need
// beyond the task definition, in the API's own shapes.
type RunParams struct {
	NetworkConfiguration *ecstypes.NetworkConfiguration
	PlacementConstraints []ecstypes.PlacementConstraint
	PlacementStrategy    []ecstypes.PlacementStrategy
	ServiceDiscovery     *ServiceDiscovery
	LaunchType           string
}

// The document's runParams.serviceDiscovery, declared with the document
// so that ecs-service reads it without linking the conversion core.
type (
	ServiceDiscovery        = pipeline.ServiceDiscovery
	DNSNamespace            = pipeline.DNSNamespace
	ServiceDiscoveryService = pipeline.ServiceDiscoveryService
)

// IsZero reports whether there is nothing to write.
func (r *RunParams) IsZero() bool {
	return r == nil || (r.NetworkConfiguration == nil && r.PlacementConstraints == nil && r.PlacementStrategy == nil && r.ServiceDiscovery == nil && r.LaunchType == "")
}

// runParams converts ecs-params run_params with the original's validation.
func (c *converter) runParams() (*RunParams, error) {
	in := c.params.RunParams
	field := c.paramsName + ": run_params."
	rp := &RunParams{LaunchType: c.launchType}
	aw := in.NetworkConfiguration.AwsvpcConfiguration
	hasNet := len(aw.Subnets) > 0 || len(aw.SecurityGroups) > 0 || aw.AssignPublicIP != ""
	if c.networkMode == "awsvpc" && hasNet {
		if len(aw.Subnets) == 0 {
			return nil, fmt.Errorf("%snetwork_configuration.awsvpc_configuration.subnets: at least one subnet is required", field)
		}
		cfg := &ecstypes.AwsVpcConfiguration{Subnets: aw.Subnets, SecurityGroups: aw.SecurityGroups}
		switch aw.AssignPublicIP {
		case "":
		case "ENABLED", "DISABLED":
			cfg.AssignPublicIp = ecstypes.AssignPublicIp(aw.AssignPublicIP)
		default:
			return nil, fmt.Errorf("%snetwork_configuration.awsvpc_configuration.assign_public_ip: %q must be ENABLED or DISABLED", field, aw.AssignPublicIP)
		}
		rp.NetworkConfiguration = &ecstypes.NetworkConfiguration{AwsvpcConfiguration: cfg}
	} else if hasNet {
		c.warn("%snetwork_configuration: ignored because ecs_network_mode is not awsvpc", field)
	}
	for i, s := range in.TaskPlacement.Strategy {
		switch s.Type {
		case "random":
			if s.Field != "" {
				return nil, fmt.Errorf("%stask_placement.strategy[%d].field: random takes no field", field, i)
			}
		case "spread", "binpack":
		default:
			return nil, fmt.Errorf("%stask_placement.strategy[%d].type: %q must be random, spread or binpack", field, i, s.Type)
		}
		rp.PlacementStrategy = append(rp.PlacementStrategy, ecstypes.PlacementStrategy{Type: ecstypes.PlacementStrategyType(s.Type), Field: strOrNil(s.Field)})
	}
	for i, pc := range in.TaskPlacement.Constraints {
		switch pc.Type {
		case "distinctInstance":
			if pc.Expression != "" {
				return nil, fmt.Errorf("%stask_placement.constraints[%d].expression: distinctInstance takes no expression", field, i)
			}
		case "memberOf":
			if pc.Expression == "" {
				return nil, fmt.Errorf("%stask_placement.constraints[%d].expression: memberOf needs an expression", field, i)
			}
		default:
			return nil, fmt.Errorf("%stask_placement.constraints[%d].type: %q must be memberOf or distinctInstance", field, i, pc.Type)
		}
		rp.PlacementConstraints = append(rp.PlacementConstraints, ecstypes.PlacementConstraint{Type: ecstypes.PlacementConstraintType(pc.Type), Expression: strOrNil(pc.Expression)})
	}
	if c.launchType == "FARGATE" && (rp.PlacementStrategy != nil || rp.PlacementConstraints != nil) {
		return nil, fmt.Errorf("%stask_placement: FARGATE tasks cannot use placement strategies or constraints", field)
	}
	if sd := in.ServiceDiscovery; sd != nil {
		out, err := serviceDiscovery(field+"service_discovery.", sd)
		if err != nil {
			return nil, err
		}
		rp.ServiceDiscovery = out
	}
	if rp.IsZero() {
		return nil, nil
	}
	return rp, nil
}

func serviceDiscovery(field string, sd *ServiceDiscoveryParams) (*ServiceDiscovery, error) {
	out := &ServiceDiscovery{ContainerName: sd.ContainerName}
	if p := sd.ContainerPort; p != nil {
		if err := bounds.Port.Check(*p); err != nil {
			return nil, fmt.Errorf("%scontainer_port: %w", field, err)
		}
		out.ContainerPort = i32(*p)
	}
	if s := sd.ServiceDiscoveryService; s != nil {
		if s.DNSConfig != nil && s.DNSConfig.TTL != nil {
			if err := bounds.DNSTTL.Check(*s.DNSConfig.TTL); err != nil {
				return nil, fmt.Errorf("%sservice_discovery_service.dns_config.ttl: %w", field, err)
			}
		}
		if h := s.HealthcheckCustomConfig; h != nil && h.FailureThreshold != nil {
			if err := bounds.FailureThreshold.Check(*h.FailureThreshold); err != nil {
				return nil, fmt.Errorf("%sservice_discovery_service.healthcheck_custom_config.failure_threshold: %w", field, err)
			}
		}
	}
	if n := sd.PrivateDNSNamespace; n != nil {
		out.PrivateDNSNamespace = &DNSNamespace{ID: n.ID, Name: n.Name, VPC: n.VPC, Description: n.Description}
		if n.ID == "" && n.Name == "" {
			return nil, fmt.Errorf("%sprivate_dns_namespace: give id or name", field)
		}
		if n.ID == "" && n.VPC == "" {
			return nil, fmt.Errorf("%sprivate_dns_namespace.vpc: required with a namespace given by name", field)
		}
	}
	if n := sd.PublicDNSNamespace; n != nil {
		out.PublicDNSNamespace = &DNSNamespace{ID: n.ID, Name: n.Name}
		if n.ID == "" && n.Name == "" {
			return nil, fmt.Errorf("%spublic_dns_namespace: give id or name", field)
		}
	}
	if out.PrivateDNSNamespace != nil && out.PublicDNSNamespace != nil {
		return nil, fmt.Errorf("%s: give either private_dns_namespace or public_dns_namespace, not both", field[:len(field)-1])
	}
	if s := sd.ServiceDiscoveryService; s != nil {
		sds := &ServiceDiscoveryService{Name: s.Name, Description: s.Description}
		if s.DNSConfig != nil {
			switch s.DNSConfig.Type {
			case "", "A", "SRV":
			default:
				return nil, fmt.Errorf("%sservice_discovery_service.dns_config.type: %q must be A or SRV", field, s.DNSConfig.Type)
			}
			sds.DNSConfig = &struct {
				Type string `json:"type,omitempty"`
				TTL  *int64 `json:"ttl,omitempty"`
			}{s.DNSConfig.Type, s.DNSConfig.TTL}
		}
		if s.HealthcheckCustomConfig != nil {
			sds.HealthcheckCustomConfig = &struct {
				FailureThreshold *int32 `json:"failureThreshold,omitempty"`
			}{i32OrNil(s.HealthcheckCustomConfig.FailureThreshold)} // checked above
		}
		out.ServiceDiscoveryService = sds
	}
	return out, nil
}

// MarshalJSON writes the API shapes in the API's casing (SDK structs carry
// no json tags, so encoding/json alone would write Go field names).
func (r RunParams) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	add := func(key string, raw []byte) {
		if buf.Len() > 1 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, "%q:", key)
		buf.Write(raw)
	}
	for _, f := range []struct {
		key   string
		set   bool
		value any
		sdk   bool
	}{
		{"launchType", r.LaunchType != "", r.LaunchType, false},
		{"networkConfiguration", r.NetworkConfiguration != nil, r.NetworkConfiguration, true},
		{"placementConstraints", r.PlacementConstraints != nil, r.PlacementConstraints, true},
		{"placementStrategy", r.PlacementStrategy != nil, r.PlacementStrategy, true},
		{"serviceDiscovery", r.ServiceDiscovery != nil, r.ServiceDiscovery, false},
	} {
		if !f.set {
			continue
		}
		var raw []byte
		var err error
		if f.sdk {
			raw, err = ecsjson.Marshal(f.value)
		} else {
			raw, err = json.Marshal(f.value)
		}
		if err != nil {
			return nil, fmt.Errorf("encoding runParams.%s: %w", f.key, err)
		}
		add(f.key, raw)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// i32OrNil narrows a value checked against a 32-bit range.
func i32OrNil(p *int64) *int32 {
	if p == nil {
		return nil
	}
	return i32(*p)
}
