package pipeline

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestDocumentSetKeepsOrder(t *testing.T) {
	d := New()
	steps := []struct {
		op   func() error
		want string
	}{
		{func() error { return d.Set(KeyProject, "web") }, `{"project":"web"}`},
		{func() error { return d.SetRaw(KeyTaskDefinition, json.RawMessage(` { "family" : "web" } `)) },
			`{"project":"web","taskDefinition":{"family":"web"}}`},
		{func() error { return d.Set(KeyCluster, "c") }, `{"project":"web","taskDefinition":{"family":"web"},"cluster":"c"}`},
		{func() error { return d.Set(KeyProject, map[string]int{"b": 1}) },
			`{"project":{"b":1},"taskDefinition":{"family":"web"},"cluster":"c"}`},
		{func() error { d.Delete(KeyTaskDefinition); return nil }, `{"project":{"b":1},"cluster":"c"}`},
		{func() error { d.Delete("absent"); return nil }, `{"project":{"b":1},"cluster":"c"}`},
		{func() error { return d.Set(KeyTaskDefinitionArn, "arn:<&>") }, `{"project":{"b":1},"cluster":"c","taskDefinitionArn":"arn:<&>"}`},
		{func() error { return d.Set(KeyTasks, json.RawMessage(`[ 1, 2 ]`)) },
			`{"project":{"b":1},"cluster":"c","taskDefinitionArn":"arn:<&>","tasks":[1,2]}`},
	}
	for i, s := range steps {
		if err := s.op(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := mustMarshal(t, d); got != s.want {
			t.Fatalf("step %d: got %s, want %s", i, got, s.want)
		}
	}
	if got, want := d.Keys(), []string{"project", "cluster", "taskDefinitionArn", "tasks"}; !slices.Equal(got, want) {
		t.Errorf("Keys() = %q, want %q", got, want)
	}
}

func TestDocumentSetErrors(t *testing.T) {
	tests := []struct {
		name string
		set  func(d *Document) error
	}{
		{"unmarshalable", func(d *Document) error { return d.Set("k", make(chan int)) }},
		{"raw not JSON", func(d *Document) error { return d.SetRaw("k", json.RawMessage(`{`)) }},
		{"raw two values", func(d *Document) error { return d.SetRaw("k", json.RawMessage(`1 2`)) }},
		{"raw empty", func(d *Document) error { return d.SetRaw("k", nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New()
			if err := tt.set(d); err == nil {
				t.Fatal("got nil error")
			}
			if d.Has("k") {
				t.Error("failed Set stored the key")
			}
		})
	}
}

func TestDocumentGet(t *testing.T) {
	var d Document // the zero value is usable
	if err := d.SetRaw("n", json.RawMessage(`123456789012345678`)); err != nil {
		t.Fatal(err)
	}
	var v any
	ok, err := d.Get("n", &v)
	if !ok || err != nil {
		t.Fatalf("Get = %v, %v", ok, err)
	}
	if v != json.Number("123456789012345678") {
		t.Errorf("Get into any = %#v, want json.Number", v)
	}
	var s string
	if ok, err := d.Get("n", &s); !ok || err == nil {
		t.Errorf("Get number into string = %v, %v; want true and an error", ok, err)
	}
	if ok, err := d.Get("absent", &v); ok || err != nil {
		t.Errorf("Get(absent) = %v, %v", ok, err)
	}
	if d.Raw("absent") != nil || string(d.Raw("n")) != "123456789012345678" {
		t.Errorf("Raw = %q, %q", d.Raw("absent"), d.Raw("n"))
	}
}
