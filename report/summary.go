// Package report computes what the artifacts show from a dataset (Compute,
// pure and deterministic) and holds the helpers both renderers share for
// writing figures the way a reader expects them.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/shopspring/decimal"
)

// Options narrow what Compute keeps.
type Options struct {
	// From and To keep the claims and incidents that overlap the years
	// From..To (inclusive); zero means unbounded.
	From, To int
}

// Summary is everything the workbook and the briefing show, computed once.
type Summary struct {
	Meta        dataset.Meta
	Fingerprint string
	From, To    int // the period asked for; zero when unbounded

	Sources     []*SourceRow // numbered bibliography, in citation order
	Originators []*OriginatorRow
	Claims      []*ClaimRow
	Incidents   []*IncidentRow

	Years []*YearRow // one per year the figures cover, ascending
	// YearOriginators are the originators with a single-year DPRK theft
	// figure: the columns of the yearly table, in order of first year.
	YearOriginators []*OriginatorRow
	Spans           []*ClaimRow // multi-year DPRK theft figures, not split into years

	Conflicts  []*Conflict // same quantity, different values
	SumChecks  []*SumCheck // multi-year wholes against their per-year parts
	Relays     []*ClaimRow // figures that several articles relay from one originator
	KeyFigures []*ClaimRow // the DPRK figures from named originators, most relayed first

	YearFrom, YearTo int // the years the figures cover

	Counts Counts
}

// Counts are the headline numbers that --check, the workbook's Overview and
// the briefing's title block all show.
type Counts struct {
	Figures     int             // claims with a value
	Citations   int             // citations of claims and incidents
	Originators int             // distinct originators behind the claims
	Relayed     int             // claims reported by two or more articles
	Confirmed   int             // claims two or more independent originators give
	IncidentUSD decimal.Decimal // the incidents' amounts as reported, added up
}

// SourceRow is an article with its bibliography number.
type SourceRow struct {
	*dataset.Source
	N       int              // 1-based bibliography number
	Relayed []*OriginatorRow // the originators it relays
	Claims  int              // claims citing it
	Cites   int              // citations of it, claims and incidents together
}

// OriginatorRow is an originator with how much of the dataset rests on it.
type OriginatorRow struct {
	*dataset.Originator
	Claims int
}

// ClaimRow is a claim with what is derived from it.
type ClaimRow struct {
	*dataset.Claim
	Originator *OriginatorRow
	Via        []*OriginatorRow
	Metric     dataset.Metric
	Sources    []*SourceRow // distinct articles citing it, in bibliography order
	// Independent counts the distinct originators that report this same
	// value for the same quantity (metric, scope, period), itself included.
	Independent int
	// Straddles is set when the claim's period runs past the From..To asked for.
	Straddles bool
}

// Articles is how many distinct articles report the claim.
func (c *ClaimRow) Articles() int { return len(c.Sources) }

// Figure is the claim's value in words with its qualifier ("more than $750 million").
func (c *ClaimRow) Figure() string {
	if !c.HasValue() {
		return ""
	}
	return Qualified(c.Qualifier, c.Amount, c.Unit)
}

// IncidentRow is an incident with its cited articles.
type IncidentRow struct {
	*dataset.Incident
	Sources []*SourceRow
}

// Figure is the incident's amount in words with its qualifier.
func (in *IncidentRow) Figure() string { return Qualified(in.Qualifier, in.USD, "USD") }

// YearRow holds one year's named incidents and the theft figures reported for it.
type YearRow struct {
	Year         int
	Incidents    int
	IncidentUSD  decimal.Decimal
	ByOriginator []Report // parallel to Summary.YearOriginators; Claim nil where none
	Low, High    decimal.Decimal
	HasReports   bool
}

// Report is one originator's theft figure for a year.
type Report struct {
	Claim *ClaimRow
}

// Conflict is one quantity reported with different values.
type Conflict struct {
	Metric dataset.Metric
	Scope  string
	Span   dataset.Span
	Claims []*ClaimRow // ascending by value
}

// SumCheck compares a multi-year figure with the single-year figures for the
// years inside it.
type SumCheck struct {
	Whole     *ClaimRow
	Years     []int // the years inside the span that have figures
	Low, High decimal.Decimal
	Disagrees bool
}

// Compute derives the Summary from a validated dataset. It is pure: same
// dataset and options, same Summary.
func Compute(d *dataset.Dataset, opt Options) *Summary {
	s := &Summary{Meta: d.Meta, Fingerprint: d.Fingerprint, From: opt.From, To: opt.To}
	origs := map[string]*OriginatorRow{}
	for _, o := range d.Originators {
		r := &OriginatorRow{Originator: o}
		origs[o.ID] = r
		s.Originators = append(s.Originators, r)
	}

	// Keep what overlaps the period, and number the sources in order of
	// first citation. The briefing may renumber them (Renumber) so that its
	// numbers run in reading order; the workbook then uses the same.
	srcs := map[string]*SourceRow{}
	cite := func(cs []dataset.Citation) []*SourceRow {
		var out []*SourceRow
		for _, c := range cs {
			r, ok := srcs[c.Source]
			if !ok {
				r = &SourceRow{Source: d.Source(c.Source)}
				srcs[c.Source] = r
				s.Sources = append(s.Sources, r)
				r.N = len(s.Sources)
			}
			r.Cites++
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
		return out
	}
	for _, c := range d.Claims {
		if !c.Span.Overlaps(opt.From, opt.To) {
			continue
		}
		m, _ := dataset.MetricByID(c.Metric)
		row := &ClaimRow{Claim: c, Originator: origs[c.Originator], Metric: m,
			Straddles: !c.Span.Within(opt.From, opt.To)}
		for _, v := range c.Via {
			row.Via = append(row.Via, origs[v])
		}
		row.Sources = cite(c.Citations)
		for _, r := range row.Sources {
			r.Claims++
		}
		row.Originator.Claims++
		s.Claims = append(s.Claims, row)
	}
	for _, in := range d.Incidents {
		if !in.When.First().IsZero() && !(dataset.Span{Start: in.When, End: in.When}).Overlaps(opt.From, opt.To) {
			continue
		}
		s.Incidents = append(s.Incidents, &IncidentRow{Incident: in, Sources: cite(in.Citations)})
	}
	for _, r := range s.Sources {
		for _, o := range r.Source.Relays {
			r.Relayed = append(r.Relayed, origs[o])
		}
	}
	s.corroboration()
	s.years()
	s.conflicts()
	s.sumChecks()
	s.relays()
	s.keyFigures()
	s.count()
	return s
}

func (s *Summary) count() {
	c := &s.Counts
	origs := map[string]bool{}
	for _, cl := range s.Claims {
		if cl.HasValue() {
			c.Figures++
		}
		if cl.Articles() >= 2 {
			c.Relayed++
		}
		if cl.Independent >= 2 {
			c.Confirmed++
		}
		c.Citations += len(cl.Citations)
		origs[cl.Originator.ID] = true
	}
	c.Originators = len(origs)
	for _, in := range s.Incidents {
		c.Citations += len(in.Citations)
		c.IncidentUSD = c.IncidentUSD.Add(in.USD)
	}
}

// quantity names what a figure measures: the same quantity reported twice
// can be compared.
type quantity struct {
	metric, scope string
	span          dataset.Span
}

func (c *ClaimRow) quantity() quantity { return quantity{c.Metric.ID, c.Scope, c.Span} }

// groups returns the figure claims by quantity, in first-seen order.
func (s *Summary) groups() [][]*ClaimRow {
	idx := map[quantity]int{}
	var out [][]*ClaimRow
	for _, c := range s.Claims {
		if !c.HasValue() || c.Span.IsZero() {
			continue
		}
		q := c.quantity()
		i, ok := idx[q]
		if !ok {
			i = len(out)
			idx[q] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], c)
	}
	return out
}

func (s *Summary) corroboration() {
	for _, c := range s.Claims {
		c.Independent = 1
	}
	// Within a quantity, count the distinct originators behind each value:
	// one pass to collect, one to read, linear in the claims.
	for _, g := range s.groups() {
		byValue := map[string]map[string]bool{}
		for _, c := range g {
			k := c.Amount.String()
			if byValue[k] == nil {
				byValue[k] = map[string]bool{}
			}
			byValue[k][c.Originator.ID] = true
		}
		for _, c := range g {
			c.Independent = len(byValue[c.Amount.String()])
		}
	}
}

// isTheft reports whether a claim is a DPRK-attributed theft figure, the kind
// the yearly table shows.
func isTheft(c *ClaimRow) bool {
	return c.Metric.ID == "stolen-usd" && c.Scope == "dprk" && !c.Span.IsZero()
}

func (s *Summary) years() {
	type key struct {
		year int
		orig string
	}
	single := map[key]*ClaimRow{}
	colOf := map[string]int{}
	for _, c := range s.Claims {
		if !isTheft(c) {
			continue
		}
		y, ok := c.Span.SingleYear()
		if !ok {
			s.Spans = append(s.Spans, c)
			s.extend(c.Span.End.Year)
			if !c.Span.Start.IsZero() {
				s.extend(c.Span.Start.Year)
			}
			continue
		}
		s.extend(y)
		k := key{y, c.Originator.ID}
		// Two figures from one originator for one year: keep the first
		// (the dataset's order) and leave the other to the conflicts.
		if _, dup := single[k]; !dup {
			single[k] = c
		}
		if _, ok := colOf[c.Originator.ID]; !ok {
			colOf[c.Originator.ID] = len(s.YearOriginators)
			s.YearOriginators = append(s.YearOriginators, c.Originator)
		}
	}
	for _, in := range s.Incidents {
		s.extend(in.When.Year)
	}
	if s.YearFrom == 0 {
		return
	}
	from, to := s.YearFrom, s.YearTo
	if s.From != 0 {
		from = max(from, s.From)
	}
	if s.To != 0 {
		to = min(to, s.To)
	}
	s.YearFrom, s.YearTo = from, to
	for y := from; y <= to; y++ {
		row := &YearRow{Year: y, ByOriginator: make([]Report, len(s.YearOriginators))}
		for _, in := range s.Incidents {
			if in.When.Year == y {
				row.Incidents++
				row.IncidentUSD = row.IncidentUSD.Add(in.USD)
			}
		}
		for i, o := range s.YearOriginators {
			c := single[key{y, o.ID}]
			row.ByOriginator[i] = Report{c}
			if c == nil {
				continue
			}
			if !row.HasReports || c.Amount.LessThan(row.Low) {
				row.Low = c.Amount
			}
			if !row.HasReports || c.Amount.GreaterThan(row.High) {
				row.High = c.Amount
			}
			row.HasReports = true
		}
		s.Years = append(s.Years, row)
	}
}

func (s *Summary) extend(y int) {
	if s.YearFrom == 0 || y < s.YearFrom {
		s.YearFrom = y
	}
	if y > s.YearTo {
		s.YearTo = y
	}
}

func (s *Summary) conflicts() {
	for _, g := range s.groups() {
		values := map[string]bool{}
		for _, c := range g {
			values[c.Amount.String()] = true
		}
		if len(values) < 2 {
			continue
		}
		sorted := slices.Clone(g)
		slices.SortStableFunc(sorted, func(a, b *ClaimRow) int { return a.Amount.Cmp(b.Amount) })
		s.Conflicts = append(s.Conflicts, &Conflict{Metric: g[0].Metric, Scope: g[0].Scope, Span: g[0].Span, Claims: sorted})
	}
	slices.SortStableFunc(s.Conflicts, func(a, b *Conflict) int {
		return cmp.Or(-cmp.Compare(a.Span.End.Year, b.Span.End.Year), cmp.Compare(a.Metric.ID, b.Metric.ID))
	})
}

func (s *Summary) sumChecks() {
	for _, whole := range s.Spans {
		if whole.Span.Start.IsZero() {
			continue // an open start has no parts to add up
		}
		chk := &SumCheck{Whole: whole}
		for _, y := range s.Years {
			if !whole.Span.ContainsYear(y.Year) || !y.HasReports {
				continue
			}
			chk.Years = append(chk.Years, y.Year)
			chk.Low = chk.Low.Add(y.Low)
			chk.High = chk.High.Add(y.High)
		}
		if len(chk.Years) == 0 {
			continue
		}
		// The highest reports for the years inside already pass the whole's
		// upper bound: the parts and the whole cannot both be right.
		if hi, bounded := Upper(whole.Qualifier, whole.Amount); bounded {
			chk.Disagrees = chk.High.GreaterThan(hi)
		}
		s.SumChecks = append(s.SumChecks, chk)
	}
}

func (s *Summary) relays() {
	for _, c := range s.Claims {
		if c.Articles() >= 2 {
			s.Relays = append(s.Relays, c)
		}
	}
	slices.SortStableFunc(s.Relays, func(a, b *ClaimRow) int { return -cmp.Compare(a.Articles(), b.Articles()) })
}

// keyFigures picks the headline figures: DPRK figures (not launch counts)
// from named originators, the most relayed first, then the most recent.
func (s *Summary) keyFigures() {
	for _, c := range s.Claims {
		if c.HasValue() && c.Scope == "dprk" && c.Metric.ID != "launch-count" && c.Originator.Kind != "unattributed" {
			s.KeyFigures = append(s.KeyFigures, c)
		}
	}
	slices.SortStableFunc(s.KeyFigures, func(a, b *ClaimRow) int {
		return cmp.Or(-cmp.Compare(a.Articles(), b.Articles()), -cmp.Compare(a.Span.End.Year, b.Span.End.Year))
	})
}

// Renumber orders the bibliography by the given source ids (the order in
// which the briefing first cites them); sources it does not name keep their
// relative order after those.
func (s *Summary) Renumber(order []string) {
	rank := map[string]int{}
	for i, id := range order {
		if _, ok := rank[id]; !ok {
			rank[id] = i
		}
	}
	slices.SortStableFunc(s.Sources, func(a, b *SourceRow) int {
		ra, oka := rank[a.ID]
		rb, okb := rank[b.ID]
		switch {
		case oka && okb:
			return cmp.Compare(ra, rb)
		case oka:
			return -1
		case okb:
			return 1
		}
		return cmp.Compare(a.N, b.N)
	})
	for i, r := range s.Sources {
		r.N = i + 1
	}
	for _, c := range s.Claims {
		slices.SortStableFunc(c.Sources, func(a, b *SourceRow) int { return cmp.Compare(a.N, b.N) })
	}
	for _, in := range s.Incidents {
		slices.SortStableFunc(in.Sources, func(a, b *SourceRow) int { return cmp.Compare(a.N, b.N) })
	}
}

// Numbers writes the bibliography numbers of sources as "[1] [3]".
func Numbers(srcs []*SourceRow) string {
	parts := make([]string, len(srcs))
	for i, r := range srcs {
		parts[i] = fmt.Sprintf("[%d]", r.N)
	}
	return strings.Join(parts, " ")
}
