package ecsjson

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// TestMarshalKeepsMapKeys is the golden for the case ecspresso's re-casing
// got wrong: keys inside dockerLabels, log and firelens options, driverOpts
// and labels come back exactly as written, while member names are the API's.
func TestMarshalKeepsMapKeys(t *testing.T) {
	const in = `{
	  "family": "web",
	  "containerDefinitions": [{
	    "name": "app",
	    "dockerLabels": {"Com.Example.Label": "1", "lower": "2", "UPPER_CASE": "3"},
	    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-Group": "g", "Mode": "non-blocking"},
	      "secretOptions": []},
	    "firelensConfiguration": {"type": "fluentbit", "options": {"Enable-ECS-Log-Metadata": "true", "config-file-type": "file"}},
	    "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 512, "maxComputePercent": 50}}}],
	    "environment": [],
	    "portMappings": [{"containerPort": "8080", "hostPort": 0}]
	  }],
	  "volumes": [{"name": "v", "dockerVolumeConfiguration": {"driver": "local",
	    "driverOpts": {"Type": "nfs", "O": "addr=10.0.0.1"}, "labels": {"Team": "Platform", "cost-Center": "x"}}}]
	}`
	const want = `{
	  "family": "web",
	  "containerDefinitions": [{
	    "name": "app",
	    "dockerLabels": {"Com.Example.Label": "1", "lower": "2", "UPPER_CASE": "3"},
	    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-Group": "g", "Mode": "non-blocking"},
	      "secretOptions": []},
	    "firelensConfiguration": {"type": "fluentbit", "options": {"Enable-ECS-Log-Metadata": "true", "config-file-type": "file"}},
	    "resourceRequirements": [{"type": "GPU", "sharingStrategy": {"nvidiaMps": {"memory": 512, "maxComputePercent": 50}}}],
	    "environment": [],
	    "portMappings": [{"containerPort": 8080, "hostPort": 0}]
	  }],
	  "volumes": [{"name": "v", "dockerVolumeConfiguration": {"driver": "local",
	    "driverOpts": {"Type": "nfs", "O": "addr=10.0.0.1"}, "labels": {"Team": "Platform", "cost-Center": "x"}}}]
	}`
	var v ecs.RegisterTaskDefinitionInput
	if err := Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(&v)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffStrict(decodeAny(t, []byte(want)), decodeAny(t, got), "") {
		t.Error(d)
	}
	checkSameJSON(t, sentBy(t, &v), got)
}

func TestUnmarshalErrors(t *testing.T) {
	tests := []struct {
		name, in, path, problem string
	}{
		{"unknown field", `{"containerDefinitions": [{}, {}, {"portMapping": []}]}`,
			"containerDefinitions[2].portMapping", "unknown field"},
		{"PascalCase is unknown", `{"Family": "web"}`, "Family", "unknown field"},
		{"bool for int", `{"containerDefinitions": [{"memory": true}]}`,
			"containerDefinitions[0].memory", "want a whole number from -2147483648 to 2147483647, got a boolean"},
		{"word for int", `{"containerDefinitions": [{"memory": "lots"}]}`,
			"containerDefinitions[0].memory", `want a whole number from -2147483648 to 2147483647, got string "lots"`},
		{"fraction for int", `{"containerDefinitions": [{"memory": 1.5}]}`,
			"containerDefinitions[0].memory", "want a whole number from -2147483648 to 2147483647, got number 1.5"},
		{"int32 overflow", `{"containerDefinitions": [{"memory": 2147483648}]}`,
			"containerDefinitions[0].memory", "want a whole number from -2147483648 to 2147483647, got number 2147483648"},
		{"number for string", `{"family": 3}`, "family", "want a string, got number 3"},
		{"object for list", `{"containerDefinitions": {}}`, "containerDefinitions", "want a list, got an object"},
		{"list for object", `{"ephemeralStorage": []}`, "ephemeralStorage", "want an object (EphemeralStorage), got a list"},
		{"null in list", `{"containerDefinitions": [null]}`, "containerDefinitions[0]", "null is not allowed in a list"},
		{"map value type", `{"containerDefinitions": [{"dockerLabels": {"A": 1}}]}`,
			`containerDefinitions[0].dockerLabels["A"]`, "want a string, got number 1"},
		{"duplicate key", `{"family": "a", "family": "b"}`, "family", "duplicate key"},
		{"union with two members", `{"containerDefinitions": [{"resourceRequirements": [{"sharingStrategy": {"nvidiaMps": {}, "other": {}}}]}]}`,
			"containerDefinitions[0].resourceRequirements[0].sharingStrategy", "want an object with exactly one member set (SharingStrategy), got an object"},
		{"unknown union member", `{"containerDefinitions": [{"resourceRequirements": [{"sharingStrategy": {"amdShare": {}}}]}]}`,
			"containerDefinitions[0].resourceRequirements[0].sharingStrategy.amdShare", "unknown field"},
		{"empty input", ``, "", "malformed JSON: unexpected EOF"},
		{"malformed", `{"family": }`, "", "malformed JSON: invalid character '}' looking for beginning of value"},
		{"two values", `{} {}`, "", "malformed JSON: more than one value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v ecs.RegisterTaskDefinitionInput
			err := Unmarshal([]byte(tt.in), &v)
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Unmarshal(%s) = %v, want a *FieldError", tt.in, err)
			}
			if fe.Path != tt.path || fe.Problem != tt.problem {
				t.Errorf("Unmarshal(%s) = %q, want path %q, problem %q", tt.in, err, tt.path, tt.problem)
			}
		})
	}
}

func TestUnmarshalAllowUnknown(t *testing.T) {
	in := `{"family": "x", "revision": 3, "containerDefinitions": [{"name": "a", "portMapping": [], "Image": "i"}]}`
	var v ecs.RegisterTaskDefinitionInput
	unknown, err := UnmarshalOptions{AllowUnknown: true}.Unmarshal([]byte(in), &v)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"revision", "containerDefinitions[0].portMapping", "containerDefinitions[0].Image"}
	if len(unknown) != len(want) {
		t.Fatalf("unknown = %q, want %q", unknown, want)
	}
	for i := range want {
		if unknown[i] != want[i] {
			t.Errorf("unknown = %q, want %q", unknown, want)
		}
	}
	if *v.Family != "x" || *v.ContainerDefinitions[0].Name != "a" {
		t.Errorf("known members not decoded: %+v", v)
	}
}

func TestUnmarshalLenientValues(t *testing.T) {
	var v ecs.RegisterTaskDefinitionInput
	in := `{"family": null, "cpu": "256", "containerDefinitions": [{"memory": "512", "cpu": 0, "essential": null,
	  "portMappings": [{"containerPort": "80"}], "dockerLabels": {"a": null, "b": "B"}}]}`
	if err := Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(&v)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"containerDefinitions":[{"dockerLabels":{"b":"B"},"memory":512,"portMappings":[{"containerPort":80}]}],"cpu":"256"}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestTimestamps(t *testing.T) {
	tests := []struct {
		name, in string
		want     time.Time
		out      string
	}{
		{"epoch seconds", `1614567890`, time.Unix(1614567890, 0), `"2021-03-01T03:04:50Z"`},
		{"fractional epoch, exact", `1614567890.123`, time.Unix(1614567890, 123e6), `"2021-03-01T03:04:50.123Z"`},
		{"epoch with exponent", `1.6145678901E9`, time.Unix(1614567890, 100e6), `"2021-03-01T03:04:50.100Z"`},
		{"epoch as string", `"1614567890.5"`, time.Unix(1614567890, 500e6), `"2021-03-01T03:04:50.500Z"`},
		{"AWS CLI", `"2021-03-01T12:00:00.123000+09:00"`, time.Date(2021, 3, 1, 3, 0, 0, 123e6, time.UTC), `"2021-03-01T12:00:00.123+09:00"`},
		{"RFC 3339 UTC", `"2023-10-24T21:03:57.530Z"`, time.Date(2023, 10, 24, 21, 3, 57, 530e6, time.UTC), `"2023-10-24T21:03:57.530Z"`},
		{"microseconds", `"2023-10-24T21:03:57.000001Z"`, time.Date(2023, 10, 24, 21, 3, 57, 1000, time.UTC), `"2023-10-24T21:03:57.000001Z"`},
		{"offset without colon", `"2021-03-01T12:00:00+0900"`, time.Date(2021, 3, 1, 3, 0, 0, 0, time.UTC), `"2021-03-01T12:00:00+09:00"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var td types.TaskDefinition
			if err := Unmarshal([]byte(`{"registeredAt": `+tt.in+`}`), &td); err != nil {
				t.Fatal(err)
			}
			if !td.RegisteredAt.Equal(tt.want) {
				t.Errorf("read %s as %v, want %v", tt.in, td.RegisteredAt, tt.want)
			}
			got, err := Marshal(&td)
			if err != nil {
				t.Fatal(err)
			}
			if want := `{"registeredAt":` + tt.out + `}`; string(got) != want {
				t.Errorf("Marshal = %s, want %s", got, want)
			}
		})
	}
	for _, bad := range []string{`"yesterday"`, `true`, `"2021-03-01T12:00:00"`, `1e400`, `1e-99999999`, `-99999999999999`, `"NaN"`} {
		var td types.TaskDefinition
		if err := Unmarshal([]byte(`{"registeredAt": `+bad+`}`), &td); err == nil {
			t.Errorf("registeredAt %s: got %v, want an error", bad, td.RegisteredAt)
		}
	}
}

func TestMarshalTopLevelShapes(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, `null`},
		{"slice of structs", []types.Failure{{Arn: new(string), Reason: nil}}, `[{"arn":""}]`},
		{"empty slice", []types.Tag{}, `[]`},
		{"map", map[string]types.KeyValuePair{"K": {Name: new(string)}}, `{"K":{"name":""}}`},
		{"value struct", types.Tag{}, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal = %s, want %s", got, tt.want)
			}
		})
	}
}
