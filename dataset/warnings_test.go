package dataset_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
)

func TestNewestDate(t *testing.T) {
	data, _ := minimal(t)
	d, err := dataset.Load(data, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(wantDate, wantWhat string) {
		t.Helper()
		got, what := d.NewestDate()
		if got.String() != wantDate || what != wantWhat {
			t.Errorf("NewestDate = %s, %q; want %s, %q", got, what, wantDate, wantWhat)
		}
	}
	// as_of (2024-06-30) is newer than the source (2024-03-21) and the
	// theft (2023-09-12).
	check("2024-06-30", "the dataset's as_of")
	d.Claims[0].Revisions = []dataset.Revision{{Revised: dataset.Date{Year: 2024, Month: 7}}}
	check("2024-07", `a revision of claim "total"`)
	d.Sources[0].Date = dataset.Date{Year: 2024, Month: 8, Day: 2}
	check("2024-08-02", `source "wire"'s publication`)
	d.Incidents[0].When = dataset.Date{Year: 2024, Month: 8, Day: 2}
	check("2024-08-02", `source "wire"'s publication`) // the same day: the first met stays
	d.Incidents[0].When = dataset.Date{Year: 2025}
	check("2025", `incident "coinex"'s date`)
	if got, what := (&dataset.Dataset{}).NewestDate(); !got.IsZero() || what != "" {
		t.Errorf("an empty dataset's NewestDate = %s, %q; want zero", got, what)
	}
}

// Warnings are capped like errors, and the last entry counts the rest.
func TestManyWarningsAreCapped(t *testing.T) {
	const n = 150
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `[[incident]]
id = "i%d"
victim = "V"
victim_type = "exchange"
date = "2023-09-12"
amount = "55000000"
qualifier = "exact"
technique = "Phishing"
actor = "Lazarus Group"
attribution_basis = "technical"
confidence = "moderate"
citations = [{ source = "wire", para = 3, excerpt = "A thief took $55 million from CoinEx." }]
date_citations = [{ source = "wire", para = 3 }]

`, i)
	}
	d, err := dataset.Load(with(t, "incidents.toml", b.String()), dataset.Options{Name: "m"})
	if err != nil {
		t.Fatal(err)
	}
	ws := d.Warnings
	if len(ws) != dataset.MaxErrors+1 || ws.Count() != n {
		t.Fatalf("%d entries standing for %d warnings, want %d standing for %d", len(ws), ws.Count(), dataset.MaxErrors+1, n)
	}
	if got, want := ws[dataset.MaxErrors].Msg, fmt.Sprintf("and %d more warnings", n-dataset.MaxErrors); got != want {
		t.Errorf("last entry %q, want %q", got, want)
	}
}
