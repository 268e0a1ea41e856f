package report_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/report"
)

// Each end of an incident's range keeps its source's qualifier.
func TestRangeWords(t *testing.T) {
	s := summary(t, report.Options{})
	want := map[string]string{
		"coinex-2023":   "about $27 million to more than $55 million",
		"poloniex-2023": "at least $114 million to $126 million",
	}
	for _, in := range s.Incidents {
		if w, ok := want[in.ID]; ok {
			if got := in.RangeWords(); got != w {
				t.Errorf("%s: range %q, want %q", in.ID, got, w)
			}
			delete(want, in.ID)
		}
	}
	for id := range want {
		t.Errorf("no incident %s", id)
	}
}
