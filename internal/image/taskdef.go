package image

import (
	"encoding/json"
	"fmt"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/typewords"
)

// taskDef is the document's task definition as JSON objects, so the keys
// this step does not own pass through: only a container's "image" changes.
type taskDef struct {
	td         map[string]json.RawMessage
	containers []map[string]json.RawMessage
	byName     map[string]map[string]json.RawMessage
}

// readTaskDef decodes the document's task definition and its containers.
func readTaskDef(doc *pipeline.Document) (*taskDef, error) {
	raw := doc.Raw(pipeline.KeyTaskDefinition)
	if raw == nil {
		return nil, exitcode.Usagef("the document has no taskDefinition: pipe in ecs-compose2td's output")
	}
	t := &taskDef{byName: map[string]map[string]json.RawMessage{}}
	if err := json.Unmarshal(raw, &t.td); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("taskDefinition: %w", typewords.JSON(err)))
	}
	if err := json.Unmarshal(t.td["containerDefinitions"], &t.containers); err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("taskDefinition.containerDefinitions: %w", typewords.JSON(err)))
	}
	for i, cd := range t.containers {
		var n string
		if err := json.Unmarshal(cd["name"], &n); err != nil || n == "" {
			return nil, exitcode.Usagef("taskDefinition.containerDefinitions[%d].name: missing or not a string", i)
		}
		t.byName[n] = cd
	}
	return t, nil
}

// setImage sets container n's image.
func (t *taskDef) setImage(n, image string) {
	b, _ := json.Marshal(image)
	t.byName[n]["image"] = b
}

// write puts the task definition back into doc.
func (t *taskDef) write(doc *pipeline.Document) error {
	list, err := json.Marshal(t.containers)
	if err != nil {
		return err
	}
	t.td["containerDefinitions"] = list
	raw, err := json.Marshal(t.td)
	if err != nil {
		return err
	}
	return doc.SetRaw(pipeline.KeyTaskDefinition, raw)
}
