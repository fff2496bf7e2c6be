package regcreds

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
	"github.com/ecs-toolkit/ecs-toolkit/internal/awstest"
	"github.com/ecs-toolkit/ecs-toolkit/internal/compose"
	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

const password = "pa\"ss$word-do-not-print"

type env struct {
	srv *awsfake.Server
	sm  *secretsmanager.Client
	km  *kms.Client
	im  *iam.Client
}

func newEnv(t *testing.T) env {
	t.Helper()
	srv := awsfake.New()
	cfg := awstest.Start(t, srv)
	return env{srv, secretsmanager.NewFromConfig(cfg), kms.NewFromConfig(cfg), iam.NewFromConfig(cfg)}
}

func (e env) up(t *testing.T, yml string, o Options) (*Output, string, error) {
	t.Helper()
	in, err := ReadInput(strings.NewReader(yml), "creds.yml", func(k string) string { return map[string]string{"PW": password}[k] })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Validate("creds.yml"); err != nil {
		t.Fatal(err)
	}
	if o.Now.IsZero() {
		o.Now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	}
	var log strings.Builder
	out, err := Up(context.Background(), e.sm, e.km, e.im, in, o, func(f string, a ...any) { fmt.Fprintf(&log, f+"\n", a...) })
	return out, log.String(), err
}

// A KMS key given by alias is stored as its ARN, used for the new secret,
// and the role's policy lets it decrypt; tags reach the secret; the JSON of
// the secret is encoded properly (a quote in the password survives).
func TestUpWithKMSKeyAndTags(t *testing.T) {
	e := newEnv(t)
	keyARN := e.srv.AddKMSKey("1234abcd-12ab-34cd-56ef-1234567890ab", "alias/registry")
	out, log, err := e.up(t, "registry_credentials:\n  r.example.com:\n    username: u\n    password: ${PW}\n    kms_key_id: alias/registry\n    container_names: [web]\n",
		Options{RoleName: "role1", Tags: map[string]string{"team": "web"}, Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	r := out.Registries["r.example.com"]
	if r.KMSKeyID != keyARN {
		t.Errorf("key %q, want %q", r.KMSKeyID, keyARN)
	}
	if v, _ := e.srv.SecretValue(r.CredentialsParameter); v != `{"username":"u","password":"pa\"ss$word-do-not-print"}` {
		t.Errorf("stored value is not the JSON of the credentials")
	}
	if tags := e.srv.SecretTags(r.CredentialsParameter); strings.Join(tags, ",") != "team=web" {
		t.Errorf("secret tags %v", tags)
	}
	attached, docs := e.srv.RolePolicies("role1")
	if len(attached) != 2 || !strings.HasSuffix(attached[0], ":policy/service-role/AmazonECSTaskExecutionRolePolicy") {
		t.Errorf("attached %v", attached)
	}
	if len(docs) != 1 || !strings.Contains(docs[0], `"kms:Decrypt","secretsmanager:GetSecretValue"`) || !strings.Contains(docs[0], keyARN) {
		t.Errorf("policy %v", docs)
	}
	if strings.Contains(log, "pa\"ss") {
		t.Errorf("the password reached the messages")
	}
}

// A secret named for the registry that exists already gets the new value
// (the original kept the old one); a secret given by ARN is updated only
// with --update-existing-secrets.
func TestUpUpdatesSecrets(t *testing.T) {
	e := newEnv(t)
	named := e.srv.PutSecret(SecretNamePrefix+"a.example.com", "old")
	byARN := e.srv.PutSecret("mine", "old")
	yml := fmt.Sprintf("registry_credentials:\n  a.example.com: {username: u, password: p1}\n  b.example.com: {secrets_manager_arn: %s, username: u, password: p2}\n", byARN)
	if _, log, err := e.up(t, yml, Options{NoRole: true}); err != nil || !strings.Contains(log, "found but ignored for existing secret") {
		t.Fatalf("%v\n%s", err, log)
	}
	if v, _ := e.srv.SecretValue(named); v != `{"username":"u","password":"p1"}` {
		t.Errorf("the registry's secret was not updated")
	}
	if v, _ := e.srv.SecretValue(byARN); v != "old" {
		t.Errorf("a secret given by ARN changed without --update-existing-secrets")
	}
	if _, _, err := e.up(t, yml, Options{NoRole: true, UpdateExisting: true}); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.srv.SecretValue(byARN); v != `{"username":"u","password":"p2"}` {
		t.Errorf("--update-existing-secrets did not update the secret given by ARN")
	}
}

// An existing secret named for the registry keeps its own key; Secrets
// Manager may report it by id, and the role's policy needs the key's ARN
// (the original looked the id up with DescribeKey too).
func TestUpExistingSecretKeyByID(t *testing.T) {
	e := newEnv(t)
	const id = "1234abcd-12ab-34cd-56ef-1234567890ab"
	keyARN := e.srv.AddKMSKey(id, "")
	if _, err := e.sm.CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{
		Name: aws.String(SecretNamePrefix + "r.example.com"), SecretString: aws.String("old"), KmsKeyId: aws.String(id),
	}); err != nil {
		t.Fatal(err)
	}
	out, log, err := e.up(t, "registry_credentials:\n  r.example.com: {username: u, password: p, container_names: [web]}\n", Options{RoleName: "role1", Region: "us-east-1"})
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if got := out.Registries["r.example.com"].KMSKeyID; got != keyARN {
		t.Errorf("key %q, want %q", got, keyARN)
	}
	_, docs := e.srv.RolePolicies("role1")
	if len(docs) != 1 || !strings.Contains(docs[0], `"Resource":["`+keyARN+`",`) {
		t.Errorf("policy %v, want the key's ARN", docs)
	}
}

// A secret and a key in different regions are refused as bad input, before
// any secret is made for an entry that comes earlier (the original checked
// every entry first).
func TestUpRegionMismatch(t *testing.T) {
	e := newEnv(t)
	_, _, err := e.up(t, "registry_credentials:\n  a.example.com: {username: u, password: p}\n  b.example.com: {secrets_manager_arn: 'arn:aws:secretsmanager:us-west-2:1:secret:s', kms_key_id: 'arn:aws:kms:eu-west-1:1:key/k'}\n", Options{NoRole: true})
	if err == nil || !strings.Contains(err.Error(), "region of 'secrets_manager_arn'(us-west-2) and 'kms_key_id'(eu-west-1) for registry b.example.com do not match") {
		t.Fatalf("got %v", err)
	}
	if code := exitcode.Of(err); code != exitcode.Usage {
		t.Errorf("exit %d, want %d", code, exitcode.Usage)
	}
	if n := e.srv.Calls("secretsmanager", "DescribeSecret") + e.srv.Calls("secretsmanager", "CreateSecret"); n != 0 {
		t.Errorf("%d Secrets Manager calls before the input was refused", n)
	}
}

// The output file is the original's format, 0600, and ecs-compose2td's
// reader takes it.
func TestWriteFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out := &Output{TaskExecutionRole: "role1", Timestamp: "20261127T120000Z", Registries: map[string]RegistryOutput{
		"r.example.com": {CredentialsParameter: "arn:aws:secretsmanager:us-east-1:1:secret:s", KMSKeyID: "arn:aws:kms:us-east-1:1:key/k", ContainerNames: []string{"web"}},
	}}
	path, err := WriteFile(dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "ecs-registry-creds_20261127T120000Z.yml" {
		t.Errorf("file %s", path)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	want := `version: "1"
registry_credential_outputs:
  task_execution_role: role1
  container_credentials:
    r.example.com:
      credentials_parameter: arn:aws:secretsmanager:us-east-1:1:secret:s
      kms_key_id: arn:aws:kms:us-east-1:1:key/k
      container_names:
      - web
`
	if string(b) != want {
		t.Errorf("file:\n%s\nwant:\n%s", b, want)
	}
	rc, err := compose.ReadRegistryCreds(strings.NewReader(string(b)), path)
	if err != nil || rc.Outputs.TaskExecutionRole != "role1" || rc.Outputs.ContainerCredentials["r.example.com"].ContainerNames[0] != "web" {
		t.Errorf("read back: %+v, %v", rc, err)
	}
	if _, err := WriteFile(dir, out); err == nil {
		t.Errorf("an existing file was overwritten")
	}
}

func TestValidateErrors(t *testing.T) {
	for yml, want := range map[string]string{
		"registry_credentials: {}\n":                                "at least one registry",
		"registry_credentials:\n  a: {username: u}\n":               "missing required field(s)",
		"registry_credentials:\n  a: {secrets_manager_arn: nope}\n": `"nope" is not a secretsmanager ARN`,
		"registry_credentials:\n  a: {username: u, password: p, container_names: [w]}\n  b: {username: u, password: p, container_names: [w]}\n": "container 'w' appears in more than one registry",
	} {
		in, err := ReadInput(strings.NewReader(yml), "creds.yml", os.Getenv)
		if err == nil {
			_, err = in.Validate("creds.yml")
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", yml, err, want)
		}
	}
	var sb strings.Builder
	sb.WriteString("registry_credentials:\n")
	for i := range 11 {
		fmt.Fprintf(&sb, "  r%d: {username: u, password: p}\n", i)
	}
	in, _ := ReadInput(strings.NewReader(sb.String()), "creds.yml", os.Getenv)
	if _, err := in.Validate("creds.yml"); err == nil || !strings.Contains(err.Error(), "no more than 10") {
		t.Errorf("11 registries: %v", err)
	}
}

// Errors about the input name the line and key in user words and never
// quote a value: the file holds passwords.
func TestReadInputErrorsHideValues(t *testing.T) {
	for yml, want := range map[string]string{
		"registry_credentials:\n  r.example.com:\n    username: u\n    pasword: hunter2-do-not-print\n": "creds.yml: line 4: registry_credentials.r.example.com.pasword: unknown field",
		"registry_credentials:\n  r.example.com:\n    container_names: hunter2-do-not-print\n":          "creds.yml: line 3: registry_credentials.r.example.com.container_names: expected a list of strings, found a string",
		"registry_credentials:\n  - hunter2-do-not-print\n":                                             "creds.yml: line 2: registry_credentials: expected a mapping of names to settings, found a list",
		"registry_credentials:\n  r:\n    password: \"hunter2-do-not-print\n":                           "creds.yml: line 3: found unexpected end of stream",
	} {
		_, err := ReadInput(strings.NewReader(yml), "creds.yml", os.Getenv)
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v, want %q", yml, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter") {
			t.Errorf("%q: the error quotes the password: %v", yml, err)
		}
	}
}
