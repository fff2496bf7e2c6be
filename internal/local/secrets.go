package local

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/ssm"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsconf"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// secretsAPI and paramsAPI are what resolving secrets needs.
type secretsAPI interface {
	GetSecretValue(context.Context, *secretsmanager.GetSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

type paramsAPI interface {
	GetParameter(context.Context, *ssm.GetParameterInput, ...func(*ssm.Options)) (*ssm.GetParameterOutput, error)
}

// secretRef is one secret a service reads: the variable the compose file
// expects and where ECS would read the value from.
type secretRef struct {
	service, name, valueFrom string
}

// resolveSecrets reads every secret's value, from Secrets Manager for a
// secretsmanager ARN (with ECS's optional json-key), else from Parameter
// Store (a name or an ARN), and returns them as VAR=value for docker
// compose's environment. Values are never printed.
func (s *session) resolveSecrets(refs []secretRef) ([]string, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	// Where each secret lives is checked before anything is asked of AWS:
	// an ARN of another service is a mistake in the input, not something
	// for Parameter Store to refuse.
	for _, r := range refs {
		if err := checkValueFrom(r.valueFrom); err != nil {
			return nil, exitcode.AsUsage(fmt.Errorf("secret %s of container %s: %w", r.name, r.service, err))
		}
	}
	settings, err := awsconf.Resolve(s.ctx, s.f.AWS, awsconf.NewEnv(s.env.Getenv, s.stderr, name))
	if err != nil {
		return nil, err
	}
	// A secret given by ARN is read in the ARN's region, as ECS and the
	// original read it; a bare parameter name in the configured region.
	type clients struct {
		sm *secretsmanager.Client
		ps *ssm.Client
	}
	byRegion := map[string]clients{}
	clientsFor := func(from string) clients {
		region := settings.Config.Region
		if a, err := arn.Parse(from); err == nil && a.Region != "" {
			region = a.Region
		}
		c, ok := byRegion[region]
		if !ok {
			c = clients{
				sm: secretsmanager.NewFromConfig(settings.Config, func(o *secretsmanager.Options) { o.Region = region }),
				ps: ssm.NewFromConfig(settings.Config, func(o *ssm.Options) { o.Region = region }),
			}
			byRegion[region] = c
		}
		return c
	}
	var env []string
	for _, r := range refs {
		c := clientsFor(r.valueFrom)
		v, err := secretValue(s.ctx, c.sm, c.ps, r.valueFrom)
		if err != nil {
			return nil, fmt.Errorf("reading secret %s of %s (%s): %w", r.name, r.service, r.valueFrom, err)
		}
		env = append(env, SecretVar(r.service, r.name)+"="+v)
	}
	return env, nil
}

// checkValueFrom accepts what ECS reads a secret from: a Parameter Store
// name, a Parameter Store ARN, or a Secrets Manager secret ARN (with its
// optional json-key, version-stage and version-id).
func checkValueFrom(from string) error {
	if !strings.HasPrefix(from, "arn:") {
		return nil // a parameter name
	}
	a, err := arn.Parse(from)
	if err != nil {
		return fmt.Errorf("could not determine the service of %s: %w", from, err)
	}
	switch a.Service {
	case "ssm":
		return nil
	case "secretsmanager":
		if len(strings.Split(from, ":")) < 7 {
			return fmt.Errorf("%s is not a Secrets Manager secret ARN (want arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME)", from)
		}
		return nil
	}
	return fmt.Errorf("unexpected service %s for secret %s: want an ARN of ssm or secretsmanager, or a parameter name", a.Service, from)
}

func secretValue(ctx context.Context, sm secretsAPI, ps paramsAPI, from string) (string, error) {
	parts := strings.Split(from, ":")
	if len(parts) >= 7 && parts[0] == "arn" && parts[2] == "secretsmanager" {
		// arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key[:version-stage[:version-id]]]
		id := strings.Join(parts[:7], ":")
		in := &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)}
		if len(parts) > 8 && parts[8] != "" {
			in.VersionStage = aws.String(parts[8])
		}
		if len(parts) > 9 && parts[9] != "" {
			in.VersionId = aws.String(parts[9])
		}
		out, err := sm.GetSecretValue(ctx, in)
		if err != nil {
			return "", err
		}
		value := aws.ToString(out.SecretString)
		if len(parts) > 7 && parts[7] != "" {
			var fields map[string]any
			if err := json.Unmarshal([]byte(value), &fields); err != nil {
				return "", fmt.Errorf("json key %q: the secret is not a JSON object", parts[7])
			}
			f, ok := fields[parts[7]]
			if !ok {
				return "", fmt.Errorf("json key %q: not in the secret", parts[7])
			}
			if str, isString := f.(string); isString {
				return str, nil
			}
			b, _ := json.Marshal(f)
			return string(b), nil
		}
		return value, nil
	}
	out, err := ps.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(from), WithDecryption: aws.Bool(true)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Parameter.Value), nil
}
