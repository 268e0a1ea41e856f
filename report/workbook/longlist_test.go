package workbook

import (
	"io"
	"testing"
	"time"

	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
)

// A list whose rows wrap put's errors with their record (the Revisions
// sheet names the claim) still stops its width-fitting pass after fitRows
// rows: the pass stops by an error put returns, which reaches it wrapped
// (a million incidents' claims have more than fitRows revisions; here
// 22,000 claims have about 1,100). The hyperlink pass stops the same way,
// through errors.Is; with a sheet kept to 50 hyperlinks it stops early on
// the Claims and Citations sheets here.
func TestListPassesStopThroughWrappedErrors(t *testing.T) {
	s := report.Compute(testtool.Synthetic(t, synth.Config{Incidents: 10, Claims: 22000, Seed: 3}), report.Options{})
	revisions := 0
	for _, c := range s.Claims {
		revisions += len(c.RevisionRows)
	}
	if revisions <= fitRows || revisions <= 50 {
		t.Fatalf("%d revisions: the Revisions sheet must be longer than the fitting pass (%d rows) and the hyperlinks (50)", revisions, fitRows)
	}
	saved := maxSheetLinks
	maxSheetLinks = 50
	t.Cleanup(func() { maxSheetLinks = saved })
	if err := Write(io.Discard, s, Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
}
