package register

import (
	"encoding/json"
	"reflect"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
	"github.com/ecs-toolkit/ecs-toolkit/internal/taskdef"
)

// identical reports whether registering want would give what have (the newest
// ACTIVE revision, with its tags) already is. Both sides are compared as the
// API's JSON after normalising what ECS fills in or reorders: defaults it
// writes on registration (essential, protocol, awsvpc host ports, bridge
// network mode), empty values, and tag order.
func identical(want *ecs.RegisterTaskDefinitionInput, have *types.TaskDefinition, haveTags []types.Tag) (bool, error) {
	haveJSON, err := ecsjson.Marshal(have)
	if err != nil {
		return false, err
	}
	haveIn, err := taskdef.RegisterInput(haveJSON)
	if err != nil {
		return false, err
	}
	haveIn.Tags = haveTags
	a, err := normalised(want)
	if err != nil {
		return false, err
	}
	b, err := normalised(haveIn)
	if err != nil {
		return false, err
	}
	return reflect.DeepEqual(a, b), nil
}

func normalised(in *ecs.RegisterTaskDefinitionInput) (any, error) {
	raw, err := ecsjson.Marshal(in)
	if err != nil {
		return nil, err
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	mode, _ := v["networkMode"].(string)
	if mode == "" {
		v["networkMode"] = "bridge" // ECS's default on Linux, which it writes back
		mode = "bridge"
	}
	if defs, ok := v["containerDefinitions"].([]any); ok {
		for _, d := range defs {
			if cd, ok := d.(map[string]any); ok {
				containerDefaults(cd, mode)
			}
		}
	}
	if tags, ok := v["tags"].([]any); ok {
		sort.Slice(tags, func(i, j int) bool { return tagKey(tags[i]) < tagKey(tags[j]) })
	}
	return dropEmpty(v), nil
}

func containerDefaults(cd map[string]any, mode string) {
	if _, ok := cd["essential"]; !ok {
		cd["essential"] = true
	}
	ports, _ := cd["portMappings"].([]any)
	for _, p := range ports {
		pm, ok := p.(map[string]any)
		if !ok {
			continue
		}
		if _, ok := pm["protocol"]; !ok {
			pm["protocol"] = "tcp"
		}
		if _, ok := pm["hostPort"]; !ok && (mode == "awsvpc" || mode == "host") {
			pm["hostPort"] = pm["containerPort"]
		}
	}
}

func tagKey(t any) string {
	m, _ := t.(map[string]any)
	k, _ := m["key"].(string)
	return k
}

// dropEmpty removes nulls, "", false, [] and {}, so that "absent" and
// "empty" compare equal, as they are to ECS.
func dropEmpty(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			e = dropEmpty(e)
			if isEmpty(e) {
				delete(x, k)
			} else {
				x[k] = e
			}
		}
		return x
	case []any:
		for i := range x {
			x[i] = dropEmpty(x[i])
		}
		return x
	}
	return v
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case bool:
		return !x
	case float64:
		return false
	case map[string]any:
		return len(x) == 0
	case []any:
		return len(x) == 0
	}
	return false
}
