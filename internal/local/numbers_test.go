package local

import (
	"strings"
	"testing"
)

// A task definition number out of ECS's range is refused before anything
// is written for docker compose.
func TestDecodeTaskDefinitionNumbers(t *testing.T) {
	_, err := decodeTaskDefinition([]byte(`{"family":"f","containerDefinitions":[{"name":"a","image":"i","memory":64,"linuxParameters":{"sharedMemorySize":-1}}]}`))
	if err == nil || !strings.Contains(err.Error(), "containerDefinitions[0].linuxParameters.sharedMemorySize: -1 is outside the accepted range (0 to 2147483647)") {
		t.Errorf("got %v", err)
	}
}
