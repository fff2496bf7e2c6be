package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// proxyKey is where Setup leaves each script's HTTPS proxy to its fake.
type proxyKey struct{}

// startFakeProxy puts an HTTPS proxy in front of srv (awsfake.Proxy) and
// exports AWSFAKE_PROXY (its URL) and AWSFAKE_CA ($WORK/.awsfake-ca.pem, its
// CA), so a step can call the real AWS host names and `fake hosts` can say
// which it called:
//
//	env HTTPS_PROXY=$AWSFAKE_PROXY AWS_CA_BUNDLE=$AWSFAKE_CA AWS_ENDPOINT_URL=
//
// (the SDK treats an empty AWS_ENDPOINT_URL as unset). Starting one costs
// two P-256 keys and a listener, so every script gets one.
func startFakeProxy(env *testscript.Env, srv *awsfake.Server) {
	p := srv.StartProxy()
	env.Defer(p.Close)
	ca := filepath.Join(env.WorkDir, ".awsfake-ca.pem")
	if err := os.WriteFile(ca, p.CAPEM, 0o644); err != nil {
		env.T().Fatal(err)
	}
	env.Values[proxyKey{}] = p
	env.Setenv("AWSFAKE_PROXY", p.URL)
	env.Setenv("AWSFAKE_CA", ca)
}

// fakeHosts prints the hosts called through the proxy since the start or
// the last `fake reset-calls`, sorted, once each:
//
//	fake hosts
func fakeHosts(ts *testscript.TestScript, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: fake hosts")
	}
	p, _ := ts.Value(proxyKey{}).(*awsfake.Proxy)
	if p == nil {
		ts.Fatalf("fake hosts: no proxy")
	}
	w := ts.Stdout() // even with no hosts: stdout is this command's, not the last one's
	for _, h := range slices.Compact(slices.Sorted(slices.Values(p.Hosts()))) {
		fmt.Fprintln(w, h)
	}
}

// resetHosts forgets the proxy's hosts, with `fake reset-calls`.
func resetHosts(ts *testscript.TestScript) {
	if p, _ := ts.Value(proxyKey{}).(*awsfake.Proxy); p != nil {
		p.ResetHosts()
	}
}
