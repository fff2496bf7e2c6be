package compose2td

import (
	"flag"

	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// Flags are the original's compose-level flags plus --launch-type, --tags and
// --query. ecs-cli registers the same set on `compose`.
type Flags struct {
	Files         flagenv.StringList
	ProjectName   string
	EcsParams     string
	RegistryCreds string
	TaskRoleArn   string
	LaunchType    string
	ClusterConfig string
	Tags          string
	Query         string
}

// Register adds the flags to fs, long and short names on the same value.
func (f *Flags) Register(fs *flag.FlagSet) {
	for _, n := range []string{"file", "f"} {
		fs.Var(&f.Files, n, "compose `file` (repeatable; default docker-compose.yml [+ docker-compose.override.yml], or compose.yaml) (env COMPOSE_FILE)")
	}
	for _, n := range []string{"project-name", "p"} {
		fs.StringVar(&f.ProjectName, n, "", "project name, the task definition family (default: the first compose file's folder) (env COMPOSE_PROJECT_NAME)")
	}
	fs.StringVar(&f.EcsParams, "ecs-params", "", "ECS parameters file (default ./ecs-params.yml when present)")
	fs.StringVar(&f.RegistryCreds, "registry-creds", "", "registry credentials file (default: the newest ./ecs-registry-creds_*.yml)")
	fs.StringVar(&f.TaskRoleArn, "task-role-arn", "", "task role ARN or name (beats ecs-params task_role_arn)")
	fs.StringVar(&f.LaunchType, "launch-type", "", "EC2 or FARGATE: sets requiresCompatibilities and checks the task fits (default: the cluster configuration's default_launch_type)")
	fs.StringVar(&f.ClusterConfig, "cluster-config", "", "ECS CLI cluster configuration whose default_launch_type applies (default: the default one)")
	fs.StringVar(&f.Tags, "tags", "", "task definition tags, key=value,key2=value2")
	fs.StringVar(&f.Query, "query", "", "jq expression applied to the output document")
}
