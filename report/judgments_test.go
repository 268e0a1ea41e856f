package report_test

import (
	"strings"
	"testing"

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
		if len(j.Claims) == 0 && len(j.Sources) == 0 {
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
	want := "Scale|Corroboration|Disagreement, value stolen|Disagreement, share of foreign-currency revenue|Currency"
	if got := strings.Join(topics, "|"); got != want {
		t.Errorf("topics\n got %s\nwant %s", got, want)
	}
	if j := judgment(t, js, "Scale"); !strings.Contains(j.Finding, "about $3 billion, a valuation of attacks under investigation") ||
		!strings.Contains(j.Finding, "58 attacks, suspected") || j.Confidence != "low" {
		t.Errorf("scale: %+v", j)
	}
	if j := judgment(t, js, "Corroboration"); !strings.HasPrefix(j.Finding, "None of the 27 figures is confirmed") || j.Confidence != "high" {
		t.Errorf("corroboration: %+v", j)
	}
	if j := judgment(t, js, "Disagreement, value stolen"); !strings.Contains(j.Finding, "2022 differ by a factor of 2.4") ||
		!strings.Contains(j.Estimate, "at least $700 million") {
		t.Errorf("disagreement: %+v", j)
	}
	if j := judgment(t, js, "Currency"); !strings.Contains(j.Finding, "Mar 2024") ||
		!strings.Contains(j.Estimate, "almost certain") || j.Confidence != "high" {
		t.Errorf("currency: %+v", j)
	}
}

// A figure two independent originators give alike is reported as
// confirmed, and raises the confidence in the scale judgment.
func TestJudgmentsConfirmed(t *testing.T) {
	js := fixture(t, "confirmed", report.Options{}).Judgments()
	checkForm(t, js)
	j := judgment(t, js, "Corroboration")
	if !strings.HasPrefix(j.Finding, "2 of the 3 figures are confirmed by a second independent originator: about $2.5 billion for 2018–2022, given by Lab A and Agency B.") {
		t.Errorf("corroboration finding: %q", j.Finding)
	}
	if j := judgment(t, js, "Scale"); j.Confidence != "moderate" || !strings.Contains(j.Basis, "2 originators give the same value") {
		t.Errorf("scale: %+v", j)
	}
	for _, j := range js {
		if strings.HasPrefix(j.Topic, "Disagreement") {
			t.Errorf("a disagreement where the originators agree: %+v", j)
		}
	}
}

// When the newest source is recent, the currency judgment does not call
// the later figures missing.
func TestJudgmentsRecent(t *testing.T) {
	js := fixture(t, "recent", report.Options{}).Judgments()
	checkForm(t, js)
	j := judgment(t, js, "Currency")
	if !strings.Contains(j.Finding, "2 months before") || !strings.Contains(j.Estimate, "likely that the dataset reflects the reporting to date") || j.Confidence != "moderate" {
		t.Errorf("currency: %+v", j)
	}
	if strings.Contains(j.Estimate, "missing") {
		t.Errorf("a recent dataset judged to miss figures: %q", j.Estimate)
	}
}
