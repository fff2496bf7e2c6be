// Package stepio is what every JSON step does at its edges: read the
// pipeline document from a file argument or stdin, and write it (or what
// --query makes of it) to stdout.
package stepio

import (
	"context"
	"io"
	"os"

	"github.com/ecs-toolkit/ecs-toolkit/internal/exitcode"
	"github.com/ecs-toolkit/ecs-toolkit/internal/pipeline"
	"github.com/ecs-toolkit/ecs-toolkit/internal/query"
)

// Input reads the document from the file named by the one positional
// argument, or from stdin when there is none or it is "-".
func Input(args []string, stdin io.Reader) (*pipeline.Document, error) {
	switch {
	case len(args) > 1:
		return nil, exitcode.Usagef("too many arguments %q: give one document file, or none to read stdin", args)
	case len(args) == 1 && args[0] != "-":
		return pipeline.ReadFile(args[0])
	}
	if stdin == nil {
		return nil, exitcode.Usagef("no document: give a file or pipe one in")
	}
	return pipeline.Read(stdin, "<stdin>")
}

// Output writes doc to w, through the --query expression when there is one.
func Output(ctx context.Context, doc *pipeline.Document, expr string, w io.Writer) error {
	if expr != "" {
		return query.Apply(ctx, doc, expr, w)
	}
	return doc.Write(w)
}

// Cluster connects a step's --cluster with the document's "cluster" key,
// so a pipeline names its cluster once: a cluster given on the command
// line is recorded in the document for the steps after this one, and
// without one the document's cluster becomes the flag's value (before
// ECS_CLUSTER and the default configuration). A --cluster-config given on
// the command line (clusterConfig) names its own cluster, so the
// document's is not taken then.
func Cluster(doc *pipeline.Document, flag *string, clusterConfig string) error {
	if *flag != "" {
		return doc.Set(pipeline.KeyCluster, *flag)
	}
	if clusterConfig != "" {
		return nil
	}
	var name string
	if _, err := doc.Get(pipeline.KeyCluster, &name); err != nil {
		return exitcode.Usagef("the document's cluster: %v (the cluster's name)", err)
	}
	*flag = name
	return nil
}

// IsTerminal reports whether r is a character device (a terminal, or
// /dev/null): nothing can be piped in through it, so a step that would
// read a document there says what it wants instead of waiting.
func IsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
