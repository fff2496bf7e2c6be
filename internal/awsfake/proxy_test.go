package awsfake_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/ecs-toolkit/ecs-toolkit/internal/awsfake"
)

// proxyConfig loads an SDK config the way a process run with
// HTTPS_PROXY=p.URL and AWS_CA_BUNDLE=<p.CAPEM> would get it, through load
// options instead of the environment: the SDK's default transport, with
// its proxy set, and the CA bundle loaded as AWS_CA_BUNDLE is.
func proxyConfig(t *testing.T, p *awsfake.Proxy, region string, trust bool, opts ...func(*config.LoadOptions) error) aws.Config {
	t.Helper()
	u, err := url.Parse(p.URL)
	if err != nil {
		t.Fatal(err)
	}
	opts = append([]func(*config.LoadOptions) error{
		config.WithRegion(region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDAWSFAKETEST", "secret", "")),
		config.WithSharedConfigFiles([]string{}),
		config.WithSharedCredentialsFiles([]string{}),
		config.WithRetryMaxAttempts(1),
		config.WithHTTPClient(awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
			tr.Proxy = http.ProxyURL(u)
			if !trust { // no system roots either: nothing but the CA could verify
				tr.TLSClientConfig = &tls.Config{RootCAs: x509.NewCertPool()}
			}
		})),
	}, opts...)
	if trust {
		opts = append(opts, config.WithCustomCABundle(bytes.NewReader(p.CAPEM)))
	}
	cfg, err := config.LoadDefaultConfig(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestProxySDK: real SDK clients with no endpoint configured call the real
// AWS host names, and the proxy records them and answers with the fake.
func TestProxySDK(t *testing.T) {
	// Empty counts as unset for the SDK: scripts rely on `env AWS_ENDPOINT_URL=`.
	t.Setenv("AWS_ENDPOINT_URL", "")
	t.Setenv("AWS_USE_FIPS_ENDPOINT", "")
	s := awsfake.New()
	s.CreateCluster("demo")
	p := s.StartProxy()
	t.Cleanup(p.Close)
	ctx := context.Background()

	listClusters := func(cfg aws.Config, opts ...func(*ecs.Options)) {
		t.Helper()
		out, err := ecs.NewFromConfig(cfg, opts...).ListClusters(ctx, &ecs.ListClustersInput{})
		if err != nil {
			t.Fatalf("ListClusters (%s): %v", cfg.Region, err)
		}
		if len(out.ClusterArns) != 1 {
			t.Errorf("ListClusters (%s): %q, want the demo cluster", cfg.Region, out.ClusterArns)
		}
	}
	us := proxyConfig(t, p, "us-east-1", true)
	listClusters(us)
	listClusters(us) // the same tunnel, kept alive
	id, err := sts.NewFromConfig(us).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(id.Account) != "123456789012" {
		t.Errorf("account %q", aws.ToString(id.Account))
	}
	listClusters(proxyConfig(t, p, "eu-west-1", true))
	listClusters(proxyConfig(t, p, "us-east-1", true, config.WithUseFIPSEndpoint(aws.FIPSEndpointStateEnabled)))
	listClusters(us, func(o *ecs.Options) { o.BaseEndpoint = aws.String("https://ecs-fips.us-gov-west-1.amazonaws.com") })
	listClusters(proxyConfig(t, p, "cn-north-1", true))

	want := []string{
		"ecs.us-east-1.amazonaws.com",
		"ecs.us-east-1.amazonaws.com",
		"sts.us-east-1.amazonaws.com",
		"ecs.eu-west-1.amazonaws.com",
		"ecs-fips.us-east-1.amazonaws.com",
		"ecs-fips.us-gov-west-1.amazonaws.com",
		"ecs.cn-north-1.amazonaws.com.cn",
	}
	if got := p.Hosts(); !slices.Equal(got, want) {
		t.Errorf("hosts\n got %q\nwant %q", got, want)
	}
	if n := s.Calls("ecs", "ListClusters"); n != 6 {
		t.Errorf("ListClusters calls = %d, want 6", n)
	}
	p.ResetHosts()
	if got := p.Hosts(); len(got) != 0 {
		t.Errorf("after ResetHosts: %q", got)
	}
}

// startProxy starts an empty fake's proxy, closed when t ends.
func startProxy(t *testing.T) *awsfake.Proxy {
	p := awsfake.New().StartProxy()
	t.Cleanup(p.Close)
	return p
}

// TestProxyUntrusted: without the proxy's CA the TLS handshake fails, so
// the TLS is real, and nothing is recorded.
func TestProxyUntrusted(t *testing.T) {
	p := startProxy(t)
	_, err := ecs.NewFromConfig(proxyConfig(t, p, "us-east-1", false)).ListClusters(context.Background(), &ecs.ListClustersInput{})
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("ListClusters without the CA: %v, want a certificate error", err)
	}
	if got := p.Hosts(); len(got) != 0 {
		t.Errorf("hosts %q, want none", got)
	}
}

// TestProxyRefuses: plain proxying, other hosts and other ports are
// refused with the reason in the client's error; nothing is dialled.
func TestProxyRefuses(t *testing.T) {
	p := startProxy(t)
	u, _ := url.Parse(p.URL)
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(u)}, Timeout: 10 * time.Second}

	for _, target := range []string{"https://example.com/", "https://ecs.us-east-1.amazonaws.com:8443/", "https://amazonaws.com/", "https://ecs.us-east-1.amazonaws.com.evil.example/"} {
		resp, err := client.Get(target)
		if err == nil {
			resp.Body.Close()
			t.Errorf("GET %s through the proxy: %s, want a refused CONNECT", target, resp.Status)
			continue
		}
		if !strings.Contains(err.Error(), "awsfake proxy refuses CONNECT") || !strings.Contains(err.Error(), "amazonaws.com") {
			t.Errorf("GET %s: %v, want the reason", target, err)
		}
	}

	resp, err := client.Get("http://ecs.us-east-1.amazonaws.com/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(string(body), "only CONNECT") {
		t.Errorf("plain GET through the proxy: %s %q, want 405 naming CONNECT", resp.Status, body)
	}
	if got := p.Hosts(); len(got) != 0 {
		t.Errorf("hosts %q, want none", got)
	}
}

// TestProxyMisdirected: a request in a tunnel must be for the tunnel's host.
func TestProxyMisdirected(t *testing.T) {
	p := startProxy(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "CONNECT ecs.us-east-1.amazonaws.com:443 HTTP/1.1\r\nHost: ecs.us-east-1.amazonaws.com:443\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, &http.Request{Method: http.MethodConnect})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("CONNECT: %v %v", resp, err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(p.CAPEM)
	tc := tls.Client(conn, &tls.Config{RootCAs: pool, ServerName: "ecs.us-east-1.amazonaws.com"})
	fmt.Fprint(tc, "POST / HTTP/1.1\r\nHost: sts.us-east-1.amazonaws.com\r\nContent-Length: 0\r\n\r\n")
	resp, err = http.ReadResponse(bufio.NewReader(tc), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("status %s, want 421", resp.Status)
	}
	if got := p.Hosts(); len(got) != 0 {
		t.Errorf("hosts %q, want none", got)
	}
}

// TestProxyCA: an ECDSA P-256 CA, valid for a day at most, and Close shuts
// the port even with a tunnel open.
func TestProxyCA(t *testing.T) {
	s := awsfake.New()
	p := s.StartProxy()
	block, _ := pem.Decode(p.CAPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("CAPEM %q", p.CAPEM)
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	key, ok := ca.PublicKey.(*ecdsa.PublicKey)
	if !ok || key.Curve != elliptic.P256() || !ca.IsCA {
		t.Errorf("CA: key %T, IsCA %v; want an ECDSA P-256 CA", ca.PublicKey, ca.IsCA)
	}
	if d := time.Until(ca.NotAfter); d <= 0 || d > 25*time.Hour {
		t.Errorf("CA expires in %v", d)
	}

	// An idle keep-alive tunnel does not hold Close up.
	if _, err := ecs.NewFromConfig(proxyConfig(t, p, "us-east-1", true)).ListClusters(context.Background(), &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { p.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close hangs with a tunnel open")
	}
	if c, err := net.Dial("tcp", strings.TrimPrefix(p.URL, "http://")); err == nil {
		c.Close()
		t.Error("the proxy still accepts connections after Close")
	}
	p.Close() // twice is fine
}

// BenchmarkStartProxy: what every e2e script pays for its proxy.
func BenchmarkStartProxy(b *testing.B) {
	s := awsfake.New()
	for b.Loop() {
		s.StartProxy().Close()
	}
}
