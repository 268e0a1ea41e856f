package report_test

import (
	"path/filepath"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/shopspring/decimal"
)

// overlay computes the default dataset with testdata/overlays/NAME.txtar
// added to it.
func overlay(t *testing.T, name string) *report.Summary {
	t.Helper()
	data := testtool.DefaultWith(t, dataset.Default(), filepath.Join("testdata", "overlays", name+".txtar"))
	d, err := dataset.Load(data, dataset.Options{Name: name})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return report.Compute(d, report.Options{})
}

func claimByID(t *testing.T, s *report.Summary, id string) *report.ClaimRow {
	t.Helper()
	for _, c := range s.Claims {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %s", id)
	return nil
}

func TestUndatedSharesConfirmEachOther(t *testing.T) {
	s := overlay(t, "undated-share")
	a, b := claimByID(t, s, "member-state-fx-share"), claimByID(t, s, "cyber-firm-fx-share")
	if report.ValueKey(a) != report.ValueKey(b) {
		t.Errorf("value keys differ: %q, %q", report.ValueKey(a), report.ValueKey(b))
	}
	if a.Independent != 2 || b.Independent != 2 {
		t.Errorf("independent originators %d and %d, want 2 and 2", a.Independent, b.Independent)
	}
	def := summary(t, report.Options{})
	if got, want := s.Counts.Confirmed, def.Counts.Confirmed+2; got != want {
		t.Errorf("confirmed %d, want %d (the default's %d and the two shares)", got, want, def.Counts.Confirmed)
	}
	// An undated amount is not comparable: it keys by its own id.
	for _, c := range s.Claims {
		if _, ok := report.QuantityOf(c); !ok && report.ValueKey(c) != c.ID {
			t.Errorf("%s is not comparable but keys as %q", c.ID, report.ValueKey(c))
		}
	}
}

func TestLatestRevisionIsNewestByDate(t *testing.T) {
	s := overlay(t, "revisions-out-of-order")
	c := claimByID(t, s, "cyber-firm-2022-value")
	if len(c.RevisionRows) != 2 {
		t.Fatalf("%d revisions, want 2", len(c.RevisionRows))
	}
	r := c.LatestRevision()
	if r == nil || !r.Amount.Equal(decimal.RequireFromString("1200000000")) || r.Revised.String() != "2024-12-19" {
		t.Fatalf("latest revision %+v, want 1200000000 of 2024-12-19 (listed first)", r)
	}
	if len(r.Refs) == 0 {
		t.Error("the latest revision lost its refs")
	}
}
