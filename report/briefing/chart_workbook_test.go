package briefing

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// TestChartAgreesWithYearlyTotals: for every year, the value the
// workbook's Yearly totals sheet caches for an originator is the value the
// chart plots for it (yearChart), blank where the chart has no point, and
// the sheet's lowest and highest are the chart's bar ends; a point the
// chart draws with a first-published marker is worded as revised. Before
// the yearly table read each figure's latest value, the default 2023 cell
// held Chainalysis' first-published $1 billion while the chart plotted its
// revised $660.5 million (audit F19).
func TestChartAgreesWithYearlyTotals(t *testing.T) {
	overlay := func(name string) *report.Summary {
		data := testtool.DefaultWith(t, dataset.Default(), filepath.Join("..", "testdata", "overlays", name+".txtar"))
		d, err := dataset.Load(data, dataset.Options{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return report.Compute(d, report.Options{})
	}
	for _, c := range []struct {
		name string
		s    func() *report.Summary
	}{
		{"default", func() *report.Summary { return summaryWith(t, report.Options{}) }},
		{"from-2022", func() *report.Summary { return summaryWith(t, report.Options{From: 2022}) }},
		{"two-originators-2023", func() *report.Summary {
			return summaryWith(t, report.Options{}, [2]string{
				"id = \"poe-2023-heists-value\"\nstatement = \"The 17 heists of 2023 that the Panel is investigating are valued at more than $750 million.\"\nmetric = \"attack-value-usd\"",
				"id = \"poe-2023-heists-value\"\nstatement = \"The 17 heists of 2023 that the Panel is investigating are valued at more than $750 million.\"\nmetric = \"stolen-usd\"",
			})
		}},
		{"revision-reorders-highest", func() *report.Summary { return overlay("revision-reorders-highest") }},
		{"revisions-out-of-order", func() *report.Summary { return overlay("revisions-out-of-order") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := c.s()
			checkYearlyTotals(t, yearChart(s), yearlyRows(t, s))
		})
	}
}

// yearlyRows writes s's workbook and reads its Yearly totals sheet back as
// raw cell values.
func yearlyRows(t *testing.T, s *report.Summary) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.Write(&buf, s, workbook.Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(workbook.SheetYears, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// checkYearlyTotals compares each year of the chart with its row of the
// Yearly totals sheet: two columns per originator (the figure, as
// worded), then the lowest and the highest.
func checkYearlyTotals(t *testing.T, c *chartSpec, rows [][]string) {
	t.Helper()
	if len(rows) < len(c.Years)+1 {
		t.Fatalf("the Yearly totals sheet has %d rows for %d years", len(rows), len(c.Years))
	}
	at := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	for j, se := range c.Series {
		if got, want := at(rows[0], 2+2*j), report.Capital(se.Name)+": highest figure (USD)"; got != want {
			t.Fatalf("column %d is %q, the chart's series %d is %q", 3+2*j, got, j, se.Name)
		}
	}
	points := 0
	for i, y := range c.Years {
		row := rows[i+1]
		if at(row, 0) != decimal.NewFromInt(int64(y.Year)).String() {
			t.Fatalf("row %d is year %q, the chart's %d", i+2, at(row, 0), y.Year)
		}
		for j := range c.Series {
			var p *chartPoint
			for k := range y.Points {
				if y.Points[k].Series == j {
					p = &y.Points[k]
				}
			}
			sameFigure(t, y.Year, c.Series[j].Name, at(row, 2+2*j), p)
			if p != nil {
				points++
				if worded := at(row, 3+2*j); p.First != nil && !strings.Contains(worded, "(revised ") {
					t.Errorf("%d, %s: the chart marks the first-published figure, the workbook words %q", y.Year, c.Series[j].Name, worded)
				}
			}
		}
		n := 2 + 2*max(len(c.Series), 1)
		var lo, hi *chartPoint
		if len(y.Points) > 0 {
			lo, hi = &chartPoint{Value: y.Low}, &chartPoint{Value: y.High}
		}
		sameFigure(t, y.Year, "lowest", at(row, n), lo)
		sameFigure(t, y.Year, "highest", at(row, n+1), hi)
	}
	if points == 0 {
		t.Fatal("the chart plots no point: the comparison checked nothing")
	}
}

// sameFigure checks a cached cell against a chart point's value: blank
// when there is no point.
func sameFigure(t *testing.T, year int, what, cell string, p *chartPoint) {
	t.Helper()
	if p == nil {
		if cell != "" {
			t.Errorf("%d, %s: the workbook caches %q, the chart plots nothing", year, what, cell)
		}
		return
	}
	v, err := decimal.NewFromString(cell)
	if err != nil || !v.Equal(p.Value) {
		t.Errorf("%d, %s: the workbook caches %q, the chart plots %s", year, what, cell, p.Value)
	}
}
