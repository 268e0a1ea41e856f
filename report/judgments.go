package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/shopspring/decimal"
)

// Judgment is one key judgment about the DPRK's activity: what the data
// shows (Finding), the likelihood of a defined event reached from every
// figure for the quantity (Estimate, by the rules of likelihood.go), and
// our confidence in that estimate with its basis. Likelihood and
// confidence are never put in one sentence. Every part is computed from
// the data.
type Judgment struct {
	Topic      string
	Finding    string
	Estimate   string
	Confidence string // high, moderate or low
	Basis      string
	Claims     []*ClaimRow // cited for the judgment
	// Assessment is what the estimate rests on; Quantity is the event's
	// quantity and Single whether one originator alone stands behind it.
	Assessment Assessment
	Quantity   Quantity
}

// likelySentence writes "It is likely that …" in the form each ICD 203 term
// takes.
func likelySentence(term, clause string) string {
	switch term {
	case "":
		return ""
	case "roughly even chance":
		return "There is a roughly even chance that " + clause + "."
	}
	return "It is " + term + " that " + clause + "."
}

// Judgments computes the key judgments: the scale over a multi-year
// period, the latest year and its direction, what the money funds, and
// the quantity the sources disagree on most. A judgment the data cannot
// form is left out; each quantity is judged once.
func (s *Summary) Judgments() []*Judgment {
	used := map[Quantity]bool{}
	var out []*Judgment
	for _, f := range []func(map[Quantity]bool) *Judgment{s.scaleJudgment, s.trendJudgment, s.purposeJudgment, s.uncertainJudgment} {
		if j := f(used); j != nil {
			used[j.Quantity] = true
			out = append(out, j)
		}
	}
	return out
}

// Largest is the multi-year theft or valuation figure that most articles
// relay (the first among equals), or nil.
func (s *Summary) Largest() *ClaimRow {
	var best *ClaimRow
	for _, c := range s.Spans {
		if best == nil || c.Articles() > best.Articles() {
			best = c
		}
	}
	return best
}

// CountFor returns the same originator's attack count for the same period
// and scope as a value claim ("58 attacks" beside "about $3 billion"), or nil.
func (s *Summary) CountFor(c *ClaimRow) *ClaimRow {
	for _, o := range s.Claims {
		if o.Measure.ID == "attack-count" && o.By == c.By && o.Span == c.Span && o.Scope == c.Scope {
			return o
		}
	}
	return nil
}

// Estimates reads a quantity's claims as the likelihood rules take them:
// each originator once, with its latest figure (LatestRevision); where an
// originator gives the quantity twice, the figure whose latest value is
// lower counts, so that no reading overstates it.
func Estimates(claims []*ClaimRow) []Estimate {
	var out []Estimate
	idx := map[string]int{}
	for _, c := range claims {
		e := Estimate{ID: c.By.ID, Originator: c.By.Name, Value: c.Amount, Qualifier: c.Qualifier, Hedge: c.Hedge}
		if src := c.GradeSource(nil); src != nil {
			e.Reliability = src.Reliability
		}
		if r := c.LatestRevision(); r != nil {
			e.Value, e.Qualifier, e.Revised = r.Amount, cmp.Or(r.Qualifier, c.Qualifier), true
		}
		if i, ok := idx[e.ID]; ok {
			if e.Value.LessThan(out[i].Value) {
				out[i] = e
			}
			continue
		}
		idx[e.ID] = len(out)
		out = append(out, e)
	}
	return out
}

// LatestWords is the claim's latest figure with its qualifier and hedge,
// and when it was revised: "$660.5 million (revised 19 Dec 2024, first
// published as about $1 billion)".
func (c *ClaimRow) LatestWords() string {
	r := c.LatestRevision()
	if r == nil {
		return c.Hedged()
	}
	latest := WithHedge(Qualified(cmp.Or(r.Qualifier, c.Qualifier), r.Amount, c.Unit), c.Hedge)
	return fmt.Sprintf("%s (revised %s; first published as %s)", latest, r.Revised.Human(), c.Figure())
}

// EventWords names the event a likelihood is about, for a quantity, up to
// the threshold: "DPRK-linked theft in 2022 exceeded", "the share of
// foreign-currency revenue is above".
func EventWords(q Quantity, m dataset.Metric) string {
	if q.Span.IsZero() {
		return SubjectWords(q, m) + " is above"
	}
	return SubjectWords(q, m) + " exceeded"
}

// SubjectWords names a quantity as the subject of a sentence: "DPRK-linked
// theft in 2022", "the value of suspected attacks over 2017–2023", "the
// share of foreign-currency revenue".
func SubjectWords(q Quantity, m dataset.Metric) string {
	subject := "the " + lowerFirst(m.Label)
	if q.Metric == TheftMetric {
		subject = "theft"
		if strings.HasPrefix(q.Scope, DPRKScope) {
			subject = "DPRK-linked theft"
		}
	}
	if q.Scope != DPRKScope {
		subject += " (" + dataset.Meaning(dataset.Scopes, q.Scope) + ")"
	}
	if q.Span.IsZero() {
		return subject
	}
	return subject + " " + periodPhrase(q.Span)
}

// periodPhrase is a span after a noun: "in 2022", "in Jan–Sep 2025",
// "over 2017–2023", "up to Jul 2019".
func periodPhrase(sp dataset.Span) string {
	if _, ok := sp.SingleYear(); ok {
		return "in " + sp.Human()
	}
	if sp.Start.IsZero() {
		return sp.Human()
	}
	return "over " + sp.Human()
}

// judge turns a quantity's claims into a judgment's estimate, confidence
// and basis.
func judge(j *Judgment, q Quantity, claims []*ClaimRow) {
	m := claims[0].Measure
	j.Quantity = q
	j.Assessment = Assess(Estimates(claims))
	a := j.Assessment
	j.Confidence = a.Confidence
	if !a.Supported {
		j.Estimate = fmt.Sprintf("The data cannot support a likelihood for %s: %s.", SubjectWords(q, m), a.Reason)
		j.Basis = "Confidence in any estimate here is low."
		return
	}
	j.Estimate = a.LikelySentence(EventWords(q, m), m.Unit)
	j.Basis = basisWords(a, claims, m.Unit)
}

// basisWords says what a likelihood rests on: the originators and their
// grades, the margin, the spread and what lowered the term.
func basisWords(a Assessment, claims []*ClaimRow, unit string) string {
	es := Estimates(claims)
	var grades []string
	for _, e := range es {
		grades = append(grades, cmp.Or(e.Reliability, "F"))
	}
	lead := fmt.Sprintf("One originator, graded %s", grades[0])
	if a.Independent > 1 {
		lead = fmt.Sprintf("%d independent originators, graded %s", a.Independent, joinAnd(grades))
	}
	parts := []string{lead, a.MarginWords(unit)}
	if a.Spread > 1 {
		parts = append(parts, fmt.Sprintf("the highest is %s times the lowest", decimal.NewFromFloat(a.Spread).StringFixed(1)))
	}
	out := Capital(strings.Join(parts, "; ")) + "."
	if why := a.Why(); why != "" {
		out += " Lowered: " + strings.ToLower(why[:1]) + why[1:]
	}
	return out
}

// figureList writes each claim's latest figure with its originator, lowest
// first: "South Korea's National Intelligence Service, $700 million;
// Chainalysis, $1.7 billion".
func figureList(claims []*ClaimRow) string {
	sorted := slices.Clone(claims)
	slices.SortStableFunc(sorted, func(a, b *ClaimRow) int { return a.LatestAmount().Cmp(b.LatestAmount()) })
	var parts []string
	for _, c := range sorted {
		parts = append(parts, c.By.Name+", "+c.LatestWords())
	}
	if len(parts) > MaxListed+1 {
		// The lowest and the highest, the spread's ends, and a count.
		return fmt.Sprintf("%s; %s; and %d between them (in the annex and the workbook)", parts[0], parts[len(parts)-1], len(parts)-2)
	}
	return strings.Join(parts, "; ")
}

// quantityClaims is the claims of quantity q.
func (s *Summary) quantityClaims(q Quantity) []*ClaimRow {
	var out []*ClaimRow
	for _, c := range s.Claims {
		if cq, ok := QuantityOf(c); ok && cq == q {
			out = append(out, c)
		}
	}
	return out
}
