package ecsconfig

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLegacy(t *testing.T) {
	t.Parallel()
	defaults := Legacy{
		ComposeProjectNamePrefix: DefaultComposeProjectNamePrefix,
		ComposeServiceNamePrefix: DefaultComposeServiceNamePrefix,
		CFNStackNamePrefix:       DefaultCFNStackNamePrefix,
	}
	with := func(f func(*Legacy)) Legacy { l := defaults; f(&l); return l }
	tests := []struct {
		name, in string
		want     Legacy
	}{
		{"the original's sample", `[ecs]
cluster = test
aws_profile =
region = us-west-2
aws_access_key_id =
aws_secret_access_key =
compose-project-name-prefix = ecscompose-
compose-service-name-prefix =
cfn-stack-name-prefix = ecs-cli-
`, Legacy{Cluster: "test", Region: "us-west-2", ComposeProjectNamePrefix: "ecscompose-", CFNStackNamePrefix: "ecs-cli-"}},
		{"absent prefixes get defaults", "[ecs]\ncluster=c\nregion=r\naws_access_key_id=AKIA\naws_secret_access_key=SECRET\naws_profile=named\n",
			with(func(l *Legacy) {
				l.Cluster, l.Region, l.AccessKey, l.SecretKey, l.AWSProfile = "c", "r", "AKIA", "SECRET", "named"
			})},
		{"no ecs section", "[other]\ncluster = c\n", defaults},
		{"empty file", "", defaults},
		{"keys outside the section", "cluster = top\n[ecs]\nregion = r\n[next]\ncluster = n\n", with(func(l *Legacy) { l.Region = "r" })},
		{"colon, comments, quotes, BOM, CRLF", "\xef\xbb\xbf# head\r\n; also\r\n[ecs]\r\n  cluster: \"quoted\"  # note\r\nregion = 'us-east-1';x\r\n", with(func(l *Legacy) { l.Cluster, l.Region = "quoted", "us-east-1" })},
		{"section and keys are case-sensitive", "[ECS]\ncluster = a\n[ecs]\nCluster = b\n", defaults},
		{"later key wins", "[ecs]\ncluster = a\ncluster = b\n", with(func(l *Legacy) { l.Cluster = "b" })},
		{"continuation", "[ecs]\ncluster = ab\\\n  cd\\\n  ef\nregion = r\n", with(func(l *Legacy) { l.Cluster, l.Region = "abcdef", "r" })},
		{"backquoted value keeps #", "[ecs]\ncluster = `a#b`\n", with(func(l *Legacy) { l.Cluster = "a#b" })},
		{"quoted key", "[ecs]\n\"cluster\" = q\n", with(func(l *Legacy) { l.Cluster = "q" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseLegacy([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestParseLegacyErrorsHideLines(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"[ecs]\nwJalrXUtnFEMI/K7MDENG\n": "key-value delimiter not found on line 2",
		"[ecs\n":                         "unclosed section on line 1",
	} {
		_, err := ParseLegacy([]byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "wJalr") {
			t.Errorf("%q: error quotes the line", in)
		}
	}
}
