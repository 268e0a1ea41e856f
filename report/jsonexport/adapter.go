package jsonexport

import (
	"cmp"

	dset "github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// This file is the package's only contact with report's types: it reads
// the computed summary into the export's rows, table by table, with the
// same rules the workbook's cells use (Hedged, Admiralty, Cite, …).

// table is one array of the export, its rows made one at a time so that a
// large dataset is never held twice.
type table struct {
	name string
	rows func(yield func(any) error) error
}

func header(s *report.Summary) (dataset, period) {
	m := s.Meta
	d := dataset{Title: m.Title, Subtitle: m.Subtitle, AsOf: m.AsOf, Author: m.Author, Description: m.Description,
		Fingerprint: s.Fingerprint, TLP: cmp.Or(m.TLP, dset.TLPClear)}
	var p period
	if s.Asked.From != 0 {
		p.From = &s.Asked.From
	}
	if s.Asked.To != 0 {
		p.To = &s.Asked.To
	}
	return d, p
}

// tabler reads one summary with its numbering and edition.
type tabler struct {
	s   *report.Summary
	num *report.Numbering
	ed  *edition.Edition
}

func tables(s *report.Summary, opt Options) []table {
	t := &tabler{s: s, num: opt.Numbering, ed: opt.Edition}
	if t.num == nil {
		t.num = report.DefaultNumbering(s)
	}
	ts := []table{
		{"incidents", func(y func(any) error) error { return each(s.Incidents, y, t.incident) }},
		{"claims", func(y func(any) error) error { return each(s.Claims, y, t.claim) }},
		{"citations", func(y func(any) error) error { return each(s.Citations, y, t.citation) }},
		{"sources", func(y func(any) error) error { return each(t.sources(), y, t.source) }},
		{"originators", func(y func(any) error) error { return each(s.Originators, y, originator) }},
		{"conflicts", t.conflicts},
		{"years", func(y func(any) error) error { return each(s.Years, y, t.year) }},
		{"multi_year_figures", func(y func(any) error) error { return each(s.Spans, y, t.span) }},
	}
	if t.ed != nil {
		ts = append(ts, table{"changes", t.changes})
	}
	return ts
}

// sources are the sources in bibliography order.
func (t *tabler) sources() []*report.SourceRow { return t.num.Sources() }

// label is a source's bibliography number: "3" or "R2".
func (t *tabler) label(src *report.SourceRow) string { return t.num.Label(src) }

func each[T any](rows []T, yield func(any) error, row func(T) any) error {
	for _, r := range rows {
		if err := yield(row(r)); err != nil {
			return err
		}
	}
	return nil
}

func str(s string) *string { return &s }

func (t *tabler) cite(refs []report.Ref) string {
	if len(refs) == 0 {
		return ""
	}
	return t.num.Cite(refs)
}

func (t *tabler) incident(in *report.IncidentRow) any {
	r := incidentRow{
		ID: in.ID, Victim: in.Victim, VictimType: in.VictimType, Date: in.When.String(), Year: in.When.Year,
		AmountUSD: in.USD.String(), Qualifier: in.Qualifier, MatchesEstimate: !in.Unverified,
		RangeNote: in.RangeNote, Technique: in.Technique, Actor: in.Actor, Hedge: in.Hedge, Basis: in.Basis,
		Confidence: in.Confidence, AttributionNote: in.AttributionNote, Citations: t.cite(in.Refs), FirstCitation: in.FirstCite,
		DateNote: in.DateNote, Note: in.Note,
	}
	if in.HasRange {
		r.LowUSD, r.HighUSD = str(in.LowUSD.String()), str(in.HighUSD.String())
		r.LowQualifier, r.HighQualifier = str(cmp.Or(in.LowQualifier, "exact")), str(cmp.Or(in.HighQualifier, "exact"))
	}
	if t.ed != nil {
		r.Changed = str(t.ed.IncidentMoved(in))
	}
	return r
}

func (t *tabler) claim(c *report.ClaimRow) any {
	r := claimRow{
		ID: c.ID, Statement: c.Statement, Metric: c.Measure.ID, Unit: c.Unit, Qualifier: c.Qualifier, Hedge: c.Hedge,
		AsFigure: c.Hedged(), Period: c.Span.String(), Scope: c.Scope, OriginatorID: c.By.ID, Originator: c.By.Name,
		RelayedVia: []string{}, Grade: c.Admiralty(), Revisions: []revision{},
		Articles: c.Articles(), Independent: c.Independent, Citations: t.cite(c.Refs), FirstCitation: c.FirstCite,
		Straddles: c.Straddles, Note: c.Note, YearHighest: t.s.IsYearHighest(c), GradeFrom: c.GradeFrom(t.num),
	}
	if c.HasValue() {
		r.Value, r.LatestValue = str(c.Amount.String()), str(c.LatestAmount().String())
		if l := c.LatestRevision(); l != nil {
			r.LatestRevision, r.RevisionQualifier, r.RevisedOn = str(l.Amount.String()), str(l.Qualifier), str(l.Revised.String())
		}
	}
	if y, ok := c.Span.SingleYear(); ok {
		r.Year = &y
	}
	for _, v := range c.RelayedVia {
		r.RelayedVia = append(r.RelayedVia, v.Name)
	}
	for _, rv := range c.RevisionRows {
		r.Revisions = append(r.Revisions, revision{Value: rv.Amount.String(), Qualifier: rv.Qualifier, Date: rv.Revised.String(), Note: rv.Note, Citations: t.cite(rv.Refs)})
	}
	if t.ed != nil {
		r.Changed = str(t.ed.ClaimMoved(c))
	}
	return r
}

func (t *tabler) citation(c *report.CiteRow) any {
	r := citationRow{
		N: c.N, Record: c.Kind, RecordID: c.Subject, Supports: c.Field, SourceID: c.SourceRow.ID,
		Source: "[" + t.label(c.SourceRow) + "]", SourceTitle: c.SourceRow.Title, SourceKind: c.SourceRow.Kind,
		Wording: c.Wording, Excerpt: c.Excerpt, Note: c.Note, Mismatch: c.Mismatch,
	}
	if c.Para > 0 {
		r.Para = &c.Para
	}
	return r
}

func (t *tabler) source(src *report.SourceRow) any {
	r := sourceRow{
		Number: t.label(src), ID: src.ID, Title: src.Title, Outlet: src.Outlet, Author: src.Author, Published: src.Date.String(),
		DateInferred: src.DateInferred, URL: src.URL, Archive: src.Archive, Relays: []string{}, Reliability: src.Reliability,
		ReliabilityReason: src.ReliabilityReason, Claims: src.Claims, DateNote: src.DateNote, DateCitations: t.cite(src.DateRefs),
		Note: src.Note, Kind: src.Kind,
	}
	for _, o := range src.Relayed {
		r.Relays = append(r.Relays, o.Name)
	}
	return r
}

func originator(o *report.OriginatorRow) any {
	return originatorRow{ID: o.ID, Name: o.Name, Kind: o.Kind, Note: o.Note, Claims: o.Claims}
}

func (t *tabler) conflicts(yield func(any) error) error {
	for i, cf := range t.s.Conflicts {
		r := conflictRow{N: i + 1, Metric: cf.Metric.ID, Label: cf.Metric.Label, Scope: cf.Scope, Period: report.PeriodWords(cf.Span)}
		for _, c := range cf.Claims {
			side := conflictSide{Claim: c.ID, Originator: c.By.Name, Value: c.Amount.String(), Qualifier: c.Qualifier,
				AsWorded: c.Hedged(), Citations: t.cite(c.Refs)}
			if l := c.LatestRevision(); l != nil {
				side.LatestRevision, side.RevisedOn = str(report.Qualified(l.Qualifier, l.Amount, c.Unit)), str(l.Revised.String())
			}
			r.Claims = append(r.Claims, side)
		}
		if err := yield(r); err != nil {
			return err
		}
	}
	return nil
}

func (t *tabler) year(y *report.YearRow) any {
	r := yearRow{Year: y.Year, Incidents: y.Incidents, ByOriginator: []yearFigure{}}
	for i, o := range t.s.YearOriginators {
		f := yearFigure{OriginatorID: o.ID, Originator: o.Name}
		if rep := y.ByOriginator[i]; rep.Claim != nil {
			f.Claim, f.ValueUSD, f.AsWorded, f.Figures = str(rep.Claim.ID), str(rep.Claim.LatestAmount().String()), rep.Claim.LatestWords(), rep.Count
			r.OriginatorsReporting++
		}
		r.ByOriginator = append(r.ByOriginator, f)
	}
	if y.HasReports {
		r.LowestUSD, r.HighestUSD = str(y.Low.LatestAmount().String()), str(y.High.LatestAmount().String())
		r.LowestClaim, r.HighestClaim = str(y.Low.ID), str(y.High.ID)
	}
	return r
}

func (t *tabler) span(c *report.ClaimRow) any {
	return spanRow{Period: c.Span.Human(), ValueUSD: c.Amount.String(), AsWorded: c.Hedged(), Measure: c.Measure.Label,
		Originator: c.By.Name, Claim: c.ID, Citations: t.cite(c.Refs)}
}

func (t *tabler) changes(yield func(any) error) error {
	for i, c := range t.ed.Changes {
		r := changeRow{N: i + 1, Importance: edition.RankNames[c.Rank], Change: c.Kind, Record: c.Record, RecordID: c.ID,
			What: c.What, Field: c.Field, Before: c.Before, After: c.After, Citations: t.cite(c.Refs), Gone: []string{}}
		r.Gone = append(r.Gone, c.Gone...)
		if err := yield(r); err != nil {
			return err
		}
	}
	return nil
}
