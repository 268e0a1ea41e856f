package workbook_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/workbook"
)

// editionSummary is a synthetic dataset compared with another seed's, with
// fewer incidents and more claims: the same ids with other content, and
// records added and removed, so every kind of change occurs at once.
func editionSummary(t testing.TB, n int) (*report.Summary, *edition.Edition) {
	t.Helper()
	load := func(c synth.Config) *report.Summary {
		return report.Compute(testtool.Synthetic(t, c), report.Options{})
	}
	s := load(synth.Config{Incidents: n, Seed: 7})
	return s, edition.Compare(load(synth.Config{Incidents: n - n/10, Claims: n/20 + 3, Seed: 8}), s)
}

// With a baseline the workbook has a Changes sheet after the Overview, one
// row per change in the edition's order, and Claims and Incidents end with
// a column that says which records moved; a table covers each.
func TestEditionSheets(t *testing.T) {
	s, e := editionSummary(t, 300)
	f := open(t, renderCase(t, wbCase{s: s, e: e}))
	if diff := cmp.Diff(workbook.SheetNames(s, e), f.GetSheetList()); diff != "" {
		t.Fatalf("sheets (-want +got):\n%s", diff)
	}
	if got := f.GetSheetList()[1]; got != workbook.SheetChanges {
		t.Fatalf("second sheet %q, want %q", got, workbook.SheetChanges)
	}
	rows, err := f.GetRows(workbook.SheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Changes) < 100 || len(rows) != 1+len(e.Changes) {
		t.Fatalf("Changes has %d rows for %d changes", len(rows), len(e.Changes))
	}
	kinds := map[string]bool{}
	for i, c := range e.Changes {
		r := rows[i+1]
		if r[2] != c.Kind || r[3] != c.Record || r[4] != c.ID {
			t.Fatalf("row %d = %q, want %s %s %s", i+2, r[:5], c.Kind, c.Record, c.ID)
		}
		kinds[c.Kind] = true
	}
	for _, k := range []string{edition.Added, edition.Removed, edition.Changed, edition.ConflictAppeared, edition.CitationAdded} {
		if !kinds[k] {
			t.Errorf("no %q change in the synthetic editions", k)
		}
	}
	for _, c := range []struct {
		sheet, table, last string
		n                  int
		moved              func(i int) string
	}{
		{workbook.SheetClaims, "ClaimsTable", "AA", len(s.Claims), func(i int) string { return e.ClaimMoved(s.Claims[i]) }},
		{workbook.SheetIncidents, "IncidentsTable", "U", len(s.Incidents), func(i int) string { return e.IncidentMoved(s.Incidents[i]) }},
	} {
		rows, err := f.GetRows(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		head := rows[0]
		if want := "Since " + e.Since.String(); head[len(head)-1] != want {
			t.Errorf("%s: last header %q, want %q", c.sheet, head[len(head)-1], want)
		}
		col := len(head) - 1
		var seen []string
		for i := range c.n {
			got := ""
			if col < len(rows[i+1]) {
				got = rows[i+1][col]
			}
			if got != c.moved(i) {
				t.Fatalf("%s row %d: changed = %q, want %q", c.sheet, i+2, got, c.moved(i))
			}
			if got != "" && !slices.Contains(seen, got) {
				seen = append(seen, got)
			}
		}
		if len(seen) == 0 {
			t.Errorf("%s: no record marked as moved", c.sheet)
		}
		tables, err := f.GetTables(c.sheet)
		if err != nil || len(tables) != 1 {
			t.Fatalf("%s: tables %v, %v", c.sheet, tables, err)
		}
		if want := fmt.Sprintf("A1:%s%d", c.last, c.n+1); tables[0].Range != want {
			t.Errorf("%s: table %s, want %s", c.sheet, tables[0].Range, want)
		}
	}
}
