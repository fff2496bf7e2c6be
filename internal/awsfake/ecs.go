package awsfake

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// ecsState is ECS's state. Every field is guarded by mu.
type ecsState struct {
	mu        sync.Mutex
	timeline  Timeline            // of new tasks whose family has none of its own
	timelines map[string]Timeline // by task definition family

	clusters map[string]*cluster // by name, ACTIVE and INACTIVE
	order    []string            // cluster names in creation order
	families map[string][]*types.TaskDefinition
	tdTags   map[string][]types.Tag // by task definition ARN
	tasks    []*task                // in creation order
	taskByID map[string]*task
	settings map[types.SettingName]string // set by PutAccountSetting
	runs     map[string]*run              // by RunTask clientToken
	services *serviceState                // made on first use (ecs_services.go)
}

func (e *ecsState) init() {
	e.timeline = defaultTimeline
	e.timelines = map[string]Timeline{}
	e.clusters = map[string]*cluster{}
	e.families = map[string][]*types.TaskDefinition{}
	e.tdTags = map[string][]types.Tag{}
	e.taskByID = map[string]*task{}
	e.settings = map[types.SettingName]string{}
	e.runs = map[string]*run{}
}

// ecsOps are the ECS operations the fake answers.
var ecsOps = map[string]jsonOp{
	"CreateCluster":              op((*Server).createCluster),
	"DescribeClusters":           op((*Server).describeClusters),
	"ListClusters":               op((*Server).listClusters),
	"DeleteCluster":              op((*Server).deleteCluster),
	"RegisterTaskDefinition":     op((*Server).registerTaskDefinition),
	"DescribeTaskDefinition":     op((*Server).describeTaskDefinition),
	"DeregisterTaskDefinition":   op((*Server).deregisterTaskDefinition),
	"ListTaskDefinitions":        op((*Server).listTaskDefinitions),
	"ListTaskDefinitionFamilies": op((*Server).listTaskDefinitionFamilies),
	"RunTask":                    op((*Server).runTask),
	"DescribeTasks":              op((*Server).describeTasks),
	"ListTasks":                  op((*Server).listTasks),
	"StopTask":                   op((*Server).stopTask),
	"DescribeContainerInstances": op((*Server).describeContainerInstances),
	"ListContainerInstances":     op((*Server).listContainerInstances),
	"ListAccountSettings":        op((*Server).listAccountSettings),
	"PutAccountSetting":          op((*Server).putAccountSetting),
	"CreateService":              op((*Server).createService),
	"UpdateService":              op((*Server).updateService),
	"DescribeServices":           op((*Server).describeServices),
	"DeleteService":              op((*Server).deleteService),
	"ListServices":               op((*Server).listServices),
	"TagResource":                op((*Server).tagResource),
	"ListTagsForResource":        op((*Server).listTagsForResource),
}

// SetTimeline sets the timeline of tasks started from now on from task
// definitions of family ("" sets the default for all other families).
func (s *Server) SetTimeline(family string, t Timeline) {
	s.ecs.mu.Lock()
	defer s.ecs.mu.Unlock()
	if family == "" {
		s.ecs.timeline = t
		return
	}
	s.ecs.timelines[family] = t
}

// timelineFor returns the timeline for new tasks of family. ecs.mu is held.
func (s *Server) timelineFor(family string) Timeline {
	if t, ok := s.ecs.timelines[family]; ok {
		return t
	}
	return s.ecs.timeline
}

// ecsARN returns arn:aws:ecs:<region>:<account>:<resource>.
func (s *Server) ecsARN(resource string) string {
	return "arn:aws:ecs:" + s.region + ":" + s.account + ":" + resource
}

// callerARN is the principal the fake records as having made ECS changes.
func (s *Server) callerARN() string { return "arn:aws:iam::" + s.account + ":root" }

// resourceName returns the part of an ECS ARN after "<kind>/", or ref
// itself when it is not an ARN; ok is false for an ARN of another kind,
// region or account.
func (s *Server) resourceName(ref, kind string) (string, bool) {
	if !strings.HasPrefix(ref, "arn:") {
		return ref, true
	}
	name, ok := strings.CutPrefix(ref, s.ecsARN(kind+"/"))
	return name, ok && name != ""
}

// findCluster returns the ACTIVE cluster ref names (name or ARN; absent
// means "default").
func (s *Server) findCluster(ref *string) (*cluster, error) {
	name := "default"
	if ref != nil && *ref != "" {
		name, _ = s.resourceName(*ref, "cluster")
	}
	c := s.ecs.clusters[name]
	if c == nil {
		return nil, wire.Errorf(400, "ClusterNotFoundException", "Cluster not found.")
	}
	if c.status != "ACTIVE" {
		return nil, wire.Errorf(400, "ClusterNotFoundException", "The referenced cluster was inactive.")
	}
	return c, nil
}

// page cuts one page out of items. The token is the page's offset, opaque
// to clients; maxResults must be within 1..limit, as the APIs require.
func page[T any](items []T, maxResults *int32, nextToken *string, limit int) ([]T, *string, error) {
	n := limit
	if maxResults != nil {
		if *maxResults < 1 || int(*maxResults) > limit {
			return nil, nil, wire.Errorf(400, "InvalidParameterException", "maxResults must be between 1 and %d.", limit)
		}
		n = int(*maxResults)
	}
	off := 0
	if nextToken != nil && *nextToken != "" {
		var ok bool
		if off, ok = decodeToken(*nextToken); !ok {
			return nil, nil, wire.Errorf(400, "InvalidParameterException", "Invalid nextToken %q.", *nextToken)
		}
	}
	return pageAt(items, off, n)
}

func decodeToken(tok string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	rest, ok := strings.CutPrefix(string(b), "awsfake:")
	off, err2 := strconv.Atoi(rest)
	return off, err == nil && ok && err2 == nil && off >= 0
}

func pageAt[T any](items []T, off, n int) ([]T, *string, error) {
	off = min(off, len(items))
	end := min(off+n, len(items))
	out := append(make([]T, 0, end-off), items[off:end]...)
	if end == len(items) {
		return out, nil, nil
	}
	tok := base64.RawURLEncoding.EncodeToString([]byte("awsfake:" + strconv.Itoa(end)))
	return out, &tok, nil
}

// tagsIncluded reports whether an include list asks for TAGS.
func tagsIncluded[T ~string](include []T) bool {
	return slices.Contains(include, "TAGS")
}

func ptr[T any](v T) *T { return &v }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
