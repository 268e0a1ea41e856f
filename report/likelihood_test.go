package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func est(orig, value, qualifier, hedge, reliability string) Estimate {
	return Estimate{Originator: orig, Value: decimal.RequireFromString(value), Qualifier: qualifier, Hedge: hedge, Reliability: reliability}
}

// TestAssess holds the likelihood rules (likelihood.go) on datasets whose
// answers differ.
func TestAssess(t *testing.T) {
	type got struct {
		Supported         bool
		Threshold, Margin string
		Term, Confidence  string
		Independent       int
		Downgrades        int
	}
	cases := []struct {
		name string
		in   []Estimate
		want got
	}{
		{"two independent originators agreeing", []Estimate{
			est("Chainalysis", "1700000000", "exact", "", "B"),
			est("TRM Labs", "1500000000", "approximately", "", "B"),
		}, got{true, "1000000000", "0.5", "very likely", "high", 2, 0}},
		{"one originator only", []Estimate{
			est("the UN Panel of Experts", "3000000000", "approximately", "", "B"),
		}, got{true, "2000000000", "0.5", "likely", "moderate", 1, 0}},
		{"a wide spread", []Estimate{
			est("South Korea's NIS", "700000000", "exact", "", "B"),
			est("Chainalysis", "1700000000", "exact", "", "B"),
		}, got{true, "500000000", "0.4", "very likely", "low", 2, 0}},
		{"one hedged originator", []Estimate{
			est("an unnamed member state", "50", "approximately", "according to a single member state", "C"),
		}, got{true, "30", "0.67", "roughly even chance", "low", 1, 1}},
		{"a floor above another's central estimate", []Estimate{
			est("the UN Panel of Experts", "750000000", "more-than", "potentially attributed to the DPRK", "B"),
			est("Chainalysis", "660500000", "approximately", "", "B"),
		}, got{true, "400000000", "0.65", "roughly even chance", "low", 2, 2}},
		{"only an upper bound", []Estimate{
			est("the UN Panel of Experts", "2000000000", "up-to", "", "B"),
		}, got{Confidence: "low"}},
		{"nothing", nil, got{Confidence: "low"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := Assess(tc.in)
			g := got{a.Supported, a.Threshold.String(), a.Margin.String(), a.Term, a.Confidence, a.Independent, len(a.Downgrades)}
			if !a.Supported {
				g.Threshold, g.Margin = "", ""
			}
			if diff := cmp.Diff(tc.want, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestAssessRevision: a revision that moves a figure below the threshold the
// first-published figures would give moves the event, because each
// originator counts with its latest figure.
func TestAssessRevision(t *testing.T) {
	first := Assess([]Estimate{
		est("Chainalysis", "1000000000", "approximately", "", "B"),
		est("the UN Panel of Experts", "900000000", "approximately", "", "B"),
	})
	revised := Assess([]Estimate{
		{Originator: "Chainalysis", Value: decimal.RequireFromString("300000000"), Qualifier: "exact", Reliability: "B", Revised: true},
		est("the UN Panel of Experts", "900000000", "approximately", "", "B"),
	})
	if first.Threshold.String() != "600000000" || revised.Threshold.String() != "200000000" {
		t.Errorf("thresholds %s and %s, want 600000000 (first published) and 200000000 (revised)", first.Threshold, revised.Threshold)
	}
	if first.Confidence != "high" || revised.Confidence != "low" {
		t.Errorf("confidence %s → %s, want high → low (the revision widens the spread to 3×)", first.Confidence, revised.Confidence)
	}
}

// TestAssessNeverAFloor: no threshold equals or exceeds a central or plain
// estimate, so no sentence can read "at least X" of an "about X".
func TestAssessNeverAFloor(t *testing.T) {
	for _, q := range []string{"exact", "approximately", "estimated", "almost", "nearly"} {
		for _, v := range []string{"1", "30", "50", "660500000", "700000000", "999", "1000", "3000000000"} {
			a := Assess([]Estimate{est("x", v, q, "", "B")})
			if !a.Threshold.LessThan(a.Lowest.Value) {
				t.Errorf("%s %s: threshold %s is not below the estimate", q, v, a.Threshold)
			}
			if s := a.LikelySentence("it exceeded", "USD"); strings.Contains(s, Value(a.Lowest.Value, "USD")) {
				t.Errorf("%s %s: %q states the estimate itself as the threshold", q, v, s)
			}
		}
	}
}

func TestRoundDown(t *testing.T) {
	for in, want := range map[string]string{
		"495375000": "400000000", "525000000": "500000000", "22.5": "20", "37.5": "30",
		"2250000000": "2000000000", "1125000000": "1000000000", "0.75": "0.75", "0.3": "0.3", "1": "1", "77": "75",
	} {
		if got := roundDown(decimal.RequireFromString(in)).String(); got != want {
			t.Errorf("roundDown(%s) = %s, want %s", in, got, want)
		}
	}
}
