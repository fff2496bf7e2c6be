package run

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"golang.org/x/sync/errgroup"
)

// Row is one container in the ps table.
type Row struct {
	Name           string `json:"name"`
	State          string `json:"state"`
	Ports          string `json:"ports"`
	TaskDefinition string `json:"taskDefinition"`
	Health         string `json:"health"`
}

// addresses is what ps learns beyond DescribeTasks: each task definition's
// network mode and port mappings, each container instance's address and
// each ENI's public address.
type addresses struct {
	taskDefs  map[string]*types.TaskDefinition
	instances map[string]string // container instance ARN -> IP
	eniPublic map[string]string // ENI id -> public IP
}

// resolve looks everything up in two rounds: task definitions, container
// instances and ENIs at once (each de-duplicated and batched), then the EC2
// instances behind the container instances.
func resolve(ctx context.Context, api ecsAPI, ec2c ec2API, cluster string, tasks []types.Task) (*addresses, error) {
	a := &addresses{taskDefs: map[string]*types.TaskDefinition{}, instances: map[string]string{}, eniPublic: map[string]string{}}
	tdArns, ciArns, enis := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, t := range tasks {
		tdArns[aws.ToString(t.TaskDefinitionArn)] = true
		if ci := aws.ToString(t.ContainerInstanceArn); ci != "" {
			ciArns[ci] = true
		}
		if t.LaunchType == types.LaunchTypeFargate && aws.ToString(t.LastStatus) == "RUNNING" {
			for _, id := range eniIDs(t) {
				enis[id] = true
			}
		}
	}
	var mu sync.Mutex
	ec2IDs := map[string][]string{} // EC2 instance id -> container instance ARNs
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(describeConcurrency)
	for arn := range tdArns {
		g.Go(func() error {
			out, err := api.DescribeTaskDefinition(gctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(arn)})
			if err != nil {
				return fmt.Errorf("describing task definition %s: %w", arn, err)
			}
			mu.Lock()
			a.taskDefs[arn] = out.TaskDefinition
			mu.Unlock()
			return nil
		})
	}
	cis := sortedSet(ciArns)
	for i := 0; i < len(cis); i += maxDescribe {
		chunk := cis[i:min(i+maxDescribe, len(cis))]
		g.Go(func() error {
			out, err := api.DescribeContainerInstances(gctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String(cluster), ContainerInstances: chunk})
			if err != nil {
				return fmt.Errorf("describing container instances: %w", err)
			}
			mu.Lock()
			for _, ci := range out.ContainerInstances {
				id := aws.ToString(ci.Ec2InstanceId)
				ec2IDs[id] = append(ec2IDs[id], aws.ToString(ci.ContainerInstanceArn))
			}
			mu.Unlock()
			return nil
		})
	}
	if len(enis) > 0 {
		g.Go(func() error {
			out, err := ec2c.DescribeNetworkInterfaces(gctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: sortedSet(enis)})
			if err != nil {
				return nil // ps falls back to private addresses, as the original did
			}
			mu.Lock()
			for _, ni := range out.NetworkInterfaces {
				if ni.Association != nil && aws.ToString(ni.Association.PublicIp) != "" {
					a.eniPublic[aws.ToString(ni.NetworkInterfaceId)] = aws.ToString(ni.Association.PublicIp)
				}
			}
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if len(ec2IDs) > 0 {
		out, err := ec2c.DescribeInstances(ctx, &ec2.DescribeInstancesInput{InstanceIds: sortedKeys(ec2IDs)})
		if err != nil {
			return nil, fmt.Errorf("describing EC2 instances: %w", err)
		}
		for _, r := range out.Reservations {
			for _, in := range r.Instances {
				ip := aws.ToString(in.PublicIpAddress)
				if ip == "" {
					ip = aws.ToString(in.PrivateIpAddress)
				}
				for _, ci := range ec2IDs[aws.ToString(in.InstanceId)] {
					a.instances[ci] = ip
				}
			}
		}
	}
	return a, nil
}

func eniIDs(t types.Task) []string {
	var out []string
	for _, at := range t.Attachments {
		if aws.ToString(at.Type) != "ElasticNetworkInterface" || aws.ToString(at.Status) != "ATTACHED" {
			continue
		}
		for _, d := range at.Details {
			if aws.ToString(d.Name) == "networkInterfaceId" {
				out = append(out, aws.ToString(d.Value))
			}
		}
	}
	return out
}

// rows builds the ps table, one row per container, in task order.
func rows(tasks []types.Task, a *addresses) []Row {
	var out []Row
	for _, t := range tasks {
		td := a.taskDefs[aws.ToString(t.TaskDefinitionArn)]
		awsvpc := td != nil && td.NetworkMode == types.NetworkModeAwsvpc
		for _, c := range t.Containers {
			out = append(out, Row{
				Name:           afterSlash(aws.ToString(t.TaskArn)) + "/" + aws.ToString(c.Name),
				State:          state(c),
				Ports:          ports(t, c, td, awsvpc, a),
				TaskDefinition: afterSlash(aws.ToString(t.TaskDefinitionArn)),
				Health:         string(c.HealthStatus),
			})
		}
	}
	return out
}

func state(c types.Container) string {
	s := aws.ToString(c.LastStatus)
	if s != "STOPPED" {
		return s
	}
	if c.ExitCode != nil {
		s += fmt.Sprintf(" ExitCode: %d", *c.ExitCode)
	}
	if r := aws.ToString(c.Reason); r != "" {
		s += " Reason: " + r
	}
	return s
}

// ports renders <ip>:<host>-><container>/<protocol>, the address from the ENI
// for awsvpc tasks and from the container instance otherwise.
func ports(t types.Task, c types.Container, td *types.TaskDefinition, awsvpc bool, a *addresses) string {
	var ip string
	var bindings []types.NetworkBinding
	if awsvpc {
		status := aws.ToString(t.LastStatus)
		switch {
		case status == "PENDING" || status == "PROVISIONING":
			ip = "(PENDING)"
		case len(c.NetworkInterfaces) > 0 && status != "STOPPED":
			ip = aws.ToString(c.NetworkInterfaces[0].PrivateIpv4Address)
			if t.LaunchType == types.LaunchTypeFargate {
				for _, id := range eniIDs(t) {
					if pub := a.eniPublic[id]; pub != "" {
						ip = pub
					}
				}
			}
		}
		if td != nil {
			for _, cd := range td.ContainerDefinitions {
				if aws.ToString(cd.Name) == aws.ToString(c.Name) {
					for _, pm := range cd.PortMappings {
						bindings = append(bindings, types.NetworkBinding{HostPort: pm.HostPort, ContainerPort: pm.ContainerPort, Protocol: pm.Protocol})
					}
				}
			}
		}
	} else {
		ip = a.instances[aws.ToString(t.ContainerInstanceArn)]
		bindings = c.NetworkBindings
	}
	var parts []string
	for _, b := range bindings {
		addr := ip
		if addr == "" {
			addr = aws.ToString(b.BindIP)
		}
		proto := string(b.Protocol)
		if proto == "" {
			proto = "tcp"
		}
		p := fmt.Sprintf("%d->%d/%s", aws.ToInt32(b.HostPort), aws.ToInt32(b.ContainerPort), proto)
		if addr != "" {
			p = addr + ":" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// writeTable prints rows as the original did: tabwriter columns, no
// trailing spaces, and nothing at all (not even a header) for no rows.
func writeTable(w io.Writer, rs []Row) error {
	if len(rs) == 0 {
		return nil
	}
	var buf strings.Builder
	tw := tabwriter.NewWriter(&buf, 4, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Name\tState\tPorts\tTaskDefinition\tHealth")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.State, r.Ports, r.TaskDefinition, r.Health)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// An empty last cell leaves the padding of the one before it.
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+strings.Repeat("\n", strings.Count(line, "\n"))); err != nil {
			return err
		}
	}
	return nil
}

// writeJSONLines prints one JSON object per row.
func writeJSONLines(w io.Writer, rs []Row) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

func afterSlash(arn string) string {
	if _, after, ok := strings.Cut(arn, "/"); ok {
		return after
	}
	return arn
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
