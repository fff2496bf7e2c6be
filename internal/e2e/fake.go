package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// fakeKey is where Setup leaves each script's fake AWS endpoint, and
// fakeURLKey its URL.
type (
	fakeKey    struct{}
	fakeURLKey struct{}
)

// startFake gives the script its own fake AWS endpoint, pointed at by
// AWS_ENDPOINT_URL, with dummy credentials and a region, and a cluster
// named "demo" (scripts create others with `fake cluster NAME`).
func startFake(env *testscript.Env) {
	srv := awsfake.New(awsfake.WithTaskTimeline(awsfake.Timeline{Pending: 300 * time.Millisecond, Stopping: 200 * time.Millisecond}))
	url, stop := srv.Start()
	env.Defer(stop)
	srv.CreateCluster("demo")
	env.Values[fakeKey{}] = srv
	env.Values[fakeURLKey{}] = url
	env.Setenv("AWS_ENDPOINT_URL", url)
	env.Setenv("FAKE_DOCKER_REGISTRY", url) // where the fake docker finds ECR's registries
	env.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLEFAKE")
	env.Setenv("AWS_SECRET_ACCESS_KEY", "fake-secret-do-not-print")
	env.Setenv("AWS_REGION", "us-east-1")
	env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	startFakeProxy(env, srv) // AWSFAKE_PROXY, AWSFAKE_CA (fake_proxy.go)
}

// cmdFake steers the script's fake:
//
//	fake cluster NAME                        create a cluster
//	fake instance CLUSTER EC2ID PUBLIC PRIVATE  add a container instance
//	fake calls SERVICE OP N                  assert the number of calls so far
//	fake inject SERVICE OP throttle|5xx N    fail the next N calls
//	fake timeline FAMILY pending=D run=D exit=N reason=TEXT
//	fake reset-calls
//	fake log CLUSTER GROUP PREFIX CONTAINER MESSAGE...  write one event per message to the
//	                                          awslogs stream of every task of CLUSTER
//	fake taskid CLUSTER                      set $TASK_ID to the newest task's id
//	fake secret NAME VALUE                   store a secret; $SECRET_ARN is its ARN
//	fake secret-value NAME|ARN VALUE         assert a secret's value
//	fake param NAME VALUE                    store a Parameter Store parameter
//	fake account-setting NAME VALUE          set the account's effective ECS setting
//	fake kms-key ID ALIAS                    make a KMS key with an alias; $KMS_ARN is its ARN
//	fake role-policy ROLE TEXT               assert a policy attached to ROLE contains TEXT
//	fake hosts                               print the hosts called through $AWSFAKE_PROXY (fake_proxy.go)
func cmdFake(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("fake does not support !")
	}
	srv, _ := ts.Value(fakeKey{}).(*awsfake.Server)
	if srv == nil || len(args) == 0 {
		ts.Fatalf("usage: fake cluster|instance|calls|inject|timeline|reset-calls ...")
	}
	switch args[0] {
	case "cluster":
		srv.CreateCluster(args[1])
	case "instance":
		if len(args) != 5 {
			ts.Fatalf("usage: fake instance CLUSTER EC2ID PUBLIC PRIVATE")
		}
		srv.AddContainerInstance(args[1], args[2], args[3], args[4])
	case "calls":
		if len(args) != 4 {
			ts.Fatalf("usage: fake calls SERVICE OP N")
		}
		want, err := strconv.Atoi(args[3])
		ts.Check(err)
		if got := srv.Calls(args[1], args[2]); got != want {
			ts.Fatalf("%s %s: %d calls, want %d", args[1], args[2], got, want)
		}
	case "inject":
		if len(args) != 5 {
			ts.Fatalf("usage: fake inject SERVICE OP throttle|5xx N")
		}
		n, err := strconv.Atoi(args[4])
		ts.Check(err)
		f := awsfake.Fault{}
		switch args[3] {
		case "throttle":
			f.Throttle = n
		case "5xx":
			f.ServerError = n
		default:
			ts.Fatalf("fault %q: throttle or 5xx", args[3])
		}
		srv.Inject(args[1], args[2], f)
	case "timeline":
		t, err := parseTimeline(args[2:])
		ts.Check(err)
		srv.SetTimeline(args[1], t)
	case "calls-at-most":
		fakeCallsAtMost(ts, srv, args)
	case "calls-at-least":
		fakeCallsAtLeast(ts, srv, args)
	case "service-tags":
		fakeServiceTags(ts, srv, args)
	case "reset-calls":
		srv.ResetCalls()
		resetHosts(ts)
	case "hosts":
		fakeHosts(ts, args)
	case "log":
		if len(args) < 6 {
			ts.Fatalf("usage: fake log CLUSTER GROUP PREFIX CONTAINER MESSAGE...")
		}
		now := time.Now().UnixMilli()
		ids := srv.TaskIDs(args[1])
		if len(ids) == 0 {
			ts.Fatalf("fake log: cluster %s has no tasks to log for", args[1])
		}
		for _, id := range ids {
			var evs []logtypes.InputLogEvent
			for i, m := range args[5:] {
				evs = append(evs, logtypes.InputLogEvent{Timestamp: aws.Int64(now + int64(i)), Message: aws.String(m)})
			}
			srv.PutLogEvents(args[2], args[3]+"/"+args[4]+"/"+id, evs...)
		}
	case "secret":
		if len(args) != 3 {
			ts.Fatalf("usage: fake secret NAME VALUE")
		}
		ts.Setenv("SECRET_ARN", srv.PutSecret(args[1], args[2]))
	case "account-setting":
		if len(args) != 3 {
			ts.Fatalf("usage: fake account-setting NAME VALUE")
		}
		srv.SetAccountSetting(args[1], args[2])
	case "kms-key":
		if len(args) != 3 {
			ts.Fatalf("usage: fake kms-key ID ALIAS")
		}
		ts.Setenv("KMS_ARN", srv.AddKMSKey(args[1], args[2]))
	case "role-policy":
		if len(args) != 3 {
			ts.Fatalf("usage: fake role-policy ROLE TEXT")
		}
		_, docs := srv.RolePolicies(args[1])
		if !strings.Contains(strings.Join(docs, "\n"), args[2]) {
			ts.Fatalf("role %s: no attached policy document contains %q (documents: %q)", args[1], args[2], docs)
		}
	case "param":
		if len(args) != 3 {
			ts.Fatalf("usage: fake param NAME VALUE")
		}
		srv.PutParameter(args[1], args[2])
	case "secret-value":
		if len(args) != 3 {
			ts.Fatalf("usage: fake secret-value NAME|ARN VALUE")
		}
		if got, ok := srv.SecretValue(args[1]); !ok || got != args[2] {
			ts.Fatalf("secret %s does not hold the expected value", args[1]) // never print a secret
		}
	case "taskid":
		ids := srv.TaskIDs(args[1])
		if len(ids) == 0 {
			ts.Fatalf("no tasks in cluster %s", args[1])
		}
		ts.Setenv("TASK_ID", ids[len(ids)-1])
	case "amis", "stack", "stack-param", "instance-id", "instance-count", "user-data":
		fakeCluster(ts, srv, args)
	case "namespace", "namespaces", "sd-service":
		fakeDiscovery(ts, srv, args)
	default:
		ts.Fatalf("fake %s: unknown", args[0])
	}
}

func parseTimeline(args []string) (awsfake.Timeline, error) {
	t := awsfake.Timeline{Pending: 300 * time.Millisecond, Stopping: 200 * time.Millisecond}
	for _, a := range args {
		k, v, _ := strings.Cut(a, "=")
		var err error
		switch k {
		case "pending":
			t.Pending, err = time.ParseDuration(v)
		case "run":
			t.RunFor, err = time.ParseDuration(v)
		case "exit":
			t.ExitCode, err = strconv.Atoi(v)
		case "reason":
			t.StoppedReason = v
		default:
			err = fmt.Errorf("timeline key %q: pending, run, exit or reason", k)
		}
		if err != nil {
			return t, err
		}
	}
	return t, nil
}
