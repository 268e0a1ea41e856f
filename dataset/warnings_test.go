package dataset_test

import (
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
