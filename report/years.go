package report

import (
	"fmt"

	"github.com/dprkreport/dprkreport/dataset"
)

// Three runs of years appear in the artifacts, and they differ:
//
//   - Summary.Asked, the period asked for (--from, --to): "2022 onwards";
//   - Summary.Shown, the years shown: the yearly table's rows, the years of
//     the figures and incidents kept, clipped to the period asked for;
//   - Coverage.Reported, the years the kept figures report on, a multi-year
//     figure whole: with --from 2022, a 2017–2023 figure that straddles the
//     period makes it 2017–2023 while Shown is 2022–2023;
//   - Coverage.Data, the years of the whole dataset, whatever was asked.

// Period is the period asked for: the years From..To, inclusive; a zero
// bound is open, and the zero Period asks for every year.
type Period struct{ From, To int }

// IsZero reports whether the period asks for every year.
func (p Period) IsZero() bool { return p.From == 0 && p.To == 0 }

// Words names the period: "2022–2023", "2023 only", "2030 onwards", "up to
// 2019"; empty for every year.
func (p Period) Words() string {
	switch {
	case p.IsZero():
		return ""
	case p.From != 0 && p.To != 0 && p.From == p.To:
		return fmt.Sprintf("%d only", p.From)
	case p.From != 0 && p.To != 0:
		return fmt.Sprintf("%d–%d", p.From, p.To)
	case p.From != 0:
		return fmt.Sprintf("%d onwards", p.From)
	}
	return fmt.Sprintf("up to %d", p.To)
}

// YearRange is a run of years, First..Last inclusive; the zero value holds
// no year.
type YearRange struct{ First, Last int }

// IsZero reports whether the range holds no year.
func (r YearRange) IsZero() bool { return r.First == 0 }

// String writes "2017–2023", "2023", or nothing for no years.
func (r YearRange) String() string {
	switch {
	case r.IsZero():
		return ""
	case r.First == r.Last:
		return fmt.Sprint(r.First)
	}
	return fmt.Sprintf("%d–%d", r.First, r.Last)
}

// add takes in a year; 0 (no year) changes nothing.
func (r *YearRange) add(y int) {
	if y == 0 {
		return
	}
	if r.First == 0 || y < r.First {
		r.First = y
	}
	r.Last = max(r.Last, y)
}

// addSpan takes in a span's years; an undated span changes nothing.
func (r *YearRange) addSpan(sp dataset.Span) {
	if sp.IsZero() {
		return
	}
	if !sp.Start.IsZero() {
		r.add(sp.Start.Year)
	}
	r.add(sp.End.Year)
}

// clip narrows the range to a period; the zero range when none of its
// years falls in it.
func (r YearRange) clip(p Period) YearRange {
	if r.IsZero() {
		return r
	}
	if p.From != 0 {
		r.First = max(r.First, p.From)
	}
	if p.To != 0 {
		r.Last = min(r.Last, p.To)
	}
	if r.First > r.Last {
		return YearRange{}
	}
	return r
}

// Empty reports whether the report has nothing to show: no claim and no
// incident falls in the period asked for (or, when none was asked for, the
// dataset holds none).
func (s *Summary) Empty() bool { return len(s.Claims) == 0 && len(s.Incidents) == 0 }

// EmptyWords says why an empty report is empty, and over what period:
// "nothing in the dataset falls in 2030 onwards", or "the dataset holds no
// claims or incidents, for any year". Empty when the report is not.
func (s *Summary) EmptyWords() string {
	switch {
	case !s.Empty():
		return ""
	case s.Asked.IsZero():
		return "the dataset holds no claims or incidents, for any year"
	}
	return "nothing in the dataset falls in " + s.Asked.Words()
}

// Coverage says what period the reporting covers and how recent its newest
// sources are, as distinct from the date the artifacts are built.
type Coverage struct {
	// Reported are the years the figures and incidents kept report on,
	// a multi-year figure whole (see the top of years.go).
	Reported YearRange
	// Data are the years the whole dataset's figures and incidents
	// cover, whatever period was asked for.
	Data            YearRange
	NewestArticle   *SourceRow   // the most recently published article
	NewestReference *SourceRow   // the most recently published reference
	NewestRevision  dataset.Date // the newest revision of a figure
	AsOf            dataset.Date
}

func (s *Summary) coverage(d *dataset.Dataset) {
	c := &s.Coverage
	c.AsOf = s.Meta.AsOfDate
	newer := func(a *SourceRow, b *SourceRow) bool {
		return a == nil || b.Date.Last().After(a.Date.Last())
	}
	for _, r := range s.Sources {
		if r.IsReference() {
			if newer(c.NewestReference, r) {
				c.NewestReference = r
			}
		} else if newer(c.NewestArticle, r) {
			c.NewestArticle = r
		}
	}
	for _, cl := range s.Claims {
		if cl.HasValue() {
			c.Reported.addSpan(cl.Span)
		}
		for _, r := range cl.RevisionRows {
			if r.Revised.Last().After(c.NewestRevision.Last()) || c.NewestRevision.IsZero() {
				c.NewestRevision = r.Revised
			}
		}
	}
	for _, in := range s.Incidents {
		c.Reported.add(in.When.Year)
	}
	for _, cl := range d.Claims {
		if cl.HasValue() {
			c.Data.addSpan(cl.Span)
		}
	}
	for _, in := range d.Incidents {
		c.Data.add(in.When.Year)
	}
}

// yearKey is one originator's figures for one year.
type yearKey struct {
	year int
	orig string
}

// years builds the yearly table: the multi-year figures kept whole
// (Spans), each originator's highest single-year theft figure per year
// (yearlyReports), and one row per year shown.
func (s *Summary) years() {
	var seen YearRange // the years of the figures and incidents kept
	for _, c := range s.Claims {
		if IsMultiYear(c) {
			// Multi-year figures, thefts or valuations, kept whole.
			s.Spans = append(s.Spans, c)
			seen.addSpan(c.Span)
		} else if y, single := c.Span.SingleYear(); single && IsTheft(c) {
			seen.add(y)
		}
	}
	for _, in := range s.Incidents {
		seen.add(in.When.Year)
	}
	reports := s.yearlyReports()
	// With a period asked for, only spans that straddle it may reach into
	// it: then no year of the period has a figure of its own and the
	// clipped range is empty.
	s.Shown = seen.clip(s.Asked)
	if s.Shown.IsZero() {
		return
	}
	for y := s.Shown.First; y <= s.Shown.Last; y++ {
		s.Years = append(s.Years, s.yearRow(y, reports))
	}
}

// yearlyReports collects each originator's single-year theft figures per
// year (the highest by latest value, ClaimRow.LatestAmount, as the
// workbook's formula picks it, and how many),
// sets the yearly table's originator columns in order of first figure, and
// marks the figures the table shows (IsYearHighest).
func (s *Summary) yearlyReports() map[yearKey]*Report {
	reports := map[yearKey]*Report{}
	colOf := map[string]bool{}
	for _, c := range s.Claims {
		y, single := c.Span.SingleYear()
		if !single || !IsTheft(c) {
			continue
		}
		k := yearKey{y, c.By.ID}
		r := reports[k]
		if r == nil {
			r = &Report{}
			reports[k] = r
		}
		r.Count++
		if r.Claim == nil || c.LatestAmount().GreaterThan(r.Claim.LatestAmount()) {
			r.Claim = c
		}
		if !colOf[c.By.ID] {
			colOf[c.By.ID] = true
			s.YearOriginators = append(s.YearOriginators, c.By)
		}
	}
	// The figures the yearly table shows: the highest of each originator's
	// for a year by latest value (all of them, when several tie).
	s.yearTop = map[*ClaimRow]bool{}
	for _, c := range s.Claims {
		if y, single := c.Span.SingleYear(); single && IsTheft(c) {
			s.yearTop[c] = c.LatestAmount().Equal(reports[yearKey{y, c.By.ID}].Claim.LatestAmount())
		}
	}
	return reports
}

// yearRow is the yearly table's row for year y: Low and High are the
// figures with the lowest and highest latest value.
func (s *Summary) yearRow(y int, reports map[yearKey]*Report) *YearRow {
	row := &YearRow{Year: y, ByOriginator: make([]Report, len(s.YearOriginators))}
	for _, in := range s.Incidents {
		if in.When.Year == y {
			row.Incidents++
		}
	}
	for i, o := range s.YearOriginators {
		r := reports[yearKey{y, o.ID}]
		if r == nil {
			continue
		}
		row.ByOriginator[i] = *r
		c := r.Claim
		if !row.HasReports || c.LatestAmount().LessThan(row.Low.LatestAmount()) {
			row.Low = c
		}
		if !row.HasReports || c.LatestAmount().GreaterThan(row.High.LatestAmount()) {
			row.High = c
		}
		row.HasReports = true
	}
	return row
}
