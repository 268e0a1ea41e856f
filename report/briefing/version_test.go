package briefing_test

import (
	"bytes"
	"testing"

	"github.com/dprkreport/dprkreport/report/briefing"
)

// testVersion is a version as dprkreport --version prints it; its
// parentheses must survive the PDF string and the XMP packet.
const testVersion = "v1.2.0 (commit 0123456789ab, 2026-12-06)"

// The producer entry names the version it is given, and only that. The
// Info dictionary's copy is checked against the XMP one by
// TestPDFStandards (which needs qpdf).
func TestProducerNamesVersion(t *testing.T) {
	doc := compose(t, load(t, nil), nil)
	for _, c := range []struct{ version, want string }{
		{testVersion, "<pdf:Producer>dprkreport v1.2.0 (commit 0123456789ab, 2026-12-06) with gofpdf 1.16.2</pdf:Producer>"},
		{"", "<pdf:Producer>dprkreport with gofpdf 1.16.2</pdf:Producer>"},
	} {
		var buf bytes.Buffer
		if _, err := briefing.Render(&buf, doc, briefing.Options{Date: buildDate, Version: c.version}); err != nil {
			t.Fatal(err)
		}
		if n := bytes.Count(buf.Bytes(), []byte("<pdf:Producer>")); n != 1 || !bytes.Contains(buf.Bytes(), []byte(c.want)) {
			t.Errorf("version %q: want one %s in the XMP metadata, found %d producers", c.version, c.want, n)
		}
	}
}
