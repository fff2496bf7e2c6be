package image

import (
	"regexp"
	"strings"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
)

// Name is an image name as push and pull take it (spec §11.1):
// [REGISTRY/]REPOSITORY[:TAG|@DIGEST].
type Name struct {
	Registry   string // "<acct>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]", or ""
	Repository string
	Tag        string // "" when none was given
	Digest     string // "sha256:…" after "@" (pull only)
}

var nameRE = regexp.MustCompile(`^(?:([a-zA-Z0-9][\w-]*\.dkr\.ecr(?:-fips)?\.[a-zA-Z0-9][\w-]*\.amazonaws\.com(?:\.cn)?)/)?([0-9a-z\-_/]+)(?:([:@|])([0-9A-Za-z_.\-:]+))?$`)

// ecrRepoRE is what ECR takes as a repository name.
var ecrRepoRE = regexp.MustCompile(`^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`)

var accountRE = regexp.MustCompile(`^([0-9]{12})\.dkr\.`)

// ParseName reads an image name. Push takes only ":" before a tag; pull
// also takes "@" before a digest (and the original's "|").
func ParseName(s string, pull bool) (Name, error) {
	m := nameRE.FindStringSubmatch(s)
	if m == nil || (!pull && m[3] != "" && m[3] != ":") {
		format := "ECR_REPOSITORY[:TAG]"
		if pull {
			format = "ECR_REPOSITORY[:TAG|@DIGEST]"
		}
		return Name{}, exitcode.Usagef("%q: please specify the image name in the correct format [%s]", s, format)
	}
	n := Name{Registry: m[1], Repository: m[2], Tag: m[4]}
	if m[3] == "@" {
		n.Tag, n.Digest = "", m[4]
		if !strings.HasPrefix(n.Digest, "sha256:") {
			return Name{}, exitcode.Usagef("%q: a digest is sha256:<64 hex digits>", s)
		}
	}
	return n, nil
}

// Account is the account ID in the registry host.
func (n Name) Account() (string, error) {
	m := accountRE.FindStringSubmatch(n.Registry)
	if m == nil {
		return "", exitcode.Usagef("could not parse account ID from registry URI; URI=%s", n.Registry)
	}
	return m[1], nil
}
