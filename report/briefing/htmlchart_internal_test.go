package briefing

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/report"
)

// The page's chart of years with no figure of their own (multi-year
// figures only, no legend entry) draws its brackets and its tables.
func TestHTMLChartWithoutPoints(t *testing.T) {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	writeChart(w, summaryWith(t, report.Options{From: 2018, To: 2019}), "chart-1")
	w.Flush()
	page := buf.String()
	for _, want := range []string{chartTitleSpans, `class="bracket"`, "The chart&#39;s multi-year figures", "no single-year figure"} {
		if !strings.Contains(page, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}
