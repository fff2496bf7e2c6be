package ecsjson

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// marshalEpoch is Marshal with wire (epoch seconds) timestamps, to build
// responses the SDK can read.
func marshalEpoch(t *testing.T, v any) []byte {
	t.Helper()
	e := encoder{epoch: true}
	if err := e.value(reflect.ValueOf(v), ""); err != nil {
		t.Fatal(err)
	}
	return e.buf.Bytes()
}

func filled[T any]() *T {
	v := new(T)
	(&filler{}).fill(reflect.ValueOf(v).Elem())
	return v
}

// TestOracleFilledRegisterInput sets every member of a
// RegisterTaskDefinitionInput, down to the last nested one, and checks
// Marshal writes exactly the body the SDK sends. This proves the member
// names of the whole input shape, not only those the corpus uses.
func TestOracleFilledRegisterInput(t *testing.T) {
	in := filled[ecs.RegisterTaskDefinitionInput]()
	ours, err := Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSameJSON(t, sentBy(t, in), ours)
}

// TestOracleFilledInputs does the same for the other inputs the toolkit
// sends: the run parameters (network configuration, placement) and service
// definitions.
func TestOracleFilledInputs(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		input any
	}{
		{"RunTask", filled[ecs.RunTaskInput]()},
		{"StartTask", filled[ecs.StartTaskInput]()},
		{"CreateService", filled[ecs.CreateServiceInput]()},
		{"UpdateService", filled[ecs.UpdateServiceInput]()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &wire{response: []byte(`{}`)}
			c := stubClient(t, w)
			var err error
			switch in := tt.input.(type) {
			case *ecs.RunTaskInput:
				_, err = c.RunTask(ctx, in)
			case *ecs.StartTaskInput:
				_, err = c.StartTask(ctx, in)
			case *ecs.CreateServiceInput:
				_, err = c.CreateService(ctx, in)
			case *ecs.UpdateServiceInput:
				_, err = c.UpdateService(ctx, in)
			}
			if err != nil {
				t.Fatal(err)
			}
			ours, err := Marshal(tt.input)
			if err != nil {
				t.Fatal(err)
			}
			checkSameJSON(t, w.request, ours)
		})
	}
}

// TestOracleZeroScalars checks the zero rule against the SDK: defaulted
// members that are 0 are left out, required ones are written.
func TestOracleZeroScalars(t *testing.T) {
	in := &ecs.RegisterTaskDefinitionInput{
		Family: aws.String("zero"),
		ContainerDefinitions: []types.ContainerDefinition{{
			Name:            aws.String("app"),
			Cpu:             0, // default: omitted
			Memory:          aws.Int32(0),
			Ulimits:         []types.Ulimit{{Name: types.UlimitNameNofile, SoftLimit: 0, HardLimit: 0}},
			LinuxParameters: &types.LinuxParameters{Tmpfs: []types.Tmpfs{{ContainerPath: aws.String("/t"), Size: 0}}},
			PortMappings:    []types.PortMapping{},
			DockerLabels:    map[string]string{},
		}},
		EphemeralStorage: &types.EphemeralStorage{SizeInGiB: 0},
	}
	ours, err := Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSameJSON(t, sentBy(t, in), ours)
	const want = `{"containerDefinitions":[{"dockerLabels":{},"linuxParameters":{"tmpfs":[{"containerPath":"/t","size":0}]},"memory":0,"name":"app","portMappings":[],"ulimits":[{"hardLimit":0,"name":"nofile","softLimit":0}]}],"family":"zero","ephemeralStorage":{"sizeInGiB":0}}`
	if string(ours) != want {
		t.Errorf("Marshal =\n%s\nwant\n%s", ours, want)
	}
}

// TestOracleFilledOutputs fills the output shapes the toolkit passes along
// (task definition, task, failure, service, container instance), serves
// Marshal's JSON as the matching Describe* response, and checks the SDK
// decodes every member back. A mis-named key would be dropped by the SDK and
// show up as a difference. Unmarshal must give the same values back too.
func TestOracleFilledOutputs(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		value   any
		wrapper string // response member that holds the value (a list when plural)
		call    func(*ecs.Client) (any, error)
	}{
		{"TaskDefinition", filled[types.TaskDefinition](), "taskDefinition", func(c *ecs.Client) (any, error) {
			out, err := c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String("x")})
			return deref(out, err, func() any { return out.TaskDefinition })
		}},
		{"Task", filled[types.Task](), "tasks", func(c *ecs.Client) (any, error) {
			out, err := c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: []string{"x"}})
			return deref(out, err, func() any { return &out.Tasks[0] })
		}},
		{"Failure", filled[types.Failure](), "failures", func(c *ecs.Client) (any, error) {
			out, err := c.DescribeTasks(ctx, &ecs.DescribeTasksInput{Tasks: []string{"x"}})
			return deref(out, err, func() any { return &out.Failures[0] })
		}},
		{"Service", filled[types.Service](), "services", func(c *ecs.Client) (any, error) {
			out, err := c.DescribeServices(ctx, &ecs.DescribeServicesInput{Services: []string{"x"}})
			return deref(out, err, func() any { return &out.Services[0] })
		}},
		{"ContainerInstance", filled[types.ContainerInstance](), "containerInstances", func(c *ecs.Client) (any, error) {
			out, err := c.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{ContainerInstances: []string{"x"}})
			return deref(out, err, func() any { return &out.ContainerInstances[0] })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := marshalEpoch(t, tt.value)
			if tt.wrapper != "taskDefinition" {
				body = append(append([]byte("["), body...), ']')
			}
			resp := append(append([]byte(`{"`+tt.wrapper+`":`), body...), '}')
			got, err := tt.call(stubClient(t, &wire{response: resp}))
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range deepDiff(reflect.ValueOf(tt.value), reflect.ValueOf(got), "", 0) {
				t.Errorf("SDK read of Marshal output: %s", d)
			}

			text, err := Marshal(tt.value)
			if err != nil {
				t.Fatal(err)
			}
			back := reflect.New(reflect.TypeOf(tt.value).Elem())
			if err := Unmarshal(text, back.Interface()); err != nil {
				t.Fatalf("Unmarshal(Marshal(v)): %v", err)
			}
			for _, d := range deepDiff(reflect.ValueOf(tt.value), back, "", 0) {
				t.Errorf("Unmarshal(Marshal(v)): %s", d)
			}
		})
	}
}

func deref(out any, err error, get func() any) (any, error) {
	if err != nil {
		return nil, err
	}
	return get(), nil
}
