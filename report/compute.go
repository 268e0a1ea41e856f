package report

import (
	"cmp"
	"slices"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/share"
)

// Compute derives the Summary from a validated dataset. It is pure: same
// dataset and options, same Summary, and nothing changes the Summary once
// it is returned (the bibliography's numbers are a Numbering beside it).
func Compute(d *dataset.Dataset, opt Options) *Summary {
	b := &builder{
		s:       &Summary{Meta: d.Meta, Fingerprint: d.Fingerprint, Asked: Period(opt)},
		d:       d,
		origs:   map[string]*OriginatorRow{},
		srcs:    map[string]*SourceRow{},
		srcDate: map[string]dataset.Date{},
		citeFor: map[CiteFor]*CiteFor{},
	}
	b.originators()
	for _, src := range d.Sources {
		b.srcDate[src.ID] = src.Date
	}
	for _, c := range d.Claims {
		b.claim(c)
	}
	for _, in := range d.Incidents {
		b.incident(in)
	}
	b.sources()
	s := b.s
	s.corroboration()
	s.years()
	s.conflicts()
	s.relays()
	s.keyFigures()
	s.count()
	s.coverage(d)
	return s
}

// builder keeps what Compute looks records up by while it fills the
// Summary: rows by id, and the publication date of every source.
type builder struct {
	s       *Summary
	d       *dataset.Dataset
	origs   map[string]*OriginatorRow
	srcs    map[string]*SourceRow
	srcDate map[string]dataset.Date
	citeFor map[CiteFor]*CiteFor       // one of each, shared by the rows
	oneRef  share.Table[refKey, []Ref] // see shared
}

func (b *builder) originators() {
	for _, o := range b.d.Originators {
		r := &OriginatorRow{Originator: o}
		b.origs[o.ID] = r
		b.s.Originators = append(b.s.Originators, r)
	}
}

// cite records each citation of a list as a row of Summary.Citations,
// adding a source to Summary.Sources on its first citation, and returns the
// index in Summary.Citations of the first row and the sources grouped with
// their paragraphs. fig, when set, words the figure as each citation's
// source does. A row points at its citation in the dataset's record.
func (b *builder) cite(kind, subject, field string, cs []dataset.Citation, fig func(dataset.Citation) string) (int, []Ref) {
	s := b.s
	first := len(s.Citations)
	if len(cs) == 0 {
		return first, nil
	}
	what := b.citeFor[CiteFor{kind, field}]
	if what == nil {
		what = &CiteFor{kind, field}
		b.citeFor[*what] = what
	}
	refs := make([]Ref, 0, len(cs))
	for i := range cs {
		c := &cs[i]
		r, ok := b.srcs[c.Source]
		if !ok {
			r = &SourceRow{Source: b.d.Source(c.Source)}
			b.srcs[c.Source] = r
			s.Sources = append(s.Sources, r)
		}
		r.Cites++
		row := &CiteRow{CiteFor: what, Subject: subject, SourceRow: r, Citation: c, N: len(s.Citations) + 1}
		if fig != nil {
			row.Wording = fig(*c)
		}
		s.Citations = append(s.Citations, row)
		refs = append(refs, row.Ref())
	}
	switch {
	case len(refs) == 1:
		return first, b.shared(refs[0])
	case merged(refs):
		return first, refs
	}
	return first, MergeRefs(refs)
}

// shared returns []Ref{r} for a ref of one source and at most one
// paragraph, the same slice for the same ref: most facts cite one
// paragraph, and a large dataset's hundreds of thousands of facts cite a
// few thousand. Refs are read, never written, by those that keep them,
// and the slice's capacity is its length. A dataset whose every citation
// differs has each made anew past a bounded number (share.Table).
func (b *builder) shared(r Ref) []Ref {
	k := refKey{r.Source, 0}
	if len(r.Paras) == 1 {
		k.para = r.Paras[0]
	}
	if rs, ok := b.oneRef.Find(k); ok {
		return rs
	}
	return b.oneRef.Keep(k, []Ref{r})
}

type refKey struct {
	src  *SourceRow
	para int
}

// sourcesOf returns the sources of refs, in order; the one source of a
// single ref is SourceRow.alone, shared likewise.
func sourcesOf(refs []Ref) []*SourceRow {
	if len(refs) == 1 {
		r := refs[0].Source
		if r.alone == nil {
			r.alone = []*SourceRow{r}
		}
		return r.alone
	}
	out := make([]*SourceRow, len(refs))
	for i, r := range refs {
		out[i] = r.Source
	}
	return out
}

// refs records the citations of a fact that has no figure.
func (b *builder) refs(kind, subject, field string, cs []dataset.Citation) []Ref {
	_, refs := b.cite(kind, subject, field, cs, nil)
	return refs
}

// claim keeps a claim that overlaps the period asked for, with its
// citations, revisions and note.
func (b *builder) claim(c *dataset.Claim) {
	s, asked := b.s, b.s.Asked
	if !c.Span.Overlaps(asked.From, asked.To) || (c.Span.IsZero() && reportedBefore(c, b.srcDate, asked.From)) {
		return
	}
	m, _ := dataset.MetricByID(c.Metric)
	row := &ClaimRow{Claim: c, By: b.origs[c.Originator], Measure: m, Straddles: !c.Span.Within(asked.From, asked.To)}
	for _, v := range c.Via {
		row.RelayedVia = append(row.RelayedVia, b.origs[v])
	}
	row.FirstCite = len(s.Citations) + 1
	field := "statement"
	var wording func(dataset.Citation) string
	if c.HasValue() {
		field = "figure"
		wording = func(ci dataset.Citation) string { return Wording(ci, c.Qualifier, c.Verb, c.Amount, c.Unit) }
	}
	var first int
	first, row.Refs = b.cite("claim", c.ID, field, c.Citations, wording)
	if first < len(s.Citations) {
		row.Cites = slices.Clone(s.Citations[first:])
	}
	row.Sources = sourcesOf(row.Refs)
	for _, r := range row.Sources {
		r.Claims++
	}
	for i := range c.Revisions {
		rv := &c.Revisions[i]
		_, refs := b.cite("claim", c.ID, "revision", rv.Citations,
			func(ci dataset.Citation) string { return Wording(ci, rv.Qualifier, "", rv.Amount, c.Unit) })
		row.RevisionRows = append(row.RevisionRows, &RevisionRow{Revision: rv, Refs: refs})
	}
	row.NoteRefs = b.refs("claim", c.ID, "note", c.NoteCitations)
	row.By.Claims++
	s.Claims = append(s.Claims, row)
}

// incident keeps an incident that falls in the period asked for (or is
// undated), with its citations.
func (b *builder) incident(in *dataset.Incident) {
	asked := b.s.Asked
	if !in.When.First().IsZero() && !(dataset.Span{Start: in.When, End: in.When}).Overlaps(asked.From, asked.To) {
		return
	}
	row := &IncidentRow{Incident: in, FirstCite: len(b.s.Citations) + 1}
	_, row.Refs = b.cite("incident", in.ID, "amount", in.Citations,
		func(ci dataset.Citation) string { return Wording(ci, in.Qualifier, "", in.USD, UnitUSD) })
	row.DateRefs = b.refs("incident", in.ID, "date", in.DateCitations)
	row.RangeRefs = b.refs("incident", in.ID, "range", in.RangeCitations)
	row.AttributionRefs = b.refs("incident", in.ID, "attribution", in.AttributionCitations)
	row.Sources = sourcesOf(row.Refs)
	b.s.Incidents = append(b.s.Incidents, row)
}

// sources cites the sources of the cited sources' own dates (a source cited
// only for another's date joins the bibliography too: the slice grows as
// the loop runs), names the originators each relays, and puts articles
// before references, each in order of first citation.
func (b *builder) sources() {
	s := b.s
	for i := 0; i < len(s.Sources); i++ {
		r := s.Sources[i]
		r.DateRefs = b.refs("source", r.ID, "date", r.Source.DateCitations)
	}
	for _, r := range s.Sources {
		for _, o := range r.Source.Relays {
			r.Relayed = append(r.Relayed, b.origs[o])
		}
	}
	slices.SortStableFunc(s.Sources, func(a, b *SourceRow) int {
		return cmp.Compare(boolInt(a.IsReference()), boolInt(b.IsReference()))
	})
}

// reportedBefore reports whether an undated claim was first reported before
// the year from: a figure cannot describe a time after it was published, so
// an undated share reported in 2024 is not kept for "2030 onwards".
func reportedBefore(c *dataset.Claim, srcDate map[string]dataset.Date, from int) bool {
	if from == 0 {
		return false
	}
	first := 0
	for _, ci := range c.Citations {
		if y := srcDate[ci.Source].Year; y != 0 && (first == 0 || y < first) {
			first = y
		}
	}
	return first != 0 && first < from
}
