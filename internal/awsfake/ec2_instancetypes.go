package awsfake

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// graviton matches the families of AWS Graviton (arm64) instance types:
// a1, and a generation digit followed by g (t4g, m6g, c7gn, r6gd, g5g, x2gd, im4gn ...).
var graviton = regexp.MustCompile(`^(a1|[a-z]+\d+g[a-z]*)$`)

// gpuFamilies are the GPU instance families the fake knows.
var gpuFamilies = regexp.MustCompile(`^(p\d+[a-z]*|g\d+[a-z]*)$`)

type ec2InstanceTypeInfo struct {
	InstanceType  string   `xml:"instanceType"`
	Architectures []string `xml:"processorInfo>supportedArchitectures>item"`
	Gpus          []struct {
		Name  string `xml:"name"`
		Count int    `xml:"count"`
	} `xml:"gpuInfo>gpus>item,omitempty"`
}

type describeInstanceTypesResponse struct {
	wire.EC2Result
	InstanceTypes []ec2InstanceTypeInfo `xml:"instanceTypeSet>item"`
}

// describeInstanceTypes answers for any well-formed type name (family.size):
// arm64 for Graviton families, x86_64 otherwise, and a GPU for GPU families.
func (s *Server) describeInstanceTypes(form url.Values, _ string) (any, error) {
	out := describeInstanceTypesResponse{}
	for _, t := range wire.QueryList(form, "InstanceType") {
		family, size, ok := strings.Cut(t, ".")
		if !ok || size == "" || family == "" {
			return nil, wire.Errorf(400, "InvalidInstanceType", "The following supplied instance types do not exist: [%s]", t)
		}
		info := ec2InstanceTypeInfo{InstanceType: t, Architectures: []string{"x86_64"}}
		if graviton.MatchString(family) {
			info.Architectures = []string{"arm64"}
		}
		if gpuFamilies.MatchString(family) {
			info.Gpus = append(info.Gpus, struct {
				Name  string `xml:"name"`
				Count int    `xml:"count"`
			}{"T4", 1})
		}
		out.InstanceTypes = append(out.InstanceTypes, info)
	}
	return &out, nil
}
