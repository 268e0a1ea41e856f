package report_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func summary(t *testing.T, opt report.Options) *report.Summary {
	t.Helper()
	d, err := dataset.Load(dataset.Default(), dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return report.Compute(d, opt)
}

func TestConflictsFoundByTheProgram(t *testing.T) {
	s := summary(t, report.Options{})
	var got []string
	for _, c := range s.Conflicts {
		line := c.Metric.ID + " " + c.Span.String() + ":"
		for _, r := range c.Claims {
			line += " " + r.By.ID + "=" + r.Figure()
		}
		got = append(got, line)
	}
	want := []string{
		"attack-count 2023: un-poe=17 attacks chainalysis=20 attacks",
		"stolen-usd 2022: kr-nis=$700 million chainalysis=$1.7 billion",
		"foreign-currency-share : kr-nis=about 30% member-state-fx=about 50%",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conflicts (-want +got):\n%s", diff)
	}
}

// A figure that four articles relay from one report is one source.
func TestRelayedIsNotCorroborated(t *testing.T) {
	s := summary(t, report.Options{})
	for _, c := range s.Claims {
		if c.ID == "poe-2017-2023-value" {
			if c.Articles() != 4 || c.Independent != 1 {
				t.Errorf("%s: %d articles, %d independent; want 4 and 1", c.ID, c.Articles(), c.Independent)
			}
			return
		}
	}
	t.Fatal("poe-2017-2023-value missing")
}

func TestYears(t *testing.T) {
	s := summary(t, report.Options{})
	if s.Shown != (report.YearRange{First: 2017, Last: 2025}) || len(s.Years) != 9 {
		t.Fatalf("years %s (%d rows)", s.Shown, len(s.Years))
	}
	y := s.Years[6]
	if y.Year != 2023 || y.Incidents != 2 || y.Low.ID != "chainalysis-2023-value" || y.High.ID != "chainalysis-2023-value" {
		t.Errorf("2023: %+v", y)
	}
	var spans []string
	for _, c := range s.Spans {
		spans = append(spans, c.ID)
	}
	if diff := cmp.Diff([]string{"poe-2017-2023-value", "member-state-2020-2021-value", "msmt-2024-2025-value"}, spans); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
}

func TestPeriodFilter(t *testing.T) {
	s := summary(t, report.Options{From: 2022, To: 2022})
	straddle := map[string]bool{}
	for _, c := range s.Claims {
		if !c.Span.IsZero() && !c.Span.Overlaps(2022, 2022) {
			t.Errorf("%s (%s) kept outside 2022", c.ID, c.Span)
		}
		straddle[c.ID] = c.Straddles
	}
	if !straddle["poe-2017-2023-value"] || straddle["nis-2022-value"] {
		t.Errorf("straddles: %v", straddle)
	}
	if len(s.Incidents) != 0 || len(s.Years) != 1 || s.Years[0].Year != 2022 {
		t.Errorf("incidents %d, years %v", len(s.Incidents), s.Years)
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"3000000000", "$3 billion"},
		{"1700000000", "$1.7 billion"},
		{"660500000", "$660.5 million"},
		{"55000000", "$55 million"},
		{"850000", "$850,000"},
		{"52847077", "$52,847,077"},
		{"1388000000", "$1,388 million"},
		{"1250000000", "$1.25 billion"},
		{"2999999999", "$2,999,999,999"},
	} {
		if got := report.Money(decimal.RequireFromString(c.in)); got != c.want {
			t.Errorf("Money(%s) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := report.Qualified("more-than", decimal.RequireFromString("750000000"), "USD"); got != "more than $750 million" {
		t.Errorf("Qualified = %q", got)
	}
}
