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
	// The source's publication (2024-03-21) is newer than the theft
	// (2023-09-12).
	if got, want := d.NewestDate().String(), "2024-03-21"; got != want {
		t.Errorf("NewestDate = %s, want %s", got, want)
	}
	d.Claims[0].Revisions = []dataset.Revision{{Revised: dataset.Date{Year: 2024, Month: 5}}}
	if got, want := d.NewestDate().String(), "2024-05"; got != want {
		t.Errorf("with a revision of May 2024, NewestDate = %s, want %s", got, want)
	}
	d.Incidents[0].When = dataset.Date{Year: 2024, Month: 5, Day: 1}
	if got, want := d.NewestDate().String(), "2024-05-01"; got != want {
		t.Errorf("with a theft on 1 May 2024, NewestDate = %s, want %s (the same first day, more precise)", got, want)
	}
	if got := (&dataset.Dataset{}).NewestDate(); !got.IsZero() {
		t.Errorf("an empty dataset's NewestDate = %s, want zero", got)
	}
}
