package workbook_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/xuri/excelize/v2"
)

// The description property names the version it is given, and only that.
func TestDescriptionNamesVersion(t *testing.T) {
	s := defaultSummary(t)
	for _, c := range []struct{ version, want string }{
		{"v1.2.0 (commit 0123456789ab, 2026-12-06)", "Built by dprkreport v1.2.0 (commit 0123456789ab, 2026-12-06) from dataset "},
		{"", "Built by dprkreport from dataset "},
	} {
		var buf bytes.Buffer
		if err := workbook.Write(&buf, s, workbook.Options{Date: buildDate, Version: c.version}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetDocProps()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(props.Description, c.want) {
			t.Errorf("version %q: description %q, want it to begin %q", c.version, props.Description, c.want)
		}
	}
}
