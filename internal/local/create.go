package local

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/atomicfile"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
)

// create writes the compose file and its override; it returns the compose
// file's path.
func (s *session) create() (string, error) {
	td, in, err := s.taskDefinition()
	if err != nil {
		return "", err
	}
	c, err := Convert(td, Options{Input: in, UseRole: s.f.UseRole})
	if err != nil {
		return "", exitcode.AsUsage(fmt.Errorf("converting task definition from %s: %w", in.Value, err))
	}
	for _, n := range c.Notes {
		s.info("%s", n)
	}
	out := s.f.Output
	if out == "" {
		out = DefaultOutput
	}
	base, err := Marshal(c.Base)
	if err != nil {
		return "", err
	}
	over, err := Marshal(c.Override)
	if err != nil {
		return "", err
	}
	ov := OverridePath(out)
	// Every refusal comes before the first write, so a refusal leaves
	// both files as they were.
	for _, f := range []string{out, ov} {
		if in.Type == "local" && in.Value != "-" && sameFile(f, in.Value) {
			return "", exitcode.Usagef("%s is the task definition being read; write the compose file elsewhere with -o", f)
		}
	}
	writeOverride := true
	if s.f.Force {
		for _, f := range []string{out, ov} {
			if err := ours(f); err != nil {
				return "", err
			}
		}
	} else {
		if _, err := os.Lstat(out); err == nil {
			if err := s.confirm(out); err != nil {
				return "", err
			}
		}
		_, err := os.Lstat(ov)
		writeOverride = err != nil
	}
	if err := atomicfile.Write(out, append([]byte(Marker+"\n"), base...), 0o600); err != nil {
		return "", err
	}
	s.info("Successfully wrote %s", out)
	if !writeOverride {
		s.info("%s already exists, skipping write.", ov)
		return out, nil
	}
	if err := atomicfile.Write(ov, append([]byte(Marker+"\n"), over...), 0o600); err != nil {
		return "", err
	}
	s.info("Successfully wrote %s", ov)
	return out, nil
}

// Marker is the first line of every file local create writes; --force
// replaces a file only when it begins with it, so it never replaces a file
// the user wrote (an override file of their own, the task definition
// itself). Deleting the line keeps a file from --force.
const Marker = "# Written by ecs-local create. --force replaces this file while this line is here."

// ours refuses a file at path that is not one local create wrote; a file
// that does not exist is fine.
func ours(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(path); lerr == nil { // a link to nowhere
			return exitcode.Usagef("%s is a symbolic link to a missing file; not writing through it", path)
		}
		return nil
	}
	if err != nil {
		return exitcode.AsUsage(fmt.Errorf("%s: %w", path, err))
	}
	defer f.Close()
	first := make([]byte, len(Marker))
	if _, err := io.ReadFull(f, first); err != nil || string(first) != Marker {
		return exitcode.Usagef("%s was not written by ecs-local create (files it writes begin with the line \"# Written by ecs-local create.\"), so --force does not replace it: move it away or remove it", path)
	}
	return nil
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// OverridePath is the override file of a compose file: its extension
// replaced by .override.yml.
func OverridePath(p string) string {
	return strings.TrimSuffix(p, filepath.Ext(p)) + ".override.yml"
}

// confirm asks before writing over file; without a terminal it refuses.
func (s *session) confirm(file string) error {
	if !s.env.Terminal {
		return exitcode.Usagef("%s already exists; use --force to write over it", file)
	}
	fmt.Fprintf(s.stderr, "%s file already exists. Do you want to write over this file? [y/N] ", file)
	line, _ := limits.Answer(s.env.Stdin)
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return exitcode.Usagef("aborted writing file. To retry, rename or move %s", file)
}

// taskDefinition reads the task definition the flags name: --task-def-remote,
// --task-def-file, "-" (stdin), or ./task-definition.json.
func (s *session) taskDefinition() (*types.TaskDefinition, Input, error) {
	if s.f.File != "" && s.f.Remote != "" {
		return nil, Input{}, exitcode.Usagef("cannot specify both --task-def-remote and --task-def-file flags")
	}
	if len(s.args) > 1 || (len(s.args) == 1 && s.args[0] != "-") {
		return nil, Input{}, exitcode.Usagef("unexpected arguments %q: give the task definition with --task-def-file, or \"-\" to read stdin", s.args)
	}
	if len(s.args) == 1 {
		if s.f.File != "" || s.f.Remote != "" {
			return nil, Input{}, exitcode.Usagef("\"-\" (stdin) cannot be used with --task-def-file or --task-def-remote")
		}
		td, err := ReadTaskDefinition(s.env.Stdin, "<stdin>")
		if err != nil {
			return nil, Input{}, err
		}
		// After ecs-register the containers are labelled with the ARN, as
		// --task-def-remote does, so ps and down can name the task by it.
		if arn := aws.ToString(td.TaskDefinitionArn); arn != "" {
			return td, Input{Type: "remote", Value: arn}, nil
		}
		return td, Input{Type: "local", Value: "-"}, nil
	}
	if s.f.Remote != "" {
		td, err := s.remote(s.f.Remote)
		if err != nil {
			return nil, Input{}, err
		}
		s.info("Reading task definition from %s:%d", aws.ToString(td.Family), td.Revision)
		return td, Input{Type: "remote", Value: s.f.Remote}, nil
	}
	file := s.f.File
	if file == "" {
		if _, err := os.Stat(DefaultInput); err != nil {
			return nil, Input{}, exitcode.Usagef("could not detect valid task definition (either set one of --task-def-file or --task-def-remote flags, or define a %s file)", DefaultInput)
		}
		file = DefaultInput
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, Input{}, err
	}
	fh, err := os.Open(abs)
	if err != nil {
		return nil, Input{}, exitcode.AsUsage(fmt.Errorf("reading task definition from %s: %w", file, err))
	}
	defer fh.Close()
	td, err := ReadTaskDefinition(fh, file)
	if err != nil {
		return nil, Input{}, err
	}
	s.info("Reading task definition from %s", abs)
	return td, Input{Type: "local", Value: abs}, nil
}

// remote describes a registered task definition; an ARN's region replaces
// the resolved one, as in the original.
func (s *session) remote(ref string) (*types.TaskDefinition, error) {
	flags := s.f.AWS
	if a, err := arn.Parse(ref); err == nil && a.Region != "" {
		flags.Region = a.Region
	}
	settings, err := awsconf.Resolve(s.ctx, flags, awsconf.NewEnv(s.env.Getenv, s.stderr, name))
	if err != nil {
		return nil, err
	}
	td, err := DescribeTaskDefinition(s.ctx, ecs.NewFromConfig(settings.Config), ref)
	if err != nil {
		var ce *types.ClientException
		if errors.As(err, &ce) {
			return nil, exitcode.AsUsage(err)
		}
		return nil, err
	}
	return td, nil
}
