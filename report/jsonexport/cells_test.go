package jsonexport_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/workbook"
)

// asCell writes a JSON value the way the workbook's cell shows it, by the
// kind of column.
type asCell func(v any) string

func plain(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []any:
		var s []string
		for _, x := range v {
			s = append(s, plain(x))
		}
		return strings.Join(s, "; ")
	}
	return fmt.Sprint(v)
}

func qualifier(v any) string {
	if w := report.QualifierWords(plain(v)); w != "" {
		return w
	}
	if v == nil {
		return ""
	}
	return "(plain figure)"
}

func yesNo(v any) string {
	if v.(bool) {
		return "yes"
	}
	return "no"
}

func oneZero(v any) string {
	if v.(bool) {
		return "1"
	}
	return "0"
}

func orNotKnown(v any) string {
	if plain(v) == "" {
		return "(not known)"
	}
	return plain(v)
}

// number marks a column compared as a number: the cell holds a float.
const number = "number"

// column maps a JSON key to a workbook header and how its cell shows it.
type column struct {
	key, header string
	cell        any // asCell, or number
}

var sheets = []struct {
	sheet, table string
	cols         []column
}{
	{workbook.SheetIncidents, "incidents", []column{
		{"id", "ID", nil}, {"victim", "Victim", nil}, {"victim_type", "Victim type", nil}, {"year", "Year", nil},
		{"amount_usd", "Amount (USD)", number}, {"qualifier", "Qualifier", asCell(qualifier)},
		{"amount_matches_estimate", "Amount matches a published estimate", asCell(yesNo)}, {"low_usd", "Low estimate (USD)", number},
		{"high_usd", "High estimate (USD)", number}, {"range_note", "Range of estimates", nil}, {"technique", "Technique", nil},
		{"actor", "Attributed actor", nil}, {"hedge", "Attribution hedge", nil}, {"attribution_basis", "Attribution basis", nil},
		{"confidence", "Confidence", nil}, {"attribution_note", "Attribution note", nil}, {"citations", "Citations", nil},
		{"date_note", "Date note", nil}, {"note", "Note", nil},
	}},
	{workbook.SheetClaims, "claims", []column{
		{"id", "ID", nil}, {"statement", "Statement", nil}, {"metric", "Metric", nil}, {"value", "Value", number},
		{"unit", "Unit", nil}, {"qualifier", "Qualifier", asCell(qualifier)}, {"hedge", "Hedge", nil}, {"as_figure", "As a figure", nil},
		{"period", "Period", nil}, {"year", "Year", nil}, {"scope", "Scope", nil}, {"originator_id", "Originator ID", nil},
		{"originator", "Originator", nil}, {"relayed_via", "Relayed via", nil}, {"grade", "Grade", nil},
		{"latest_revision", "Latest revision", number}, {"revision_qualifier", "Revision qualifier", asCell(qualifier)},
		{"revised_on", "Revised on", nil}, {"latest_value", "Latest value", number}, {"articles", "Articles", nil}, {"independent_originators", "Independent originators", nil},
		{"citations", "Citations", nil}, {"period_runs_past_filter", "Period runs past the filter", asCell(yesNo)}, {"note", "Note", nil},
		{"highest_of_year", "Highest of its originator's theft figures for the year", asCell(oneZero)},
		{"grade_from", "Grade from", nil},
	}},
	{workbook.SheetSources, "sources", []column{
		{"number", "No.", nil}, {"id", "ID", nil}, {"title", "Title", nil}, {"outlet", "Outlet", nil},
		{"author", "Author", asCell(orNotKnown)}, {"published", "Published", nil}, {"date_inferred", "Date inferred", asCell(yesNo)},
		{"url", "URL", asCell(orNotKnown)}, {"relays", "Relays", nil}, {"reliability", "Reliability", nil},
		{"reliability_reason", "Reliability reason", nil}, {"claims", "Claims citing", nil}, {"note", "Note", nil}, {"kind", "Kind", nil},
	}},
	{workbook.SheetCitations, "citations", []column{
		{"n", "No.", nil}, {"record", "Record", nil}, {"record_id", "Record ID", nil}, {"supports", "Supports", nil},
		{"source", "Source", nil}, {"source_title", "Source title", nil}, {"source_kind", "Source kind", nil}, {"para", "Para.", nil},
		{"wording", "The source's wording of the figure", nil}, {"excerpt", "Excerpt", nil}, {"note", "Note", nil},
		{"mismatch", "Why the wording differs", nil},
	}},
	{workbook.SheetChanges, "changes", []column{
		{"n", "No.", nil}, {"importance", "Importance", nil}, {"change", "Change", nil}, {"record", "Record", nil},
		{"record_id", "Record ID", nil}, {"what", "What", nil}, {"field", "Field", nil}, {"before", "Before", nil},
		{"after", "After", nil}, {"citations", "Citations", nil}, {"sources_gone", "Sources no longer in the dataset", nil},
	}},
}

// TestWorkbookCells reads the workbook of the same summary back and checks
// that every value of the export's list tables equals its cell.
func TestWorkbookCells(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := workbook.Write(&buf, c.sum, workbook.Options{Date: buildDate, Edition: c.ed}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			data := export(t, c.sum, c.ed)
			names := workbook.SheetNames(c.sum, c.ed)
			for _, sh := range sheets {
				compareSheet(t, f, names, sh.sheet, rows(t, data, sh.table), sh.cols, c.ed != nil)
			}
			compareYears(t, f, c.sum, rows(t, data, "years"))
		})
	}
}

// compareSheet compares a table with a sheet (the Citations sheet may be
// split into several, read one after the other).
func compareSheet(t *testing.T, f *excelize.File, names []string, sheet string, table []map[string]any, cols []column, edition bool) {
	t.Helper()
	var header []string
	var cells [][]string
	for _, name := range names {
		if name != sheet && !strings.HasPrefix(name, sheet+" ") {
			continue
		}
		rs, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		header = rs[0]
		cells = append(cells, rs[1:]...)
	}
	if header == nil {
		if len(table) > 0 {
			t.Errorf("%s: no sheet for %d rows", sheet, len(table))
		}
		return
	}
	if sheet == workbook.SheetChanges && len(table) == 0 {
		return // the sheet says in one line that nothing changed
	}
	if edition && (sheet == workbook.SheetClaims || sheet == workbook.SheetIncidents) {
		cols = append(cols, column{"changed", header[len(header)-1], nil})
	}
	if len(cells) != len(table) {
		t.Errorf("%s: %d rows, the export has %d", sheet, len(cells), len(table))
		return
	}
	at := map[string]int{}
	for i, h := range header {
		at[h] = i
	}
	for r, row := range table {
		for _, col := range cols {
			i, ok := at[col.header]
			if !ok {
				t.Fatalf("%s: no column %q", sheet, col.header)
			}
			got := ""
			if i < len(cells[r]) {
				got = cells[r][i]
			}
			if !same(row[col.key], got, col.cell) {
				t.Errorf("%s row %d %s: the export has %v, the cell %q", sheet, r+2, col.header, row[col.key], got)
			}
		}
	}
}

func same(v any, cell string, how any) bool {
	switch how := how.(type) {
	case asCell:
		return how(v) == cell
	case string: // number
		if v == nil {
			return cell == ""
		}
		a, err1 := decimal.NewFromString(plain(v))
		b, err2 := decimal.NewFromString(cell)
		return err1 == nil && err2 == nil && a.Equal(b)
	}
	return plain(v) == cell
}

// compareYears checks the Yearly totals sheet's year rows: incidents, each
// originator's figure and wording, the lowest and highest.
func compareYears(t *testing.T, f *excelize.File, s *report.Summary, years []map[string]any) {
	t.Helper()
	rs, err := f.GetRows(workbook.SheetYears, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, y := range years {
		row := rs[i+1]
		get := func(c int) string {
			if c < len(row) {
				return row[c]
			}
			return ""
		}
		n := len(s.YearOriginators)
		want := []any{y["year"], y["incidents"]}
		hows := []any{nil, nil}
		for _, o := range y["by_originator"].([]any) {
			o := o.(map[string]any)
			worded := plain(o["as_worded"])
			if c := o["figures"].(json.Number).String(); c != "0" && c != "1" {
				worded += "; highest of its " + c + " figures for the year"
			}
			want = append(want, o["value_usd"], worded)
			hows = append(hows, number, nil)
		}
		if n == 0 {
			want, hows = append(want, nil), append(hows, nil)
		}
		want = append(want, y["lowest_usd"], y["highest_usd"], y["originators_reporting"])
		hows = append(hows, number, number, nil)
		for c := range want {
			if !same(want[c], get(c), hows[c]) {
				t.Errorf("%s row %d column %d: the export has %v, the cell %q", workbook.SheetYears, i+2, c+1, want[c], get(c))
			}
		}
	}
}
