package briefing

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// summaryWith computes the default dataset's summary with each edit
// (old, new) applied to claims.toml; an edit that finds nothing fails the
// test, so a fixture cannot silently stop testing what it names.
func summaryWith(t *testing.T, opt report.Options, edits ...[2]string) *report.Summary {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range dataset.Files {
		b, err := dataset.ReadDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	claims := string(fsys[dataset.FileClaims].Data)
	for _, e := range edits {
		if !strings.Contains(claims, e[0]) {
			t.Fatalf("claims.toml has no %q", e[0])
		}
		claims = strings.Replace(claims, e[0], e[1], 1)
	}
	fsys[dataset.FileClaims].Data = []byte(claims)
	d, err := dataset.Load(fsys, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return report.Compute(d, opt)
}

func chartYearOf(t *testing.T, c *chartSpec, year int) chartYear {
	t.Helper()
	for _, y := range c.Years {
		if y.Year == year {
			return y
		}
	}
	t.Fatalf("the chart has no year %d", year)
	return chartYear{}
}

// TestChartPlotsLatestFigures: each originator's point is its latest
// figure, the first-published one a hollow marker with a dated label, and
// the bar spans the latest figures (audit F19: the 2023 bar ran from
// $750M to the superseded $1B and left out the current $660.5M). The
// fixture makes the Panel's "more than $750M" for 2023 a theft figure, so
// that 2023 has two originators and a bar.
func TestChartPlotsLatestFigures(t *testing.T) {
	s := summaryWith(t, report.Options{}, [2]string{
		"id = \"poe-2023-heists-value\"\nstatement = \"The 17 heists of 2023 that the Panel is investigating are valued at more than $750 million.\"\nmetric = \"attack-value-usd\"",
		"id = \"poe-2023-heists-value\"\nstatement = \"The 17 heists of 2023 that the Panel is investigating are valued at more than $750 million.\"\nmetric = \"stolen-usd\"",
	})
	y := chartYearOf(t, yearChart(s), 2023)
	type point struct {
		ID, Value, Label, First string
	}
	var got []point
	for _, p := range y.Points {
		pt := point{p.ClaimID, p.Value.String(), p.Label, ""}
		if p.First != nil {
			pt.First = p.First.Value.String() + " " + p.First.Label
		}
		got = append(got, pt)
	}
	want := []point{
		{"poe-2023-heists-value", "750000000", "more than $750M †", ""},
		{"chainalysis-2023-value", "660500000", "$660.5M", "1000000000 first published about $1B, Jan 2024"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2023 points (-want +got):\n%s", diff)
	}
	if !y.Bar || !y.Low.Equal(decimal.RequireFromString("660500000")) || !y.High.Equal(decimal.RequireFromString("750000000")) {
		t.Errorf("2023 bar = %t %s–%s, want $660.5M–$750M", y.Bar, y.Low, y.High)
	}
	for _, p := range y.Points {
		if p.Value.LessThan(y.Low) || p.Value.GreaterThan(y.High) {
			t.Errorf("%s's latest figure %s lies outside the bar %s–%s", p.ClaimID, p.Value, y.Low, y.High)
		}
	}
}

// TestChartDefaultData: the default dataset's chart, in the terms a
// reader sees: the revised figures at their latest values, the 2025
// figure for part of the year saying so, no bar for a year with one
// figure.
func TestChartDefaultData(t *testing.T) {
	c := yearChart(summaryWith(t, report.Options{}))
	got := map[int][]string{}
	for _, y := range c.Years {
		for _, p := range y.Points {
			l := c.Series[p.Series].Shape.String() + " " + p.Label
			if p.First != nil {
				l += " / " + p.First.Label
			}
			got[y.Year] = append(got[y.Year], l)
		}
		if y.Bar {
			got[y.Year] = append(got[y.Year], "bar "+y.Low.String()+"–"+y.High.String())
		}
	}
	want := map[int][]string{
		2021: {"circle $429M / first published almost $400M, about Feb 2022"},
		2022: {"circle $1.7B", "square $700M", "bar 700000000–1700000000"},
		2023: {"circle $660.5M / first published about $1B, Jan 2024"},
		2024: {"circle $1.34B"},
		2025: {"circle $2.02B", "triangle at least $1.65B, Jan–Sep", "bar 1650000000–2020000000"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("points by year (-want +got):\n%s", diff)
	}
	if c.Title != "Reported DPRK theft by year, by originator" {
		t.Errorf("title = %q", c.Title)
	}
}

// TestChartOpenStart: a period with no start ("up to Jul 2019") is drawn
// open from the first year shown, never closed at it; a period that starts
// before the years shown is cut there, and says so.
func TestChartOpenStart(t *testing.T) {
	s := summaryWith(t, report.Options{}, [2]string{`period = "../2019-07"
scope = "dprk-cyber"`, `period = "../2019-07"
scope = "dprk"`})
	var open *chartSpan
	for i, sp := range yearChart(s).Spans {
		if sp.ClaimID == "poe-2019-estimate" {
			open = &yearChart(s).Spans[i]
		}
	}
	if open == nil {
		t.Fatal("the open-start figure is not among the chart's spans")
	}
	if !open.OpenStart || open.From != 0 || open.CutStart {
		t.Errorf("open start: OpenStart=%t From=%v CutStart=%t, want true 0 false", open.OpenStart, open.From, open.CutStart)
	}
	if want := "up to Jul 2019: up to $2B, the UN Panel of Experts"; open.Label != want {
		t.Errorf("label = %q, want %q", open.Label, want)
	}
	// Jul 2019 ends 7/12 of the way through 2019, the third year shown.
	if years := float64(2019 - s.Years[0].Year); open.To < years+0.57 || open.To > years+0.59 {
		t.Errorf("To = %v, want the end of Jul 2019 (%v + 7/12)", open.To, years)
	}

	cut := yearChart(summaryWith(t, report.Options{From: 2023, To: 2023}))
	found := false
	for _, sp := range cut.Spans {
		if sp.ClaimID != "poe-2017-2023-value" {
			continue
		}
		found = true
		if !sp.CutStart || sp.OpenStart || sp.CutEnd || sp.From != 0 || sp.To != 1 {
			t.Errorf("2017–2023 shown for 2023 only: %+v, want cut at its start, From 0, To 1", sp)
		}
	}
	if !found {
		t.Error("2017–2023 is not among the spans of a 2023-only chart")
	}
}

// TestChartWithoutPoints: years with no figure of their own give a chart
// of the multi-year figures alone, titled for what it shows.
func TestChartWithoutPoints(t *testing.T) {
	c := yearChart(summaryWith(t, report.Options{From: 2018, To: 2019}))
	if len(c.Years) != 2 || anyPoint(c.Years) || len(c.Spans) == 0 {
		t.Fatalf("2018–2019: %d years, points %t, %d spans; want 2 years, no point, the spans", len(c.Years), anyPoint(c.Years), len(c.Spans))
	}
	if c.Title != chartTitleSpans {
		t.Errorf("title = %q, want %q", c.Title, chartTitleSpans)
	}
	for _, y := range c.Years {
		if !y.NoFigure {
			t.Errorf("%d is not marked as having no single-year figure", y.Year)
		}
	}
}
