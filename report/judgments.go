package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/shopspring/decimal"
)

// Judgment is one key judgment: what the data shows (Finding), what we
// estimate from it in ICD 203 likelihood terms (Estimate), and our
// confidence in that estimate with its basis. Likelihood and confidence are
// never put in one sentence. Every part is computed from the data.
type Judgment struct {
	Topic      string
	Finding    string
	Estimate   string
	Confidence string // high, moderate or low
	Basis      string
	Claims     []*ClaimRow // cited for the judgment
	Sources    []*SourceRow
}

// Likelihood terms of ICD 203, by the Admiralty credibility grade that a
// figure carries (1 confirmed … 5 improbable; 6 cannot be judged).
var gradeLikelihood = map[int]string{1: "almost certain", 2: "likely", 3: "roughly even chance", 4: "unlikely", 5: "very unlikely"}

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

// Judgments computes the key judgments from the summary.
func (s *Summary) Judgments() []*Judgment {
	var out []*Judgment
	add := func(j *Judgment) {
		if j != nil {
			out = append(out, j)
		}
	}
	add(s.scaleJudgment())
	add(s.corroborationJudgment())
	add(s.spreadJudgment(UnitUSD))
	add(s.spreadJudgment(UnitPercent))
	add(s.coverageJudgment())
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

func (s *Summary) scaleJudgment() *Judgment {
	c := s.Largest()
	if c == nil {
		return nil
	}
	j := &Judgment{Topic: "Scale", Claims: []*ClaimRow{c}}
	j.Finding = fmt.Sprintf("%s gives the %s for %s: %s.", Capital(c.By.Name), strings.ToLower(c.Measure.Label), c.Span.Human(), c.Hedged())
	if count := s.CountFor(c); count != nil {
		j.Finding = strings.TrimSuffix(j.Finding, ".") + fmt.Sprintf("; it counts %s.", count.Hedged())
		j.Claims = append(j.Claims, count)
	}
	if n := c.Articles(); n > 1 && c.Independent == 1 {
		j.Finding += fmt.Sprintf(" The %d articles that carry it all relay this one originator.", n)
	}
	j.Estimate = likelySentence(gradeLikelihood[c.Grade], "the figure is accurate as stated")
	j.Confidence = "low"
	if c.Independent >= 2 {
		j.Confidence = "moderate"
	}
	j.Basis = fmt.Sprintf("The figure is graded %s, credibility %d meaning %s; %s.", c.Admiralty(), c.Grade, dataset.Meaning(dataset.Credibility, fmt.Sprint(c.Grade)), independence(c))
	return j
}

func independence(c *ClaimRow) string {
	if c.Independent >= 2 {
		return fmt.Sprintf("%d originators give the same value", c.Independent)
	}
	return "no second originator gives the same value"
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

func (s *Summary) corroborationJudgment() *Judgment {
	var figures, confirmed, relayed []*ClaimRow
	cites := 0
	for _, c := range s.Claims {
		if !c.HasValue() {
			continue
		}
		figures = append(figures, c)
		cites += len(c.Cites)
		switch {
		case c.Independent >= 2:
			confirmed = append(confirmed, c)
		case c.Articles() >= 2:
			relayed = append(relayed, c)
		}
	}
	if len(figures) == 0 {
		return nil
	}
	j := &Judgment{Topic: "Corroboration", Confidence: "high",
		Basis: fmt.Sprintf("The originator is recorded for each of the %d figures and each of their %d citations.", len(figures), cites)}
	if len(confirmed) == 0 {
		j.Finding = fmt.Sprintf("None of the %d figures is confirmed by a second independent originator.", len(figures))
	} else {
		// One phrase per figure given alike, naming who gives it.
		type alike struct {
			c     *ClaimRow
			names []string
		}
		var groups []*alike
		seen := map[string]*alike{}
		for _, c := range confirmed {
			k := ValueKey(c)
			g := seen[k]
			if g == nil {
				g = &alike{c: c}
				seen[k] = g
				groups = append(groups, g)
			}
			if !slices.Contains(g.names, c.By.Name) {
				g.names = append(g.names, c.By.Name)
			}
			if len(groups) <= 3 {
				j.Claims = append(j.Claims, c)
			}
		}
		var phrases []string
		for _, g := range groups[:min(len(groups), 3)] {
			phrases = append(phrases, fmt.Sprintf("%s for %s, given by %s", g.c.Hedged(), g.c.Span.Human(), joinAnd(g.names)))
		}
		verb := "are"
		if len(confirmed) == 1 {
			verb = "is"
		}
		j.Finding = fmt.Sprintf("%d of the %d figures %s confirmed by a second independent originator: %s.", len(confirmed), len(figures), verb, strings.Join(phrases, "; "))
	}
	if len(relayed) > 0 {
		j.Finding += fmt.Sprintf(" %s that two or more articles repeat each trace back to one originator.", Capital(Plural(len(relayed), "figure")))
		j.Estimate = likelySentence("almost certain", "the repetition reflects relaying, not independent confirmation")
		j.Claims = append(j.Claims, relayed[:min(len(relayed), 3)]...)
	} else {
		j.Estimate = likelySentence("likely", "each figure stands or falls with its one originator")
	}
	if len(j.Claims) == 0 {
		// Nothing confirmed or relayed: cite the figures the finding is about.
		j.Claims = figures[:min(len(figures), 3)]
	}
	return j
}

// entry is one value given for a quantity: a claim's figure or a revision.
type entry struct {
	claim     *ClaimRow
	value     decimal.Decimal
	qualifier string
	revised   dataset.Date // zero for the figure as first published
}

func (e entry) words() string {
	w := e.claim.By.Name + ", " + WithHedge(Qualified(e.qualifier, e.value, e.claim.Unit), e.claim.Hedge)
	if !e.revised.IsZero() {
		w += ", revised " + e.revised.Human()
	} else if len(e.claim.Revisions) > 0 {
		w += ", as first published"
	}
	return w
}

// lower is the smallest value a qualified figure allows, and false when it
// gives no lower bound ("up to").
func lower(qualifier string, v decimal.Decimal) (decimal.Decimal, bool) {
	switch qualifier {
	case "up-to":
		return decimal.Decimal{}, false
	case "almost", "nearly":
		return v.Mul(decimal.RequireFromString("0.9")), true
	}
	return v, true
}

// floorOne rounds down to one significant figure: 660500000 → 600000000.
func floorOne(v decimal.Decimal) decimal.Decimal {
	if !v.IsPositive() {
		return v
	}
	exp := int32(len(v.Truncate(0).String()) - 1)
	return v.Shift(-exp).Floor().Shift(exp)
}

// spreadJudgment takes the conflict over quantities in unit with the widest
// spread of values (revisions included) and states what every originator's
// figure supports at the least.
func (s *Summary) spreadJudgment(unit string) *Judgment {
	c, es, ratio := s.widestSpread(unit)
	if c == nil {
		return nil
	}
	what := strings.ToLower(c.Metric.Label)
	j := &Judgment{Topic: "Disagreement, " + what, Claims: c.Claims}
	subject := "the " + what
	if !c.Span.IsZero() {
		period := "for " + c.Span.Human()
		if y, ok := c.Span.SingleYear(); ok {
			period = fmt.Sprintf("in %d", y)
		}
		subject += " " + period
	}
	lead := "Estimates"
	if c.Span.IsZero() {
		lead = "Undated estimates"
	}
	j.Finding = fmt.Sprintf("%s of %s differ by a factor of %s, from lowest to highest: ", lead, subject, ratio.Round(1))
	var all []string
	for _, e := range es {
		all = append(all, e.words())
	}
	j.Finding += strings.Join(all, "; ") + "."
	spreadEstimate(j, c, es, subject, unit)
	return j
}

// widestSpread returns the DPRK conflict over quantities in unit whose
// values (revisions included) spread widest, its values in ascending
// order, and the ratio of the highest to the lowest; nil when there is
// none with a positive lowest value.
func (s *Summary) widestSpread(unit string) (*Conflict, []entry, decimal.Decimal) {
	var best []entry
	var bestRatio decimal.Decimal
	var bestConflict *Conflict
	for _, c := range s.Conflicts {
		if c.Metric.Unit != unit || c.Scope != DPRKScope {
			continue
		}
		var es []entry
		for _, cl := range c.Claims {
			es = append(es, entry{claim: cl, value: cl.Amount, qualifier: cl.Qualifier})
			for _, r := range cl.RevisionRows {
				es = append(es, entry{claim: cl, value: r.Amount, qualifier: r.Qualifier, revised: r.Revised})
			}
		}
		slices.SortStableFunc(es, func(a, b entry) int { return a.value.Cmp(b.value) })
		if !es[0].value.IsPositive() {
			continue
		}
		ratio := es[len(es)-1].value.Div(es[0].value)
		if bestConflict == nil || ratio.GreaterThan(bestRatio) {
			best, bestRatio, bestConflict = es, ratio, c
		}
	}
	return bestConflict, best, bestRatio
}

// spreadEstimate sets the judgment's estimate (the least that every figure
// given allows), its confidence and its basis.
func spreadEstimate(j *Judgment, c *Conflict, es []entry, subject, unit string) {
	origs := map[*OriginatorRow]bool{}
	hedged, revised, under := 0, 0, false
	floor := decimal.Decimal{}
	bounded := true
	for i, e := range es {
		origs[e.claim.By] = true
		if e.claim.Hedge != "" {
			hedged++
		}
		if !e.revised.IsZero() {
			revised++
		}
		under = under || e.qualifier == "almost" || e.qualifier == "nearly"
		l, ok := lower(e.qualifier, e.value)
		if !ok {
			bounded = false
			continue
		}
		if i == 0 || l.LessThan(floor) {
			floor = l
		}
	}
	term := "likely"
	if len(origs) >= 2 {
		term = "very likely"
	}
	if bounded && floor.IsPositive() {
		tense := "was"
		if c.Span.IsZero() {
			tense = "is"
		}
		j.Estimate = likelySentence(term, fmt.Sprintf("%s %s at least %s, since every figure given allows that much", subject, tense, Value(floorOne(floor), unit)))
	}
	j.Confidence = "moderate"
	if len(origs) < 2 || hedged > 0 {
		j.Confidence = "low"
	}
	parts := []string{Plural(len(es), "figure") + " from " + Plural(len(origs), "originator")}
	if revised > 0 {
		parts = append(parts, Plural(revised, "revision"))
	}
	if hedged > 0 {
		parts = append(parts, fmt.Sprintf("%d hedged by their originator", hedged))
	}
	j.Basis = Capital(joinAnd(parts)) + "; the originators do not publish their methods alongside the figures."
	if under && j.Estimate != "" {
		j.Basis += " A figure given as almost or nearly a value is read as at least nine tenths of it."
	}
}

func (s *Summary) coverageJudgment() *Judgment {
	c := s.Coverage
	if c.NewestArticle == nil || c.AsOf.IsZero() {
		return nil
	}
	newest := c.NewestArticle.Date
	months := monthsBetween(newest.Last(), c.AsOf.First())
	j := &Judgment{Topic: "Currency", Sources: []*SourceRow{c.NewestArticle}, Confidence: "high",
		Basis: "The publication dates of the sources, inferred where the article carries none."}
	j.Finding = fmt.Sprintf("The newest article is from %s", newest.Human())
	if newest.Precision() != dataset.PrecisionDay || c.NewestArticle.DateInferred {
		j.Finding = fmt.Sprintf("The newest article dates from about %s", newest.Human())
	}
	if !c.NewestRevision.IsZero() {
		j.Finding += fmt.Sprintf(" and the newest revision of a figure from %s", c.NewestRevision.Human())
	}
	j.Finding += fmt.Sprintf(", %s before this edition's as-of date of %s.", Plural(months, "month"), c.AsOf.Human())
	if months > 12 {
		j.Estimate = likelySentence("almost certain", fmt.Sprintf("figures for the time since %s are missing from this dataset rather than zero", newest.Human()))
	} else {
		j.Estimate = likelySentence("likely", "the dataset reflects the reporting to date, though recent figures may yet be revised")
		j.Confidence = "moderate"
	}
	return j
}

func monthsBetween(a, b time.Time) int {
	if b.Before(a) {
		return 0
	}
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}
