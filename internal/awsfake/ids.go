package awsfake

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
)

// idSource hands out the fake's IDs. It has its own lock, taken last: it
// never calls out.
type idSource struct {
	mu  sync.Mutex
	seq int
}

// next returns 32 hex digits, different on every call and the same
// sequence for every server, so IDs look random but tests repeat.
func (i *idSource) next() string {
	i.mu.Lock()
	i.seq++
	n := i.seq
	i.mu.Unlock()
	sum := sha256.Sum256(fmt.Appendf(nil, "awsfake/%d", n))
	return hex.EncodeToString(sum[:16])
}

// newID returns the next ID: 32 hex digits.
func (s *Server) newID() string { return s.ids.next() }

// uuid returns newID in UUID form.
func (s *Server) uuid() string {
	h := s.newID()
	return strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}

// hexOf returns the SHA-256 of s in hex: stable IDs derived from names.
func hexOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
