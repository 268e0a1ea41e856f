package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
)

// The four key judgments, each about the DPRK's activity rather than about
// the sources: scale, the latest year, purpose and the most uncertain
// quantity. judgments.go holds what they share.

// stronger reports whether judgment a rests on a stronger assessment than
// b: a higher term, then a later period, then more claims.
func stronger(a, b *Judgment) bool {
	if b == nil {
		return true
	}
	ra, rb := termRank(a.Assessment), termRank(b.Assessment)
	if ra != rb {
		return ra < rb
	}
	if c := a.Quantity.Span.End.Last().Compare(b.Quantity.Span.End.Last()); c != 0 {
		return c > 0
	}
	return len(a.Claims) > len(b.Claims)
}

// termRank orders assessments: 0 for the highest term, and past the last
// term when the data cannot support one.
func termRank(a Assessment) int {
	if !a.Supported {
		return len(likelihoodSteps)
	}
	return slices.Index(likelihoodSteps, a.Term)
}

// scaleJudgment judges the multi-year DPRK amount whose assessment is
// strongest.
func (s *Summary) scaleJudgment(used map[Quantity]bool) *Judgment {
	var best *Judgment
	for _, g := range s.groups() {
		q, _ := QuantityOf(g[0])
		if !IsMultiYear(g[0]) || used[q] {
			continue
		}
		j := &Judgment{Topic: "Scale", Claims: g}
		judge(j, q, g)
		if stronger(j, best) {
			best = j
		}
	}
	if best == nil {
		return nil
	}
	var parts []string
	for _, c := range best.Claims[:min(len(best.Claims), MaxListed)] {
		w := Capital(c.By.Name) + " gives " + c.LatestWords()
		if n := s.CountFor(c); n != nil {
			w += ", in " + n.Hedged()
			best.Claims = append(best.Claims, n)
		}
		parts = append(parts, w)
	}
	best.Finding = strings.Join(parts, "; ") + "."
	if c := best.Claims[0]; c.Articles() > 1 && c.Independent == 1 {
		best.Finding += fmt.Sprintf(" The %d articles that carry it all relay this one originator.", c.Articles())
	}
	return best
}

// scaleWords: "The UN Panel of Experts gives the value of suspected attacks
// over 2017–2023 as about $3 billion, a valuation of attacks under
// investigation, in 58 attacks, suspected".
func (s *Summary) scaleWords(c *ClaimRow) string {
	q, _ := QuantityOf(c)
	w := fmt.Sprintf("%s gives %s as %s", Capital(c.By.Name), SubjectWords(q, c.Measure), c.LatestWords())
	if n := s.CountFor(c); n != nil {
		w += ", in " + n.Hedged()
	}
	return w
}

// latestYear is the latest year with a single-year DPRK theft figure, and
// that year's theft claims, whole-year and part-year; 0 when none.
func (s *Summary) latestYear() (int, []*ClaimRow) {
	year := 0
	for _, c := range s.Claims {
		if y, ok := c.Span.SingleYear(); ok && IsTheft(c) && c.Scope == DPRKScope {
			year = max(year, y)
		}
	}
	var claims []*ClaimRow
	for _, c := range s.Claims {
		if y, ok := c.Span.SingleYear(); ok && y == year && IsTheft(c) && c.Scope == DPRKScope {
			claims = append(claims, c)
		}
	}
	return year, claims
}

// trendJudgment judges the latest year's theft and states its direction
// against the same originator's figure for an earlier year.
func (s *Summary) trendJudgment(used map[Quantity]bool) *Judgment {
	year, claims := s.latestYear()
	if year == 0 {
		return nil
	}
	whole := Quantity{TheftMetric, DPRKScope, dataset.Span{Start: dataset.Date{Year: year}, End: dataset.Date{Year: year}}}
	g := s.quantityClaims(whole)
	if len(g) == 0 || used[whole] {
		return nil
	}
	j := &Judgment{Topic: fmt.Sprintf("Latest year, %d", year), Claims: claims}
	judge(j, whole, g)
	j.Finding = Capital(yearFigures(claims, year)) + "."
	if text, prev := s.direction(year); text != "" {
		j.Finding += " " + text
		j.Claims = append(j.Claims, prev)
	}
	return j
}

// yearFigures lists a year's theft figures with their originators, a
// part-year figure with its period.
func yearFigures(claims []*ClaimRow, year int) string {
	var parts []string
	for _, c := range claims {
		w := c.By.Name + " gives " + c.LatestWords()
		if !c.Span.ContainsYear(year) || c.Span.Start.Precision() != dataset.PrecisionYear {
			w += " for " + c.Span.Human()
		}
		parts = append(parts, w)
	}
	return capped(parts, MaxListed, "; ")
}

// direction compares the latest whole-year theft figure of the originator
// with the longest series against its own figure for the year before:
// "Chainalysis' figure rises from $1.34 billion for 2024." Figures of
// different originators are never compared.
func (s *Summary) direction(year int) (string, *ClaimRow) {
	series := map[*OriginatorRow]map[int]*ClaimRow{}
	for _, c := range s.Claims {
		y, ok := c.Span.SingleYear()
		if !ok || !IsTheft(c) || c.Scope != DPRKScope || c.Span.Start.Precision() != dataset.PrecisionYear {
			continue
		}
		if series[c.By] == nil {
			series[c.By] = map[int]*ClaimRow{}
		}
		series[c.By][y] = c
	}
	var by *OriginatorRow
	for o, ys := range series {
		if ys[year] != nil && (by == nil || len(ys) > len(series[by]) || (len(ys) == len(series[by]) && o.ID < by.ID)) {
			by = o
		}
	}
	if by == nil {
		return "", nil
	}
	prevYear := 0
	for y := range series[by] {
		if y < year {
			prevYear = max(prevYear, y)
		}
	}
	if prevYear == 0 {
		return "", nil
	}
	now, prev := series[by][year].LatestAmount(), series[by][prevYear].LatestAmount()
	verb := "is the same as"
	switch now.Cmp(prev) {
	case 1:
		verb = "is higher than"
	case -1:
		verb = "is lower than"
	}
	return fmt.Sprintf("%s figure for %d %s its %s for %d.", Capital(possessive(by.Name)), year, verb, series[by][prevYear].LatestWords(), prevYear), series[by][prevYear]
}

// shareClaims are the DPRK shares of revenue or funding from named
// originators, in the dataset's order.
func (s *Summary) shareClaims() []*ClaimRow {
	var out []*ClaimRow
	for _, c := range s.Claims {
		if c.HasValue() && c.Unit == UnitPercent && c.Scope == DPRKScope && c.By.Kind != "unattributed" {
			out = append(out, c)
		}
	}
	return out
}

// shareWords lists the shares by measure, a sentence each: "The share of
// foreign-currency revenue: an unnamed member state, about 50%, according
// to a single member state; …."
func shareWords(claims []*ClaimRow) string {
	var metrics []dataset.Metric
	by := map[string][]string{}
	for _, c := range claims {
		if by[c.Measure.ID] == nil {
			metrics = append(metrics, c.Measure)
		}
		by[c.Measure.ID] = append(by[c.Measure.ID], attributed(c))
	}
	var parts []string
	for _, m := range metrics {
		parts = append(parts, "The "+lowerFirst(m.Label)+": "+capped(by[m.ID], MaxListed, "; ")+".")
	}
	return capped(parts, 2, " ")
}

// attributed is a claim's latest figure with its originator and, when
// dated, its period: "about 33% (the Multilateral Sanctions Monitoring
// Team, 2024)".
func attributed(c *ClaimRow) string {
	who := c.By.Name
	if !c.Span.IsZero() {
		who += ", " + c.Span.Human()
	}
	return c.LatestWords() + " (" + who + ")"
}

// purposeJudgment judges the share of revenue or funding estimated by the
// most originators; its topic is the share's own label.
func (s *Summary) purposeJudgment(used map[Quantity]bool) *Judgment {
	shares := s.shareClaims()
	var best []*ClaimRow
	var bq Quantity
	for _, g := range s.groups() {
		q, _ := QuantityOf(g[0])
		if g[0].Unit != UnitPercent || used[q] || !slices.Contains(shares, g[0]) {
			continue
		}
		if n := len(Estimates(g)); best == nil || n > len(Estimates(best)) {
			best, bq = g, q
		}
	}
	if best == nil {
		return nil
	}
	j := &Judgment{Topic: best[0].Measure.Label, Claims: best}
	judge(j, bq, best)
	j.Finding = Capital(SubjectWords(bq, best[0].Measure)) + ": " + figureList(best) + "."
	return j
}

// uncertainJudgment judges the DPRK quantity the originators disagree on
// most: the lowest confidence, then the widest spread.
func (s *Summary) uncertainJudgment(used map[Quantity]bool) *Judgment {
	var best *Judgment
	for _, c := range s.Conflicts {
		q := c.Quantity()
		if c.Scope != DPRKScope || used[q] {
			continue
		}
		j := &Judgment{Claims: c.Claims}
		judge(j, q, c.Claims)
		if best == nil || confidenceRank(j.Confidence) < confidenceRank(best.Confidence) ||
			(j.Confidence == best.Confidence && j.Assessment.Spread > best.Assessment.Spread) {
			best = j
		}
	}
	if best == nil || best.Assessment.Independent < 2 {
		return nil
	}
	subject := SubjectWords(best.Quantity, best.Claims[0].Measure)
	best.Topic = "Most uncertain"
	best.Finding = fmt.Sprintf("The estimates of %s disagree, from lowest to highest: %s.", subject, figureList(best.Claims))
	return best
}

func confidenceRank(c string) int {
	return cmp.Or(slices.Index([]string{"low", "moderate", "high"}, c), 0)
}

// MaxListed is how many figures a computed sentence lists before it counts
// the rest: the main body stays the same length however large the data.
const MaxListed = 3

// capped joins at most n items and counts the rest: "a; b; c; and 4 more
// (in the annex and the workbook)".
func capped(items []string, n int, sep string) string {
	if len(items) <= n {
		return strings.Join(items, sep)
	}
	return strings.Join(items[:n], sep) + fmt.Sprintf("%sand %d more (in the annex and the workbook)", sep, len(items)-n)
}
