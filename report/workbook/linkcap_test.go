package workbook

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

// linkTargets reads every linked cell of a workbook: "Sheet!A1" → its
// target, from a hyperlink or, failing that, from a HYPERLINK formula.
func linkTargets(t *testing.T, data []byte) (targets map[string]string, hyperlinks, formulas map[string]int) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	targets, hyperlinks, formulas = map[string]string{}, map[string]int{}, map[string]int{}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				ref := cell(c+1, r+1)
				if ok, target, _ := f.GetCellHyperLink(sheet, ref); ok {
					targets[sheet+"!"+ref] = target
					hyperlinks[sheet]++
				} else if fm, _ := f.GetCellFormula(sheet, ref); strings.HasPrefix(fm, `HYPERLINK("#`) {
					targets[sheet+"!"+ref] = fm[len(`HYPERLINK("#`):strings.Index(fm, `",`)]
					formulas[sheet]++
				}
			}
		}
	}
	return targets, hyperlinks, formulas
}

// Excel keeps 65,530 hyperlinks on a worksheet. Past that, a link within
// the workbook becomes a HYPERLINK formula over its label (a number the
// program makes, never dataset text) and a web address stays text: here a
// sheet is made to keep 5 links.
func TestLinksPastExcelsLimit(t *testing.T) {
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	s := report.Compute(d, report.Options{})
	write := func() []byte {
		var buf bytes.Buffer
		if err := Write(&buf, s, Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want, _, _ := linkTargets(t, write())
	saved := maxSheetLinks
	maxSheetLinks = 5
	t.Cleanup(func() { maxSheetLinks = saved })
	got, hyperlinks, formulas := linkTargets(t, write())
	for sheet, n := range hyperlinks {
		if n > maxSheetLinks {
			t.Errorf("%s: %d hyperlinks, more than %d", sheet, n, maxSheetLinks)
		}
	}
	if formulas[SheetCitations] == 0 || formulas[SheetClaims] == 0 || hyperlinks[SheetCitations] != 5 {
		t.Fatalf("hyperlinks %v, formulas %v: the cap was not reached", hyperlinks, formulas)
	}
	web := 0
	for ref, target := range want {
		switch {
		case strings.HasPrefix(target, "https://") || strings.HasPrefix(target, "http://"):
			if g, ok := got[ref]; ok && g != target {
				t.Errorf("%s links to %q, want %q or none", ref, g, target)
			}
			if _, ok := got[ref]; !ok {
				web++
			}
		case got[ref] != target:
			t.Errorf("%s links to %q, want %q", ref, got[ref], target)
		}
	}
	if web == 0 {
		t.Error("no web address past the cap")
	}
	t.Logf("hyperlinks %v, formulas %v, %d web addresses as text", hyperlinks, formulas, web)
}
