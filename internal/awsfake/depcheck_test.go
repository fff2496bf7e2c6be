package awsfake

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestDependencies: like go-containerregistry's pkg/registry, the fake
// depends only on the standard library, plus the SDK's type packages for
// shapes, ecsjson for AWS-cased JSON and go-containerregistry's registry
// for ECR's image bytes. Never the SDK clients: the fake
// must not share code with what it tests.
func TestDependencies(t *testing.T) {
	allowed := regexp.MustCompile(`^(github\.com/aws/aws-sdk-go-v2/service/[a-z0-9]+/types|github\.com/google/go-containerregistry/pkg/registry|github\.com/ecs-toolkit/ecs-toolkit/internal/ecsjson|github\.com/ecs-toolkit/ecs-toolkit/internal/awsfake/internal/[a-z]+)$`)
	// The fake's own internal packages (the wire protocols) are held to
	// the same rule.
	for _, dir := range []string{".", "internal/wire"} {
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		for _, f := range files {
			name := filepath.Join(dir, f.Name())
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range file.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				std := !strings.Contains(strings.Split(path, "/")[0], ".")
				if !std && !allowed.MatchString(path) {
					t.Errorf("%s imports %s", name, path)
				}
			}
		}
	}
}
