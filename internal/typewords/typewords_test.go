package typewords

import (
	"encoding/json"
	"testing"
)

func TestOf(t *testing.T) {
	for goType, want := range map[string]string{
		"map[string]*compose.ServiceParams": "a mapping of names to settings",
		"[]string":                          "a list of strings",
		"[]compose.Secret":                  "a list of settings",
		"map[string]string":                 "a mapping of names to strings",
		"regcreds.Registry":                 "a mapping of settings",
		"int64":                             "a whole number",
		"bool":                              "true or false",
		"time.Duration":                     "a duration",
		"map[string]json.RawMessage":        "a mapping",
	} {
		if got := Of(goType); got != want {
			t.Errorf("Of(%q) = %q, want %q", goType, got, want)
		}
	}
}

func TestJSON(t *testing.T) {
	var v struct {
		Cluster string `json:"cluster"`
		Params  struct {
			Subnets []string `json:"subnets"`
		} `json:"params"`
	}
	for doc, want := range map[string]string{
		`{"cluster": 3}`:                      "cluster: expected a string, found a number",
		`{"params": {"subnets": "subnet-1"}}`: "params.subnets: expected a list of strings, found a string",
		`{"params": []}`:                      "params: expected an object, found a list",
		`{"cluster": "a"`:                     "unexpected end of JSON input",
	} {
		if got := JSON(json.Unmarshal([]byte(doc), &v)); got == nil || got.Error() != want {
			t.Errorf("%s: %v, want %q", doc, got, want)
		}
	}
	if got := JSONAt("runParams", json.Unmarshal([]byte(`{"params": {"subnets": 1}}`), &v)); got.Error() != "runParams.params.subnets: expected a list of strings, found a number" {
		t.Errorf("at a path: %v", got)
	}
	var s string
	if got := JSONAt("cluster", json.Unmarshal([]byte(`3`), &s)); got.Error() != "cluster: expected a string, found a number" {
		t.Errorf("at a path, no field: %v", got)
	}
	if got := JSON(json.Unmarshal([]byte(`true`), &s)); got.Error() != "expected a string, found true or false" {
		t.Errorf("no field: %v", got)
	}
}
