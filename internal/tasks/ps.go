package tasks

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

// lookup resolves addresses while tasks are still being listed: each page of
// described tasks starts the lookups it needs (task definitions, container
// instances, then their EC2 instances, and ENIs), each thing looked up once.
// So the lookups mostly overlap the listing, and ps over 1,000 tasks costs
// little more than its ten ListTasks round trips.
type lookup struct {
	api     PsECS
	ec2c    PsEC2
	cluster string
	g       *errgroup.Group
	ctx     context.Context

	mu      sync.Mutex
	seen    map[string]bool // task definition ARNs, container instance ARNs and ENI ids asked for
	ec2Seen map[string]bool
	a       *addresses
}

func newLookup(ctx context.Context, api PsECS, ec2c PsEC2, cluster string) *lookup {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(describeConcurrency)
	return &lookup{api: api, ec2c: ec2c, cluster: cluster, g: g, ctx: gctx, seen: map[string]bool{}, ec2Seen: map[string]bool{},
		a: &addresses{taskDefs: map[string]*types.TaskDefinition{}, instances: map[string]string{}, eniPublic: map[string]string{}}}
}

// add starts the lookups a page of tasks needs that no page started yet.
// It may be called from several goroutines.
func (l *lookup) add(tasks []types.Task) {
	var tds, cis, enis []string
	l.mu.Lock()
	fresh := func(key string, into *[]string) {
		if key != "" && !l.seen[key] {
			l.seen[key] = true
			*into = append(*into, key)
		}
	}
	for _, t := range tasks {
		fresh(aws.ToString(t.TaskDefinitionArn), &tds)
		fresh(aws.ToString(t.ContainerInstanceArn), &cis)
		if t.LaunchType == types.LaunchTypeFargate && aws.ToString(t.LastStatus) == "RUNNING" {
			for _, id := range eniIDs(t) {
				fresh(id, &enis)
			}
		}
	}
	l.mu.Unlock()
	for _, arn := range tds {
		l.g.Go(func() error { return l.taskDefinition(arn) })
	}
	for i := 0; i < len(cis); i += maxDescribe {
		chunk := cis[i:min(i+maxDescribe, len(cis))]
		l.g.Go(func() error { return l.containerInstances(chunk) })
	}
	if len(enis) > 0 {
		l.g.Go(func() error { l.networkInterfaces(enis); return nil })
	}
}

func (l *lookup) taskDefinition(arn string) error {
	out, err := l.api.DescribeTaskDefinition(l.ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(arn)})
	if err != nil {
		return fmt.Errorf("describing task definition %s: %w", arn, err)
	}
	l.mu.Lock()
	l.a.taskDefs[arn] = out.TaskDefinition
	l.mu.Unlock()
	return nil
}

// containerInstances describes container instances, then (in the same
// goroutine, as the errgroup's slots may be full) their EC2 instances.
func (l *lookup) containerInstances(arns []string) error {
	out, err := l.api.DescribeContainerInstances(l.ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String(l.cluster), ContainerInstances: arns})
	if err != nil {
		return fmt.Errorf("describing container instances: %w", err)
	}
	byEC2 := map[string][]string{}
	for _, ci := range out.ContainerInstances {
		id := aws.ToString(ci.Ec2InstanceId)
		byEC2[id] = append(byEC2[id], aws.ToString(ci.ContainerInstanceArn))
	}
	l.mu.Lock()
	var ids []string
	for _, id := range sortedKeys(byEC2) {
		if !l.ec2Seen[id] {
			l.ec2Seen[id] = true
			ids = append(ids, id)
		}
	}
	l.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	res, err := l.ec2c.DescribeInstances(l.ctx, &ec2.DescribeInstancesInput{InstanceIds: ids})
	if err != nil {
		return fmt.Errorf("describing EC2 instances: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range res.Reservations {
		for _, in := range r.Instances {
			ip := aws.ToString(in.PublicIpAddress)
			if ip == "" {
				ip = aws.ToString(in.PrivateIpAddress)
			}
			for _, ci := range byEC2[aws.ToString(in.InstanceId)] {
				l.a.instances[ci] = ip
			}
		}
	}
	return nil
}

// networkInterfaces finds public addresses; without them ps shows private
// ones, as the original did.
func (l *lookup) networkInterfaces(ids []string) {
	out, err := l.ec2c.DescribeNetworkInterfaces(l.ctx, &ec2.DescribeNetworkInterfacesInput{NetworkInterfaceIds: ids})
	if err != nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, ni := range out.NetworkInterfaces {
		if ni.Association != nil && aws.ToString(ni.Association.PublicIp) != "" {
			l.a.eniPublic[aws.ToString(ni.NetworkInterfaceId)] = aws.ToString(ni.Association.PublicIp)
		}
	}
}

// wait returns the addresses once every lookup started has finished.
func (l *lookup) wait() (*addresses, error) {
	if err := l.g.Wait(); err != nil {
		return nil, err
	}
	return l.a, nil
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
				Name:           Short(aws.ToString(t.TaskArn)) + "/" + aws.ToString(c.Name),
				State:          ContainerState(c),
				Ports:          ports(t, c, td, awsvpc, a),
				TaskDefinition: Short(aws.ToString(t.TaskDefinitionArn)),
				Health:         string(c.HealthStatus),
			})
		}
	}
	return out
}

// ContainerState is a container's state as ps shows it: the last status,
// and for a stopped container its exit code and reason.
func ContainerState(c types.Container) string {
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

// Short is what follows the first '/' of an ARN: family:revision of a
// task definition, [cluster/]id of a task.
func Short(arn string) string {
	if _, after, ok := strings.Cut(arn, "/"); ok {
		return after
	}
	return arn
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Ps prints the tasks f selects, their addresses resolved, in the
// original's ps table, or one JSON object per container with jsonLines.
func Ps(ctx context.Context, api PsECS, ec2c PsEC2, f Filter, w io.Writer, jsonLines bool) error {
	tasks, a, err := listWithAddresses(ctx, api, ec2c, f)
	if err != nil {
		return err
	}
	rs := rows(tasks, a)
	if jsonLines {
		return writeJSONLines(w, rs)
	}
	return writeTable(w, rs)
}

// listWithAddresses lists the tasks f selects and resolves their addresses,
// the lookups running alongside the listing.
func listWithAddresses(ctx context.Context, api PsECS, ec2c PsEC2, f Filter) ([]types.Task, *addresses, error) {
	l := newLookup(ctx, api, ec2c, f.Cluster)
	f.Seen = l.add
	tasks, err := List(ctx, api, f)
	a, lerr := l.wait()
	if err != nil {
		return nil, nil, err
	}
	return tasks, a, lerr
}
