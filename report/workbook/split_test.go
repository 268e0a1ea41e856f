package workbook

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

// Citations that run past a worksheet's rows continue on further sheets,
// and every citation link still lands on the row of its citation. Here a
// sheet is made to hold 50 rows so that the default dataset's citations
// split over three sheets while its claims still fit on one.
func TestCitationsContinueOnMoreSheets(t *testing.T) {
	sheetHolds(t, 50)

	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	s := report.Compute(d, report.Options{})
	n := len(s.Citations)
	want := (n + 49) / 50
	if want < 3 {
		t.Fatalf("only %d citations: the test needs three sheets", n)
	}
	var buf bytes.Buffer
	if err := Write(&buf, s, Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	names := SheetNames(s, nil)
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(names, "|") {
		t.Fatalf("sheets %q, want %q", got, names)
	}
	seen := 0
	for i := range want {
		name := citationSheet(i)
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		if rows[0][0] != "No." {
			t.Errorf("%s: header %q", name, rows[0])
		}
		for _, r := range rows[1:] {
			seen++
			if r[0] != strconv.Itoa(seen) {
				t.Fatalf("%s: citation %s where %d was expected", name, r[0], seen)
			}
		}
	}
	if seen != n {
		t.Errorf("the sheets hold %d citations, want %d", seen, n)
	}

	// Each citation link points at the row whose No. is the record's first
	// citation.
	links := 0
	for _, in := range s.Incidents {
		sheet, row := citationCell(in.FirstCite)
		no, _ := f.GetCellValue(sheet, fmt.Sprintf("A%d", row))
		if no != strconv.Itoa(in.FirstCite) {
			t.Errorf("incident %s: first citation %d, but %s!A%d holds %q", in.ID, in.FirstCite, sheet, row, no)
		}
		links++
	}
	for r := 2; r <= len(s.Claims)+1; r++ {
		ref := fmt.Sprintf("%s%d", claimColCitations, r)
		_, target, _ := f.GetCellHyperLink(SheetClaims, ref)
		c := s.Claims[r-2]
		if len(c.Refs) == 0 {
			continue
		}
		sheet, row := citationCell(c.FirstCite)
		if want := fmt.Sprintf(`%s!A%d`, quote(sheet), row); target != want {
			t.Errorf("claim %s: link to %q, want %q", c.ID, target, want)
		}
		links++
	}
	if links == 0 {
		t.Fatal("no links checked")
	}
	// The Overview names every sheet of citations.
	rows, _ := f.GetRows(SheetOverview)
	var listed []string
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], SheetCitations) {
			listed = append(listed, r[0])
		}
	}
	if len(listed) != want {
		t.Errorf("the Overview lists %q, want %d sheets of citations", listed, want)
	}
}

// A list that cannot fit a worksheet is refused with its count.
func TestListTooLongForASheet(t *testing.T) {
	sheetHolds(t, 1)
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	err = Write(&bytes.Buffer{}, report.Compute(d, report.Options{}), Options{})
	if err == nil || !strings.Contains(err.Error(), "sheet Incidents: 4 rows do not fit in a worksheet, which holds 1 under its header") {
		t.Errorf("got %v", err)
	}
}

// sheetHolds makes a worksheet hold n rows under its header for the rest
// of the test.
func sheetHolds(t *testing.T, n int) {
	saved := maxListRows
	maxListRows = n
	t.Cleanup(func() { maxListRows = saved })
}
