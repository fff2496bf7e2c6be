package compose2td

import (
	"fmt"
	"io"
	"strings"

	"github.com/sirupsen/logrus"
)

// captureLoaderLogs sends compose-go's log lines (it logs warnings such as
// unset variables through logrus's global logger) to stderr in our format.
// The "version is obsolete" notice is dropped: nearly every file the original
// read has a version line, and it changes nothing here.
func captureLoaderLogs(stderr io.Writer) {
	logrus.SetOutput(io.Discard)
	logrus.SetLevel(logrus.WarnLevel)
	logrus.StandardLogger().ReplaceHooks(logrus.LevelHooks{})
	logrus.AddHook(stderrHook{stderr})
}

type stderrHook struct{ w io.Writer }

func (stderrHook) Levels() []logrus.Level {
	return []logrus.Level{logrus.PanicLevel, logrus.FatalLevel, logrus.ErrorLevel, logrus.WarnLevel}
}

func (h stderrHook) Fire(e *logrus.Entry) error {
	if strings.Contains(e.Message, "attribute `version` is obsolete") {
		return nil
	}
	_, err := fmt.Fprintf(h.w, "%s: warning: %s\n", name, e.Message)
	return err
}
