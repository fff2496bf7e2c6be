package awsfake

import (
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// instanceAttributes are the attributes the ECS agent of the
// ECS-optimized AMI registers: its logging drivers (not fluentd, as in
// the original README's check-attributes example), Docker remote API
// versions and capabilities, plus the instance's own facts and any
// attributes a test added.
func (s *Server) instanceAttributes(inst *instance) []types.Attribute {
	const capa = "com.amazonaws.ecs.capability."
	attrs := map[string]string{
		"ecs.os-type":           "linux",
		"ecs.os-family":         "LINUX",
		"ecs.instance-type":     "t3.medium",
		"ecs.ami-id":            inst.ami,
		"ecs.availability-zone": s.region + "a",
		"ecs.cpu-architecture":  "x86_64",
	}
	for _, d := range []string{"json-file", "syslog", "awslogs", "none", "awsfirelens"} {
		attrs[capa+"logging-driver."+d] = ""
	}
	for _, v := range []string{"1.17", "1.18", "1.19", "1.20", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.37", "1.38", "1.39", "1.40", "1.41", "1.42", "1.43", "1.44"} {
		attrs[capa+"docker-remote-api."+v] = ""
	}
	for _, c := range []string{capa + "privileged-container", capa + "ecr-auth", capa + "task-iam-role", capa + "task-iam-role-network-host",
		"ecs.capability.execution-role-awslogs", "ecs.capability.execution-role-ecr-pull", "ecs.capability.task-eni",
		"ecs.capability.private-registry-authentication.secretsmanager", "ecs.capability.secrets.asm.environment-variables",
		"ecs.capability.secrets.ssm.environment-variables", "ecs.capability.container-health-check", "ecs.capability.docker-plugin.local",
		"ecs.capability.efs", "ecs.capability.efsAuth", "ecs.capability.firelens.fluentbit", "ecs.capability.container-ordering",
		"ecs.capability.task-cpu-mem-limit", "ecs.capability.pid-ipc-namespace-sharing"} {
		attrs[c] = ""
	}
	for k, v := range inst.attrs {
		attrs[k] = v
	}
	if family, _, _ := strings.Cut(attrs["ecs.instance-type"], "."); graviton.MatchString(family) {
		attrs["ecs.cpu-architecture"] = "arm64"
	}
	out := make([]types.Attribute, 0, len(attrs))
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		a := types.Attribute{Name: ptr(k)}
		if v := attrs[k]; v != "" {
			a.Value = ptr(v)
		}
		out = append(out, a)
	}
	return out
}

// AddContainerInstanceAttributes sets attributes on the container
// instance running on EC2 instance ec2InstanceID in cluster (value ""
// removes one the agent would report).
func (s *Server) AddContainerInstanceAttributes(clusterName, ec2InstanceID string, attrs map[string]string) {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	c := s.ecs.clusters[clusterName]
	if c == nil {
		panic("awsfake: AddContainerInstanceAttributes: no cluster " + clusterName)
	}
	for _, in := range c.instances {
		if in.ec2ID == ec2InstanceID {
			if in.attrs == nil {
				in.attrs = map[string]string{}
			}
			for k, v := range attrs {
				in.attrs[k] = v
			}
			return
		}
	}
	panic("awsfake: AddContainerInstanceAttributes: no instance " + ec2InstanceID)
}
