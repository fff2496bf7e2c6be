package awsfake

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Proxy is an HTTPS proxy in front of a Server, for code whose endpoint is
// not configurable or whose choice of host is under test (FIPS, regional
// endpoints). A process run with
//
//	HTTPS_PROXY=<Proxy.URL>  AWS_CA_BUNDLE=<file holding Proxy.CAPEM>
//
// and no AWS_ENDPOINT_URL calls the real AWS host names; the proxy accepts
// `CONNECT <host>:443` for AWS hosts only, records the host, terminates TLS
// with a certificate for that host signed by its own CA, and answers the
// decrypted requests with the Server. It never dials out: nothing leaves
// 127.0.0.1.
type Proxy struct {
	URL   string // http://127.0.0.1:PORT, for HTTPS_PROXY
	CAPEM []byte // the CA that signs every host's certificate, for AWS_CA_BUNDLE

	s       *Server
	outer   *http.Server
	ca      *x509.Certificate
	caKey   *ecdsa.PrivateKey
	leafKey *ecdsa.PrivateKey // one key for every host's certificate

	mu      sync.Mutex
	certs   map[string]*tls.Certificate // by host
	hosts   []string                    // one per request served, in order
	tunnels map[net.Conn]bool           // open CONNECT connections
	closed  bool
	wg      sync.WaitGroup // tunnels being served
}

// proxyValidity bounds the CA's and every leaf's validity, from start. The
// certificates use real time, not the Server's clock: the client checks
// them against its own.
const proxyValidity = 24 * time.Hour

// StartProxy serves an HTTPS proxy for s on a new 127.0.0.1 port. Close it
// when done. It panics if it cannot listen or make its keys, like
// httptest.NewServer.
func (s *Server) StartProxy() *Proxy {
	p := &Proxy{s: s, certs: map[string]*tls.Certificate{}, tunnels: map[net.Conn]bool{}}
	if err := p.makeCA(); err != nil {
		panic("awsfake: proxy CA: " + err.Error())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("awsfake: proxy: " + err.Error())
	}
	p.URL = "http://" + ln.Addr().String()
	p.outer = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go p.outer.Serve(ln) // ends with Close
	return p
}

// Hosts returns the host of every request the proxy handed to the Server,
// in order, one entry per request (so a host repeats). Refused CONNECTs
// and failed TLS handshakes add nothing.
func (p *Proxy) Hosts() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.hosts...)
}

// ResetHosts forgets the hosts recorded so far.
func (p *Proxy) ResetHosts() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hosts = nil
}

// Close stops the proxy and closes every open tunnel.
func (p *Proxy) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	var open []net.Conn
	for c := range p.tunnels {
		open = append(open, c)
	}
	p.mu.Unlock()
	p.outer.Close()
	for _, c := range open {
		c.Close()
	}
	p.wg.Wait()
}

// makeCA makes the proxy's CA (ECDSA P-256) and the key of its leaves.
func (p *Proxy) makeCA() error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	serial, err := serialNumber()
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "awsfake proxy CA", Organization: []string{"awsfake (test only)"}},
		NotBefore:             now.Add(-5 * time.Minute),
		NotAfter:              now.Add(proxyValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	p.ca, err = x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	p.caKey, p.leafKey = caKey, leafKey
	p.CAPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return nil
}

func serialNumber() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
}

// certFor returns host's certificate, minted on first use.
func (p *Proxy) certFor(host string) (*tls.Certificate, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.certs[host]; c != nil {
		return c, nil
	}
	serial, err := serialNumber()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    p.ca.NotBefore,
		NotAfter:     p.ca.NotAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.ca, &p.leafKey.PublicKey, p.caKey)
	if err != nil {
		return nil, err
	}
	c := &tls.Certificate{Certificate: [][]byte{der, p.ca.Raw}, PrivateKey: p.leafKey}
	p.certs[host] = c
	return c, nil
}

// awsHost is what the proxy agrees to stand in for.
var awsHost = regexp.MustCompile(`^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+amazonaws\.com(?:\.cn)?$`)

// ServeHTTP answers the proxy's clients: CONNECT to an AWS host on port
// 443 opens a tunnel, anything else is refused.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect {
		refuse(w, http.StatusMethodNotAllowed, fmt.Sprintf("awsfake proxy serves only CONNECT to AWS hosts, not %s %q (it never dials out)", r.Method, r.RequestURI))
		return
	}
	host, port, err := net.SplitHostPort(r.Host)
	host = strings.ToLower(host)
	if err != nil || port != "443" || !awsHost.MatchString(host) {
		refuse(w, http.StatusForbidden, fmt.Sprintf("awsfake proxy refuses CONNECT %q: only *.amazonaws.com and *.amazonaws.com.cn on port 443 (it never dials out)", r.Host))
		return
	}
	cert, err := p.certFor(host)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "awsfake proxy: certificate for "+host+": "+err.Error())
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		refuse(w, http.StatusInternalServerError, "awsfake proxy: connection cannot be hijacked")
		return
	}
	conn, brw, err := hj.Hijack()
	if err != nil {
		return
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		conn.Close()
		return
	}
	p.tunnels[conn] = true
	p.wg.Add(1)
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.tunnels, conn)
		p.mu.Unlock()
		conn.Close()
		p.wg.Done()
	}()

	if _, err := io.WriteString(conn, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
		return
	}
	var raw net.Conn = conn
	if brw.Reader.Buffered() > 0 { // the client did not wait for the 200
		raw = &bufferedConn{Conn: conn, r: brw.Reader}
	}
	tlsConn := tls.Server(raw, &tls.Config{
		Certificates: []tls.Certificate{*cert},
		NextProtos:   []string{"http/1.1"},
		MinVersion:   tls.VersionTLS12,
	})
	l := newOneConnListener(tlsConn)
	inner := &http.Server{
		Handler:           p.tunnel(host),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		ErrorLog:          log.New(io.Discard, "", 0),
		TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){}, // HTTP/1.1 only
		ConnState: func(_ net.Conn, st http.ConnState) {
			if st == http.StateClosed || st == http.StateHijacked {
				l.Close()
			}
		},
	}
	inner.Serve(l) // returns when the tunnel closes
}

// tunnel serves the decrypted requests of a tunnel to host.
func (p *Proxy) tunnel(host string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Host
		if hh, _, err := net.SplitHostPort(h); err == nil {
			h = hh
		}
		if !strings.EqualFold(h, host) {
			http.Error(w, fmt.Sprintf("awsfake proxy: a request for host %q in the tunnel to %q", r.Host, host), http.StatusMisdirectedRequest)
			return
		}
		p.mu.Lock()
		p.hosts = append(p.hosts, host)
		p.mu.Unlock()
		p.s.ServeHTTP(w, r)
	})
}

// refuse answers with code, putting reason in the status line as well as
// the body: for a refused CONNECT, Go's transport reports only the status
// line's text.
func refuse(w http.ResponseWriter, code int, reason string) {
	reason = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, reason)
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, reason, code)
		return
	}
	conn, brw, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	fmt.Fprintf(brw, "HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s\n", code, reason, len(reason)+1, reason)
	brw.Flush()
}

// bufferedConn reads what the proxy's reader already buffered first.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// oneConnListener hands out one connection, then blocks until it is
// closed, so http.Server.Serve serves exactly that connection and returns.
type oneConnListener struct {
	conn chan net.Conn
	addr net.Addr
	done chan struct{}
	once sync.Once
}

func newOneConnListener(c net.Conn) *oneConnListener {
	l := &oneConnListener{conn: make(chan net.Conn, 1), addr: c.LocalAddr(), done: make(chan struct{})}
	l.conn <- c
	return l
}

func (l *oneConnListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conn:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *oneConnListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *oneConnListener) Addr() net.Addr { return l.addr }
