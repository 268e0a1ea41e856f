package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
)

// Point is one computed sentence of the bottom line or of what we do not
// know, with the claims and incidents it rests on (its citations).
type Point struct {
	Text      string
	Claims    []*ClaimRow
	Incidents []*IncidentRow
}

// BottomLine is the briefing's main message, three or four sentences
// computed from the data: the scale over the longest periods per the most
// authoritative originators, the latest year's figures (with its largest
// incident), the direction of one originator's series, and what the money
// is said to fund. Each figure keeps its qualifier and hedge.
func (s *Summary) BottomLine() []*Point {
	var out []*Point
	add := func(p *Point) {
		if p != nil && p.Text != "" {
			out = append(out, p)
		}
	}
	add(s.scalePoint())
	add(s.latestPoint())
	add(s.purposePoint())
	return out
}

// authority orders claims by how much weight their source carries: the
// grade letter, then the credibility digit, then the articles that carry
// it, then the later period.
func authority(a, b *ClaimRow) int {
	ga, gb := a.Admiralty(), b.Admiralty()
	return cmp.Or(cmp.Compare(ga, gb), -cmp.Compare(a.Articles(), b.Articles()), -a.Span.End.Last().Compare(b.Span.End.Last()))
}

// scalePoint gives the multi-year DPRK amounts, at most two whose periods
// do not overlap, the most authoritative first chosen, in time order.
func (s *Summary) scalePoint() *Point {
	var cands []*ClaimRow
	for _, c := range s.Claims {
		if IsMultiYear(c) && c.By.Kind != "unattributed" {
			cands = append(cands, c)
		}
	}
	slices.SortStableFunc(cands, authority)
	var chosen []*ClaimRow
	for _, c := range cands {
		if len(chosen) == 2 {
			break
		}
		if !slices.ContainsFunc(chosen, func(o *ClaimRow) bool { return overlap(o.Span, c.Span) }) {
			chosen = append(chosen, c)
		}
	}
	if len(chosen) == 0 {
		return nil
	}
	slices.SortStableFunc(chosen, func(a, b *ClaimRow) int { return a.Span.End.Last().Compare(b.Span.End.Last()) })
	p := &Point{}
	var parts []string
	for _, c := range chosen {
		parts = append(parts, s.scaleWords(c))
		p.Claims = append(p.Claims, c)
		if n := s.CountFor(c); n != nil {
			p.Claims = append(p.Claims, n)
		}
	}
	p.Text = strings.Join(parts, ". ") + "."
	return p
}

// overlap reports whether two spans share a year (an open start reaches
// back without bound).
func overlap(a, b dataset.Span) bool {
	aFrom, bFrom := a.Start.Year, b.Start.Year
	return (aFrom == 0 || aFrom <= b.End.Year) && (bFrom == 0 || bFrom <= a.End.Year)
}

// latestPoint gives the latest year's theft figures, the direction of one
// originator's series into it, and the year's largest incident.
func (s *Summary) latestPoint() *Point {
	year, claims := s.latestYear()
	if year == 0 {
		return nil
	}
	p := &Point{Claims: claims}
	p.Text = fmt.Sprintf("For %d, the latest year with a figure, %s.", year, yearFigures(claims, year))
	if text, prev := s.direction(year); text != "" {
		p.Text += " " + text
		p.Claims = append(p.Claims, prev)
	}
	if in := s.largestIncident(year); in != nil {
		p.Text += fmt.Sprintf(" The largest incident that year: %s, %s, %s, attributed to %s.", in.Victim, in.When.Human(), in.AmountWords(), WithHedge(in.Actor, in.Hedge))
		p.Incidents = append(p.Incidents, in)
	}
	return p
}

// largestIncident is the incident of the year with the largest amount, or nil.
func (s *Summary) largestIncident(year int) *IncidentRow {
	var best *IncidentRow
	for _, in := range s.Incidents {
		if in.When.Year == year && (best == nil || in.USD.GreaterThan(best.USD)) {
			best = in
		}
	}
	return best
}

// purposePoint gives the shares of revenue and funding, each with its
// originator and hedge.
func (s *Summary) purposePoint() *Point {
	shares := s.shareClaims()
	if len(shares) == 0 {
		return nil
	}
	return &Point{Text: shareWords(shares), Claims: shares}
}

// Unknowns is what the data leaves open and what would change the
// judgments: valuations that are not thefts, upper bounds, years with no figure, superseded figures and the
// age of the newest source. Each point is computed from the data.
func (s *Summary) Unknowns(js []*Judgment) []*Point {
	var out []*Point
	add := func(p *Point) {
		if p != nil {
			out = append(out, p)
		}
	}
	add(s.valuationPoint())
	add(s.gapPoint())
	add(s.revisionPoint())
	add(s.newestPoint())
	add(changePoint(js))
	return out
}

// valuationPoint names the amounts that are not thefts (valuations of
// suspected attacks) and the figures that give only an upper bound.
func (s *Summary) valuationPoint() *Point {
	p := &Point{}
	var vals, bounds []string
	for _, c := range s.Claims {
		switch {
		case !c.HasValue() || c.By.Kind == "unattributed":
		case c.Unit == UnitUSD && c.Measure.ID != TheftMetric:
			vals = append(vals, attributed(c))
			p.Claims = append(p.Claims, c)
		case c.Qualifier == "up-to":
			bounds = append(bounds, attributed(c))
			p.Claims = append(p.Claims, c)
		}
	}
	var parts []string
	if len(vals) > 0 {
		parts = append(parts, "Valuations, not amounts known to be stolen: "+capped(vals, MaxListed, "; ")+".")
	}
	if len(bounds) > 0 {
		parts = append(parts, "Upper bounds only: "+capped(bounds, MaxListed, "; ")+".")
	}
	if len(parts) == 0 {
		return nil
	}
	p.Text = strings.Join(parts, " ")
	return p
}

// gapPoint names the years the data covers that no single-year theft
// figure reports.
func (s *Summary) gapPoint() *Point {
	first, last := s.Shown.First, s.Shown.Last
	if first == 0 {
		return nil
	}
	has := map[int]bool{}
	for _, c := range s.Claims {
		if y, ok := c.Span.SingleYear(); ok && IsTheft(c) {
			has[y] = true
		}
	}
	var runs []string
	for y := first; y <= last; y++ {
		if has[y] {
			continue
		}
		end := y
		for end+1 <= last && !has[end+1] {
			end++
		}
		if end == y {
			runs = append(runs, fmt.Sprint(y))
		} else {
			runs = append(runs, fmt.Sprintf("%d–%d", y, end))
		}
		y = end
	}
	if len(runs) == 0 {
		return nil
	}
	return &Point{Text: fmt.Sprintf("No single-year theft figure covers %s: those years are unreported here, not zero.", joinAnd(runs))}
}

func (s *Summary) revisionPoint() *Point {
	p := &Point{}
	var parts []string
	for _, c := range s.Claims {
		if r := c.LatestRevision(); r != nil && c.HasValue() && strings.HasPrefix(c.Scope, DPRKScope) {
			parts = append(parts, fmt.Sprintf("%s revised its figure for %s from %s to %s %s", c.By.Name, PeriodWords(c.Span), c.Figure(), Qualified(cmp.Or(r.Qualifier, c.Qualifier), r.Amount, c.Unit), DateWords(r.Revised)))
			p.Claims = append(p.Claims, c)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	p.Text = Capital(capped(parts, MaxListed, "; ")) + ": first-published figures can move by that much."
	return p
}

// newestPoint says how old the newest source is on the as-of date.
func (s *Summary) newestPoint() *Point {
	c := s.Coverage
	newest := c.NewestArticle
	if r := c.NewestReference; r != nil && (newest == nil || r.Date.Last().After(newest.Date.Last())) {
		newest = r
	}
	if newest == nil || c.AsOf.IsZero() {
		return nil
	}
	months := monthsBetween(newest.Date.Last(), c.AsOf.First())
	return &Point{Text: fmt.Sprintf("The newest source is from %s, %s before this edition's as-of date (%s): anything since is not in the data.", newest.Date.Human(), Plural(months, "month"), c.AsOf.Human())}
}

// changePoint names what would change the judgments: a second originator
// for a quantity one originator alone stands behind.
func changePoint(js []*Judgment) *Point {
	var subjects []string
	for _, j := range js {
		if j.Assessment.Supported && j.Assessment.Independent == 1 {
			subjects = append(subjects, SubjectWords(j.Quantity, j.Claims[0].Measure))
		}
	}
	if len(subjects) == 0 {
		return nil
	}
	return &Point{Text: fmt.Sprintf("What would change these judgments: a second independent figure for %s, or a revision of the figures they rest on.", joinAnd(subjects))}
}

func monthsBetween(a, b time.Time) int {
	if b.Before(a) {
		return 0
	}
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

// DateWords puts a date after a verb: "on 19 Dec 2024", "in Jan 2024",
// "in 2023".
func DateWords(d dataset.Date) string {
	if d.Precision() == dataset.PrecisionDay {
		return "on " + d.Human()
	}
	return "in " + d.Human()
}
