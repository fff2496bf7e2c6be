package wire

import (
	"net/http"
	"strings"
)

// Credential reads the access key ID and the credential scope's service
// name from a SigV4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/aws4_request, SignedHeaders=..., Signature=...
//
// Signatures are not checked; a missing or malformed header is an error,
// as it is for AWS.
func Credential(r *http.Request) (key, service string, err *Error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", "", Errorf(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
	}
	algo, rest, _ := strings.Cut(h, " ")
	if algo != "AWS4-HMAC-SHA256" {
		return "", "", Errorf(400, "IncompleteSignature", "Unsupported AWS 'algorithm': %q", algo)
	}
	for part := range strings.SplitSeq(rest, ",") {
		scope, ok := strings.CutPrefix(strings.TrimSpace(part), "Credential=")
		if !ok {
			continue
		}
		f := strings.Split(scope, "/")
		if len(f) == 5 && f[0] != "" && f[4] == "aws4_request" {
			return f[0], f[3], nil
		}
	}
	return "", "", Errorf(400, "IncompleteSignature", "Authorization header requires a valid 'Credential' parameter")
}

// CheckAuth answers a JSON request without a usable signature for service
// as AWS does.
func CheckAuth(r *http.Request, service string) *Error {
	_, scoped, err := Credential(r)
	switch {
	case err != nil && err.Code == "MissingAuthenticationToken":
		return Errorf(400, "MissingAuthenticationTokenException", "Missing Authentication Token")
	case err != nil:
		return Errorf(400, "IncompleteSignatureException", "%s", err.Message)
	case scoped != service:
		return Errorf(400, "InvalidSignatureException", "Credential should be scoped to correct service: '%s'. ", service)
	}
	return nil
}
