package awsconf

//lint:file-ignore ST1005 the original ECS CLI's messages, kept word for word (spec §2)

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"

	"github.com/ecs-toolkit/ecs-toolkit/internal/ecsconfig"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// Env is what resolution reads besides the flags: environment variables
// (ECS_CLUSTER, AWS_REGION, AWS_ACCESS_KEY_ID ...) through Getenv, and the
// home directory holding ~/.ecs (Home, usually the HOME variable). The AWS
// SDK's config loader reads the process environment and ~/.aws itself.
//
// With --verbose, the settings' AWS clients say every call on Trace (the
// step's stderr), each line after Step, the step's name; see trace.
type Env struct {
	Getenv func(string) string
	Home   string
	Trace  io.Writer
	Step   string
}

// NewEnv is a step's Env: the variables through getenv, the home directory
// they name, and --verbose tracing on w after step's name.
func NewEnv(getenv func(string) string, w io.Writer, step string) Env {
	return Env{Getenv: getenv, Home: ecsconfig.Home(getenv), Trace: w, Step: step}
}

// Settings is the outcome of resolution: an AWS config for every client of
// the command, and the ECS CLI values the command needs.
type Settings struct {
	// Config has the region, the credentials provider, the SDK's adaptive
	// retryer, and BaseEndpoint when --endpoint was given.
	Config aws.Config

	Region                   string
	Cluster                  string
	LaunchType               string // "", EC2 or FARGATE
	CFNStackName             string // the cluster's CloudFormation stack
	ComposeServiceNamePrefix string
	ComposeProjectNamePrefix string // only legacy INI configs have one

	// CredentialSource says where credentials come from, for --debug:
	// "ECS profile p2", "AWS profile named", "environment", ... Never key
	// material.
	CredentialSource string
}

// The launch types a cluster configuration or --launch-type may name.
const (
	LaunchTypeEC2     = "EC2"
	LaunchTypeFargate = "FARGATE"
)

// ValidateLaunchType accepts "", EC2 and FARGATE (case-sensitive).
func ValidateLaunchType(lt string) error {
	if lt != "" && lt != LaunchTypeEC2 && lt != LaunchTypeFargate {
		return exitcode.Usagef("Supported launch types are '%s' and '%s'; %s is not a valid launch type.", LaunchTypeEC2, LaunchTypeFargate, lt)
	}
	return nil
}

// Resolve works out a command's AWS settings from its flags, ~/.ecs and the
// environment, in the original's order (spec §2.4):
//
//   - A. load the cluster configuration (--cluster-config, else the default;
//     or the legacy INI file) and the ECS profile (--ecs-profile, else the
//     default);
//   - B. apply --launch-type, ECS_CLUSTER then --cluster, --region, and
//     --aws-profile, which drops the ECS profile's keys;
//   - C. region: --region, the cluster configuration's, AWS_REGION,
//     AWS_DEFAULT_REGION, then the AWS profile's;
//   - D. credentials: with --ecs-profile or --aws-profile (or their
//     variables), the ECS profile's keys, else the AWS profile, never the
//     AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables; else those
//     variables; else the default ECS profile's keys; else the SDK's
//     default chain;
//   - E. derive the CloudFormation stack name and the compose prefixes.
//
// With f.Verbose and env.Trace, the config also traces every AWS call
// (see trace).
//
// Call f.FromEnv first for ECS_PROFILE and AWS_PROFILE. Errors the user must
// fix in their configuration are usage errors (exit 2).
func Resolve(ctx context.Context, f Flags, env Env) (*Settings, error) {
	getenv := env.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	if env.Home == "" {
		return nil, ecsconfig.ErrNoHome
	}

	// A.
	l, err := load(ecsconfig.Store{Home: env.Home}, f.ClusterConfig, f.ECSProfile)
	if err != nil {
		return nil, exitcode.AsUsage(fmt.Errorf("Error loading config: %w", err))
	}

	// B.
	if f.LaunchType != "" {
		l.LaunchType = f.LaunchType
	}
	if err := ValidateLaunchType(l.LaunchType); err != nil {
		return nil, fmt.Errorf("Error reading flags: %w", err)
	}
	if c := getenv("ECS_CLUSTER"); c != "" {
		l.Cluster = c
	}
	if f.Cluster != "" {
		l.Cluster = f.Cluster
	}
	if f.Region != "" {
		l.Region = f.Region
	}
	if f.AWSProfile != "" {
		l.AWSProfile = f.AWSProfile
		l.AccessKey, l.SecretKey = "", ""
	}

	// C, before D as in the original; the AWS profile's region comes from
	// the same load as the credentials (see credentials).
	region := first(l.Region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"))

	// D.
	cfg, source, err := l.credentials(ctx, f, getenv, region)
	if err != nil {
		if region == "" {
			return nil, errNoRegion
		}
		return nil, err
	}
	if cfg.Region == "" {
		return nil, errNoRegion
	}
	if cfg.AppID == "" {
		// CloudTrail and AWS support see the tool in the User-Agent
		// (app/ecs-toolkit), as the original's aws-ecs-cli prefix did;
		// AWS_SDK_UA_APP_ID or sdk_ua_app_id still win.
		cfg.AppID = "ecs-toolkit"
	}
	if f.Endpoint != "" {
		// Also after loading: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS clears
		// the loader's BaseEndpoint, and the flag is not "configured".
		cfg.BaseEndpoint = aws.String(f.Endpoint)
	}

	// E.
	stack := l.CFNStackName
	if l.legacy {
		stack = l.CFNStackNamePrefix + l.Cluster
	}
	if stack == "" {
		stack = ecsconfig.DefaultCFNStackNamePrefix + l.Cluster
	}
	s := &Settings{
		Config:                   cfg,
		Region:                   cfg.Region,
		Cluster:                  l.Cluster,
		LaunchType:               l.LaunchType,
		CFNStackName:             stack,
		ComposeServiceNamePrefix: l.ComposeServiceNamePrefix,
		ComposeProjectNamePrefix: l.ComposeProjectNamePrefix,
		CredentialSource:         source,
	}
	if f.Verbose && env.Trace != nil {
		s.trace(env.Trace, env.Step)
	}
	if isDryRun(ctx) {
		s.refuseCalls()
	}
	return s, nil
}

var errNoRegion = exitcode.Usagef("Set a region using ecs-cli configure command with the --region flag or AWS_REGION environment variable or --profile flag")

// local is the configuration as the original's LocalConfig held it.
type local struct {
	legacy bool // from the legacy INI file alone: its stack name prefix applies

	ecsProfile               string // the ECS profile the keys came from
	Cluster                  string
	AWSProfile               string
	Region                   string
	AccessKey                string
	SecretKey                string
	SessionToken             string
	ComposeServiceNamePrefix string
	ComposeProjectNamePrefix string
	CFNStackName             string
	CFNStackNamePrefix       string
	LaunchType               string
}

// load is step A: the legacy INI reader, then the YAML files over it.
func load(s ecsconfig.Store, clusterConfig, ecsProfile string) (*local, error) {
	l := &local{}
	_, statErr := os.Stat(s.ConfigPath())
	configExists := statErr == nil
	if configExists {
		if data, err := ecsconfig.ReadConfigFile(s.ConfigPath()); err == nil {
			if leg, err := ecsconfig.ParseLegacy(data); err == nil {
				l.legacy = true
				l.Cluster, l.AWSProfile, l.Region = leg.Cluster, leg.AWSProfile, leg.Region
				l.AccessKey, l.SecretKey = leg.AccessKey, leg.SecretKey
				l.ComposeProjectNamePrefix = leg.ComposeProjectNamePrefix
				l.ComposeServiceNamePrefix = leg.ComposeServiceNamePrefix
				l.CFNStackNamePrefix = leg.CFNStackNamePrefix
			}
		}
	}

	// The YAML reader's failure is silent unless nothing else was found.
	errYAML := l.readCluster(s, clusterConfig)

	if _, err := os.Stat(s.CredentialsPath()); err == nil {
		// Without the file, --ecs-profile is silently ignored.
		if err := l.readProfile(s, ecsProfile); err != nil {
			return nil, err
		}
	}

	if configExists && l.Cluster == "" && l.Region == "" && errYAML != nil {
		return nil, fmt.Errorf("Error parsing %s: %w", s.ConfigPath(), errYAML)
	}
	return l, nil
}

func (l *local) readCluster(s ecsconfig.Store, name string) error {
	cfg, err := s.ReadClusters()
	if err != nil {
		return err
	}
	if name == "" {
		name = cfg.Default
	}
	c, ok := cfg.Clusters[name]
	if !ok {
		return fmt.Errorf("Cluster Configuration %s could not be found. Configure clusters using 'ecs-cli configure'.", name)
	}
	l.Cluster, l.Region = c.Cluster, c.Region
	l.ComposeServiceNamePrefix, l.CFNStackName, l.LaunchType = c.ComposeServiceNamePrefix, c.CFNStackName, c.DefaultLaunchType
	l.ComposeProjectNamePrefix, l.CFNStackNamePrefix = "", ""
	l.legacy = false
	return nil
}

func (l *local) readProfile(s ecsconfig.Store, name string) error {
	cfg, err := s.ReadProfiles()
	if err != nil {
		return err
	}
	if name == "" {
		name = cfg.Default
	}
	p, ok := cfg.Profiles[name]
	if !ok {
		return fmt.Errorf("ECS Profile %s could not be found. Configure profiles using 'ecs-cli configure profile'.", name)
	}
	l.ecsProfile = name
	l.AccessKey, l.SecretKey, l.SessionToken = p.AccessKey, p.SecretKey, p.SessionToken
	// The original marked the configuration as YAML here too, so a legacy
	// INI config next to a credentials file loses its stack name prefix.
	l.legacy = false
	return nil
}

// credentials is step D. It builds the aws.Config with the SDK's loader;
// region is step C's answer so far, and when it is empty the loader's
// region for the AWS profile in effect (the last step of C) is used.
//
// The original, when --ecs-profile or --aws-profile was given, unset
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in its own process while it
// built the session, so the SDK's chain could not pick them up. We never
// touch the process environment (ecs-cli runs steps in one process, tests
// run in parallel). Instead every D.1 case hands the loader something that
// ranks above the environment keys in the SDK's own order:
//
//   - the ECS profile's keys: an explicit credentials provider
//     (config.WithCredentialsProvider), which the loader uses as is;
//   - an AWS profile: config.WithSharedConfigProfile. A profile chosen in
//     code makes the loader resolve credentials from that profile alone
//     (keys, source_profile/role_arn, SSO, credential_process, then the
//     container or instance role) and skip the environment keys
//     (resolveCredentialChain in aws-sdk-go-v2/config);
//   - no AWS profile named: the profile the SDK would default to
//     (AWS_DEFAULT_PROFILE, else "default"), named explicitly, for the same
//     reason. When that profile does not exist, the SDK would fail where the
//     original carried on to the instance role; then, if the environment
//     keys are set, the credentials provider is the container or instance
//     role, built here (instanceRole).
func (l *local) credentials(ctx context.Context, f Flags, getenv func(string) string, region string) (aws.Config, string, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return retry.NewAdaptiveMode() }),
	}
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if f.Endpoint != "" {
		// In the load options, it outranks AWS_ENDPOINT_URL_<SERVICE> too.
		opts = append(opts, config.WithBaseEndpoint(f.Endpoint))
	}
	static := func(key, secret, token string) func(*config.LoadOptions) error {
		return config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(key, secret, token))
	}
	// namedProfile is the AWS profile the original's session used for
	// settings and, with no credentials of its own, for the region.
	var namedProfile []func(*config.LoadOptions) error
	if l.AWSProfile != "" {
		namedProfile = append(namedProfile, config.WithSharedConfigProfile(l.AWSProfile))
	}

	switch {
	case f.ECSProfile != "" || f.AWSProfile != "": // D.1
		if l.SecretKey != "" {
			return loadConfig(ctx, append(append(opts, namedProfile...), static(l.AccessKey, l.SecretKey, l.SessionToken)), l.keySource())
		}
		if l.AWSProfile != "" {
			return loadConfig(ctx, append(opts, namedProfile...), "AWS profile "+l.AWSProfile)
		}
		implicit := first(getenv("AWS_DEFAULT_PROFILE"), "default")
		cfg, source, err := loadConfig(ctx, append(opts, config.WithSharedConfigProfile(implicit)), "AWS profile "+implicit)
		var missing config.SharedConfigProfileNotExistError
		if !errors.As(err, &missing) {
			return cfg, source, err
		}
		cfg, source, err = loadConfig(ctx, opts, "SDK default chain")
		if err == nil && getenv("AWS_ACCESS_KEY_ID") != "" && getenv("AWS_SECRET_ACCESS_KEY") != "" {
			cfg.Credentials = aws.NewCredentialsCache(instanceRole(cfg, getenv))
			source = "container or instance role"
		}
		return cfg, source, err

	case getenv("AWS_ACCESS_KEY_ID") != "" && getenv("AWS_SECRET_ACCESS_KEY") != "": // D.2
		// The keys the SDK's chain would take first, read through getenv
		// like every other variable here.
		return loadConfig(ctx, append(append(opts, namedProfile...), static(getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"), getenv("AWS_SESSION_TOKEN"))), "environment")

	case l.AccessKey != "" || l.SecretKey != "" || l.AWSProfile != "": // D.3
		if l.SecretKey != "" {
			return loadConfig(ctx, append(append(opts, namedProfile...), static(l.AccessKey, l.SecretKey, l.SessionToken)), l.keySource())
		}
		if l.AWSProfile != "" {
			return loadConfig(ctx, append(opts, namedProfile...), "AWS profile "+l.AWSProfile)
		}
	}
	return loadConfig(ctx, opts, "SDK default chain") // D.4
}

// keySource names where the ECS keys in l came from.
func (l *local) keySource() string {
	if l.ecsProfile == "" {
		return "legacy ECS config keys"
	}
	return "ECS profile " + l.ecsProfile
}

func loadConfig(ctx context.Context, opts []func(*config.LoadOptions) error, source string) (aws.Config, string, error) {
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		// The loader's errors name profiles and files, not keys.
		return aws.Config{}, "", exitcode.AsUsage(fmt.Errorf("loading AWS configuration (%s): %w", source, err))
	}
	return cfg, source, nil
}

// instanceRole is where the SDK's chain ends when no profile supplies
// credentials: the container's credentials endpoint when the container
// variables say so, else the EC2 instance role.
func instanceRole(cfg aws.Config, getenv func(string) string) aws.CredentialsProvider {
	token := func(o *endpointcreds.Options) { o.AuthorizationToken = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN") }
	if rel := getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel != "" {
		return endpointcreds.New("http://169.254.170.2"+rel, token)
	}
	if full := getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI"); full != "" && containerHost(full) {
		return endpointcreds.New(full, token)
	}
	return ec2rolecreds.New(func(o *ec2rolecreds.Options) { o.Client = imds.NewFromConfig(cfg) })
}

// containerHost applies the SDK's rule for a full container credentials
// URI: https, or plain http to a loopback, ECS or EKS address.
func containerHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return false
	}
	if u.Scheme == "https" {
		return true
	}
	if u.Hostname() == "localhost" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && (ip.IsLoopback() || ip.Equal(net.IPv4(169, 254, 170, 2)) || ip.Equal(net.IPv4(169, 254, 170, 23)) || ip.Equal(net.ParseIP("fd00:ec2::23")))
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
