package stix

import (
	"cmp"
	"strconv"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
)

// fromSummary reads the computed summary, its numbering and its edition
// into the bundle's model. It is the package's only contact with report's
// types.
func fromSummary(s *report.Summary, opt Options) *input {
	num := opt.Numbering
	if num == nil {
		num = report.DefaultNumbering(s)
	}
	in := &input{
		title:  s.Meta.Title,
		author: cmp.Or(s.Meta.Author, "dprkreport"),
		asOf:   s.Meta.AsOfDate.First(),
		tlp:    cmp.Or(s.Meta.TLP, dataset.TLPClear),
		since:  yearStart(s.Coverage.Data.First),
		key:    s.Fingerprint + ":" + strconv.Itoa(s.Asked.From) + "-" + strconv.Itoa(s.Asked.To),
	}
	srcs := map[*report.SourceRow]*source{}
	for _, r := range num.Sources() {
		src := &source{
			id: r.ID, kind: r.Kind, title: r.Title, outlet: r.Outlet, author: r.Author, label: num.Label(r),
			url: r.URL, published: r.Date.First(), dateWords: r.Date.Human(), dateNote: r.DateNote,
			reliability: r.Reliability, reliabilityReason: r.ReliabilityReason, note: r.Note,
			sha256: r.SHA256,
		}
		srcs[r] = src
		in.sources = append(in.sources, src)
	}
	origs := map[string]*originator{}
	for _, o := range s.Originators {
		or := &originator{id: o.ID, name: o.Name, kind: o.Kind, kindWords: dataset.Meaning(dataset.OriginatorKinds, o.Kind), note: o.Note}
		origs[o.ID] = or
		in.originators = append(in.originators, or)
	}
	// Every citation the artifacts show, by the record it supports.
	cites := map[string][]*cite{}
	for _, c := range s.Citations {
		key := c.Kind + ":" + c.Subject
		cites[key] = append(cites[key], &cite{
			src: srcs[c.SourceRow], field: c.Field, para: c.Para, excerpt: c.Excerpt,
			wording: c.Wording, verb: c.Verb, note: c.Note, mismatch: c.Mismatch,
		})
	}
	for _, src := range in.sources {
		src.cites = cites["source:"+src.id]
	}
	for _, c := range s.Claims {
		in.claims = append(in.claims, claimOf(c, origs, cites["claim:"+c.ID]))
	}
	for _, r := range s.Incidents {
		in.incidents = append(in.incidents, incidentOf(r, cites["incident:"+r.ID]))
	}
	if e := opt.Edition; e != nil {
		in.changed = map[string]bool{}
		for _, c := range e.Changes {
			in.changed[c.Record+":"+c.ID] = true
		}
	}
	return in
}

func claimOf(c *report.ClaimRow, origs map[string]*originator, cs []*cite) *claim {
	cl := &claim{
		id: c.ID, statement: c.Statement, metric: c.Measure.ID, metricLabel: c.Measure.Label,
		unit: c.Unit, qualifier: c.Qualifier, hedge: c.Hedge, verb: c.Verb,
		period: c.Span.String(), periodWords: report.PeriodWords(c.Span),
		scope: c.Scope, scopeWords: dataset.Meaning(dataset.Scopes, c.Scope),
		grade: c.Grade, admiralty: c.Admiralty(), note: c.Note,
		by: origs[c.By.ID], cites: cs,
	}
	if c.HasValue() {
		cl.value = c.Amount.String()
		cl.hedged = c.Hedged()
	}
	for _, v := range c.RelayedVia {
		cl.via = append(cl.via, origs[v.ID])
	}
	for _, r := range c.RevisionRows {
		cl.revisions = append(cl.revisions, &revision{
			value: r.Amount.String(), qualifier: r.Qualifier, date: r.Revised.String(), note: r.Note,
			worded: report.Qualified(r.Qualifier, r.Amount, c.Unit),
		})
	}
	for _, src := range c.Sources {
		if d := src.Date.First(); cl.dated.IsZero() || d.Before(cl.dated) {
			cl.dated = d
		}
	}
	return cl
}

func incidentOf(r *report.IncidentRow, cs []*cite) *incident {
	in := &incident{
		id: r.ID, victim: r.Victim, victimType: r.VictimType,
		date: r.When.String(), dateWords: r.When.Human(), dateNote: r.DateNote, when: r.When.First(),
		amount: r.USD.String(), qualifier: r.Qualifier, figure: r.Figure(), unverified: r.Unverified,
		rangeNote: r.RangeNote, technique: r.Technique, note: r.Note,
		actor: r.Actor, hedge: r.Hedge, basis: r.Basis, confidence: r.Confidence,
		basisWords:      dataset.Meaning(dataset.AttributionBases, r.Basis),
		confidenceWords: dataset.Meaning(dataset.Confidences, r.Confidence),
		attributionNote: r.AttributionNote,
	}
	if r.HasRange {
		in.low, in.high = r.LowUSD.String(), r.HighUSD.String()
		in.lowQualifier, in.highQualifier = r.LowQualifier, r.HighQualifier
		in.rangeWords = r.RangeWords()
	}
	for _, c := range cs {
		if c.field == "attribution" {
			in.attributionCites = append(in.attributionCites, c)
		} else {
			in.cites = append(in.cites, c)
		}
	}
	return in
}

func yearStart(y int) time.Time {
	if y == 0 {
		return time.Time{}
	}
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
}
