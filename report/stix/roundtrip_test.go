package stix_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/workbook"
)

// sheetRows reads a workbook sheet back as text rows, header first.
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column returns the cell of row under the header named h ("" when the row
// is shorter).
func column(t *testing.T, header []string, row []string, h string) string {
	t.Helper()
	for i, x := range header {
		if x == h {
			if i < len(row) {
				return row[i]
			}
			return ""
		}
	}
	t.Fatalf("no column %q in %q", h, header)
	return ""
}

// TestRoundTrip reads the workbook of the same summary back and finds its
// figures, qualifiers, hedges, paragraphs and excerpts in the bundle.
func TestRoundTrip(t *testing.T) {
	for _, c := range cases(t)[:2] {
		t.Run(c.name, func(t *testing.T) { roundTrip(t, c.sum) })
	}
}

func roundTrip(t *testing.T, s *report.Summary) {
	var buf bytes.Buffer
	if err := workbook.Write(&buf, s, workbook.Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs := byRecord(decode(t, write(t, s)))
	get := func(key string) map[string]any {
		o := recs[key]
		if o == nil {
			t.Fatalf("no object for %s", key)
		}
		return o
	}
	rows := sheetRows(t, f, workbook.SheetClaims)
	for _, row := range rows[1:] {
		col := func(h string) string { return column(t, rows[0], row, h) }
		o := get("note:" + col("ID"))
		if v := col("Value"); v != "" && !number(t, v).Equal(number(t, o["x_dprkreport_value"].(string))) {
			t.Errorf("claim %s: value %v, the workbook has %s", col("ID"), o["x_dprkreport_value"], v)
		}
		if h := col("Hedge"); h != "" && o["x_dprkreport_hedge"] != h {
			t.Errorf("claim %s: hedge %v, the workbook has %q", col("ID"), o["x_dprkreport_hedge"], h)
		}
		if fig := col("As a figure"); !strings.Contains(o["content"].(string), fig) || (fig != "" && o["abstract"] != fig) {
			t.Errorf("claim %s: the figure %q (qualifier %q) is not the note's abstract %q", col("ID"), fig, col("Qualifier"), o["abstract"])
		}
	}
	rows = sheetRows(t, f, workbook.SheetIncidents)
	for _, row := range rows[1:] {
		col := func(h string) string { return column(t, rows[0], row, h) }
		o := get("incident:" + col("ID"))
		if !number(t, col("Amount (USD)")).Equal(number(t, o["x_dprkreport_loss_usd"].(string))) {
			t.Errorf("incident %s: loss %v, the workbook has %s", col("ID"), o["x_dprkreport_loss_usd"], col("Amount (USD)"))
		}
		if q := col("Qualifier"); q != "(plain figure)" && !strings.HasPrefix(o["x_dprkreport_loss_worded"].(string), q+" ") {
			t.Errorf("incident %s: loss worded %v, the workbook's qualifier is %q", col("ID"), o["x_dprkreport_loss_worded"], q)
		}
		if h := col("Attribution hedge"); h != "" && !strings.Contains(attribution(recs, o), "Hedge: "+h) {
			t.Errorf("incident %s: no attributed-to relationship with hedge %q", col("ID"), h)
		}
	}
	n := 0
	for _, sheet := range workbook.SheetNames(s, nil) {
		if !strings.HasPrefix(sheet, workbook.SheetCitations) {
			continue
		}
		rows := sheetRows(t, f, sheet)
		for _, row := range rows[1:] {
			col := func(h string) string { return column(t, rows[0], row, h) }
			n++
			kind, id := col("Record"), col("Record ID")
			key := map[string]string{"claim": "note:", "incident": "incident:", "source": "report:"}[kind] + id
			want := ""
			if p := col("Para."); p != "" {
				want = " ¶" + p
			}
			if e := col("Excerpt"); e != "" {
				want += ": " + e
			}
			if w := col("The source's wording of the figure"); w != "" {
				want += ". Supports: " + col("Supports") + ". Worded: " + w
			}
			descs := descriptions(get(key))
			if col("Supports") == "attribution" {
				descs = descriptions(recs["relationship:attributed-to:"+get(key)["id"].(string)])
			}
			if !strings.Contains(descs, want) {
				t.Errorf("%s %s: citation %q not in the bundle", kind, id, want)
			}
		}
	}
	if n != len(s.Citations) {
		t.Errorf("read %d citation rows, the summary has %d", n, len(s.Citations))
	}
}

func descriptions(o map[string]any) string {
	var b strings.Builder
	refs, _ := o["external_references"].([]any)
	for _, r := range refs {
		fmt.Fprintln(&b, r.(map[string]any)["description"])
	}
	return b.String()
}

// attribution is the description of the incident's attributed-to
// relationship.
func attribution(recs map[string]map[string]any, incident map[string]any) string {
	r := recs["relationship:attributed-to:"+incident["id"].(string)]
	if r == nil {
		return ""
	}
	return r["description"].(string)
}
