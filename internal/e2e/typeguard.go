package e2e

import (
	"bytes"
	"fmt"
	"io"
	"regexp"

	"github.com/rogpeppe/go-internal/testscript"
)

// Every step's stderr also goes through a type-name guard: a message that
// names a Go type ("map[string]*compose.ServiceParams", "field x not found
// in type regcreds.Registry") or a library's internals instead of the
// file, the field and the problem in user words is noted in
// $WORK/.go-type-names, and the script fails when it ends, whatever it
// expected. Like the leak guard, it watches every step's output without a
// line in the script.
var goTypePatterns = []*regexp.Regexp{
	regexp.MustCompile(`map\[[a-z*]`),                                                  // map[string]...
	regexp.MustCompile(`\[\]\*?[a-z][a-z0-9]*\b`),                                      // []string, []compose.Secret
	regexp.MustCompile(`\*[a-z][a-z0-9]*\.[A-Z]`),                                      // *compose.ServiceParams
	regexp.MustCompile(`\b(?:into|in type|of type|for type) \*?[a-z][a-z0-9]*\.[A-Z]`), // into awsconf.Cluster
	regexp.MustCompile(` in type `),                                                    // field x not found in type T
	regexp.MustCompile(`\b(?:struct|interface) ?\{`),                                   // struct { ... }
	regexp.MustCompile(`json: (?:cannot unmarshal|unknown field)`),                     // encoding/json's own words
	regexp.MustCompile(`Go (?:value|struct field) `),                                   // ... into Go value of type
	regexp.MustCompile(`cannot (?:unmarshal|construct) !!`),                            // yaml's words
	regexp.MustCompile(`%!`),                                                           // a bad fmt verb
}

// goTypeLog is where steps record what they printed, under $WORK.
const goTypeLog = ".go-type-names"

type typeGuard struct {
	out      io.Writer
	name     string // "ecs-regcreds stderr"
	line     []byte // the unfinished line, to match across writes
	reported map[string]bool
}

func newTypeGuard(out io.Writer, name string) *typeGuard {
	return &typeGuard{out: out, name: name, reported: map[string]bool{}}
}

func (g *typeGuard) Write(p []byte) (int, error) {
	g.line = append(g.line, p...)
	for {
		i := bytes.IndexByte(g.line, '\n')
		if i < 0 {
			break
		}
		g.check(g.line[:i])
		g.line = g.line[i+1:]
	}
	if len(g.line) > 4096 { // a line that never ends is checked in pieces
		g.check(g.line)
		g.line = g.line[len(g.line)-256:]
	}
	return g.out.Write(p)
}

// Close checks a last line without a newline.
func (g *typeGuard) Close() error {
	g.check(g.line)
	g.line = nil
	return nil
}

func (g *typeGuard) check(line []byte) {
	for _, re := range goTypePatterns {
		if re.Match(line) && !g.reported[string(line)] {
			g.reported[string(line)] = true
			note(goTypeLog, fmt.Sprintf("%s printed %q (matches %s)", g.name, scrub(line), re))
		}
	}
}

// scrub hides in a line quoted in the log whatever the leak guard guards:
// the log goes into test output.
func scrub(line []byte) []byte {
	for _, re := range secretPatterns {
		line = re.ReplaceAll(line, []byte("(secret)"))
	}
	for _, v := range envSecrets() {
		line = bytes.ReplaceAll(line, v, []byte("(secret)"))
	}
	return line
}

// failOnGoTypes fails the script at its end if any step named a Go type.
func failOnGoTypes(env *testscript.Env) {
	failOnNotes(env, goTypeLog, "a step's message names Go types instead of the file and field in user words")
}
