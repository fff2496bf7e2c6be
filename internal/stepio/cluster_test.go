package stepio

import (
	"strings"
	"testing"

	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
)

func TestCluster(t *testing.T) {
	read := func(s string) *pipeline.Document {
		t.Helper()
		d, err := pipeline.Read(strings.NewReader(s), "doc.json")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// A flag is recorded for the steps after this one.
	d := read(`{"project": "p"}`)
	flag := "prod"
	if err := Cluster(d, &flag, ""); err != nil {
		t.Fatal(err)
	}
	var got string
	if ok, _ := d.Get(pipeline.KeyCluster, &got); !ok || got != "prod" {
		t.Errorf("document cluster = %q (%v), want prod", got, ok)
	}
	// Without a flag, the document's cluster is taken.
	flag = ""
	if err := Cluster(read(`{"cluster": "dev"}`), &flag, ""); err != nil || flag != "dev" {
		t.Errorf("flag = %q, %v; want dev", flag, err)
	}
	// The flag wins and replaces the document's.
	d = read(`{"cluster": "dev"}`)
	flag = "prod"
	if err := Cluster(d, &flag, ""); err != nil || flag != "prod" {
		t.Errorf("flag = %q, %v; want prod", flag, err)
	}
	if d.Get(pipeline.KeyCluster, &got); got != "prod" {
		t.Errorf("document cluster = %q, want prod", got)
	}
	// Neither: nothing.
	flag = ""
	if err := Cluster(read(`{}`), &flag, ""); err != nil || flag != "" {
		t.Errorf("flag = %q, %v; want empty", flag, err)
	}
	// A --cluster-config names its own cluster: the document's is not taken.
	flag = ""
	if err := Cluster(read(`{"cluster": "dev"}`), &flag, "prod-config"); err != nil || flag != "" {
		t.Errorf("with --cluster-config: flag = %q, %v; want empty", flag, err)
	}
	// Not a string: bad input.
	if err := Cluster(read(`{"cluster": 5}`), &flag, ""); err == nil || err.Error() != "the document's cluster: expected a string, found a number (the cluster's name)" {
		t.Errorf("err = %v", err)
	}
}
