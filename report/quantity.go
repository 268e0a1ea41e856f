package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/shopspring/decimal"
)

// The vocabulary the rules below test for, spelled once. The workbook's
// formulas take their literals from these constants, so a formula and the
// Go that caches its value cannot test for different things.
const (
	// TheftMetric is the metric of a theft figure: the value stolen, in USD.
	TheftMetric = "stolen-usd"
	// DPRKScope is the scope of a figure that counts the DPRK's thefts only.
	DPRKScope = "dprk"
	// UnitUSD and UnitPercent are the units of amounts and of shares.
	UnitUSD     = "USD"
	UnitPercent = "percent"
)

// Quantity is what a figure measures: its metric, scope and period. Two
// figures of the same quantity can be set side by side; if their values
// differ, that is a conflict.
type Quantity struct {
	Metric, Scope string
	Span          dataset.Span
}

// String writes the quantity as the workbook's key column does:
// "stolen-usd | dprk | 2023", "foreign-currency-share | dprk | undated".
func (q Quantity) String() string {
	period := q.Span.String()
	if q.Span.IsZero() {
		period = "undated"
	}
	return strings.Join([]string{q.Metric, q.Scope, period}, " | ")
}

// QuantityOf returns the quantity a claim's figure measures, and false when
// the figure cannot be compared with any other: a statement has no figure,
// and an undated amount or count means nothing without its period. An
// undated share can be compared (two estimates of the same share).
func QuantityOf(c *ClaimRow) (Quantity, bool) {
	if !c.HasValue() || (c.Span.IsZero() && c.Unit != UnitPercent) {
		return Quantity{}, false
	}
	return Quantity{c.Measure.ID, c.Scope, c.Span}, true
}

// ValueKey names a claim's quantity and the value it gives:
// "stolen-usd | dprk | 2023 | 660500000". Claims with equal keys from
// different originators confirm each other; a claim whose figure cannot be
// compared (QuantityOf) is keyed by its own id and confirms nothing. The
// workbook's Source matrix writes this key and counts independent
// originators over it with SUMIFS, so its formulas compute what
// Independent holds.
func ValueKey(c *ClaimRow) string {
	q, ok := QuantityOf(c)
	if !ok {
		return c.ID
	}
	return q.String() + " | " + c.Amount.String()
}

// IsTheft reports whether a claim is a dated DPRK-attributed theft figure:
// the kind the yearly table shows, one column per originator, when its
// period is a single year.
func IsTheft(c *ClaimRow) bool {
	return c.Measure.ID == TheftMetric && c.Scope == DPRKScope && !c.Span.IsZero()
}

// IsMultiYear reports whether a claim is a DPRK-attributed amount, theft or
// valuation, over a period longer than a year: the figures kept whole under
// the yearly table (Summary.Spans) and weighed for the scale judgment.
func IsMultiYear(c *ClaimRow) bool {
	if !c.HasValue() || c.Unit != UnitUSD || c.Scope != DPRKScope || c.Span.IsZero() {
		return false
	}
	_, single := c.Span.SingleYear()
	return !single
}

// LatestRevision returns the claim's most recent revision by date (the
// later listed of two on the same date), or nil: the value a chart label,
// a workbook cell or an edition calls "revised". The rule is
// dataset.Claim.Latest; this maps its answer to the row with its refs.
func (c *ClaimRow) LatestRevision() *RevisionRow {
	latest := c.Latest()
	for _, r := range c.RevisionRows {
		if r.Revision == latest {
			return r
		}
	}
	return nil
}

// LatestAmount is the claim's latest value: its latest revision's
// (LatestRevision), else its own. The yearly table, the chart, the
// judgments and the workbook's Latest value column (whose formula
// computes the same) all read a figure's value through it.
func (c *ClaimRow) LatestAmount() decimal.Decimal {
	if r := c.LatestRevision(); r != nil {
		return r.Amount
	}
	return c.Amount
}

// groups returns the comparable figure claims by quantity, in first-seen
// order.
func (s *Summary) groups() [][]*ClaimRow {
	idx := map[Quantity]int{}
	var out [][]*ClaimRow
	for _, c := range s.Claims {
		q, ok := QuantityOf(c)
		if !ok {
			continue
		}
		i, seen := idx[q]
		if !seen {
			i = len(out)
			idx[q] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], c)
	}
	return out
}

// corroboration counts, for each claim, the distinct originators that give
// its ValueKey, itself included: one pass to collect, one to read.
func (s *Summary) corroboration() {
	byKey := map[string]map[string]bool{}
	for _, c := range s.Claims {
		k := ValueKey(c)
		if byKey[k] == nil {
			byKey[k] = map[string]bool{}
		}
		byKey[k][c.By.ID] = true
	}
	for _, c := range s.Claims {
		c.Independent = len(byKey[ValueKey(c)])
	}
}

// conflicts finds the quantities given with different values.
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
		s.Conflicts = append(s.Conflicts, &Conflict{Metric: g[0].Measure, Scope: g[0].Scope, Span: g[0].Span, Claims: sorted})
	}
	slices.SortStableFunc(s.Conflicts, func(a, b *Conflict) int {
		return cmp.Or(-cmp.Compare(a.Span.End.Year, b.Span.End.Year), cmp.Compare(a.Metric.ID, b.Metric.ID))
	})
}

// Quantity is the quantity the conflict is about.
func (c *Conflict) Quantity() Quantity { return Quantity{c.Metric.ID, c.Scope, c.Span} }
