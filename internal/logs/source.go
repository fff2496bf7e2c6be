package logs

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// source is where one task's logs are: a log group and region, and a stream
// per container.
type source struct {
	group, region string
	streams       map[string]string // stream name -> container
	task          string            // task id as given
}

// sources works out the log group, region and streams of a task from its
// task definition's awslogs options, with the original's rules and
// messages: every container (or only the named one) must use awslogs with a
// stream prefix, and without --container-name all must share the group and
// region. A container name the task definition does not have is an error
// (the original crashed).
func sources(td *ecstypes.TaskDefinition, taskID, container string) (source, error) {
	arn := aws.ToString(td.TaskDefinitionArn)
	var defs []ecstypes.ContainerDefinition
	for _, cd := range td.ContainerDefinitions {
		if container == "" || aws.ToString(cd.Name) == container {
			defs = append(defs, cd)
		}
	}
	if len(defs) == 0 {
		var names []string
		for _, cd := range td.ContainerDefinitions {
			names = append(names, aws.ToString(cd.Name))
		}
		sort.Strings(names)
		return source{}, fmt.Errorf("--container-name: %s has no container %q (containers: %s)", arn, container, strings.Join(names, ", "))
	}
	src := source{streams: map[string]string{}, task: taskID}
	for i, cd := range defs {
		name := aws.ToString(cd.Name)
		lc := cd.LogConfiguration
		switch {
		case lc == nil:
			//lint:ignore ST1005 the original's message, word for word
			return source{}, fmt.Errorf("Container '%s' is not configured to use CloudWatch logs; logConfiguration ('logging' in Docker Compose) is a required container definition field", name)
		case lc.LogDriver != ecstypes.LogDriverAwslogs:
			//lint:ignore ST1005 the original's message, word for word
			return source{}, fmt.Errorf("Container '%s': Must specify log driver as awslogs", name)
		case lc.Options["awslogs-stream-prefix"] == "":
			//lint:ignore ST1005 the original's message, word for word
			return source{}, fmt.Errorf("Container %s: ECS CLI Requires Log Stream Prefix (awslogs-stream-prefix) to be specified.", name)
		}
		group, region := lc.Options["awslogs-group"], lc.Options["awslogs-region"]
		if i == 0 {
			src.group, src.region = group, region
		}
		for _, f := range []struct{ key, want, got string }{{"awslogs-group", src.group, group}, {"awslogs-region", src.region, region}} {
			if f.want != f.got {
				//lint:ignore ST1005 the original's message, word for word
				return source{}, fmt.Errorf("Log Configuration Field %s mismatches in at least one container definition in %s. Use the --container-name option to query logs for an individual container.", f.key, arn)
			}
		}
		src.streams[lc.Options["awslogs-stream-prefix"]+"/"+name+"/"+taskID] = name
	}
	return src, nil
}
