package awsfake

import (
	"strings"
	"sync"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// kmsState holds the keys DescribeKey knows: by id, and aliases to ids.
// Guarded by mu.
type kmsState struct {
	mu sync.Mutex

	keys    map[string]string // key id -> ARN
	aliases map[string]string // alias/name -> key id
}

var kmsOps = map[string]jsonOp{
	"DescribeKey": pascalOp((*Server).describeKey),
}

func (e *kmsState) init() {
	e.keys = map[string]string{}
	e.aliases = map[string]string{}
}

// AddKMSKey makes a key (and its alias, when given) known; it returns the
// key's ARN.
func (s *Server) AddKMSKey(id, alias string) string {
	s.kms.mu.Lock()
	defer s.kms.mu.Unlock()
	k := &s.kms
	arn := "arn:aws:kms:" + s.region + ":" + s.account + ":key/" + id
	k.keys[id] = arn
	if alias != "" {
		k.aliases[strings.TrimPrefix(alias, "alias/")] = id
	}
	return arn
}

type describeKeyInput struct {
	KeyId       *string
	GrantTokens []string
}

func (s *Server) describeKey(in *describeKeyInput) (any, error) {
	k := &s.kms
	ref := deref(in.KeyId)
	id := ref
	if a, ok := strings.CutPrefix(ref, "alias/"); ok {
		id = k.aliases[a]
	} else if i := strings.Index(ref, ":alias/"); strings.HasPrefix(ref, "arn:") && i >= 0 {
		id = k.aliases[ref[i+len(":alias/"):]] // an alias ARN, as KMS takes too
	} else if i := strings.LastIndex(ref, "key/"); strings.HasPrefix(ref, "arn:") && i >= 0 {
		id = ref[i+len("key/"):]
	}
	arn, ok := k.keys[id]
	if !ok {
		return nil, wire.Errorf(400, "NotFoundException", "Key '%s' does not exist", ref)
	}
	type keyMetadata struct{ KeyId, Arn, KeyState *string }
	return struct{ KeyMetadata keyMetadata }{keyMetadata{&id, &arn, ptr("Enabled")}}, nil
}
