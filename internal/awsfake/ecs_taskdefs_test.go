package awsfake_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

func TestRegisterTaskDefinition(t *testing.T) {
	ctx := context.Background()
	_, _, c := fakeClock(t)
	in := web("web")
	in.Tags = []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}
	out := must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, in))
	td := out.TaskDefinition
	if got, want := aws.ToString(td.TaskDefinitionArn), "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"; got != want {
		t.Errorf("taskDefinitionArn = %s, want %s", got, want)
	}
	if td.Revision != 1 || td.Status != types.TaskDefinitionStatusActive || !aws.ToTime(td.RegisteredAt).Equal(t0) {
		t.Errorf("revision %d, status %s, registeredAt %v; want 1, ACTIVE, %v", td.Revision, td.Status, td.RegisteredAt, t0)
	}
	if want := []types.Compatibility{"EXTERNAL", "EC2"}; !slices.Equal(td.Compatibilities, want) {
		t.Errorf("compatibilities = %v, want %v", td.Compatibilities, want)
	}
	cd := td.ContainerDefinitions[0]
	if !aws.ToBool(cd.Essential) || cd.PortMappings[0].Protocol != types.TransportProtocolTcp {
		t.Errorf("container defaults: essential %v, protocol %q; want true, tcp", cd.Essential, cd.PortMappings[0].Protocol)
	}
	if len(out.Tags) != 1 || aws.ToString(out.Tags[0].Key) != "team" {
		t.Errorf("tags = %v, want team=a", out.Tags)
	}

	// Each registration of a family is its next revision.
	out = must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("web")))
	if out.TaskDefinition.Revision != 2 {
		t.Errorf("second revision = %d, want 2", out.TaskDefinition.Revision)
	}
	out = must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, fargateWeb("api")))
	if out.TaskDefinition.Revision != 1 {
		t.Errorf("other family's revision = %d, want 1", out.TaskDefinition.Revision)
	}
	if want := []types.Compatibility{"EC2", "FARGATE"}; !slices.Equal(out.TaskDefinition.Compatibilities, want) {
		t.Errorf("FARGATE compatibilities = %v, want %v", out.TaskDefinition.Compatibilities, want)
	}
	if hp := out.TaskDefinition.ContainerDefinitions[0].PortMappings[0].HostPort; aws.ToInt32(hp) != 80 {
		t.Errorf("awsvpc hostPort = %v, want the container port 80", hp)
	}
}

func TestRegisterTaskDefinitionErrors(t *testing.T) {
	ctx := context.Background()
	_, _, c := fakeClock(t)
	container := func(name, image string, memory, reservation int32) types.ContainerDefinition {
		cd := types.ContainerDefinition{Name: aws.String(name), Image: aws.String(image)}
		if memory > 0 {
			cd.Memory = aws.Int32(memory)
		}
		if reservation > 0 {
			cd.MemoryReservation = aws.Int32(reservation)
		}
		return cd
	}
	tests := []struct {
		desc string
		edit func(*ecs.RegisterTaskDefinitionInput)
		want string // the message, all of it
	}{
		{"no containers", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions = []types.ContainerDefinition{}
		}, "Container list cannot be empty."},
		{"duplicate container names", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions = append(in.ContainerDefinitions, container("web", "redis", 64, 0))
		}, "Duplicate container name found: web."},
		{"container without image", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions = []types.ContainerDefinition{container("web", "", 64, 0)}
		}, "Container.image should not be null or empty."},
		{"container without name", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions = []types.ContainerDefinition{container("", "nginx", 64, 0)}
		}, "Container.name should not be null or empty."},
		{"EC2 container without memory, no task memory", func(in *ecs.RegisterTaskDefinitionInput) {
			*in = *web("web")
			in.ContainerDefinitions = []types.ContainerDefinition{container("web", "nginx", 0, 0)}
		}, "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified."},
		{"reservation above the hard limit", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions = []types.ContainerDefinition{container("web", "nginx", 128, 256)}
		}, "Invalid setting for container 'web'. The value for 'memoryReservation' must be less than or equal to 'memory'."},
		{"no essential container", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions[0].Essential = aws.Bool(false)
		}, "A task definition must have at least one essential container."},
		{"FARGATE with bridge networking", func(in *ecs.RegisterTaskDefinitionInput) {
			in.NetworkMode = types.NetworkModeBridge
		}, "Fargate only supports network mode 'awsvpc'."},
		{"FARGATE without task cpu", func(in *ecs.RegisterTaskDefinitionInput) {
			in.Cpu = nil
		}, "Fargate requires that 'cpu' be defined at the task level."},
		{"FARGATE without task memory", func(in *ecs.RegisterTaskDefinitionInput) {
			in.Memory = nil
			in.ContainerDefinitions[0].Memory = aws.Int32(512)
		}, "Fargate requires that 'memory' be defined at the task level."},
		{"FARGATE size that does not exist", func(in *ecs.RegisterTaskDefinitionInput) {
			in.Memory = aws.String("4096")
		}, "No Fargate configuration exists for given values: 256 CPU, 4096 memory. See the Amazon ECS documentation for the valid values."},
		{"awsvpc host port other than the container port", func(in *ecs.RegisterTaskDefinitionInput) {
			in.ContainerDefinitions[0].PortMappings[0].HostPort = aws.Int32(8080)
		}, "When networkMode=awsvpc, the host ports and container ports in port mappings must match."},
		{"family with a space", func(in *ecs.RegisterTaskDefinitionInput) {
			in.Family = aws.String("my app")
		}, `Family contains invalid characters or is empty: "my app". Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			in := fargateWeb("web")
			tt.edit(in)
			_, err := c.RegisterTaskDefinition(ctx, in)
			var ce *types.ClientException
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a ClientException", err)
			}
			if ce.ErrorMessage() != tt.want {
				t.Errorf("message = %q\nwant %q", ce.ErrorMessage(), tt.want)
			}
		})
	}
}

func TestDescribeTaskDefinition(t *testing.T) {
	ctx := context.Background()
	_, _, c := fakeClock(t)
	in := web("web")
	in.Tags = []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, in))
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("web")))
	tests := []struct {
		ref     string
		wantRev int32 // 0: ClientException "Unable to describe task definition."
	}{
		{"web", 2},
		{"web:1", 1},
		{"arn:aws:ecs:us-east-1:123456789012:task-definition/web:1", 1},
		{"web:3", 0},
		{"nope", 0},
		{"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1", 0},
	}
	for _, tt := range tests {
		out, err := c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: &tt.ref})
		if tt.wantRev == 0 {
			var ce *types.ClientException
			if !errors.As(err, &ce) || ce.ErrorMessage() != "Unable to describe task definition." {
				t.Errorf("DescribeTaskDefinition(%s) err = %v, want ClientException: Unable to describe task definition.", tt.ref, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("DescribeTaskDefinition(%s): %v", tt.ref, err)
		}
		if out.TaskDefinition.Revision != tt.wantRev || out.Tags != nil {
			t.Errorf("DescribeTaskDefinition(%s) = revision %d, tags %v; want %d, no tags", tt.ref, out.TaskDefinition.Revision, out.Tags, tt.wantRev)
		}
	}
	out := must[*ecs.DescribeTaskDefinitionOutput](t)(c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{
		TaskDefinition: aws.String("web:1"), Include: []types.TaskDefinitionField{types.TaskDefinitionFieldTags},
	}))
	if len(out.Tags) != 1 || aws.ToString(out.Tags[0].Value) != "v" {
		t.Errorf("include TAGS: tags = %v, want k=v", out.Tags)
	}
}

func TestDeregisterTaskDefinition(t *testing.T) {
	ctx := context.Background()
	_, _, c := fakeClock(t)
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("web")))
	must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("web")))

	out := must[*ecs.DeregisterTaskDefinitionOutput](t)(c.DeregisterTaskDefinition(ctx, &ecs.DeregisterTaskDefinitionInput{TaskDefinition: aws.String("web:2")}))
	if out.TaskDefinition.Status != types.TaskDefinitionStatusInactive || out.TaskDefinition.DeregisteredAt == nil {
		t.Errorf("deregistered: status %s, deregisteredAt %v; want INACTIVE and a time", out.TaskDefinition.Status, out.TaskDefinition.DeregisteredAt)
	}
	// The family now means its newest ACTIVE revision; the INACTIVE one is
	// still describable by revision, and not runnable.
	d := must[*ecs.DescribeTaskDefinitionOutput](t)(c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String("web")}))
	if d.TaskDefinition.Revision != 1 {
		t.Errorf("family resolves to revision %d, want 1", d.TaskDefinition.Revision)
	}
	d = must[*ecs.DescribeTaskDefinitionOutput](t)(c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String("web:2")}))
	if d.TaskDefinition.Status != types.TaskDefinitionStatusInactive {
		t.Errorf("web:2 status = %s, want INACTIVE", d.TaskDefinition.Status)
	}
	// A new registration takes the next revision number, never a reused one.
	r := must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web("web")))
	if r.TaskDefinition.Revision != 3 {
		t.Errorf("revision after deregistering 2 = %d, want 3", r.TaskDefinition.Revision)
	}

	_, err := c.DeregisterTaskDefinition(ctx, &ecs.DeregisterTaskDefinitionInput{TaskDefinition: aws.String("web")})
	wantCode(t, err, "ClientException")
}

func TestListTaskDefinitions(t *testing.T) {
	ctx := context.Background()
	_, _, c := fakeClock(t)
	for _, f := range []string{"web", "web", "web", "api", "web-worker"} {
		must[*ecs.RegisterTaskDefinitionOutput](t)(c.RegisterTaskDefinition(ctx, web(f)))
	}
	must[*ecs.DeregisterTaskDefinitionOutput](t)(c.DeregisterTaskDefinition(ctx, &ecs.DeregisterTaskDefinitionInput{TaskDefinition: aws.String("web:1")}))
	arn := func(s string) string { return "arn:aws:ecs:us-east-1:123456789012:task-definition/" + s }
	tests := []struct {
		desc string
		in   ecs.ListTaskDefinitionsInput
		want []string
	}{
		{"all ACTIVE, by family then revision", ecs.ListTaskDefinitionsInput{},
			[]string{arn("api:1"), arn("web:2"), arn("web:3"), arn("web-worker:1")}},
		{"familyPrefix is a whole family", ecs.ListTaskDefinitionsInput{FamilyPrefix: aws.String("web")},
			[]string{arn("web:2"), arn("web:3")}},
		{"INACTIVE", ecs.ListTaskDefinitionsInput{Status: types.TaskDefinitionStatusInactive},
			[]string{arn("web:1")}},
		{"DESC", ecs.ListTaskDefinitionsInput{FamilyPrefix: aws.String("web"), Sort: types.SortOrderDesc},
			[]string{arn("web:3"), arn("web:2")}},
	}
	for _, tt := range tests {
		out := must[*ecs.ListTaskDefinitionsOutput](t)(c.ListTaskDefinitions(ctx, &tt.in))
		if !slices.Equal(out.TaskDefinitionArns, tt.want) {
			t.Errorf("%s: got %v\nwant %v", tt.desc, out.TaskDefinitionArns, tt.want)
		}
	}

	// The SDK's paginator walks pages of 1.
	var all []string
	p := ecs.NewListTaskDefinitionsPaginator(c, &ecs.ListTaskDefinitionsInput{MaxResults: aws.Int32(1)})
	pages := 0
	for p.HasMorePages() {
		out := must[*ecs.ListTaskDefinitionsOutput](t)(p.NextPage(ctx))
		all = append(all, out.TaskDefinitionArns...)
		pages++
	}
	if pages != 4 || len(all) != 4 {
		t.Errorf("paging by 1: %d pages, %d ARNs; want 4, 4", pages, len(all))
	}
	_, err := c.ListTaskDefinitions(ctx, &ecs.ListTaskDefinitionsInput{MaxResults: aws.Int32(101)})
	wantCode(t, err, "InvalidParameterException")

	fams := []struct {
		in   ecs.ListTaskDefinitionFamiliesInput
		want []string
	}{
		{ecs.ListTaskDefinitionFamiliesInput{}, []string{"api", "web", "web-worker"}},
		{ecs.ListTaskDefinitionFamiliesInput{FamilyPrefix: aws.String("web")}, []string{"web", "web-worker"}},
		{ecs.ListTaskDefinitionFamiliesInput{Status: types.TaskDefinitionFamilyStatusInactive}, []string{}},
	}
	for _, tt := range fams {
		out := must[*ecs.ListTaskDefinitionFamiliesOutput](t)(c.ListTaskDefinitionFamilies(ctx, &tt.in))
		if !slices.Equal(out.Families, tt.want) && !(len(out.Families) == 0 && len(tt.want) == 0) {
			t.Errorf("ListTaskDefinitionFamilies(%+v) = %v, want %v", tt.in, out.Families, tt.want)
		}
	}
}
