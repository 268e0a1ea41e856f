package workbook_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/dprkreport/dprkreport/templates"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// overlaySummary computes the default dataset with
// report/testdata/overlays/NAME.txtar added to it.
func overlaySummary(t testing.TB, name string) *report.Summary {
	t.Helper()
	data := testtool.DefaultWith(t, dataset.Default(), filepath.Join("..", "testdata", "overlays", name+".txtar"))
	d, err := dataset.Load(data, dataset.Options{Name: name})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return report.Compute(d, report.Options{})
}

// sheetRows reads a sheet of the workbook as rows of cell text keyed by
// the header row's names.
func sheetRows(t *testing.T, f *excelize.File, sheet string) []map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, v := range row {
			m[rows[0][i]] = v
		}
		out = append(out, m)
	}
	return out
}

var confirmedSentence = regexp.MustCompile(`(None|\d+) of the (\d+) figures (?:is|are) confirmed by a second independent originator`)

// TestArtifactsAgree builds both artifacts the way a run does and checks
// that what the briefing says equals what the workbook caches: the counts
// of figures and of confirmed figures, and every chart label's revision
// against the Claims sheet's latest revision.
func TestArtifactsAgree(t *testing.T) {
	tmpl, err := briefing.Parse(templates.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"default", "undated-share", "revisions-out-of-order", "revision-reorders-highest"} {
		t.Run(name, func(t *testing.T) {
			s := defaultSummary(t)
			if name != "default" {
				s = overlaySummary(t, name)
			}
			doc, err := briefing.Compose(s, nil, tmpl)
			if err != nil {
				t.Fatal(err)
			}
			var trace bytes.Buffer
			var pdf bytes.Buffer
			if _, err := briefing.Render(&pdf, doc, briefing.Options{Date: buildDate, Trace: &trace}); err != nil {
				t.Fatal(err)
			}
			var xlsx bytes.Buffer
			if err := workbook.Write(&xlsx, s, workbook.Options{Date: buildDate, Numbering: doc.Numbering}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&xlsx)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			checkCounts(t, f, string(doc.Markdown))
			checkChartRevisions(t, f, trace.String())
		})
	}
}

// checkCounts compares the briefing's "N of the M figures are confirmed"
// with the Overview's cached counts.
func checkCounts(t *testing.T, f *excelize.File, markdown string) {
	t.Helper()
	m := confirmedSentence.FindStringSubmatch(markdown)
	if m == nil {
		t.Fatal("the briefing states no count of confirmed figures")
	}
	confirmed, figures := m[1], m[2]
	if confirmed == "None" {
		confirmed = "0"
	}
	overview := map[string]string{}
	rows, err := f.GetRows(workbook.SheetOverview, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 {
			overview[strings.TrimSpace(r[0])] = r[1]
		}
	}
	if got := overview["of which figures"]; got != figures {
		t.Errorf("the workbook counts %s figures, the briefing %s", got, figures)
	}
	if got := overview["confirmed by two or more independent originators"]; got != confirmed {
		t.Errorf("the workbook counts %s confirmed figures, the briefing %s", got, confirmed)
	}
}

var (
	pointLine = regexp.MustCompile(`(?m)^POINT \d+ (\S+) \S+ "(.*)"$`)
	firstLine = regexp.MustCompile(`(?m)^FIRST \d+ (\S+) "(.*)"$`)
)

// checkChartRevisions compares each chart point's label, the originator's
// latest figure, with the Claims sheet's Latest revision and Revision
// qualifier for its claim, and checks that a point has a first-published
// marker exactly when the workbook has a revision for it.
func checkChartRevisions(t *testing.T, f *excelize.File, trace string) {
	t.Helper()
	claims := map[string]map[string]string{}
	for _, r := range sheetRows(t, f, workbook.SheetClaims) {
		claims[r["ID"]] = r
	}
	points := pointLine.FindAllStringSubmatch(trace, -1)
	if len(points) == 0 {
		t.Fatal("the chart draws no labelled point")
	}
	first := map[string]bool{}
	for _, m := range firstLine.FindAllStringSubmatch(trace, -1) {
		first[m[1]] = true
	}
	revised := 0
	for _, d := range points {
		id, label := d[1], d[2]
		row, ok := claims[id]
		if !ok {
			t.Errorf("chart point for %s, which the Claims sheet lacks", id)
			continue
		}
		latest := row["Latest revision"]
		if latest == "" {
			if first[id] {
				t.Errorf("%s: the chart draws a first-published marker, the workbook has no revision", id)
			}
			continue
		}
		revised++
		v, err := strconv.ParseFloat(latest, 64)
		if err != nil {
			t.Fatalf("%s: Latest revision %q: %v", id, latest, err)
		}
		want := report.MoneyShort(decimal.NewFromFloat(v))
		if q := row["Revision qualifier"]; q != "(plain figure)" {
			want = q + " " + want
		}
		if label != want && !strings.HasPrefix(label, want+",") && !strings.HasPrefix(label, want+" ") {
			t.Errorf("%s: the chart labels %q, the workbook's latest revision is %s", id, label, want)
		}
		if !first[id] && row["Value"] != latest {
			t.Errorf("%s: revised from %s to %s, and the chart draws no first-published marker", id, row["Value"], latest)
		}
	}
	if revised == 0 {
		t.Error("no charted figure has a revision: the comparison checked nothing")
	}
}

// An empty report says so, and over what period, in both artifacts: with
// no period asked for, that the dataset holds nothing; with one, that
// nothing falls in it. Never an empty period name ("falls in ;").
func TestEmptyReportSaysSo(t *testing.T) {
	empty := fstest.MapFS{
		"dataset.toml":     {Data: []byte("title = \"Empty\"\nas_of = \"2025-01-31\"\n")},
		"sources.toml":     {Data: nil},
		"originators.toml": {Data: nil},
		"claims.toml":      {Data: nil},
		"incidents.toml":   {Data: nil},
	}
	d, err := dataset.Load(empty, dataset.Options{Name: "empty"})
	if err != nil {
		t.Fatal(err)
	}
	def, err := dataset.Load(dataset.Default(), dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := briefing.Parse(templates.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name                   string
		s                      *report.Summary
		overview, heading, why string
	}{
		{"empty dataset", report.Compute(d, report.Options{}),
			"none: the report is empty, the dataset holds no claims or incidents, for any year",
			"## Nothing to report", "This report is empty: the dataset holds no claims or incidents, for any year."},
		{"empty period", report.Compute(def, report.Options{From: 2030}),
			"none: the report is empty, nothing in the dataset falls in 2030 onwards",
			"## Nothing in this period", "No claim or incident in the dataset falls in 2030 onwards"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !c.s.Empty() {
				t.Fatal("the report is not empty")
			}
			doc, err := briefing.Compose(c.s, nil, tmpl)
			if err != nil {
				t.Fatal(err)
			}
			md := string(doc.Markdown)
			for _, want := range []string{c.heading, c.why} {
				if !strings.Contains(md, want) {
					t.Errorf("the briefing lacks %q:\n%s", want, md)
				}
			}
			if strings.Contains(md, "falls in ,") || strings.Contains(md, "falls in .") {
				t.Errorf("the briefing names an empty period:\n%s", md)
			}
			f, err := excelize.OpenReader(bytes.NewReader(render(t, c.s)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(workbook.SheetOverview)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, r := range rows {
				if len(r) >= 2 && r[0] == "Period shown" {
					got = r[1]
				}
			}
			if got != c.overview {
				t.Errorf("Overview's period shown %q, want %q", got, c.overview)
			}
		})
	}
}
