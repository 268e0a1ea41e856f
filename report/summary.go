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
)

// Keywords are the subject keywords both artifacts carry in their document
// properties: what the product is about, never a claim of the dataset.
var Keywords = []string{"DPRK", "North Korea", "cryptocurrency theft", "open-source intelligence"}

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
	Asked       Period // the period asked for (Options); see years.go

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
	Relays     []*ClaimRow // figures that several articles relay from one originator
	KeyFigures []*ClaimRow // the DPRK figures from named originators, most relayed first

	// Shown are the years shown: the rows of Years, the years of the
	// figures and incidents kept, clipped to the period asked for.
	Shown YearRange

	// Citations lists every citation the artifacts show, one row each, in
	// the order of the records they support.
	Citations []*CiteRow

	Counts   Counts
	Coverage Coverage

	// Edition is what changed since the baseline, when one is given
	// (Compare); nil otherwise.
	Edition *Edition

	yearTop map[*ClaimRow]bool // see IsYearHighest
}

// IsYearHighest reports whether a claim is a single-year DPRK theft figure
// that no figure of its originator for the same year exceeds: the figure
// the yearly table shows for that originator and year.
func (s *Summary) IsYearHighest(c *ClaimRow) bool { return s.yearTop[c] }

// CiteRow is one citation of one fact.
type CiteRow struct {
	Kind    string // "claim", "incident" or "source"
	Subject string // the record's id
	Field   string // what it supports: figure, statement, revision, note, amount, date, range, attribution
	Source  *SourceRow
	dataset.Citation
	// Wording is how this source words the figure ("almost $3 billion"),
	// for a citation of a figure; empty otherwise.
	Wording string
	N       int // 1-based position in Summary.Citations
}

// Ref is one source cited for a fact, with the paragraphs cited (none for a
// reference).
type Ref struct {
	Source *SourceRow
	Paras  []int
}

// Ref is the citation as a ref: its source and paragraph.
func (c *CiteRow) Ref() Ref {
	r := Ref{Source: c.Source}
	if c.Para > 0 {
		r.Paras = []int{c.Para}
	}
	return r
}

// MergeRefs joins the refs of each source into one, paragraphs in order of
// first appearance, and orders them as the bibliography does: articles,
// then references, each by number.
func MergeRefs(refs []Ref) []Ref {
	var out []Ref
	idx := map[*SourceRow]int{}
	for _, r := range refs {
		i, ok := idx[r.Source]
		if !ok {
			i = len(out)
			idx[r.Source] = i
			out = append(out, Ref{Source: r.Source})
		}
		for _, p := range r.Paras {
			if !slices.Contains(out[i].Paras, p) {
				out[i].Paras = append(out[i].Paras, p)
			}
		}
	}
	slices.SortStableFunc(out, byRef)
	return out
}

// bySource orders sources as the bibliography does.
func bySource(a, b *SourceRow) int {
	return cmp.Or(cmp.Compare(boolInt(a.IsReference()), boolInt(b.IsReference())), cmp.Compare(a.N, b.N))
}

func byRef(a, b Ref) int { return bySource(a.Source, b.Source) }

// Counts are the headline numbers that --check, the workbook's Overview and
// the briefing's title block all show.
type Counts struct {
	Articles    int // archived articles cited
	References  int // reference sources cited
	Figures     int // claims with a value
	Citations   int // citations of every kind: the rows of the Citations sheet
	Originators int // distinct originators behind the claims
	Relayed     int // claims reported by two or more articles
	Confirmed   int // claims two or more independent originators give
}

// SourceRow is a source with its bibliography number. Articles and
// references are numbered in two series: [1], [2] … and [R1], [R2] ….
type SourceRow struct {
	*dataset.Source
	N       int              // 1-based number within its series
	Relayed []*OriginatorRow // the originators it relays
	Claims  int              // claims citing it
	Cites   int              // citations of it, claims and incidents together
	// DateRefs are the sources of its own (inferred) date.
	DateRefs []Ref
}

// OriginatorRow is an originator with how much of the dataset rests on it.
type OriginatorRow struct {
	*dataset.Originator
	Claims int
}

// Label is the source's number as citations write it: "3" or "R2".
func (r *SourceRow) Label() string {
	if r.IsReference() {
		return fmt.Sprintf("R%d", r.N)
	}
	return fmt.Sprint(r.N)
}

// Anchor is the id of the source's bibliography entry.
func (r *SourceRow) Anchor() string {
	if r.IsReference() {
		return fmt.Sprintf("ref-%d", r.N)
	}
	return fmt.Sprintf("src-%d", r.N)
}

// ClaimRow is a claim with what is derived from it.
type ClaimRow struct {
	*dataset.Claim
	By         *OriginatorRow   // the originator, Claim.Originator's row
	RelayedVia []*OriginatorRow // Claim.Via's rows
	Measure    dataset.Metric   // Claim.Metric's definition
	Sources    []*SourceRow     // distinct sources citing its figure, in bibliography order
	Refs       []Ref            // the same, with paragraphs
	NoteRefs   []Ref            // the sources of its note
	// RevisionRows are Claim.Revisions with their refs, in the same order
	// (as listed, not by date: see LatestRevision).
	RevisionRows []*RevisionRow
	Cites        []*CiteRow // the rows of Summary.Citations for its figure or statement
	FirstCite    int        // the Citations row of its first citation (1-based)
	// Independent counts the distinct originators that report this same
	// value for the same quantity (metric, scope, period), itself included.
	Independent int
	// Straddles is set when the claim's period runs past the From..To asked for.
	Straddles bool
}

// RevisionRow is a later value of a claim with its sources.
type RevisionRow struct {
	*dataset.Revision
	Refs []Ref
}

// Articles is how many distinct archived articles report the claim
// (references are not counted).
func (c *ClaimRow) Articles() int {
	n := 0
	for _, s := range c.Sources {
		if !s.IsReference() {
			n++
		}
	}
	return n
}

// Figure is the claim's value in words with its qualifier ("more than $750 million").
func (c *ClaimRow) Figure() string {
	if !c.HasValue() {
		return ""
	}
	return Qualified(c.Qualifier, c.Amount, c.Unit)
}

// Hedged is the figure with the originator's hedge, as it must appear
// wherever the figure does: "more than $750 million, potentially attributed
// to the DPRK".
func (c *ClaimRow) Hedged() string {
	return WithHedge(c.Figure(), c.Hedge)
}

// WithHedge appends a hedge to a figure.
func WithHedge(figure, hedge string) string {
	if hedge == "" || figure == "" {
		return figure
	}
	return figure + ", " + hedge
}

// IncidentRow is an incident with its cited sources.
type IncidentRow struct {
	*dataset.Incident
	Sources         []*SourceRow
	Refs            []Ref // of the amount
	DateRefs        []Ref
	RangeRefs       []Ref
	AttributionRefs []Ref
	FirstCite       int
}

// Figure is the incident's amount in words with its qualifier.
func (in *IncidentRow) Figure() string { return Qualified(in.Qualifier, in.USD, "USD") }

// YearRow holds one year's count of named incidents and the theft figures
// reported for it. Incident amounts are never added up: each has its own
// sources and standing.
type YearRow struct {
	Year         int
	Incidents    int
	ByOriginator []Report // parallel to Summary.YearOriginators; Claim nil where none
	Low, High    *ClaimRow
	HasReports   bool
}

// Report is one originator's theft figure for a year: its highest figure
// when it gives several, and how many it gives.
type Report struct {
	Claim *ClaimRow
	Count int
}

// Conflict is one quantity reported with different values.
type Conflict struct {
	Metric dataset.Metric
	Scope  string
	Span   dataset.Span
	Claims []*ClaimRow // ascending by value
}

// Compute derives the Summary from a validated dataset. It is pure: same
// dataset and options, same Summary.
func Compute(d *dataset.Dataset, opt Options) *Summary {
	s := &Summary{Meta: d.Meta, Fingerprint: d.Fingerprint, Asked: Period{opt.From, opt.To}}
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
	// cite records each citation of a list as a row of Summary.Citations
	// (numbering a source on its first citation; Renumber then splits the
	// numbers into the two series) and returns the rows and the sources
	// grouped with their paragraphs.
	cite := func(kind, subject, field string, cs []dataset.Citation, fig func(dataset.Citation) string) ([]*CiteRow, []Ref) {
		var rows []*CiteRow
		var refs []Ref
		for _, c := range cs {
			r, ok := srcs[c.Source]
			if !ok {
				r = &SourceRow{Source: d.Source(c.Source)}
				srcs[c.Source] = r
				s.Sources = append(s.Sources, r)
				r.N = len(s.Sources)
			}
			r.Cites++
			row := &CiteRow{Kind: kind, Subject: subject, Field: field, Source: r, Citation: c, N: len(s.Citations) + 1}
			if fig != nil {
				row.Wording = fig(c)
			}
			s.Citations = append(s.Citations, row)
			rows = append(rows, row)
			refs = append(refs, row.Ref())
		}
		return rows, MergeRefs(refs)
	}
	refsOf := func(kind, subject, field string, cs []dataset.Citation) []Ref {
		_, refs := cite(kind, subject, field, cs, nil)
		return refs
	}
	sourcesOf := func(refs []Ref) []*SourceRow {
		out := make([]*SourceRow, len(refs))
		for i, r := range refs {
			out[i] = r.Source
		}
		return out
	}
	srcDate := map[string]dataset.Date{}
	for _, src := range d.Sources {
		srcDate[src.ID] = src.Date
	}
	for _, c := range d.Claims {
		if !c.Span.Overlaps(opt.From, opt.To) || (c.Span.IsZero() && reportedBefore(c, srcDate, opt.From)) {
			continue
		}
		m, _ := dataset.MetricByID(c.Metric)
		row := &ClaimRow{Claim: c, By: origs[c.Originator], Measure: m,
			Straddles: !c.Span.Within(opt.From, opt.To)}
		for _, v := range c.Via {
			row.RelayedVia = append(row.RelayedVia, origs[v])
		}
		row.FirstCite = len(s.Citations) + 1
		field := "statement"
		var wording func(dataset.Citation) string
		if c.HasValue() {
			field = "figure"
			wording = func(ci dataset.Citation) string { return Wording(ci, c.Qualifier, c.Verb, c.Amount, c.Unit) }
		}
		row.Cites, row.Refs = cite("claim", c.ID, field, c.Citations, wording)
		row.Sources = sourcesOf(row.Refs)
		for _, r := range row.Sources {
			r.Claims++
		}
		for i := range c.Revisions {
			rv := &c.Revisions[i]
			_, refs := cite("claim", c.ID, "revision", rv.Citations,
				func(ci dataset.Citation) string { return Wording(ci, rv.Qualifier, "", rv.Amount, c.Unit) })
			row.RevisionRows = append(row.RevisionRows, &RevisionRow{Revision: rv, Refs: refs})
		}
		row.NoteRefs = refsOf("claim", c.ID, "note", c.NoteCitations)
		row.By.Claims++
		s.Claims = append(s.Claims, row)
	}
	for _, in := range d.Incidents {
		if !in.When.First().IsZero() && !(dataset.Span{Start: in.When, End: in.When}).Overlaps(opt.From, opt.To) {
			continue
		}
		row := &IncidentRow{Incident: in, FirstCite: len(s.Citations) + 1}
		_, row.Refs = cite("incident", in.ID, "amount", in.Citations,
			func(ci dataset.Citation) string { return Wording(ci, in.Qualifier, "", in.USD, "USD") })
		row.DateRefs = refsOf("incident", in.ID, "date", in.DateCitations)
		row.RangeRefs = refsOf("incident", in.ID, "range", in.RangeCitations)
		row.AttributionRefs = refsOf("incident", in.ID, "attribution", in.AttributionCitations)
		row.Sources = sourcesOf(row.Refs)
		s.Incidents = append(s.Incidents, row)
	}
	// The dates of the sources cited so far, and of those these citations
	// bring in (the slice grows as the loop runs): a source cited only for
	// another's date joins the bibliography too.
	for i := 0; i < len(s.Sources); i++ {
		r := s.Sources[i]
		r.DateRefs = refsOf("source", r.ID, "date", r.Source.DateCitations)
	}
	for _, r := range s.Sources {
		for _, o := range r.Source.Relays {
			r.Relayed = append(r.Relayed, origs[o])
		}
	}
	// Articles first, then references, each series in order of first
	// citation.
	s.Renumber(nil)
	s.corroboration()
	s.years()
	s.conflicts()
	s.relays()
	s.keyFigures()
	s.count()
	s.coverage(d)
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
		origs[cl.By.ID] = true
	}
	c.Citations = len(s.Citations)
	for _, src := range s.Sources {
		if src.IsReference() {
			c.References++
		} else {
			c.Articles++
		}
	}
	c.Originators = len(origs)
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
		if c.HasValue() && c.Scope == DPRKScope && c.Measure.ID != "launch-count" && c.By.Kind != "unattributed" {
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
		if a.IsReference() != b.IsReference() {
			if a.IsReference() {
				return 1
			}
			return -1
		}
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
	series := map[bool]int{}
	for _, r := range s.Sources {
		series[r.IsReference()]++
		r.N = series[r.IsReference()]
	}
	for _, c := range s.Claims {
		slices.SortStableFunc(c.Sources, bySource)
		slices.SortStableFunc(c.Refs, byRef)
		slices.SortStableFunc(c.NoteRefs, byRef)
		for _, r := range c.RevisionRows {
			slices.SortStableFunc(r.Refs, byRef)
		}
	}
	for _, in := range s.Incidents {
		slices.SortStableFunc(in.Sources, bySource)
		for _, l := range [][]Ref{in.Refs, in.DateRefs, in.RangeRefs, in.AttributionRefs} {
			slices.SortStableFunc(l, byRef)
		}
	}
	for _, r := range s.Sources {
		slices.SortStableFunc(r.DateRefs, byRef)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Numbers writes the bibliography numbers of sources as "[1] [3] [R2]".
func Numbers(srcs []*SourceRow) string {
	parts := make([]string, len(srcs))
	for i, r := range srcs {
		parts[i] = "[" + r.Label() + "]"
	}
	return strings.Join(parts, " ")
}

// Cite writes refs as a reader sees them: "[2 ¶5, 6] [R1]".
func Cite(refs []Ref) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = "[" + RefLabel(r) + "]"
	}
	return strings.Join(parts, " ")
}

// RefLabel is one ref without brackets: "2 ¶5, 6" or "R1".
func RefLabel(r Ref) string {
	if len(r.Paras) == 0 {
		return r.Source.Label()
	}
	ps := slices.Clone(r.Paras)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	// Three or more consecutive paragraphs read as a range: "¶1–3, 5, 6".
	var parts []string
	for i := 0; i < len(ps); {
		j := i
		for j+1 < len(ps) && ps[j+1] == ps[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, fmt.Sprintf("%d–%d", ps[i], ps[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, fmt.Sprint(ps[k]))
			}
		}
		i = j + 1
	}
	return r.Source.Label() + " ¶" + strings.Join(parts, ", ")
}
