// Package taskdef reads a task definition as people have them (a
// RegisterTaskDefinition input, or what DescribeTaskDefinition printed) into
// the input a registration takes.
package taskdef

import (
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
)

// DescribeOnly are the keys DescribeTaskDefinition adds that a registration
// cannot carry; a described task definition loses them.
var DescribeOnly = []string{"taskDefinitionArn", "revision", "status", "requiresAttributes",
	"compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt"}

// RegisterInput decodes a task definition object, register or describe
// shaped, strictly: an unknown key is an *ecsjson.FieldError naming its path.
func RegisterInput(raw json.RawMessage) (*ecs.RegisterTaskDefinitionInput, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, &ecsjson.FieldError{Problem: "not an object"}
	}
	for _, k := range DescribeOnly {
		delete(obj, k)
	}
	clean, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	in := &ecs.RegisterTaskDefinitionInput{}
	if err := ecsjson.Unmarshal(clean, in); err != nil {
		return nil, err
	}
	return in, nil
}
