package ecsconfig

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzConfigFiles feeds arbitrary text to the ~/.ecs config and credentials
// readers: they never panic, a credentials error never quotes the file (it
// holds secrets), and what they accept writes back to a file that reads as
// the same configuration.
func FuzzConfigFiles(f *testing.F) {
	f.Add([]byte("version: v1\ndefault: prod\nclusters:\n  prod:\n    cluster: prod\n    region: us-east-1\n    default_launch_type: FARGATE\n"))
	f.Add([]byte("version: v1\ndefault: p\necs_profiles:\n  p:\n    aws_access_key_id: AKIDXsecretX\n    aws_secret_access_key: XsecretX\n    aws_session_token: XsecretX\n"))
	f.Add([]byte("[ecs]\ncluster = c\naws_secret_access_key = XsecretX\n"))
	f.Add([]byte("clusters: [XsecretX]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := DecodeClusterConfig(data); err == nil {
			out, err := c.Encode()
			if err != nil {
				t.Fatalf("an accepted config does not encode: %v", err)
			}
			back, err := DecodeClusterConfig(out)
			if err != nil || !reflect.DeepEqual(back, c) {
				t.Fatalf("config changed on a write and read: %v\n%+v\n%+v", err, c, back)
			}
		}
		p, err := DecodeProfileConfig(data)
		if err != nil {
			if strings.Contains(err.Error(), "XsecretX") {
				t.Fatalf("a credentials error quotes the file: %v", err)
			}
			return
		}
		out, err := p.Encode()
		if err != nil {
			t.Fatalf("accepted credentials do not encode: %v", err)
		}
		back, err := DecodeProfileConfig(out)
		if err != nil || !reflect.DeepEqual(back, p) {
			t.Fatalf("credentials changed on a write and read: %v", err)
		}
	})
}
