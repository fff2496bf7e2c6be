// Package cluster is the ecs-cluster step: it creates (up), deletes (down)
// and resizes (scale) an ECS cluster and its CloudFormation stack, lists
// every task of the cluster (ps) and checks container instances against a
// task definition's required attributes (check-attributes), with the
// original `ecs-cli up|down|scale|ps|check-attributes` semantics.
package cluster

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/flagenv"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pace"
	"github.com/ecs-toolkit/ecs-toolkit/internal/stepio"
)

const name = "ecs-cluster"

// Flags are ecs-cluster's flags (each verb uses its own).
type Flags struct {
	AWS                awsconf.Flags
	CapabilityIAM      bool
	Empty              bool
	InstanceRole       string
	Keypair            string
	InstanceType       string
	SpotPrice          string
	ImageID            string
	NoPublicIP         bool
	Size               string
	AZs                string
	SecurityGroup      string
	CIDR               string
	Port               string
	Subnets            string
	VPC                string
	ExtraUserData      flagenv.StringList
	Force              bool
	Tags               string
	IMDSv2             bool
	DesiredStatus      string
	JSON               bool
	ContainerInstances string
	TaskDef            string
}

// Register adds the flags of verb to fs; ecs-cli forwards its cluster
// commands' flags by this registration.
func (f *Flags) Register(fs *flag.FlagSet, verb string) {
	f.AWS.Register(fs)
	switch verb {
	case "up":
		f.AWS.RegisterLaunchType(fs)
		fs.BoolVar(&f.CapabilityIAM, "capability-iam", false, "acknowledge that the stack may create IAM resources")
		for _, n := range []string{"empty", "e"} {
			fs.BoolVar(&f.Empty, n, false, "create an empty cluster: no CloudFormation stack")
		}
		fs.StringVar(&f.InstanceRole, "instance-role", "", "existing IAM role for the container instances (instead of --capability-iam)")
		fs.StringVar(&f.Keypair, "keypair", "", "EC2 key pair for SSH access to the instances")
		fs.StringVar(&f.InstanceType, "instance-type", "", "EC2 instance type (default t2.micro)")
		fs.StringVar(&f.SpotPrice, "spot-price", "", "maximum hourly price for Spot instances")
		fs.StringVar(&f.ImageID, "image-id", "", "AMI of the instances (default: the ECS-optimized Amazon Linux 2023 AMI)")
		fs.BoolVar(&f.NoPublicIP, "no-associate-public-ip-address", false, "do not give the instances public IP addresses")
		fs.StringVar(&f.Size, "size", "", "number of instances (template default 1)")
		fs.StringVar(&f.AZs, "azs", "", "two comma-separated availability zones for the new VPC's subnets")
		fs.StringVar(&f.SecurityGroup, "security-group", "", "existing security group ids, comma-separated")
		fs.StringVar(&f.CIDR, "cidr", "", "CIDR allowed into the security group (template default 0.0.0.0/0)")
		fs.StringVar(&f.Port, "port", "", "port opened in the security group (template default 80)")
		fs.StringVar(&f.Subnets, "subnets", "", "existing subnet ids, comma-separated (with --vpc)")
		fs.StringVar(&f.VPC, "vpc", "", "existing VPC id")
		fs.Var(&f.ExtraUserData, "extra-user-data", "file to add to the instances' user data (repeatable)")
		for _, n := range []string{"force", "f"} {
			fs.BoolVar(&f.Force, n, false, "delete and recreate an existing stack")
		}
		fs.StringVar(&f.Tags, "tags", "", "tags for the cluster and its resources: key=value,key2=value2")
		fs.BoolVar(&f.IMDSv2, "imdsv2", false, "require IMDSv2 on the instances")
	case "down":
		for _, n := range []string{"force", "f"} {
			fs.BoolVar(&f.Force, n, false, "delete without asking")
		}
	case "scale":
		fs.BoolVar(&f.CapabilityIAM, "capability-iam", false, "acknowledge that the stack may create IAM resources")
		fs.StringVar(&f.Size, "size", "", "number of instances")
	case "ps":
		fs.StringVar(&f.DesiredStatus, "desired-status", "", "RUNNING or STOPPED (default both)")
		fs.BoolVar(&f.JSON, "json", false, "print one JSON object per container instead of the table")
	case "check-attributes":
		fs.StringVar(&f.ContainerInstances, "container-instances", "", "container instance ids or ARNs, comma-separated")
		fs.StringVar(&f.TaskDef, "task-def", "", "task definition (family, family:revision or ARN)")
	}
}

const usageText = `Usage: %[1]s up [flags]                create the cluster and its CloudFormation stack
       %[1]s down [flags]              delete the stack and the cluster
       %[1]s scale --size N [flags]    resize the cluster's Auto Scaling group
       %[1]s ps [flags]                list every task of the cluster
       %[1]s check-attributes --task-def TD --container-instances IDS [flags]

Flags of %[2]s:
`

// Env is what Run takes from the process, replaceable in tests.
type Env struct {
	Getenv   func(string) string
	Stdin    io.Reader
	Terminal bool // the user can answer a prompt on Stdin
	// Sleep waits between CloudFormation polls.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Run is the step's entry point (cmdmain.RunFunc).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunEnv(ctx, args, Env{Getenv: os.Getenv, Stdin: stdin, Terminal: stepio.IsTerminal(stdin), Sleep: pace.Real}, stdout, stderr)
}

// RunEnv is Run with env in place of the process's.
func RunEnv(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "up" && args[0] != "down" && args[0] != "scale" && args[0] != "ps" && args[0] != "check-attributes") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprintf(stdout, usageText, name, "each verb: "+name+" VERB --help")
			return 0
		}
		fmt.Fprintf(stderr, usageText, name, "each verb: "+name+" VERB --help")
		return exitcode.Usage
	}
	verb := args[0]
	var f Flags
	fs := flag.NewFlagSet(name+" "+verb, flag.ContinueOnError)
	f.Register(fs, verb)
	if code, done := flagenv.ParseCommand(fs, args[1:], env.Getenv, fmt.Sprintf(usageText, name, name+" "+verb), stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s %s: unexpected arguments: %v\n", name, verb, fs.Args())
		return exitcode.Usage
	}
	f.AWS.FromEnv(env.Getenv)
	if env.Sleep == nil {
		env.Sleep = pace.Real
	}
	c := &cmd{f: f, env: env, stdout: stdout, stderr: stderr}
	err := c.run(ctx, verb)
	return exitcode.Report(stderr, name, err)
}
