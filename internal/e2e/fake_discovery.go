package e2e

import (
	"fmt"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// fakeDiscovery steers and checks the fake's Cloud Map:
//
//	fake namespace NAME public|private [VPC]   add a namespace; $NAMESPACE_ID is its id
//	fake namespaces TYPE NAME N [VPC]          assert N namespaces of TYPE (DNS_PRIVATE, DNS_PUBLIC) named NAME
//	                                           (in VPC); $NAMESPACE_ID is the first one's id
//	fake sd-service NAME KEY=VALUE...          assert a discovery service: type=, ttl=, threshold=, namespace=
//	fake sd-service NAME none                  assert there is no discovery service NAME
func fakeDiscovery(ts *testscript.TestScript, srv *awsfake.Server, args []string) {
	switch args[0] {
	case "namespace":
		if len(args) < 3 {
			ts.Fatalf("usage: fake namespace NAME public|private [VPC]")
		}
		typ := map[string]string{"public": "DNS_PUBLIC", "private": "DNS_PRIVATE"}[args[2]]
		if typ == "" {
			ts.Fatalf("fake namespace: %q is not public or private", args[2])
		}
		vpc := ""
		if len(args) > 3 {
			vpc = args[3]
		}
		ts.Setenv("NAMESPACE_ID", srv.AddNamespace(args[1], typ, vpc))
	case "namespaces":
		if len(args) != 4 && len(args) != 5 {
			ts.Fatalf("usage: fake namespaces TYPE NAME N [VPC]")
		}
		var ids []string
		for _, ns := range srv.DiscoveryNamespaces() {
			if ns.Type == args[1] && ns.Name == args[2] && (len(args) == 4 || ns.VPC == args[4]) {
				ids = append(ids, ns.ID)
			}
		}
		if fmt.Sprint(len(ids)) != args[3] {
			ts.Fatalf("%d %s namespaces named %s (%v), want %s", len(ids), args[1], args[2], ids, args[3])
		}
		if len(ids) > 0 {
			ts.Setenv("NAMESPACE_ID", ids[0])
		}
	case "sd-service":
		if len(args) < 3 {
			ts.Fatalf("usage: fake sd-service NAME KEY=VALUE...|none")
		}
		var found *awsfake.SDService
		for _, sv := range srv.DiscoveryServices() {
			if sv.Name == args[1] {
				found = &sv
			}
		}
		if args[2] == "none" {
			if found != nil {
				ts.Fatalf("discovery service %s exists: %+v", args[1], *found)
			}
			return
		}
		if found == nil {
			ts.Fatalf("no discovery service %s", args[1])
		}
		for _, kv := range args[2:] {
			k, want, _ := strings.Cut(kv, "=")
			got := map[string]string{
				"type": found.DNSType, "ttl": fmt.Sprint(found.TTL), "threshold": fmt.Sprint(found.FailureThreshold),
				"namespace": found.NamespaceID,
			}[k]
			if got != want {
				ts.Fatalf("discovery service %s: %s=%q, want %q", args[1], k, got, want)
			}
		}
	}
}
