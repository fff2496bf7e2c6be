package awsfake

import (
	"sort"
	"strings"
	"sync"

	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// smState is Secrets Manager's state: secrets by name. Guarded by mu.
type smState struct {
	mu sync.Mutex

	secrets map[string]*secret
}

type secret struct {
	name, arn, description, kmsKeyID string
	value                            string
	version                          int
	tags                             map[string]string
}

var secretsManagerOps = map[string]jsonOp{
	"CreateSecret":   pascalOp((*Server).createSecret),
	"DescribeSecret": pascalOp((*Server).describeSecret),
	"PutSecretValue": pascalOp((*Server).putSecretValue),
	"GetSecretValue": pascalOp((*Server).getSecretValue),
	"TagResource":    pascalOp((*Server).tagSecret),
}

func (e *smState) init() { e.secrets = map[string]*secret{} }

type createSecretInput struct {
	Name                        *string
	SecretString                *string
	SecretBinary                []byte
	Description                 *string
	KmsKeyId                    *string
	Tags                        []smtypes.Tag
	ClientRequestToken          *string
	AddReplicaRegions           []smtypes.ReplicaRegionType
	ForceOverwriteReplicaSecret bool
	Type                        *string
}

type secretIDInput struct {
	SecretId *string
}

type putSecretValueInput struct {
	SecretId           *string
	SecretString       *string
	SecretBinary       []byte
	ClientRequestToken *string
	VersionStages      []string
	RotationToken      *string
}

type getSecretValueInput struct {
	SecretId     *string
	VersionId    *string
	VersionStage *string
}

type tagSecretInput struct {
	SecretId *string
	Tags     []smtypes.Tag
}

func (s *Server) createSecret(in *createSecretInput) (any, error) {
	st := &s.sm
	name := deref(in.Name)
	if name == "" {
		return nil, wire.Errorf(400, "InvalidParameterException", "Name is required.")
	}
	if st.secrets[name] != nil {
		return nil, wire.Errorf(400, "ResourceExistsException", "The operation failed because the secret %s already exists.", name)
	}
	sec := &secret{
		name: name, description: deref(in.Description), kmsKeyID: deref(in.KmsKeyId), value: deref(in.SecretString), version: 1,
		arn:  "arn:aws:secretsmanager:" + s.region + ":" + s.account + ":secret:" + name + "-" + hexOf(name)[:6],
		tags: map[string]string{},
	}
	for _, t := range in.Tags {
		sec.tags[deref(t.Key)] = deref(t.Value)
	}
	st.secrets[name] = sec
	return struct{ ARN, Name, VersionId *string }{&sec.arn, &sec.name, ptr("v1")}, nil
}

// lookup finds a secret by name or ARN, as Secrets Manager does.
func (s *Server) lookupSecret(id string) (*secret, error) {
	for _, sec := range s.sm.secrets {
		if sec.name == id || sec.arn == id {
			return sec, nil
		}
	}
	return nil, wire.Errorf(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
}

func (s *Server) describeSecret(in *secretIDInput) (any, error) {
	sec, err := s.lookupSecret(deref(in.SecretId))
	if err != nil {
		return nil, err
	}
	var tags []smtypes.Tag
	keys := make([]string, 0, len(sec.tags))
	for k := range sec.tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		tags = append(tags, smtypes.Tag{Key: ptr(k), Value: ptr(sec.tags[k])})
	}
	out := struct {
		ARN, Name, Description, KmsKeyId *string
		Tags                             []smtypes.Tag
	}{&sec.arn, &sec.name, nil, nil, tags}
	if sec.description != "" {
		out.Description = &sec.description
	}
	if sec.kmsKeyID != "" {
		out.KmsKeyId = &sec.kmsKeyID
	}
	return out, nil
}

func (s *Server) putSecretValue(in *putSecretValueInput) (any, error) {
	sec, err := s.lookupSecret(deref(in.SecretId))
	if err != nil {
		return nil, err
	}
	sec.value = deref(in.SecretString)
	sec.version++
	return struct{ ARN, Name *string }{&sec.arn, &sec.name}, nil
}

func (s *Server) getSecretValue(in *getSecretValueInput) (any, error) {
	sec, err := s.lookupSecret(deref(in.SecretId))
	if err != nil {
		return nil, err
	}
	return struct{ ARN, Name, SecretString *string }{&sec.arn, &sec.name, &sec.value}, nil
}

func (s *Server) tagSecret(in *tagSecretInput) (any, error) {
	sec, err := s.lookupSecret(deref(in.SecretId))
	if err != nil {
		return nil, err
	}
	for _, t := range in.Tags {
		sec.tags[deref(t.Key)] = deref(t.Value)
	}
	return nil, nil
}

// SecretValue returns a secret's value by name or ARN: tests check what was
// stored (and that it went nowhere else).
func (s *Server) SecretValue(id string) (string, bool) {
	s.sm.mu.Lock()
	defer s.sm.mu.Unlock()
	sec, err := s.lookupSecret(id)
	if err != nil {
		return "", false
	}
	return sec.value, true
}

// SecretTags returns a secret's tags as k=v, sorted.
func (s *Server) SecretTags(id string) []string {
	s.sm.mu.Lock()
	defer s.sm.mu.Unlock()
	sec, err := s.lookupSecret(id)
	if err != nil {
		return nil
	}
	var out []string
	for k, v := range sec.tags {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// PutSecret stores a secret directly, as if created earlier; it returns
// its ARN.
func (s *Server) PutSecret(name, value string) string {
	s.sm.mu.Lock()
	defer s.sm.mu.Unlock()
	if _, err := s.createSecret(&createSecretInput{Name: &name, SecretString: &value}); err != nil && !strings.Contains(err.Error(), "already exists") {
		panic(err)
	}
	return s.sm.secrets[name].arn
}
