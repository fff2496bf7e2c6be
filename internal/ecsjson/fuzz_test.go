package ecsjson

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/testcorpus"
)

// fuzzTypes are the shapes FuzzUnmarshal decodes into, picked by a byte.
var fuzzTypes = []reflect.Type{
	reflect.TypeFor[ecs.RegisterTaskDefinitionInput](),
	reflect.TypeFor[types.TaskDefinition](),
	reflect.TypeFor[types.Task](),
	reflect.TypeFor[types.Service](),
}

// FuzzUnmarshal: Unmarshal never panics, and whatever it accepts is stable
// under Marshal then Unmarshal then Marshal.
func FuzzUnmarshal(f *testing.F) {
	seeds := []string{``, `{}`, `null`, `{"family": "x", "containerDefinitions": [{"memory": "512"}]}`,
		`{"registeredAt": "2021-03-01T12:00:00.123000+09:00"}`, `{"createdAt": 1614567890.123}`,
		`{"containerDefinitions": [{"resourceRequirements": [{"sharingStrategy": {"nvidiaMps": {"memory": 1}}}]}]}`,
		`{"deploymentConfiguration": {"lifecycleHooks": [{"hookDetails": {"A": [1, 2.50, "x"]}}]}}`}
	for _, s := range seeds {
		for k := range fuzzTypes {
			f.Add(uint8(k), []byte(s))
		}
	}
	for _, p := range testcorpus.TaskDefinitions(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), b)
		f.Add(uint8(1), b)
	}
	f.Fuzz(func(t *testing.T, kind uint8, in []byte) {
		typ := fuzzTypes[int(kind)%len(fuzzTypes)]
		v := reflect.New(typ).Interface()
		if err := Unmarshal(in, v); err != nil {
			return
		}
		first, err := Marshal(v)
		if err != nil {
			t.Fatalf("Marshal after a successful Unmarshal: %v", err)
		}
		again := reflect.New(typ).Interface()
		if err := Unmarshal(first, again); err != nil {
			t.Fatalf("Unmarshal of Marshal output: %v\n%s", err, first)
		}
		second, err := Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("round trip not stable:\n%s\n%s", first, second)
		}
	})
}
