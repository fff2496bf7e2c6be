package local

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
)

// Container is a row of `docker ps --format '{{json .}}'`.
type Container struct {
	ID     string `json:"ID"`
	Image  string `json:"Image"`
	Status string `json:"Status"`
	Ports  string `json:"Ports"`
	Names  string `json:"Names"`
	Labels string `json:"Labels"`
}

// label is one label's value from docker's "k=v,k=v" form.
func (c Container) label(key string) string {
	for _, kv := range strings.Split(c.Labels, ",") {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}

// filters are the label filters that find the task's containers.
func (s *session) filters() ([]string, string, error) {
	if s.f.File != "" && s.f.Remote != "" {
		return nil, "", exitcode.Usagef("task-def-file and task-def-remote can not be used together")
	}
	if s.f.All && (s.f.File != "" || s.f.Remote != "") {
		return nil, "", exitcode.Usagef("all and task-def-file or task-def-remote can not be used together")
	}
	if len(s.args) > 0 {
		return nil, "", exitcode.AsUsage(flagenv.NoArguments(s.args))
	}
	switch {
	case s.f.All:
		return []string{"label=" + LabelInputValue}, "Searching for all running containers", nil
	case s.f.Remote != "":
		return []string{"label=" + LabelInputValue + "=" + s.f.Remote, "label=" + LabelInputType + "=remote"}, "Searching for containers from remote task definition " + s.f.Remote, nil
	}
	file, what := s.f.File, "Searching for containers from local file "+s.f.File
	if file == "" {
		file, what = DefaultInput, "Searching for containers from default local file "+DefaultInput
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, "", err
	}
	return []string{"label=" + LabelInputValue + "=" + abs, "label=" + LabelInputType + "=local"}, what, nil
}

// list lists the task's containers, stopped ones included.
func (s *session) list(filters []string) ([]Container, error) {
	args := []string{"ps", "-a", "--no-trunc"}
	for _, f := range filters {
		args = append(args, "--filter", f)
	}
	args = append(args, "--format", "{{json .}}")
	out, err := output(s.ctx, s.env.Docker, args...)
	if err != nil {
		return nil, fmt.Errorf("listing containers: %w", err)
	}
	var cs []Container
	for _, line := range strings.Split(out, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var c Container
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("listing containers: reading docker's answer %q: %w", line, err)
		}
		cs = append(cs, c)
	}
	return cs, nil
}

func (s *session) ps() error {
	filters, _, err := s.filters()
	if err != nil {
		return err
	}
	cs, err := s.list(filters)
	if err != nil {
		return err
	}
	if s.f.JSON {
		if cs == nil {
			cs = []Container{}
		}
		b, err := json.MarshalIndent(cs, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(s.stdout, "%s\n", b)
		return err
	}
	w := tabwriter.NewWriter(s.stdout, 20, 1, 3, ' ', 0)
	fmt.Fprintln(w, "CONTAINER ID\tIMAGE\tSTATUS\tPORTS\tNAMES\tTASKDEFINITION")
	for _, c := range cs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", short(c.ID), c.Image, c.Status, c.Ports, c.Names, c.label(LabelInputValue))
	}
	return w.Flush()
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
