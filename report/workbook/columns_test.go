package workbook

import (
	"bytes"
	"testing"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

// The letters that defined names and formulas use for the Claims sheet
// name the columns whose headers say so: inserting a column must move the
// constants too.
func TestClaimColumns(t *testing.T) {
	d, err := dataset.Load(dataset.Default(), dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, report.Compute(d, report.Options{}), Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for col, want := range map[string]string{
		claimColID: "ID", claimColMetric: "Metric", claimColValue: "Value", claimColYear: "Year", claimColScope: "Scope",
		claimColOriginator: "Originator ID", claimColRevised: "Latest revision", claimColLatest: "Latest value", claimColCitations: "Citations",
		claimColTop: "Highest of its originator's theft figures for the year",
	} {
		got, err := f.GetCellValue(SheetClaims, col+"1")
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Claims!%s1 is %q, the formulas take it for %q", col, got, want)
		}
	}
}
