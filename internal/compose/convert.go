package compose

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// Options is everything a conversion reads. Paths are absolute or relative
// to Dir; nothing else of the process (environment, clock) is consulted.
type Options struct {
	Files             []string          // compose files, merged in order
	Dir               string            // working directory
	ProjectName       string            // "" derives it from the first file's folder
	Env               map[string]string // for ${VAR} interpolation in compose and ecs-params
	EcsParamsFile     string            // "" for none
	RegistryCredsFile string            // "" for none
	TaskRoleArn       string            // --task-role-arn, beats ecs-params
	LaunchType        string            // "", EC2 or FARGATE
	Tags              []ecstypes.Tag
}

// Build records a container whose image comes from a compose build section.
type Build struct {
	Image      string            `json:"image"` // the local tag docker compose would give it
	Context    string            `json:"context"`
	Dockerfile string            `json:"dockerfile,omitempty"`
	Args       map[string]string `json:"args,omitempty"`
	Target     string            `json:"target,omitempty"`
}

// Result is a conversion's output.
type Result struct {
	Project        string
	TaskDefinition *ecs.RegisterTaskDefinitionInput
	RunParams      *RunParams
	Builds         map[string]Build // by container name; nil when none
	Warnings       []string
}

type converter struct {
	project     *types.Project
	projectName string
	params      *EcsParams
	paramsName  string
	launchType  string
	networkMode string
	taskMemory  string
	vols        *volumeTable
	volNames    map[string]string // compose volume key → task volume name
	warnings    []string
}

func (c *converter) warn(format string, args ...any) {
	c.warnings = append(c.warnings, fmt.Sprintf(format, args...))
}

// Convert loads the compose project and side files named in o and builds the
// task definition and run parameters.
func Convert(ctx context.Context, o Options) (*Result, error) {
	if len(o.Files) == 0 {
		return nil, fmt.Errorf("no compose file given")
	}
	if o.LaunchType != "" && o.LaunchType != "EC2" && o.LaunchType != "FARGATE" {
		return nil, fmt.Errorf("launch type %q: must be EC2 or FARGATE", o.LaunchType)
	}
	files := make([]string, len(o.Files))
	for i, f := range o.Files {
		files[i] = abs(o.Dir, f)
	}
	name, err := projectName(o.ProjectName, files[0])
	if err != nil {
		return nil, err
	}
	c := &converter{params: &EcsParams{}, launchType: o.LaunchType}
	if o.EcsParamsFile != "" {
		c.paramsName = o.EcsParamsFile
		c.params, err = openRead(abs(o.Dir, o.EcsParamsFile), o.EcsParamsFile, limits.EcsParams, func(r io.Reader, name string) (*EcsParams, error) {
			return ReadEcsParams(r, name, o.Env)
		})
		if err != nil {
			return nil, err
		}
	}
	var creds *RegistryCreds
	if o.RegistryCredsFile != "" {
		creds, err = openRead(abs(o.Dir, o.RegistryCredsFile), o.RegistryCredsFile, limits.RegistryCreds, ReadRegistryCreds)
		if err != nil {
			return nil, err
		}
	}
	project, err := loadProject(ctx, files, o.Env, name, o.ProjectName != "")
	if err != nil {
		return nil, loadError(err, files, o.Files)
	}
	// A top-level `name:` in the compose file names the project, as in docker
	// compose, unless the user gave one; otherwise the folder's name is kept
	// as written (compose-go would lower-case it).
	c.projectName = name
	if o.ProjectName == "" && project.Name != loader.NormalizeProjectName(name) {
		c.projectName = project.Name
	}
	return c.convert(o, project, creds)
}

// convert is the conversion proper, after every file is read. Messages about
// compose fields ("services.web.ports[0]: ...") get the compose file names
// in front, as messages about ecs-params carry that file's name.
func (c *converter) convert(o Options, project *types.Project, creds *RegistryCreds) (*Result, error) {
	c.project = project
	composeName := strings.Join(o.Files, ", ")
	td, err := c.taskDefinition(o, creds, o.RegistryCredsFile)
	if err == nil {
		var rp *RunParams
		if rp, err = c.runParams(); err == nil {
			for i, w := range c.warnings {
				if isComposeField(w) {
					c.warnings[i] = composeName + ": " + w
				}
			}
			return &Result{Project: c.projectName, TaskDefinition: td, RunParams: rp, Builds: c.builds(), Warnings: c.warnings}, nil
		}
	}
	if isComposeField(err.Error()) {
		err = fmt.Errorf("%s: %w", composeName, err)
	}
	return nil, err
}

// isComposeField tells a message about a compose field, which gets the
// compose file names in front.
func isComposeField(msg string) bool {
	for _, p := range []string{"services.", "networks.", "volumes."} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func abs(dir, p string) string {
	if filepath.IsAbs(p) || dir == "" {
		return p
	}
	return filepath.Join(dir, p)
}

// builds lists the containers that come from a build section.
func (c *converter) builds() map[string]Build {
	var out map[string]Build
	for _, n := range sortedKeys(c.project.Services) {
		svc := c.project.Services[n]
		if svc.Build == nil {
			continue
		}
		if out == nil {
			out = map[string]Build{}
		}
		b := Build{Image: svc.Image, Context: svc.Build.Context, Dockerfile: svc.Build.Dockerfile, Target: svc.Build.Target}
		if b.Image == "" {
			b.Image = c.builtImageName(n)
		}
		for _, k := range sortedKeys(svc.Build.Args) {
			if v := svc.Build.Args[k]; v != nil {
				if b.Args == nil {
					b.Args = map[string]string{}
				}
				b.Args[k] = *v
			}
		}
		out[n] = b
	}
	return out
}

// loadError makes compose-go's message one line that names the file as the
// user wrote it. When the message names no file, all of them go in front.
func loadError(err error, abs, given []string) error {
	msg := strings.ReplaceAll(err.Error(), "decoding failed due to the following error(s):\n\n", "")
	msg = strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", " ; ")), " ")
	msg = strings.ReplaceAll(msg, " ; ", "; ")
	named := false
	for i, a := range abs {
		for _, verb := range []string{"failed to parse ", "validating "} {
			msg = strings.ReplaceAll(msg, verb+a+":", a+":")
		}
		if strings.Contains(msg, a) {
			msg = strings.ReplaceAll(msg, a, given[i])
			named = true
		}
	}
	if !named {
		msg = strings.Join(given, ", ") + ": " + msg
	}
	return errors.New(msg)
}
