package edition

import (
	"fmt"
	"github.com/dprkreport/dprkreport/report"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
)

// The comparison of each kind of record, and of the conflicts.

func (m *comparer) originators() {
	fields := func(o *report.OriginatorRow) []field {
		return []field{
			{"name", RankWording, o.Name, o.Name},
			{"kind", RankStanding, o.Kind, dataset.Meaning(dataset.OriginatorKinds, o.Kind)},
		}
	}
	key := func(o *report.OriginatorRow) string { return content(fields(o), nil, nil) }
	p := pair(m.prev.Originators, m.cur.Originators, func(o *report.OriginatorRow) string { return o.ID }, key, key)
	refs := func(o *report.OriginatorRow) []report.Ref {
		var rs []report.Ref
		for _, c := range m.cur.Claims {
			if c.By == o {
				rs = append(rs, c.Refs...)
			}
		}
		return report.MergeRefs(rs)
	}
	for _, x := range p.renamed {
		m.origIDs[x[0].ID] = x[1].ID
		m.renamed("originator", x[0].ID, x[1].ID, x[1].Name, refs(x[1]), 0)
	}
	for _, x := range p.pairs {
		m.diff("originator", x[1].ID, x[1].Name, fields(x[0]), fields(x[1]), refs(x[1]), nil, 0)
	}
	for _, o := range p.added {
		m.add(&Change{Kind: Added, Record: "originator", ID: o.ID, What: o.Name, Rank: RankSourcing, Refs: refs(o)})
	}
	for _, o := range p.removed {
		m.add(&Change{Kind: Removed, Record: "originator", ID: o.ID, What: o.Name, Rank: RankSourcing})
	}
}

// sourceWords names a source for a reader: Outlet, “Title” (date).
func sourceWords(s *report.SourceRow) string {
	w := s.Outlet + ", “" + strings.TrimSuffix(s.Title, ".") + "”"
	if !s.Date.IsZero() {
		w += " (" + s.Date.Human() + ")"
	}
	return w
}

func (m *comparer) sources() {
	fields := func(s *report.SourceRow, orig func(string) string) []field {
		relays := make([]string, len(s.Relays))
		for i, r := range s.Relays {
			relays[i] = orig(r)
		}
		slices.Sort(relays)
		return []field{
			{"kind", RankSourcing, s.Kind, s.Kind},
			{"title", RankWording, s.Title, s.Title},
			{"outlet", RankSourcing, s.Outlet, s.Outlet},
			{"published", RankSourcing, s.Date.String(), s.Date.Human()},
			{"url", RankWording, s.URL, s.URL},
			{"relays", RankStanding, strings.Join(relays, ", "), strings.Join(relays, ", ")},
			{"reliability", RankStanding, s.Reliability, s.Reliability},
		}
	}
	prevF := func(s *report.SourceRow) []field { return fields(s, m.origID) }
	curF := func(s *report.SourceRow) []field { return fields(s, asIs) }
	p := pair(m.prev.Sources, m.cur.Sources, sourceKeys(m.prev.Sources, m.cur.Sources),
		func(s *report.SourceRow) string { return content(prevF(s), nil, nil) },
		func(s *report.SourceRow) string { return content(curF(s), nil, nil) })
	for _, x := range p.renamed {
		m.srcIDs[x[0].ID] = x[1].ID
		m.renamed("source", x[0].ID, x[1].ID, sourceWords(x[1]), []report.Ref{{Source: x[1]}}, 0)
	}
	for _, x := range p.pairs {
		if x[0].ID != x[1].ID { // the same copy or address under a new id
			m.srcIDs[x[0].ID] = x[1].ID
			m.renamed("source", x[0].ID, x[1].ID, sourceWords(x[1]), []report.Ref{{Source: x[1]}}, 0)
		}
		m.diff("source", x[1].ID, sourceWords(x[1]), prevF(x[0]), curF(x[1]), []report.Ref{{Source: x[1]}}, nil, 0)
	}
	for _, s := range p.added {
		m.add(&Change{Kind: Added, Record: "source", ID: s.ID, What: sourceWords(s), Rank: RankSourcing, Refs: []report.Ref{{Source: s}}})
	}
	for _, s := range p.removed {
		m.add(&Change{Kind: Removed, Record: "source", ID: s.ID, What: sourceWords(s), Rank: RankSourcing})
	}
}

// citeKey identifies one citation across editions: its source (through
// renames) and paragraph.
type citeKey struct {
	source string
	para   int
}

func (m *comparer) claims() {
	fields := func(c *report.ClaimRow, orig func(string) string) []field {
		via := make([]string, len(c.RelayedVia))
		viaNames := make([]string, len(c.RelayedVia))
		for i, o := range c.RelayedVia {
			via[i], viaNames[i] = orig(o.ID), o.Name
		}
		return []field{
			{"figure", RankFigure, c.Amount.String() + " " + c.Unit + " " + c.Qualifier, c.Hedged()},
			{"hedge", RankFigure, c.Hedge, c.Hedge},
			{"metric", RankFigure, c.Measure.ID, c.Measure.Label},
			{"period", RankFigure, c.Span.String(), report.PeriodWords(c.Span)},
			{"scope", RankFigure, c.Scope, dataset.Meaning(dataset.Scopes, c.Scope)},
			{"originator", RankStanding, orig(c.By.ID), c.By.Name},
			{"via", RankStanding, strings.Join(via, ", "), strings.Join(viaNames, ", ")},
			{"grade", RankStanding, c.Admiralty(), c.Admiralty()},
			{"statement", RankWording, c.Statement, c.Statement},
			{"verb", RankWording, c.Verb, c.Verb},
			{"note", RankWording, c.Note, c.Note},
		}
	}
	prevF := func(c *report.ClaimRow) []field { return fields(c, m.origID) }
	curF := func(c *report.ClaimRow) []field { return fields(c, asIs) }
	revisions := func(c *report.ClaimRow) []string {
		out := make([]string, len(c.Revisions))
		for i, r := range c.Revisions {
			out[i] = fmt.Sprintf("%s %s %s", r.Amount, r.Qualifier, r.Revised)
		}
		return out
	}
	// Renames compare everything a claim says, its citations included.
	p := pair(m.prev.Claims, m.cur.Claims, func(c *report.ClaimRow) string { return c.ID },
		func(c *report.ClaimRow) string { return content(prevF(c), c.Citations, m.srcID, revisions(c)...) },
		func(c *report.ClaimRow) string { return content(curF(c), c.Citations, asIs, revisions(c)...) })
	for _, x := range p.renamed {
		m.e.claims[x[1]] = "renamed"
		m.renamed("claim", x[0].ID, x[1].ID, x[1].Describe(), x[1].Refs, x[1].FirstCite)
	}
	for _, x := range p.pairs {
		old, c := x[0], x[1]
		n := len(m.e.Changes)
		m.diff("claim", c.ID, c.Describe(), prevF(old), curF(c), c.Refs, map[string][]report.Ref{"note": c.NoteRefs}, c.FirstCite)
		m.revisions(old, c)
		m.citations("claim", c.ID, c.Describe(), old.Citations, c.Citations, c.FirstCite)
		if old.HasValue() && c.HasValue() && old.Independent != c.Independent {
			m.add(&Change{Kind: Independence, Record: "claim", ID: c.ID, What: c.Describe(),
				Before: fmt.Sprint(old.Independent), After: fmt.Sprint(c.Independent), Rank: RankStanding, Refs: c.Refs, FirstCite: c.FirstCite})
		}
		if len(m.e.Changes) > n {
			m.e.claims[c] = "changed"
		}
	}
	for _, c := range p.added {
		m.e.claims[c] = "new"
		rank := RankFigure
		if !c.HasValue() {
			rank = RankStanding
		}
		m.add(&Change{Kind: Added, Record: "claim", ID: c.ID, What: c.Describe(), After: c.Hedged(), Rank: rank, Refs: c.Refs, FirstCite: c.FirstCite})
	}
	for _, c := range p.removed {
		rank := RankFigure
		if !c.HasValue() {
			rank = RankStanding
		}
		refs, gone := m.carried(c.Refs)
		m.add(&Change{Kind: Removed, Record: "claim", ID: c.ID, What: c.Describe(), Before: c.Hedged(), Rank: rank, Refs: refs, Gone: gone})
	}
}

// carried maps refs of the previous edition onto this one's sources; the
// sources no longer cited are named in words.
func (m *comparer) carried(refs []report.Ref) ([]report.Ref, []string) {
	var out []report.Ref
	var gone []string
	for _, r := range refs {
		if s, ok := m.srcByID[m.srcID(r.Source.ID)]; ok {
			out = append(out, report.Ref{Source: s, Paras: r.Paras})
		} else {
			gone = append(gone, sourceWords(r.Source))
		}
	}
	return report.MergeRefs(out), gone
}

// revisions reports the revisions added and removed, matched by value,
// qualifier and date.
func (m *comparer) revisions(old, c *report.ClaimRow) {
	key := func(r *report.RevisionRow) string { return fmt.Sprintf("%s %s %s", r.Amount, r.Qualifier, r.Revised) }
	words := func(of *report.ClaimRow, r *report.RevisionRow) string {
		return report.WithHedge(report.Qualified(r.Qualifier, r.Amount, of.Unit), of.Hedge) + " on " + r.Revised.Human()
	}
	had := map[string]bool{}
	for _, r := range old.RevisionRows {
		had[key(r)] = true
	}
	has := map[string]bool{}
	for _, r := range c.RevisionRows {
		has[key(r)] = true
		if !had[key(r)] {
			m.add(&Change{Kind: Revised, Record: "claim", ID: c.ID, What: c.Describe(), Field: "revision", After: words(c, r), Rank: RankFigure, Refs: r.Refs, FirstCite: c.FirstCite})
		}
	}
	for _, r := range old.RevisionRows {
		if !has[key(r)] {
			refs, gone := m.carried(r.Refs)
			m.add(&Change{Kind: RevisionRemoved, Record: "claim", ID: c.ID, What: c.Describe(), Field: "revision", Before: words(old, r), Rank: RankFigure, Refs: refs, Gone: gone, FirstCite: c.FirstCite})
		}
	}
}

// citations reports the citations of a record's figure added and removed,
// by source and paragraph.
func (m *comparer) citations(record, id, what string, before, after []dataset.Citation, first int) {
	had := map[citeKey]bool{}
	for _, ci := range before {
		had[citeKey{m.srcID(ci.Source), ci.Para}] = true
	}
	has := map[citeKey]bool{}
	words := func(src *report.SourceRow, para int) string {
		w := sourceWords(src)
		if para > 0 {
			w += fmt.Sprintf(", paragraph %d", para)
		}
		return w
	}
	for _, ci := range after {
		k := citeKey{ci.Source, ci.Para}
		has[k] = true
		if had[k] {
			continue
		}
		src := m.srcByID[ci.Source]
		r := report.Ref{Source: src}
		if ci.Para > 0 {
			r.Paras = []int{ci.Para}
		}
		m.add(&Change{Kind: CitationAdded, Record: record, ID: id, What: what, Field: "citations", After: words(src, ci.Para),
			Rank: RankSourcing, Refs: []report.Ref{r}, FirstCite: first})
	}
	for _, ci := range before {
		k := citeKey{m.srcID(ci.Source), ci.Para}
		if has[k] {
			continue
		}
		c := &Change{Kind: CitationRemoved, Record: record, ID: id, What: what, Field: "citations", Rank: RankSourcing, FirstCite: first}
		if src, ok := m.srcByID[k.source]; ok {
			c.Before = words(src, ci.Para)
			c.Refs = []report.Ref{{Source: src}}
		} else {
			c.Before = ci.Source
			if old := m.prevSrcByID[ci.Source]; old != nil {
				c.Before = words(old, ci.Para)
			}
		}
		m.add(c)
	}
}

func (m *comparer) incidents() {
	fields := func(in *report.IncidentRow) []field {
		rng := in.RangeWords()
		return []field{
			{"amount", RankFigure, fmt.Sprint(in.USD, " ", in.Qualifier, " ", in.Unverified), in.AmountWords()},
			{"range", RankStanding, rng, rng},
			{"date", RankStanding, in.When.String(), in.When.Human()},
			{"actor", RankStanding, in.Actor, report.WithHedge(in.Actor, in.Hedge)},
			{"attribution hedge", RankStanding, in.Hedge, in.Hedge},
			{"attribution basis", RankStanding, in.Basis, in.Basis},
			{"confidence", RankStanding, in.Confidence, in.Confidence},
			{"victim", RankWording, in.Victim, in.Victim},
			{"victim type", RankSourcing, in.VictimType, in.VictimType},
			{"technique", RankWording, in.Technique, in.Technique},
			{"attribution note", RankWording, in.AttributionNote, in.AttributionNote},
			{"note", RankWording, in.Note, in.Note},
		}
	}
	p := pair(m.prev.Incidents, m.cur.Incidents, func(in *report.IncidentRow) string { return in.ID },
		func(in *report.IncidentRow) string { return content(fields(in), in.Citations, m.srcID) },
		func(in *report.IncidentRow) string { return content(fields(in), in.Citations, asIs) })
	for _, x := range p.renamed {
		m.e.incidents[x[1]] = "renamed"
		m.renamed("incident", x[0].ID, x[1].ID, x[1].Describe(), x[1].Refs, x[1].FirstCite)
	}
	for _, x := range p.pairs {
		old, in := x[0], x[1]
		n := len(m.e.Changes)
		m.diff("incident", in.ID, in.Describe(), fields(old), fields(in), in.Refs,
			map[string][]report.Ref{"date": in.DateRefs, "range": in.RangeRefs, "attribution note": in.AttributionRefs}, in.FirstCite)
		m.citations("incident", in.ID, in.Describe(), old.Citations, in.Citations, in.FirstCite)
		if len(m.e.Changes) > n {
			m.e.incidents[in] = "changed"
		}
	}
	for _, in := range p.added {
		m.e.incidents[in] = "new"
		m.add(&Change{Kind: Added, Record: "incident", ID: in.ID, What: in.Describe(), After: in.AmountWords(), Rank: RankStanding, Refs: in.Refs, FirstCite: in.FirstCite})
	}
	for _, in := range p.removed {
		refs, gone := m.carried(in.Refs)
		m.add(&Change{Kind: Removed, Record: "incident", ID: in.ID, What: in.Describe(), Before: in.AmountWords(), Rank: RankStanding, Refs: refs, Gone: gone})
	}
}

// conflictKey identifies a quantity across editions.
func conflictKey(c *report.Conflict) string {
	return c.Metric.ID + " " + c.Scope + " " + c.Span.String()
}

// sides writes a conflict's figures side by side: "more than $750 million
// per UN Panel of Experts against $1 billion per Chainalysis".
func sides(c *report.Conflict) string {
	parts := make([]string, len(c.Claims))
	for i, x := range c.Claims {
		parts[i] = x.Hedged() + " per " + x.By.Name
	}
	return strings.Join(parts, " against ")
}

func conflictRefs(c *report.Conflict) ([]report.Ref, int) {
	var rs []report.Ref
	first := 0
	for _, x := range c.Claims {
		rs = append(rs, x.Refs...)
		if first == 0 || x.FirstCite < first {
			first = x.FirstCite
		}
	}
	return report.MergeRefs(rs), first
}

func (m *comparer) conflicts() {
	before := map[string]*report.Conflict{}
	for _, c := range m.prev.Conflicts {
		before[conflictKey(c)] = c
	}
	now := map[string]bool{}
	for _, c := range m.cur.Conflicts {
		k := conflictKey(c)
		now[k] = true
		refs, first := conflictRefs(c)
		old, ok := before[k]
		switch {
		case !ok:
			m.add(&Change{Kind: ConflictAppeared, Record: "conflict", ID: k, What: c.Describe(), After: sides(c), Rank: RankFigure, Refs: refs, FirstCite: first})
		case sides(old) != sides(c):
			m.add(&Change{Kind: ConflictChanged, Record: "conflict", ID: k, What: c.Describe(), Before: sides(old), After: sides(c), Rank: RankFigure, Refs: refs, FirstCite: first})
		}
	}
	for _, c := range m.prev.Conflicts {
		k := conflictKey(c)
		if now[k] {
			continue
		}
		// report.Cite the figures of the quantity this edition still holds.
		var rs []report.Ref
		var gone []string
		for _, x := range c.Claims {
			r, g := m.carried(x.Refs)
			rs, gone = append(rs, r...), append(gone, g...)
		}
		slices.Sort(gone)
		m.add(&Change{Kind: ConflictResolved, Record: "conflict", ID: k, What: c.Describe(), Before: sides(c), Rank: RankFigure, Refs: report.MergeRefs(rs), Gone: slices.Compact(gone)})
	}
}
