package taskdef

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsjson"
)

func TestRegisterInput(t *testing.T) {
	in, err := RegisterInput([]byte(`{"taskDefinitionArn":"arn:x","revision":3,"status":"ACTIVE","family":"f","containerDefinitions":[{"name":"a","image":"i"}]}`))
	if err != nil || aws.ToString(in.Family) != "f" || len(in.ContainerDefinitions) != 1 {
		t.Fatalf("%+v %v", in, err)
	}
	var fe *ecsjson.FieldError
	if _, err := RegisterInput([]byte(`{"family":"f","containerDefinitions":[{"nam":"a"}]}`)); !errors.As(err, &fe) || fe.Path != "containerDefinitions[0].nam" {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := RegisterInput([]byte(`[]`)); !errors.As(err, &fe) {
		t.Errorf("not an object: %v", err)
	}
}
