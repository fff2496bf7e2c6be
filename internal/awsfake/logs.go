package awsfake

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/wire"
)

// logsState is CloudWatch Logs' state. Guarded by mu.
type logsState struct {
	mu sync.Mutex

	groups  map[string]*logtypes.LogGroup // by name
	tags    map[string]map[string]string  // by name
	streams map[string]map[string]*stream // by group, then stream name (logs_events.go)
	seq     int64                         // ingestion order of events
}

func (e *logsState) init() {
	e.groups = map[string]*logtypes.LogGroup{}
	e.tags = map[string]map[string]string{}
	e.streams = map[string]map[string]*stream{}
}

var logsOps = map[string]jsonOp{
	"CreateLogGroup":    op((*Server).createLogGroup),
	"DescribeLogGroups": op((*Server).describeLogGroups),
	"CreateLogStream":   op((*Server).createLogStream),
	"PutLogEvents":      op((*Server).putLogEvents),
	"FilterLogEvents":   op((*Server).filterLogEvents),
	"GetLogEvents":      op((*Server).getLogEvents),
}

type createLogGroupInput struct {
	LogGroupName              *string
	DeletionProtectionEnabled *bool
	KmsKeyId                  *string
	LogGroupClass             logtypes.LogGroupClass
	Tags                      map[string]string
}

type describeLogGroupsInput struct {
	AccountIdentifiers    []string
	IncludeLinkedAccounts *bool
	Limit                 *int32
	LogGroupClass         logtypes.LogGroupClass
	LogGroupIdentifiers   []string
	LogGroupNamePattern   *string
	LogGroupNamePrefix    *string
	NextToken             *string
}

var logGroupName = regexp.MustCompile(`^[.\-_/#A-Za-z0-9]{1,512}$`)

func (s *Server) createLogGroup(in *createLogGroupInput) (any, error) {
	name := deref(in.LogGroupName)
	if !logGroupName.MatchString(name) {
		return nil, wire.Errorf(400, "InvalidParameterException", "1 validation error detected: Value '%s' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+", name)
	}
	if s.logs.groups[name] != nil {
		return nil, wire.Errorf(400, "ResourceAlreadyExistsException", "The specified log group already exists")
	}
	class := in.LogGroupClass
	if class == "" {
		class = logtypes.LogGroupClassStandard
	}
	arn := "arn:aws:logs:" + s.region + ":" + s.account + ":log-group:" + name
	s.logs.groups[name] = &logtypes.LogGroup{
		LogGroupName:              &name,
		Arn:                       ptr(arn + ":*"),
		LogGroupArn:               &arn,
		CreationTime:              ptr(s.clock.Now().UnixMilli()),
		MetricFilterCount:         ptr(int32(0)),
		StoredBytes:               ptr(int64(0)),
		LogGroupClass:             class,
		KmsKeyId:                  in.KmsKeyId,
		DeletionProtectionEnabled: in.DeletionProtectionEnabled,
	}
	s.logs.tags[name] = in.Tags
	return nil, nil
}

// describeLogGroups lists log groups by name, filtered by prefix, by
// case-sensitive substring (logGroupNamePattern) or by name or ARN
// (logGroupIdentifiers), 50 at most a page.
func (s *Server) describeLogGroups(in *describeLogGroupsInput) (any, error) {
	if in.LogGroupNamePrefix != nil && in.LogGroupNamePattern != nil {
		return nil, wire.Errorf(400, "InvalidParameterException", "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
	}
	var names []string
	for name, g := range s.logs.groups {
		switch {
		case !strings.HasPrefix(name, deref(in.LogGroupNamePrefix)),
			!strings.Contains(name, deref(in.LogGroupNamePattern)),
			in.LogGroupClass != "" && in.LogGroupClass != g.LogGroupClass,
			len(in.LogGroupIdentifiers) > 0 && !slices.Contains(in.LogGroupIdentifiers, name) && !slices.Contains(in.LogGroupIdentifiers, *g.LogGroupArn):
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	groups := []logtypes.LogGroup{}
	for _, n := range names {
		groups = append(groups, *s.logs.groups[n])
	}
	p, next, err := page(groups, in.Limit, in.NextToken, 50)
	if err != nil {
		return nil, err
	}
	return struct {
		LogGroups []logtypes.LogGroup
		NextToken *string
	}{p, next}, nil
}
