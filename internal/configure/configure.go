// Package configure is the classic configure family: saving cluster
// configurations and ECS profiles to ~/.ecs, choosing the defaults, and
// migrating a legacy INI config (spec §2.2-2.3). No AWS calls. Each verb
// takes the home directory, its values and the streams it may use;
// messages the original logged go to stderr. Bad input is a usage error
// (exit 2).
package configure

//lint:file-ignore ST1005 the original ECS CLI's messages, kept word for word (spec §2)

import (
	"fmt"
	"io"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsconfig"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// defaultName is the name configure and configure profile save under
// unless told otherwise, and the one migrate uses.
const defaultName = "default"

// ClusterOptions are configure's flags.
type ClusterOptions struct {
	Cluster                  string // --cluster, -c (ECS_CLUSTER)
	Region                   string // --region, -r (AWS_REGION)
	ConfigName               string // --config-name
	ComposeServiceNamePrefix string // --compose-service-name-prefix (deprecated)
	CFNStackName             string // --cfn-stack-name
	DefaultLaunchType        string // --default-launch-type
}

// Cluster saves a cluster configuration: `ecs-cli configure`.
func Cluster(home string, o ClusterOptions, stderr io.Writer) error {
	for _, f := range []struct{ value, flag string }{
		{o.Region, "region"}, {o.ConfigName, "config-name"}, {o.Cluster, "cluster"},
	} {
		if err := notEmpty(f.value, f.flag); err != nil {
			return err
		}
	}
	if err := awsconf.ValidateLaunchType(o.DefaultLaunchType); err != nil {
		return err
	}
	err := ecsconfig.Store{Home: home}.SaveCluster(o.ConfigName, ecsconfig.Cluster{
		Cluster:                  o.Cluster,
		Region:                   o.Region,
		ComposeServiceNamePrefix: o.ComposeServiceNamePrefix,
		CFNStackName:             o.CFNStackName,
		DefaultLaunchType:        o.DefaultLaunchType,
	})
	if err != nil {
		return fmt.Errorf("Error saving cluster configuration: %w", err)
	}
	fmt.Fprintf(stderr, "Saved ECS CLI cluster configuration %s.\n", o.ConfigName)
	return nil
}

// ProfileOptions are configure profile's flags.
type ProfileOptions struct {
	AccessKey    string // --access-key (AWS_ACCESS_KEY_ID)
	SecretKey    string // --secret-key (AWS_SECRET_ACCESS_KEY)
	SessionToken string // --session-token (AWS_SESSION_TOKEN)
	ProfileName  string // --profile-name
}

// Profile saves an ECS profile: `ecs-cli configure profile`.
func Profile(home string, o ProfileOptions, stderr io.Writer) error {
	for _, f := range []struct{ value, flag string }{
		{o.SecretKey, "secret-key"}, {o.AccessKey, "access-key"}, {o.ProfileName, "profile-name"},
	} {
		if err := notEmpty(f.value, f.flag); err != nil {
			return err
		}
	}
	err := ecsconfig.Store{Home: home}.SaveProfile(o.ProfileName, ecsconfig.Profile{
		AccessKey:    o.AccessKey,
		SecretKey:    o.SecretKey,
		SessionToken: o.SessionToken,
	})
	if err != nil {
		return fmt.Errorf("Error saving profile: %w", err)
	}
	fmt.Fprintf(stderr, "Saved ECS CLI profile configuration %s.\n", o.ProfileName)
	return nil
}

// DefaultCluster makes a saved cluster configuration the default:
// `ecs-cli configure default --config-name NAME`. Silent on success.
func DefaultCluster(home, name string) error {
	if err := notEmpty(name, "config-name"); err != nil {
		return err
	}
	if err := (ecsconfig.Store{Home: home}).SetDefaultCluster(name); err != nil {
		return fmt.Errorf("Error setting default config: %w", err)
	}
	return nil
}

// DefaultProfile makes a saved ECS profile the default: `ecs-cli configure
// profile default --profile-name NAME`. Silent on success.
func DefaultProfile(home, name string) error {
	if err := notEmpty(name, "profile-name"); err != nil {
		return err
	}
	if err := (ecsconfig.Store{Home: home}).SetDefaultProfile(name); err != nil {
		return fmt.Errorf("Error setting default config: %w", err)
	}
	return nil
}

func notEmpty(value, flag string) error {
	if value == "" {
		return exitcode.Usagef("%s can not be empty", flag)
	}
	return nil
}
