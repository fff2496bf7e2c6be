package compose

import (
	"fmt"
	"strconv"
	"strings"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/bounds"
)

// isPortName reports whether ECS accepts s as a port mapping name: lower-case
// letters, digits and inner '-', up to 64.
func isPortName(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// portMappings converts compose ports (compose-go has already parsed every
// syntax and expanded container port ranges). A published host range against
// one container port gives one mapping per host port, as the original's v3
// path did. With awsvpc or host networking the host port must be absent or
// equal the container port, which ECS enforces at registration; we say so
// here, naming the entry.
func (c *converter) portMappings(svc string, ports []types.ServicePortConfig) ([]ecstypes.PortMapping, error) {
	var out []ecstypes.PortMapping
	for i, p := range ports {
		field := fmt.Sprintf("services.%s.ports[%d]", svc, i)
		// compose-go checks the short syntax's container port, not the
		// long syntax's target.
		if err := bounds.Port.Check(int64(p.Target)); err != nil {
			return nil, fmt.Errorf("%s: target %w", field, err)
		}
		proto := strings.ToLower(p.Protocol)
		switch proto {
		case "", "tcp":
			proto = "tcp"
		case "udp":
		default:
			return nil, fmt.Errorf("%s: protocol %q: ECS supports only tcp and udp", field, p.Protocol)
		}
		if p.HostIP != "" {
			c.warn("%s: ignoring the host IP %s: ECS listens on every address", field, p.HostIP)
		}
		hosts, err := publishedPorts(p.Published)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", field, err)
		}
		if p.Name != "" && len(hosts) > 1 {
			return nil, fmt.Errorf("%s: name %q: a name belongs to one port mapping, not to the range %s", field, p.Name, p.Published)
		}
		for _, h := range hosts {
			m := ecstypes.PortMapping{ContainerPort: i32(int64(p.Target)), Protocol: ecstypes.TransportProtocol(proto)}
			if h != 0 {
				if (c.networkMode == "awsvpc" || c.networkMode == "host") && h != int64(p.Target) {
					return nil, fmt.Errorf("%s: host port %d differs from container port %d, which ECS refuses in %s network mode", field, h, p.Target, c.networkMode)
				}
				m.HostPort = i32(h)
			}
			if p.Name != "" {
				if !isPortName(p.Name) {
					return nil, fmt.Errorf("%s: name %q: ECS port names use lower-case letters, digits and '-' (up to 64)", field, p.Name)
				}
				m.Name = &p.Name
			}
			if p.AppProtocol != "" {
				ap := strings.ToLower(p.AppProtocol)
				if ap != "http" && ap != "http2" && ap != "grpc" {
					return nil, fmt.Errorf("%s: app_protocol %q: ECS supports http, http2 and grpc", field, p.AppProtocol)
				}
				m.AppProtocol = ecstypes.ApplicationProtocol(ap)
			}
			out = append(out, m)
		}
	}
	return out, nil
}

// publishedPorts reads compose-go's published field: "", "8080" or "8080-8082".
// 0 means "no host port" (ECS picks one in bridge mode).
func publishedPorts(s string) ([]int64, error) {
	if s == "" {
		return []int64{0}, nil
	}
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := parsePort(lo)
	if err != nil {
		return nil, err
	}
	if !isRange {
		return []int64{a}, nil
	}
	b, err := parsePort(hi)
	if err != nil {
		return nil, err
	}
	if b < a {
		return nil, fmt.Errorf("invalid host port range %q", s)
	}
	var out []int64
	for p := a; p <= b; p++ {
		out = append(out, p)
	}
	return out, nil
}

func parsePort(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n < 0 || n > 65535 {
		return 0, fmt.Errorf("invalid port %q", s)
	}
	return n, nil
}

func i32(v int64) *int32 {
	n := int32(v)
	return &n
}
