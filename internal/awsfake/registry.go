package awsfake

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

// The fake's ECR registries: the OCI distribution API under /v2/, served by
// go-containerregistry's in-memory registry, one per registry host, with
// ECR's rules in front of it, so image bytes really move in tests:
//
//   - The registry is the request's Host header,
//     <account>.dkr.ecr[-fips].<region>.amazonaws.com; a client reaches it
//     by dialling the fake's address while keeping that Host (see the e2e
//     fake docker), the way /etc/hosts would.
//   - Every request but the first ping needs basic auth AWS:<password>
//     from a GetAuthorizationToken that has not expired; otherwise 401
//     with a Basic challenge, as ECR answers.
//   - A repository must exist in ECR (CreateRepository) before anything is
//     pushed to it: NAME_UNKNOWN otherwise.
//   - A pushed manifest becomes an ECR image: DescribeImages lists it with
//     its digest, its tag (moved from the image that had it) and the sum of
//     its layers' sizes.
//
// Calls count as service "registry": Ping, GetManifest, PutManifest,
// GetBlob, PutBlob (every request of an upload) and Other.

func init() { restPrefixes["/v2/"] = (*Server).serveRegistry }

var registryHostRE = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?(?::[0-9]+)?$`)

// registryPathRE splits /v2/<name>/<kind>/<rest>.
var registryPathRE = regexp.MustCompile(`^/v2/(.+?)/(manifests|blobs|tags|referrers)/(.*)$`)

func (s *Server) serveRegistry(w http.ResponseWriter, r *http.Request) {
	m := registryPathRE.FindStringSubmatch(r.URL.Path)
	s.count("registry", registryOp(r.Method, r.URL.Path, m))
	account, ok := s.registryAccount(r.Host)
	if !ok {
		registryError(w, http.StatusNotFound, "NAME_UNKNOWN", fmt.Sprintf("%s is not an ECR registry of region %s", r.Host, s.region))
		return
	}
	if msg := s.registryAuth(r.Header.Get("Authorization")); msg != "" {
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Basic realm="https://%s/",service="ecr.amazonaws.com"`, r.Host))
		registryError(w, http.StatusUnauthorized, "DENIED", msg)
		return
	}
	if m == nil {
		if r.URL.Path == "/v2/" {
			w.Header().Set("Docker-Distribution-API-Version", "registry/2.0")
			w.WriteHeader(http.StatusOK)
			return
		}
		registryError(w, http.StatusNotFound, "UNSUPPORTED", "unsupported path "+r.URL.Path)
		return
	}
	repo := m[1]
	s.ecr.mu.Lock()
	found := s.findECRRepo(account, repo) != nil
	h := s.ecr.registry(account)
	s.ecr.mu.Unlock()
	if !found {
		registryError(w, http.StatusNotFound, "NAME_UNKNOWN", fmt.Sprintf("The repository with name '%s' does not exist in the registry with id '%s'", repo, account))
		return
	}
	if m[2] != "manifests" || r.Method != http.MethodPut {
		h.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxManifest+1))
	if err != nil || len(body) > maxManifest {
		registryError(w, http.StatusBadRequest, "MANIFEST_INVALID", fmt.Sprintf("a manifest must be valid and at most %d bytes (ECR's limit)", maxManifest))
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &statusRecorder{ResponseWriter: w}
	h.ServeHTTP(rec, r)
	if rec.status == http.StatusCreated {
		s.recordPush(account, repo, m[3], body)
	}
}

// registryAccount is the account whose registry host is: an ECR host name
// of the fake's region, or the loopback host of SetRegistryHost.
func (s *Server) registryAccount(host string) (string, bool) {
	s.ecr.mu.Lock()
	loopback := s.ecr.registryHost
	s.ecr.mu.Unlock()
	if loopback != "" && host == loopback {
		return s.account, true
	}
	m := registryHostRE.FindStringSubmatch(host)
	if m == nil || m[2] != s.region {
		return "", false
	}
	return m[1], true
}

func registryOp(method, path string, m []string) string {
	switch {
	case m == nil && path == "/v2/":
		return "Ping"
	case m == nil:
		return "Other"
	case m[2] == "manifests" && method == http.MethodPut:
		return "PutManifest"
	case m[2] == "manifests":
		return "GetManifest"
	case m[2] == "blobs" && (method == http.MethodGet || method == http.MethodHead) && !strings.HasPrefix(m[3], "uploads"):
		return "GetBlob"
	case m[2] == "blobs":
		return "PutBlob"
	}
	return "Other"
}

// registryAuth checks basic auth against the tokens handed out and says
// what is wrong, or "". As in ECR, a token is good for every registry (the
// fake's caller may use them all), not just the one it was asked for.
func (s *Server) registryAuth(header string) string {
	scheme, cred, _ := strings.Cut(header, " ")
	raw, err := base64.StdEncoding.DecodeString(cred)
	user, password, _ := strings.Cut(string(raw), ":")
	if !strings.EqualFold(scheme, "basic") || err != nil || user != "AWS" {
		return "Not Authorized"
	}
	s.ecr.mu.Lock()
	defer s.ecr.mu.Unlock()
	for id, expires := range s.ecr.tokens {
		if password == ecrPassword(id) {
			if !s.clock.Now().Before(expires) {
				return "Your authorization token has expired. Reauthenticate and try again."
			}
			return ""
		}
	}
	return "Not Authorized"
}

// recordPush makes a pushed manifest an ECR image: reference is a tag or
// the digest itself.
func (s *Server) recordPush(account, repo, reference string, manifest []byte) {
	var mf struct {
		Layers []struct{ Size int64 }
	}
	_ = json.Unmarshal(manifest, &mf) // the registry has accepted it already
	var size int64
	for _, l := range mf.Layers {
		size += l.Size
	}
	sum := sha256.Sum256(manifest)
	digest := "sha256:" + hex.EncodeToString(sum[:])
	tag := reference
	if strings.HasPrefix(reference, "sha256:") {
		tag = ""
	}
	s.ecr.mu.Lock()
	defer s.ecr.mu.Unlock()
	s.putImage(s.findECRRepo(account, repo), tag, digest, size, s.clock.Now())
}

// registry returns account's registry, making it on first use. ecr.mu is
// held.
func (e *ecrState) registry(account string) http.Handler {
	if e.registries == nil {
		e.registries = map[string]http.Handler{}
	}
	h, ok := e.registries[account]
	if !ok {
		h = registry.New(registry.Logger(log.New(io.Discard, "", 0)))
		e.registries[account] = h
	}
	return h
}

// registryError answers in the distribution API's error shape.
func registryError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body, _ := json.Marshal(map[string]any{"errors": []map[string]string{{"code": code, "message": msg}}})
	_, _ = w.Write(body)
}

// statusRecorder remembers the status a handler answered with.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// maxManifest is ECR's limit on an image manifest's size.
const maxManifest = 4 << 20

// tokenLifetime is how long an ECR authorization token is good for.
const tokenLifetime = 12 * time.Hour

// RegistryTransport is a client transport that sends every request to the
// fake at fakeURL (e.g. "http://127.0.0.1:41234") in plain HTTP, keeping
// the registry host the client asked for as the Host header: what a
// resolver entry pointing *.amazonaws.com at the fake would do.
func RegistryTransport(fakeURL string) http.RoundTripper {
	return hostRewriter{target: strings.TrimPrefix(strings.TrimPrefix(fakeURL, "http://"), "https://")}
}

type hostRewriter struct{ target string }

func (h hostRewriter) RoundTrip(r *http.Request) (*http.Response, error) {
	out := r.Clone(r.Context())
	out.Host = r.URL.Host
	out.URL.Scheme, out.URL.Host = "http", h.target
	resp, err := http.DefaultTransport.RoundTrip(out)
	if resp != nil {
		// Relative Locations (blob uploads) resolve against the host asked for.
		resp.Request = r
	}
	return resp, err
}
