package configure

//lint:file-ignore ST1005 the original ECS CLI's messages, kept word for word (spec §2)

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsconfig"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/limits"
	"github.com/ecs-toolkit/ecs-toolkit/internal/redact"
)

// Migrate turns a legacy INI ~/.ecs/config into the YAML files: `ecs-cli
// configure migrate [--force]`. Unless force, it first prints a preview of
// the old and new files on stdout (secrets masked by redact's rule) and asks
// on stdout for a y/n answer read from stdin; anything but y or Y aborts. A
// config that is YAML already is left alone, with exit 0. A file that is
// neither, or a credentials file that does not parse, is an error before
// anything is written; what the new files cannot hold (aws_profile,
// aws_session_token) is named on stderr.
func Migrate(home string, force bool, stdin io.Reader, stdout, stderr io.Writer) error {
	s := ecsconfig.Store{Home: home}
	if err := s.Check(); err != nil {
		return fmt.Errorf("Error reading old configuration file.: %w", err)
	}
	path := s.ConfigPath()
	data, readErr := ecsconfig.ReadConfigFile(path)
	if readErr == nil {
		if c, err := ecsconfig.DecodeClusterConfig(data); err == nil && c.Version != "" {
			fmt.Fprintf(stderr, "No need to migrate; found a YAML formatted configuration file at %s\n", path)
			return nil
		}
	} else if !errors.Is(readErr, fs.ErrNotExist) { // no file reads as an empty one
		return fmt.Errorf("Error reading old configuration file.: Failed to initialize ini reader: %w", readErr)
	}
	old, err := ecsconfig.ParseLegacy(data)
	if err != nil {
		return exitcode.AsUsage(fmt.Errorf("Error reading old configuration file.: Failed to initialize ini reader: %w", err))
	}
	if readErr == nil && !ecsconfig.IsLegacy(data) {
		// Migrating would replace it by an empty configuration; the
		// original did.
		return exitcode.Usagef("Error reading old configuration file.: %s has no [ecs] section: it is not a legacy configuration, and nothing was migrated (the file was left as it is)", path)
	}
	if old.SecretKey != "" {
		if _, err := os.Stat(s.CredentialsPath()); err == nil {
			if _, err := s.ReadProfiles(); err != nil { // before the config is replaced
				return fmt.Errorf("Error saving profile: %w", err)
			}
		}
	}
	stack := "" // a default prefix is not worth storing
	if old.CFNStackNamePrefix != ecsconfig.DefaultCFNStackNamePrefix {
		stack = old.CFNStackNamePrefix + old.Cluster
	}

	if !force {
		if readErr != nil {
			return exitcode.AsUsage(readErr) // nothing to migrate
		}
		if err := preview(stdout, data, old, stack); err != nil {
			return err
		}
		answer := ""
		if stdin != nil {
			answer, _ = limits.Answer(stdin)
		}
		if !strings.HasPrefix(answer, "y") && !strings.HasPrefix(answer, "Y") {
			fmt.Fprintln(stderr, "Aborting Migration.")
			return nil
		}
	}

	// The keys first: the legacy config is their only copy until the
	// credentials file holds them, so it is replaced only after that.
	if old.SecretKey != "" { // aws_profile is dropped
		if err := s.SaveProfile(defaultName, ecsconfig.Profile{AccessKey: old.AccessKey, SecretKey: old.SecretKey}); err != nil {
			return fmt.Errorf("Error saving profile: %w", err)
		}
	}
	err = s.ReplaceClusters(defaultName, ecsconfig.Cluster{
		Cluster:                  old.Cluster,
		Region:                   old.Region,
		CFNStackName:             stack,
		ComposeServiceNamePrefix: old.ComposeServiceNamePrefix,
	})
	if err != nil {
		return fmt.Errorf("Error saving cluster configuration: %w", err)
	}
	fmt.Fprintln(stderr, "Migrated ECS CLI configuration.")
	if old.AWSProfile != "" {
		fmt.Fprintf(stderr, "Not migrated: aws_profile = %s (the files cannot name an AWS profile; give --aws-profile %s to each command instead)\n", old.AWSProfile, old.AWSProfile)
	}
	if old.SessionToken != "" {
		fmt.Fprintln(stderr, "Not migrated: aws_session_token (session tokens expire; save a current one with 'ecs-cli configure profile --session-token')")
	}
	return nil
}

// preview prints the original's migration notice: the old file with its
// secret masked, the new files (quirk: with the keys
// "cluster-configurations:" and "credentials:", which are not what gets
// written), the warnings and the question. html/template, as in the
// original, so values come out HTML-escaped.
func preview(w io.Writer, data []byte, old *ecsconfig.Legacy, stack string) error {
	optional := ""
	if old.ComposeServiceNamePrefix != "" {
		optional += "compose-service-name-prefix: " + old.ComposeServiceNamePrefix + "\n"
	}
	if stack != "" {
		optional += "cfn-stack-name: " + stack + "\n"
	}
	return template.Must(template.New("message").Parse(previewText)).Execute(w, map[string]any{
		"OldConfig":       redact.Lines(string(data)) + "\n",
		"Cluster":         old.Cluster,
		"Region":          old.Region,
		"AWSAccessKey":    old.AccessKey,
		"AWSSecretKey":    redact.Mask(old.SecretKey),
		"Optional_Fields": optional,
	})
}

// previewText is parsed when a preview is printed, not at every start of
// ecs-cli.
const previewText = `
Old configuration file
-----------------------------------------------------
~/.ecs/config
{{.OldConfig}}

New configuration files
-----------------------------------------------------
~/.ecs/config
version: v1
default: default
cluster-configurations:
  default:
    cluster: {{.Cluster}}
    region: {{.Region}}
    {{.Optional_Fields}}

{{if .AWSSecretKey}}
~/.ecs/credentials
default: default
credentials:
  default:
    aws_access_key_id: {{.AWSAccessKey}}
    aws_secret_access_key: {{.AWSSecretKey}}
{{end}}

[WARN] Please read the following changes carefully: http://docs.aws.amazon.com/AmazonECS/latest/developerguide/ECS_CLI_Configuration.html
- The option --compose-project-name-prefix has been removed (name used for create task definition: <compose_project_name_prefix> + <project_name>). You can specify your desired name with the --project-name option.
- The --compose-service-name-prefix option has been deprecated (name used for create service: <compose_service_name_prefix> + <project_name>). This field can still be configured; however, if it is not configured there is no longer a default value assigned.
- The --cfn-stack-name-prefix option has been removed. To use an existing CloudFormation stack, please specify the full stack name using the --cfn-stack-name option; otherwise, the stack name defaults to ` + ecsconfig.DefaultCFNStackNamePrefix + `<cluster_name>.
- Storing an AWS Profile name in the config is no longer supported, please use the --aws-profile flag inline instead.

Are you sure you want to migrate[y/n]?
`
