package local

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	composetypes "github.com/compose-spec/compose-go/v2/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// up runs the task's containers with docker compose, after creating the
// network and the local container endpoints.
func (s *session) up() error {
	pairs := [][2]string{{"task-def-file", s.f.File}, {"task-def-remote", s.f.Remote}, {"task-def-compose", s.f.Compose}}
	for i := range pairs {
		for j := i + 1; j < len(pairs); j++ {
			if pairs[i][1] != "" && pairs[j][1] != "" {
				return exitcode.Usagef("%s and %s can not be used together", pairs[i][0], pairs[j][0])
			}
		}
	}
	if s.f.Output != "" && s.f.Compose != "" {
		return exitcode.Usagef("output and task-def-compose can not be used together")
	}
	base := s.f.Compose
	switch {
	case base != "":
	case s.f.File != "" || s.f.Remote != "" || len(s.args) > 0 || exists(DefaultInput):
		var err error
		if base, err = s.create(); err != nil {
			return err
		}
	case exists(DefaultOutput):
		base = DefaultOutput
	default:
		return exitcode.Usagef("need to provide one of %s or %s", DefaultInput, DefaultOutput)
	}
	files := []string{base}
	for _, o := range append([]string{OverridePath(base)}, s.f.Overrides...) {
		abs, err := filepath.Abs(o)
		if err != nil {
			return err
		}
		if _, err := os.Stat(abs); err != nil {
			s.info("Skipping Compose file %s due to:\n%v", filepath.Base(o), err)
			continue
		}
		files = append(files, abs)
	}
	secrets, err := secretRefs(s.ctx, files, s.env.Getenv)
	if err != nil {
		return err
	}
	secretEnv, err := s.resolveSecrets(secrets)
	if err != nil {
		return err
	}
	if err := s.network(); err != nil {
		return err
	}
	if err := s.endpoints(); err != nil {
		return err
	}
	args := []string{"compose"}
	var names []string
	for _, f := range files {
		args = append(args, "-f", f)
		names = append(names, filepath.Base(f))
	}
	args = append(args, "up", "--build", "-d")
	s.info("Using %s files to start containers", strings.Join(names, ", "))
	env := append([]string{"COMPOSE_IGNORE_ORPHANS=true"}, secretEnv...)
	if err := s.env.Docker.Docker(s.ctx, args, env, nil, s.stderr, s.stderr); err != nil {
		return fmt.Errorf("docker compose up failed to exit successfully due to:\n%w", err)
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// secretRefs loads the compose files as docker compose would and lists the
// secrets their services reference by label. Variables in the files (a
// user's own -c or override file may say ${VAR} in a label) take their
// values from getenv, the process environment, as in the original.
func secretRefs(ctx context.Context, files []string, getenv func(string) string) ([]secretRef, error) {
	var cfs []composetypes.ConfigFile
	for _, f := range files {
		cfs = append(cfs, composetypes.ConfigFile{Filename: f})
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	p, err := loader.LoadWithContext(ctx, composetypes.ConfigDetails{WorkingDir: wd, ConfigFiles: cfs, Environment: composetypes.Mapping{}}, func(o *loader.Options) {
		o.SetProjectName("ecslocal", true)
		o.SkipResolveEnvironment = true
		// Quietly: the secrets' variables are unset here by design (they
		// are set for docker compose below), and docker compose validates
		// the files (and warns about "version") itself.
		o.SkipValidation = true
		o.Interpolate.Substitute = func(s string, m template.Mapping) (string, error) {
			return template.SubstituteWithOptions(s, m, template.WithoutLogging)
		}
		// getenv cannot tell an empty variable from an unset one; empty
		// counts as unset, so ${VAR-default} gives the default for both.
		o.Interpolate.LookupValue = func(k string) (string, bool) {
			v := getenv(k)
			return v, v != ""
		}
	})
	if err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("loading %s: %w", files[0], err))
	}
	var out []secretRef
	for _, name := range p.ServiceNames() {
		for _, ref := range SecretRefs(p.Services[name].Labels) {
			out = append(out, secretRef{service: name, name: ref[0], valueFrom: ref[1]})
		}
	}
	return out, nil
}

// network creates ecs-local-network unless it exists.
func (s *session) network() error {
	id, err := networkID(s.ctx, s.env.Docker, NetworkName)
	if err != nil {
		return fmt.Errorf("looking for network %s: %w", NetworkName, err)
	}
	if id != "" {
		s.info("The network %s already exists", NetworkName)
		return nil
	}
	s.info("Creating network: %s...", NetworkName)
	id, err = output(s.ctx, s.env.Docker, "network", "create", "--driver", "bridge", "--subnet", NetworkSubnet, NetworkName)
	if err != nil {
		return fmt.Errorf("creating network %s: %w", NetworkName, err)
	}
	s.info("Created network %s with ID %s", NetworkName, strings.TrimSpace(id))
	return nil
}

// endpoints creates and starts the local container endpoints container.
func (s *session) endpoints() error {
	id, err := containerID(s.ctx, s.env.Docker, EndpointsName)
	if err != nil {
		return fmt.Errorf("listing containers: %w", err)
	}
	if id != "" {
		s.info("The %s container already exists with ID %s", EndpointsName, id)
		if _, err := output(s.ctx, s.env.Docker, "start", EndpointsName); err != nil {
			return fmt.Errorf("starting %s: %w", EndpointsName, err)
		}
		s.info("Started container with ID %s", id)
		return nil
	}
	profile := s.env.Getenv("AWS_PROFILE")
	if profile == "" {
		profile = "default"
	}
	home := s.env.Getenv("HOME")
	id, err = output(s.ctx, s.env.Docker, "run", "-d", "--name", EndpointsName,
		"--network", NetworkName, "--ip", EndpointsIP,
		"-e", "AWS_PROFILE="+profile, "-e", "HOME=/home",
		"-v", "/var/run:/var/run", "-v", home+"/.aws/:/home/.aws/",
		EndpointsImage)
	if err != nil {
		return fmt.Errorf("starting %s: %w", EndpointsName, err)
	}
	s.info("Created the %s container with ID %s", EndpointsName, strings.TrimSpace(id))
	return nil
}
