package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
)

// judgment returns the judgment on topic, failing the test without one.
func judgment(t *testing.T, js []*report.Judgment, topic string) *report.Judgment {
	t.Helper()
	for _, j := range js {
		if j.Topic == topic {
			return j
		}
	}
	var topics []string
	for _, j := range js {
		topics = append(topics, j.Topic)
	}
	t.Fatalf("no %q judgment among %q", topic, topics)
	return nil
}

// Every judgment states a finding, an ICD 203 estimate, a confidence level
// in a sentence of its own, a basis, and cites what it rests on.
func checkForm(t *testing.T, js []*report.Judgment) {
	t.Helper()
	terms := []string{"almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely", "almost certain"}
	for _, j := range js {
		if j.Finding == "" || j.Basis == "" {
			t.Errorf("%s: finding %q, basis %q", j.Topic, j.Finding, j.Basis)
		}
		switch j.Confidence {
		case "high", "moderate", "low":
		default:
			t.Errorf("%s: confidence %q", j.Topic, j.Confidence)
		}
		hasTerm := false
		for _, term := range terms {
			hasTerm = hasTerm || strings.Contains(j.Estimate, term)
		}
		if !hasTerm {
			t.Errorf("%s: estimate %q uses no ICD 203 term", j.Topic, j.Estimate)
		}
		if strings.Contains(strings.ToLower(j.Estimate), "confidence") {
			t.Errorf("%s: estimate %q mixes likelihood and confidence", j.Topic, j.Estimate)
		}
		if len(j.Claims) == 0 {
			t.Errorf("%s: cites nothing", j.Topic)
		}
	}
}

func TestJudgmentsDefault(t *testing.T) {
	s := summary(t, report.Options{})
	js := s.Judgments()
	checkForm(t, js)
	var topics []string
	for _, j := range js {
		topics = append(topics, j.Topic)
	}
	want := "Scale|Latest year, 2025|Share of foreign-currency revenue|Most uncertain"
	if got := strings.Join(topics, "|"); got != want {
		t.Errorf("topics\n got %s\nwant %s", got, want)
	}
	for topic, want := range map[string]string{
		"Scale":                             "It is likely that DPRK-linked theft over 2024–Sep 2025 exceeded $2.5 billion.",
		"Latest year, 2025":                 "It is likely that DPRK-linked theft in 2025 exceeded $1.5 billion.",
		"Share of foreign-currency revenue": "It is likely that the share of foreign-currency revenue is above 20%.",
		"Most uncertain":                    "It is very likely that DPRK-linked theft in 2022 exceeded $500 million.",
	} {
		if j := judgment(t, js, topic); j.Estimate != want {
			t.Errorf("%s: estimate %q, want %q", topic, j.Estimate, want)
		}
	}
	if j := judgment(t, js, "Most uncertain"); j.Confidence != "low" || !strings.Contains(j.Basis, "2.4 times the lowest") {
		t.Errorf("most uncertain: confidence %s, basis %q", j.Confidence, j.Basis)
	}
	if j := judgment(t, js, "Share of foreign-currency revenue"); !strings.Contains(j.Basis, "Lowered: a hedge on the figure of an unnamed member state") {
		t.Errorf("purpose: the single member state's hedge does not lower the term: %q", j.Basis)
	}
}

// Two independent originators giving the same figure make the scale very
// likely, with the confidence their agreement earns.
func TestJudgmentsConfirmed(t *testing.T) {
	js := fixture(t, "confirmed", report.Options{}).Judgments()
	checkForm(t, js)
	j := judgment(t, js, "Scale")
	if j.Estimate != "It is very likely that DPRK-linked theft over 2018–2022 exceeded $1.5 billion." || j.Confidence != "high" {
		t.Errorf("scale: %q, confidence %s", j.Estimate, j.Confidence)
	}
	if !strings.Contains(j.Basis, "2 independent originators") {
		t.Errorf("scale basis: %q", j.Basis)
	}
}

// No likelihood comes from a grade alone: changing every claim's
// credibility digit changes no estimate.
func TestJudgmentsIgnoreCredibilityDigit(t *testing.T) {
	d, err := dataset.Load(dataset.Default(), dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := estimates(report.Compute(d, report.Options{}).Judgments())
	for _, c := range d.Claims {
		c.Grade = 1 + (c.Grade % 5)
	}
	if after := estimates(report.Compute(d, report.Options{}).Judgments()); after != before {
		t.Errorf("the credibility digits moved the estimates:\nbefore %s\nafter  %s", before, after)
	}
}

func estimates(js []*report.Judgment) string {
	var out []string
	for _, j := range js {
		out = append(out, j.Estimate)
	}
	return strings.Join(out, "\n")
}

// atLeast finds "at least X" in text.
var atLeast = regexp.MustCompile(`at least (\$[0-9.,]+(?: (?:billion|million))?|[0-9.]+%)`)

// No sentence of the judgments, the bottom line or what we do not know
// reads a point estimate as a floor: every "at least X" is a figure its
// originator gave as at least X.
func TestNoEstimateReadAsAFloor(t *testing.T) {
	for _, s := range []*report.Summary{summary(t, report.Options{}), fixture(t, "confirmed", report.Options{}), fixture(t, "recent", report.Options{})} {
		floors := map[string]bool{}
		for _, c := range s.Claims {
			if c.HasValue() && c.Qualifier == "at-least" {
				floors[report.Value(c.Amount, c.Unit)] = true
			}
			for _, r := range c.RevisionRows {
				if r.Qualifier == "at-least" {
					floors[report.Value(r.Amount, c.Unit)] = true
				}
			}
		}
		js := s.Judgments()
		var texts []string
		for _, j := range js {
			texts = append(texts, j.Finding, j.Estimate, j.Basis)
		}
		for _, p := range append(s.BottomLine(), s.Unknowns(js)...) {
			texts = append(texts, p.Text)
		}
		for _, text := range texts {
			for _, m := range atLeast.FindAllStringSubmatch(text, -1) {
				if !floors[m[1]] {
					t.Errorf("%q reads %s as a floor, and no originator gives it as one", text, m[1])
				}
			}
		}
	}
}

// A one-year period judges that year; a period with nothing in it has no
// bottom line and no judgments.
func TestJudgmentsPeriod(t *testing.T) {
	s := summary(t, report.Options{From: 2023, To: 2023})
	js := s.Judgments()
	checkForm(t, js)
	j := judgment(t, js, "Latest year, 2023")
	if j.Estimate != "It is likely that DPRK-linked theft in 2023 exceeded $400 million." || !strings.Contains(j.Finding, "$660.5 million (revised 19 Dec 2024; first published as about $1 billion)") {
		t.Errorf("2023: %q / %q", j.Estimate, j.Finding)
	}
	if bl := s.BottomLine(); len(bl) == 0 || !strings.Contains(bl[1].Text, "For 2023, the latest year with a figure") {
		t.Errorf("2023 bottom line: %+v", bl)
	}
	empty := summary(t, report.Options{From: 2030})
	if js := empty.Judgments(); len(js) != 0 || len(empty.BottomLine()) != 0 {
		t.Errorf("an empty period has %d judgments and a bottom line %+v", len(js), empty.BottomLine())
	}
}
