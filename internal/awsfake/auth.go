package awsfake

import (
	"net/http"
	"strings"
)

// credential reads the access key ID and the credential scope's service
// name from a SigV4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ecs/aws4_request, SignedHeaders=..., Signature=...
//
// Signatures are not checked; a missing or malformed header is an error,
// as it is for AWS.
func credential(r *http.Request) (key, service string, err *apiError) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", "", errorf(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
	}
	algo, rest, _ := strings.Cut(h, " ")
	if algo != "AWS4-HMAC-SHA256" {
		return "", "", errorf(400, "IncompleteSignature", "Unsupported AWS 'algorithm': %q", algo)
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
	return "", "", errorf(400, "IncompleteSignature", "Authorization header requires a valid 'Credential' parameter")
}

// checkAuth answers a JSON request without a usable signature for service
// as AWS does.
func checkAuth(r *http.Request, service string) *apiError {
	_, scoped, err := credential(r)
	switch {
	case err != nil && err.code == "MissingAuthenticationToken":
		return errorf(400, "MissingAuthenticationTokenException", "Missing Authentication Token")
	case err != nil:
		return errorf(400, "IncompleteSignatureException", "%s", err.message)
	case scoped != service:
		return errorf(400, "InvalidSignatureException", "Credential should be scoped to correct service: '%s'. ", service)
	}
	return nil
}
