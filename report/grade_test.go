package report_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/report"
)

// The grade rule on the default data: the letter is the best reliability
// among the sources cited for the figure, whichever relay an article is.
func TestGradeFromTheBestSourceStatingIt(t *testing.T) {
	s := summary(t, report.Options{})
	for _, tc := range []struct {
		id, grade, from string
	}{
		// Yonhap (B) states the 58 beside articles graded C and D.
		{"poe-2017-2023-attacks", "B3", "yonhap-2024-03-un-report"},
		// Blockworks (B) states Chainalysis' 2023 figure; the revision's
		// own source (Chainalysis itself, A) states $660.5M, another value,
		// and does not lend the first figure its letter.
		{"chainalysis-2023-value", "B3", "blockworks-2024-01"},
		// The Korea Herald (B) quotes the NIS; the article is D.
		{"nis-2022-value", "B3", "koreaherald-2023-07-nis"},
		// Sources cited only for the note do not count: the article alone.
		{"chainalysis-2023-defi", "D3", "unknown-2024-03-un-report"},
		// Equals: the first in bibliography order (articles first).
		{"poe-2019-estimate", "B3", "bitcoincom-2022-02"},
	} {
		c := claim(t, s, tc.id)
		if got := c.Admiralty(); got != tc.grade {
			t.Errorf("%s: grade %s, want %s", tc.id, got, tc.grade)
		}
		if got := c.GradeSource(report.DefaultNumbering(s)); got == nil || got.ID != tc.from {
			t.Errorf("%s: graded from %v, want %s", tc.id, got, tc.from)
		}
	}
}

func claim(t *testing.T, s *report.Summary, id string) *report.ClaimRow {
	t.Helper()
	for _, c := range s.Claims {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %s", id)
	return nil
}
