package briefing_test

import (
	"bytes"
	"testing"

	"github.com/dprkreport/dprkreport/report/briefing"
)

// A document Prepare began gives the same bytes as one Render begins; a
// Prepared handed to a second Render gives that one a document of its own.
func TestPreparedRendersTheSame(t *testing.T) {
	doc := compose(t, load(t, nil), nil)
	want := render(t, doc, nil)
	pre := briefing.Prepare()
	for i := range 2 {
		var buf bytes.Buffer
		if _, err := briefing.Render(&buf, doc, briefing.Options{Date: buildDate, Version: testVersion, Prepared: pre}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("render %d with a Prepared differs (%d bytes, want %d)", i+1, buf.Len(), len(want))
		}
	}
}
