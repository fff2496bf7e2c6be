// Package image is the ecs-image step: push, pull and list images in
// Amazon ECR (the original's push, pull and images), and, in a pipeline,
// build the document's build: containers, push them and point the task
// definition at what was pushed.
package image

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
	"github.com/ecs-toolkit/ecs-toolkit/internal/tagflag"
)

const name = "ecs-image"

// Flags are ecs-image's flags; ecs-cli push, pull and images pass theirs.
type Flags struct {
	AWS        awsconf.Flags
	RegistryID string
	Tags       string
	FIPS       bool
	Tagged     bool
	Untagged   bool
	JSON       bool
	Query      string
}

// Register adds the flags of verb to fs.
func (f *Flags) Register(fs *flag.FlagSet, verb string) {
	f.AWS.Register(fs)
	switch verb {
	case "push", "pull":
		fs.StringVar(&f.RegistryID, "registry-id", "", "[Optional] the Amazon ECR registry ID (account) to use; by default the current AWS account's")
		for _, n := range []string{"use-fips", "fips"} {
			fs.BoolVar(&f.FIPS, n, false, "[Optional] Routes calls to ECR through FIPS endpoints.")
		}
	case "images":
		fs.BoolVar(&f.Tagged, "tagged", false, "[Optional] Filters the result to show only tagged images")
		fs.BoolVar(&f.Untagged, "untagged", false, "[Optional] Filters the result to show only untagged images")
		fs.BoolVar(&f.JSON, "json", false, "print one JSON object per image tag (JSON Lines) instead of the table")
	}
	if verb == "push" {
		fs.StringVar(&f.Tags, "tags", "", "[Optional] AWS resource tags for the ECR repository: key1=value1,key2=value2")
		fs.StringVar(&f.Query, "query", "", "pipeline mode: jq expression applied to the output document")
	}
}

const usageText = `Usage: %[1]s push [flags] REPOSITORY[:TAG]        tag a local image and push it to ECR
       %[1]s push [flags] [document.json]        build, push and use the document's build: images
       %[1]s pull [flags] REPOSITORY[:TAG|@DIGEST] pull an image from ECR
       %[1]s images [flags] [REPOSITORY ...]       list the images in ECR

push prints the pushed image as REGISTRY/REPOSITORY@DIGEST. Given a .json
file, "-" or nothing, push reads the pipeline document (ecs-compose2td | ecs-image push |
ecs-register): it builds each container of "builds", pushes it to the ECR
repository <project>-<container> and writes the document back with those
containers' images set to what was pushed.

Flags:
`

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	verb, f, rest, code, done := parse(args, stdout, stderr)
	if done {
		return code
	}
	err := func() error {
		s, err := awsconf.Resolve(ctx, f.AWS, awsconf.NewEnv(os.Getenv, stderr, name))
		if err != nil {
			return err
		}
		return execute(ctx, verb, f, rest, env{cfg: s.Config, docker: CLI{}, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now})
	}()
	return exitcode.Report(stderr, name, err)
}

// parse reads the subcommand word and its flags.
func parse(args []string, stdout, stderr io.Writer) (verb string, f Flags, rest []string, code int, done bool) {
	if len(args) == 0 || (args[0] != "push" && args[0] != "pull" && args[0] != "images") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintf(stdout, usageText, name)
			return "", f, nil, exitcode.OK, true
		}
		fmt.Fprintf(stderr, "%s: give a subcommand: push, pull or images\n", name)
		flagenv.UsageHint(stderr, name)
		return "", f, nil, exitcode.Usage, true
	}
	verb = args[0]
	fs := flag.NewFlagSet(name+" "+verb, flag.ContinueOnError)
	f.Register(fs, verb)
	if code, done := flagenv.ParseCommand(fs, args[1:], os.Getenv, fmt.Sprintf(usageText, name), stdout, stderr); done {
		return verb, f, nil, code, true
	}
	f.AWS.FromEnv(os.Getenv)
	return verb, f, fs.Args(), 0, false
}

// env is what a subcommand runs with: the AWS config, docker, the streams
// and the clock (for "pushed 2 hours ago").
type env struct {
	cfg            aws.Config
	docker         Docker
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
}

func execute(ctx context.Context, verb string, f Flags, args []string, e env) error {
	log := discard
	if f.AWS.Verbose {
		log = logTo(e.stderr, name)
	}
	c := newClients(e.cfg, f.FIPS, e.docker, log)
	switch verb {
	case "push":
		tags, err := parseTags(f.Tags)
		if err != nil {
			return err
		}
		// No argument reads the document from stdin, unless nothing can be
		// piped in there (a terminal): then the original's rule holds.
		if len(args) == 0 && stepio.IsTerminal(e.stdin) {
			return exitcode.Usagef("push requires exactly 1 argument")
		}
		if len(args) == 0 || (len(args) == 1 && isDocument(args[0])) {
			return pushDocument(ctx, c, args, f.RegistryID, tags, f.Query, e)
		}
		if len(args) != 1 {
			return exitcode.Usagef("push requires exactly 1 argument")
		}
		ref, err := push(ctx, c, args[0], f.RegistryID, tags)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, ref)
		return nil
	case "pull":
		if len(args) != 1 {
			return exitcode.Usagef("pull requires exactly 1 argument")
		}
		return pull(ctx, c, args[0], f.RegistryID)
	default:
		return images(ctx, c, args, f, e.stdout, e.now())
	}
}

// isDocument tells a document argument of push ("-", or a .json file)
// from an image name, which has no "." outside its registry.
func isDocument(arg string) bool {
	return arg == "-" || strings.HasSuffix(arg, ".json")
}

// parseTags reads --tags into the API's tag type.
func parseTags(s string) ([]ecrtypes.Tag, error) {
	tags, err := tagflag.Parse(s)
	return tagflag.Convert(tags, func(k, v string) ecrtypes.Tag { return ecrtypes.Tag{Key: aws.String(k), Value: aws.String(v)} }), err
}
