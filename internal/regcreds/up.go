package regcreds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// The calls `registry-creds up` makes, one small interface per service.
type secretsAPI interface {
	DescribeSecret(context.Context, *secretsmanager.DescribeSecretInput, ...func(*secretsmanager.Options)) (*secretsmanager.DescribeSecretOutput, error)
	CreateSecret(context.Context, *secretsmanager.CreateSecretInput, ...func(*secretsmanager.Options)) (*secretsmanager.CreateSecretOutput, error)
	PutSecretValue(context.Context, *secretsmanager.PutSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.PutSecretValueOutput, error)
	TagResource(context.Context, *secretsmanager.TagResourceInput, ...func(*secretsmanager.Options)) (*secretsmanager.TagResourceOutput, error)
}

type kmsAPI interface {
	DescribeKey(context.Context, *kms.DescribeKeyInput, ...func(*kms.Options)) (*kms.DescribeKeyOutput, error)
}

type iamAPI interface {
	CreateRole(context.Context, *iam.CreateRoleInput, ...func(*iam.Options)) (*iam.CreateRoleOutput, error)
	CreatePolicy(context.Context, *iam.CreatePolicyInput, ...func(*iam.Options)) (*iam.CreatePolicyOutput, error)
	AttachRolePolicy(context.Context, *iam.AttachRolePolicyInput, ...func(*iam.Options)) (*iam.AttachRolePolicyOutput, error)
}

var (
	_ secretsAPI = (*secretsmanager.Client)(nil)
	_ kmsAPI     = (*kms.Client)(nil)
	_ iamAPI     = (*iam.Client)(nil)
)

// Options are up's choices.
type Options struct {
	RoleName       string // "" with NoRole
	NoRole         bool
	UpdateExisting bool // update secrets given by ARN with the given user name and password
	Tags           map[string]string
	Region         string
	Now            time.Time
}

// Output is what up made: the file's content.
type Output struct {
	TaskExecutionRole string
	Registries        map[string]RegistryOutput
	Timestamp         string // names the output file and the role policy
}

// RegistryOutput is one registry's result.
type RegistryOutput struct {
	CredentialsParameter string
	KMSKeyID             string
	ContainerNames       []string
}

// SecretNamePrefix starts the name of every secret up creates.
const SecretNamePrefix = "amazon-ecs-cli-setup-"

const timeLayout = "20060102T150405Z"

// Up stores the credentials and makes the task execution role. Messages go
// to say; the password never does.
func Up(ctx context.Context, sm secretsAPI, km kmsAPI, im iamAPI, in *Input, o Options, say func(string, ...any)) (*Output, error) {
	out := &Output{Registries: map[string]RegistryOutput{}, Timestamp: o.Now.UTC().Format(timeLayout)}
	// Every registry's key is checked before any secret is made, as the
	// original did, so a bad key in one entry leaves nothing half-made.
	keys := map[string]string{}
	for _, reg := range in.Registries() {
		c := in.Credentials[reg]
		key, err := keyARN(ctx, km, c.KMSKeyID)
		if err != nil {
			return nil, fmt.Errorf("registry %s: kms_key_id %s: %w", reg, c.KMSKeyID, err)
		}
		if c.SecretARN != "" && key != "" {
			sr, _ := parseARN(c.SecretARN, "secretsmanager")
			kr, _ := parseARN(key, "kms")
			if sr.region != kr.region {
				return nil, exitcode.Usagef("region of 'secrets_manager_arn'(%s) and 'kms_key_id'(%s) for registry %s do not match; secret and encryption key must be in same region", sr.region, kr.region, reg)
			}
		}
		keys[reg] = key
	}
	for _, reg := range in.Registries() {
		c, key := in.Credentials[reg], keys[reg]
		say("Processing credentials for registry %s...", reg)
		secretARN, usedKey, err := storeSecret(ctx, sm, km, reg, c, key, o, say)
		if err != nil {
			return nil, err
		}
		out.Registries[reg] = RegistryOutput{CredentialsParameter: secretARN, KMSKeyID: usedKey, ContainerNames: c.Containers}
	}
	if len(o.Tags) > 0 {
		for _, reg := range in.Registries() {
			arn := out.Registries[reg].CredentialsParameter
			if _, err := sm.TagResource(ctx, &secretsmanager.TagResourceInput{SecretId: aws.String(arn), Tags: smTags(o.Tags)}); err != nil {
				return nil, fmt.Errorf("tagging secret %s: %w", arn, err)
			}
		}
	}
	if o.NoRole {
		say("Skipping role creation.")
		return out, nil
	}
	out.TaskExecutionRole = o.RoleName
	if err := makeRole(ctx, im, out, o, say); err != nil {
		return nil, err
	}
	return out, nil
}

// storeSecret returns the secret to use for a registry: the one given by
// ARN (its value updated only with --update-existing-secrets), or the one
// named amazon-ecs-cli-setup-<registry>, created when missing and given the
// new value when it exists (the original kept the old value).
func storeSecret(ctx context.Context, sm secretsAPI, km kmsAPI, reg string, c Registry, key string, o Options, say func(string, ...any)) (arn, usedKey string, err error) {
	value, err := secretValue(c)
	if err != nil {
		return "", "", err
	}
	if c.SecretARN != "" {
		switch {
		case c.Username == "" || c.Password == "":
			say("Using existing secret %s.", c.SecretARN)
		case o.UpdateExisting:
			if _, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(c.SecretARN), SecretString: aws.String(value)}); err != nil {
				return "", "", fmt.Errorf("updating secret %s: %w", c.SecretARN, err)
			}
			say("Updated existing secret %s with new value", c.SecretARN)
		default:
			say("'username' and 'password' found but ignored for existing secret %s. To update existing secrets with new values, use '--update-existing-secrets' flag.", c.SecretARN)
		}
		return c.SecretARN, key, nil
	}
	name := SecretNamePrefix + reg
	found, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	var missing *smtypes.ResourceNotFoundException
	switch {
	case errors.As(err, &missing):
		created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{
			Name:         aws.String(name),
			SecretString: aws.String(value),
			Description:  aws.String("Created with the ECS CLI for use with registry " + reg),
			KmsKeyId:     nonEmpty(key),
			Tags:         smTags(o.Tags),
		})
		if err != nil {
			return "", "", fmt.Errorf("creating secret %s: %w", name, err)
		}
		say("New credential secret created: %s", aws.ToString(created.ARN))
		return aws.ToString(created.ARN), key, nil
	case err != nil:
		return "", "", fmt.Errorf("looking for secret %s: %w", name, err)
	}
	arn = aws.ToString(found.ARN)
	// The secret's own key wins. Secrets Manager may name it by id or alias,
	// which the role's policy cannot use: look its ARN up (the original did
	// so for an id) before changing anything.
	if usedKey, err = keyARN(ctx, km, aws.ToString(found.KmsKeyId)); err != nil {
		return "", "", fmt.Errorf("secret %s: kms key %s: %w", arn, aws.ToString(found.KmsKeyId), err)
	}
	if usedKey == "" {
		usedKey = key
	}
	if _, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(arn), SecretString: aws.String(value)}); err != nil {
		return "", "", fmt.Errorf("updating secret %s: %w", arn, err)
	}
	say("Existing credential secret found, using %s (value updated)", arn)
	return arn, usedKey, nil
}

// secretValue is the JSON ECS reads private registry credentials from,
// encoded properly (the original concatenated strings, so a quote in a
// password broke it).
func secretValue(c Registry) (string, error) {
	b, err := json.Marshal(struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}{c.Username, c.Password})
	return string(b), err
}

// keyARN normalises a KMS key id, alias or ARN to the key's ARN.
func keyARN(ctx context.Context, km kmsAPI, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	if _, err := parseARN(id, "kms"); err == nil && strings.Contains(id, ":key/") {
		return id, nil
	}
	out, err := km.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.KeyMetadata.Arn), nil
}

const trustPolicy = `{"Version":"2008-10-17","Statement":[{"Sid":"","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// makeRole creates (or reuses) the task execution role, gives it a policy
// to read the secrets (and decrypt with their keys) and attaches ECS's
// managed task execution policy.
func makeRole(ctx context.Context, im iamAPI, out *Output, o Options, say func(string, ...any)) error {
	name := o.RoleName
	say("Creating resources for task execution role %s...", name)
	created, err := im.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		Description:              aws.String("Role generated by the ecs-cli"),
		AssumeRolePolicyDocument: aws.String(trustPolicy),
		Tags:                     iamTags(o.Tags),
	})
	var exists *iamtypes.EntityAlreadyExistsException
	switch {
	case errors.As(err, &exists):
		say("Using existing role %s", name)
	case err != nil:
		return fmt.Errorf("creating role %s: %w", name, err)
	default:
		say("Created new task execution role %s", aws.ToString(created.Role.Arn))
	}
	doc, err := policyDocument(out)
	if err != nil {
		return err
	}
	policy, err := im.CreatePolicy(ctx, &iam.CreatePolicyInput{
		PolicyName:     aws.String(SecretNamePrefix + name + "-policy-" + out.Timestamp),
		PolicyDocument: aws.String(doc),
		Description:    aws.String("Policy generated by the ecs-cli for role: " + name),
	})
	if err != nil {
		return fmt.Errorf("creating the role's policy: %w", err)
	}
	say("Created new task execution role policy %s", aws.ToString(policy.Policy.Arn))
	managed := "arn:" + partition(o.Region) + ":iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
	for _, p := range []string{managed, aws.ToString(policy.Policy.Arn)} {
		if _, err := im.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(p)}); err != nil {
			return fmt.Errorf("attaching %s to role %s: %w", p, name, err)
		}
		say("Attached policy %s to role %s", p, name)
	}
	return nil
}

// policyDocument lets the role read each secret, and decrypt it with its
// key when it has one.
func policyDocument(out *Output) (string, error) {
	type statement struct {
		Effect   string
		Action   []string
		Resource []string
	}
	var regs []string
	for r := range out.Registries {
		regs = append(regs, r)
	}
	sort.Strings(regs)
	var st []statement
	for _, r := range regs {
		ro := out.Registries[r]
		s := statement{Effect: "Allow", Action: []string{"secretsmanager:GetSecretValue"}, Resource: []string{ro.CredentialsParameter}}
		if ro.KMSKeyID != "" {
			s.Action = []string{"kms:Decrypt", "secretsmanager:GetSecretValue"}
			s.Resource = []string{ro.KMSKeyID, ro.CredentialsParameter}
		}
		st = append(st, s)
	}
	b, err := json.Marshal(struct {
		Version   string
		Statement []statement
	}{"2012-10-17", st})
	return string(b), err
}

func partition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

func smTags(tags map[string]string) []smtypes.Tag {
	var out []smtypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, smtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func iamTags(tags map[string]string) []iamtypes.Tag {
	var out []iamtypes.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, iamtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
