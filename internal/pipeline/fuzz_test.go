package pipeline

import (
	"bytes"
	"os"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read: it must never panic, and a
// document it accepts must survive Write and Read unchanged.
func FuzzRead(f *testing.F) {
	for _, b := range badInputs {
		f.Add([]byte(b.in))
	}
	f.Add([]byte(`{"family":"x","n":1e400,"s":"\ud800","t":"<\u2028>"}`))
	for _, path := range corpusFiles(f) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		d, err := Read(bytes.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		first := mustMarshal(t, d)
		var out bytes.Buffer
		if err := d.Write(&out); err != nil {
			t.Fatalf("Write after a successful Read: %v", err)
		}
		again, err := Read(&out, "written")
		if err != nil {
			t.Fatalf("re-reading written document: %v\n%s", err, out.Bytes())
		}
		if second := mustMarshal(t, again); second != first {
			t.Fatalf("Write/Read changed the document:\n%s\n%s", first, second)
		}
	})
}
