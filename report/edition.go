package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
)

// Edition is what changed since a previous edition of the dataset (the
// baseline): records added, removed, renamed and changed, new revisions,
// citations added and removed, conflicts that appeared or went away, and
// figures whose count of independent originators moved.
type Edition struct {
	// Since is the previous edition's as-of date and Fingerprint its
	// data's fingerprint.
	Since       dataset.Date
	Fingerprint string
	// Changes are ordered most important first: figures and conflicts,
	// then standing (grades, attribution, independence), then sourcing,
	// then wording.
	Changes []*Change

	claims    map[*ClaimRow]string
	incidents map[*IncidentRow]string
}

// The kinds of change.
const (
	Added            = "added"
	Removed          = "removed"
	Renamed          = "renamed"
	Changed          = "changed"
	Revised          = "revised"
	RevisionRemoved  = "revision removed"
	CitationAdded    = "citation added"
	CitationRemoved  = "citation removed"
	ConflictAppeared = "conflict appeared"
	ConflictChanged  = "conflict changed"
	ConflictResolved = "conflict resolved"
	Independence     = "independence"
)

// The ranks of change: what a decision maker must know first.
const (
	RankFigure   = iota // a figure or a conflict appeared, went or moved
	RankStanding        // grades, attribution, independence, new incidents
	RankSourcing        // sources and citations
	RankWording         // text that does not change what is claimed
)

// Change is one difference between two editions.
type Change struct {
	Kind   string // Added, Removed, …
	Record string // "claim", "incident", "source", "originator" or "conflict"
	ID     string // the record's id in this edition (in the previous one when removed)
	What   string // the record in words: "Value stolen, 2023, per UN Panel of Experts"
	Field  string // the field that changed, for Changed
	Before string
	After  string
	Rank   int
	// Refs are this edition's sources for what the change is about; a
	// record removed with its sources has none, and Gone names them.
	Refs []Ref
	Gone []string
	// FirstCite is the Citations row of the record's first citation in
	// this edition (1-based), 0 when it has none.
	FirstCite int
}

// Line is the change on one line, as --check prints it.
func (c *Change) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", c.Kind, c.Record, c.ID)
	if c.Field != "" {
		b.WriteString(" " + c.Field)
	}
	switch {
	case c.Kind == Changed:
		fmt.Fprintf(&b, ": %s → %s", orNone(c.Before), orNone(c.After))
	case c.Before != "" && c.After != "":
		fmt.Fprintf(&b, ": %s → %s", c.Before, c.After)
	case c.After != "":
		b.WriteString(": " + c.After)
	case c.Before != "":
		b.WriteString(": was " + c.Before)
	}
	return b.String()
}

// clause is the change said of its record ("grade changed from B4 to
// B3"), for the kinds that change a record in place; "" for the others.
func (c *Change) clause() string {
	switch c.Kind {
	case Changed:
		return fmt.Sprintf("%s changed from %s to %s", c.Field, orNone(c.Before), orNone(c.After))
	case Revised:
		return "revised to " + c.After
	case RevisionRemoved:
		return fmt.Sprintf("the revision to %s is no longer recorded", c.Before)
	case CitationAdded:
		return "now also cited to " + c.After
	case CitationRemoved:
		return "no longer cited to " + c.Before
	case Independence:
		return fmt.Sprintf("independent originators giving it %s, was %s", c.After, c.Before)
	}
	return ""
}

// Sentence is the change as the briefing states it.
func (c *Change) Sentence() string { return Say([]*Change{c}) }

// Group splits changes into the runs that the briefing states in one
// sentence each: consecutive changes in place of one record go together.
func Group(cs []*Change) [][]*Change {
	var out [][]*Change
	for _, c := range cs {
		if n := len(out); n > 0 {
			last := out[n-1][0]
			if c.clause() != "" && last.clause() != "" && c.Record == last.Record && c.ID == last.ID {
				out[n-1] = append(out[n-1], c)
				continue
			}
		}
		out = append(out, []*Change{c})
	}
	return out
}

// Say states a group of changes (see Group) in one sentence.
func Say(group []*Change) string {
	c := group[0]
	var s string
	switch c.Kind {
	case Added:
		s = fmt.Sprintf("New %s, %s", c.Record, c.What)
		if c.After != "" {
			s += ": " + c.After
		}
	case Removed:
		s = fmt.Sprintf("Removed %s, %s", c.Record, c.What)
		if c.Before != "" {
			s += ": " + c.Before
		}
	case Renamed:
		s = fmt.Sprintf("%s %s renamed from %s to %s, unchanged otherwise", Capital(c.Record), c.What, c.Before, c.After)
	case ConflictAppeared:
		s = fmt.Sprintf("Sources now disagree on %s: %s", c.What, c.After)
	case ConflictChanged:
		s = fmt.Sprintf("The disagreement on %s is now %s (was %s)", c.What, c.After, c.Before)
	case ConflictResolved:
		s = fmt.Sprintf("Sources no longer disagree on %s (was %s)", c.What, c.Before)
	default:
		clauses := make([]string, len(group))
		for i, g := range group {
			clauses[i] = g.clause()
		}
		s = c.What + ": " + strings.Join(clauses, "; ")
	}
	var gone []string
	for _, g := range group {
		for _, w := range g.Gone {
			if !slices.Contains(gone, w) {
				gone = append(gone, w)
			}
		}
	}
	if len(gone) > 0 {
		s += " (its sources are no longer in the dataset: " + strings.Join(gone, "; ") + ")"
	}
	return s + "."
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// Claim tells how a claim moved since the baseline: "new", "changed",
// "renamed" or "" (unchanged, or no baseline).
func (e *Edition) Claim(c *ClaimRow) string {
	if e == nil {
		return ""
	}
	return e.claims[c]
}

// Incident tells how an incident moved since the baseline, as Claim does.
func (e *Edition) Incident(in *IncidentRow) string {
	if e == nil {
		return ""
	}
	return e.incidents[in]
}

// Counts by rank: how many changes of each rank.
func (e *Edition) Counts() [RankWording + 1]int {
	var n [RankWording + 1]int
	for _, c := range e.Changes {
		n[c.Rank]++
	}
	return n
}

// field is one comparable property of a record: key decides equality,
// show is how a reader sees it.
type field struct {
	name      string
	rank      int
	key, show string
}

func same(key string) field { return field{key: key, show: key} }

// Compare computes what changed from prev to cur: two summaries computed
// with the same options, prev from the baseline dataset.
func Compare(prev, cur *Summary) *Edition {
	e := &Edition{Since: prev.Meta.AsOfDate, Fingerprint: prev.Fingerprint,
		claims: map[*ClaimRow]string{}, incidents: map[*IncidentRow]string{}}
	cmpr := &comparer{e: e, prev: prev, cur: cur, origIDs: map[string]string{}, srcIDs: map[string]string{}}
	for _, r := range cur.Sources {
		cmpr.srcByID = mapOf(cmpr.srcByID, r.ID, r)
	}
	cmpr.originators()
	cmpr.sources()
	cmpr.claims()
	cmpr.incidents()
	cmpr.conflicts()
	slices.SortStableFunc(e.Changes, func(a, b *Change) int { return cmp.Compare(a.Rank, b.Rank) })
	return e
}

func mapOf[K comparable, V any](m map[K]V, k K, v V) map[K]V {
	if m == nil {
		m = map[K]V{}
	}
	m[k] = v
	return m
}

type comparer struct {
	e         *Edition
	prev, cur *Summary
	// origIDs and srcIDs map a previous id to this edition's, for the
	// records renamed: references through them are then compared as
	// equal.
	origIDs, srcIDs map[string]string
	srcByID         map[string]*SourceRow // this edition's cited sources
}

func (m *comparer) add(c *Change) { m.e.Changes = append(m.e.Changes, c) }

func (m *comparer) origID(id string) string { return cmp.Or(m.origIDs[id], id) }
func (m *comparer) srcID(id string) string  { return cmp.Or(m.srcIDs[id], id) }

// pairing matches records by id, then pairs the unmatched ones whose
// content is equal as renames, when that is unambiguous: one record on
// each side with that content.
type pairing[T any] struct {
	pairs          [][2]T // matched by id
	renamed        [][2]T
	added, removed []T
}

func pair[T any](prev, cur []T, id func(T) string, content func(T) string) pairing[T] {
	var p pairing[T]
	byID := map[string]T{}
	for _, x := range prev {
		byID[id(x)] = x
	}
	seen := map[string]bool{}
	var added []T
	for _, x := range cur {
		if old, ok := byID[id(x)]; ok {
			p.pairs = append(p.pairs, [2]T{old, x})
			seen[id(x)] = true
		} else {
			added = append(added, x)
		}
	}
	var removed []T
	for _, x := range prev {
		if !seen[id(x)] {
			removed = append(removed, x)
		}
	}
	count := func(xs []T) map[string]int {
		n := map[string]int{}
		for _, x := range xs {
			n[content(x)]++
		}
		return n
	}
	nAdded, nRemoved := count(added), count(removed)
	gone := map[string]T{}
	for _, x := range removed {
		if k := content(x); nRemoved[k] == 1 && nAdded[k] == 1 {
			gone[k] = x
		} else {
			p.removed = append(p.removed, x)
		}
	}
	for _, x := range added {
		if old, ok := gone[content(x)]; ok {
			p.renamed = append(p.renamed, [2]T{old, x})
		} else {
			p.added = append(p.added, x)
		}
	}
	return p
}

// content joins the keys of the fields: equal content, equal string.
func content(fs []field) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.name)
		b.WriteByte(0)
		b.WriteString(f.key)
		b.WriteByte(0)
	}
	return b.String()
}

// diff adds a Changed for every field whose key differs; it reports
// whether any did.
func (m *comparer) diff(record, id, what string, before, after []field, refs []Ref, first int) bool {
	changed := false
	for i := range after {
		if before[i].key == after[i].key {
			continue
		}
		changed = true
		m.add(&Change{Kind: Changed, Record: record, ID: id, What: what, Field: after[i].name,
			Before: before[i].show, After: after[i].show, Rank: after[i].rank, Refs: refs, FirstCite: first})
	}
	return changed
}

func (m *comparer) originators() {
	fields := func(o *OriginatorRow) []field {
		return []field{
			{"name", RankWording, o.Name, o.Name},
			{"kind", RankStanding, o.Kind, dataset.Meaning(dataset.OriginatorKinds, o.Kind)},
		}
	}
	p := pair(m.prev.Originators, m.cur.Originators, func(o *OriginatorRow) string { return o.ID },
		func(o *OriginatorRow) string { return content(fields(o)) })
	refs := func(o *OriginatorRow) []Ref {
		var rs []Ref
		for _, c := range m.cur.Claims {
			if c.Originator == o {
				rs = append(rs, c.Refs...)
			}
		}
		return MergeRefs(rs)
	}
	for _, x := range p.renamed {
		m.origIDs[x[0].ID] = x[1].ID
		m.add(&Change{Kind: Renamed, Record: "originator", ID: x[1].ID, What: x[1].Name, Before: x[0].ID, After: x[1].ID, Rank: RankWording, Refs: refs(x[1])})
	}
	for _, x := range p.pairs {
		m.diff("originator", x[1].ID, x[1].Name, fields(x[0]), fields(x[1]), refs(x[1]), 0)
	}
	for _, o := range p.added {
		m.add(&Change{Kind: Added, Record: "originator", ID: o.ID, What: o.Name, Rank: RankSourcing, Refs: refs(o)})
	}
	for _, o := range p.removed {
		m.add(&Change{Kind: Removed, Record: "originator", ID: o.ID, What: o.Name, Rank: RankSourcing})
	}
}

// sourceWords names a source for a reader: Outlet, “Title” (date).
func sourceWords(s *SourceRow) string {
	w := s.Outlet + ", “" + strings.TrimSuffix(s.Title, ".") + "”"
	if !s.Date.IsZero() {
		w += " (" + s.Date.Human() + ")"
	}
	return w
}

func (m *comparer) sources() {
	fields := func(s *SourceRow, orig func(string) string) []field {
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
	prevF := func(s *SourceRow) []field { return fields(s, m.origID) }
	curF := func(s *SourceRow) []field { return fields(s, func(id string) string { return id }) }
	p := pair(m.prev.Sources, m.cur.Sources, func(s *SourceRow) string { return s.ID },
		func(s *SourceRow) string {
			if slices.Contains(m.cur.Sources, s) {
				return content(curF(s))
			}
			return content(prevF(s))
		})
	for _, x := range p.renamed {
		m.srcIDs[x[0].ID] = x[1].ID
		m.add(&Change{Kind: Renamed, Record: "source", ID: x[1].ID, What: sourceWords(x[1]), Before: x[0].ID, After: x[1].ID, Rank: RankWording, Refs: []Ref{{Source: x[1]}}})
	}
	for _, x := range p.pairs {
		m.diff("source", x[1].ID, sourceWords(x[1]), prevF(x[0]), curF(x[1]), []Ref{{Source: x[1]}}, 0)
	}
	for _, s := range p.added {
		m.add(&Change{Kind: Added, Record: "source", ID: s.ID, What: sourceWords(s), Rank: RankSourcing, Refs: []Ref{{Source: s}}})
	}
	for _, s := range p.removed {
		m.add(&Change{Kind: Removed, Record: "source", ID: s.ID, What: sourceWords(s), Rank: RankSourcing})
	}
}

// Describe names a claim for a reader: a figure by its measure, period and
// originator ("Value stolen, 2023, per UN Panel of Experts"), a statement
// by its words.
func (c *ClaimRow) Describe() string {
	if !c.HasValue() {
		return "“" + strings.TrimSuffix(c.Statement, ".") + "”, per " + c.Originator.Name
	}
	period := c.Span.Human()
	if period == "" {
		period = "undated"
	}
	return c.Metric.Label + ", " + period + ", per " + c.Originator.Name
}

// citeKey identifies one citation across editions: its source (through
// renames) and paragraph.
type citeKey struct {
	source string
	para   int
}

func (m *comparer) claims() {
	fields := func(c *ClaimRow, orig func(string) string) []field {
		via := make([]string, len(c.Via))
		viaNames := make([]string, len(c.Via))
		for i, o := range c.Via {
			via[i], viaNames[i] = orig(o.ID), o.Name
		}
		period := c.Span.Human()
		if period == "" {
			period = "undated"
		}
		return []field{
			{"figure", RankFigure, c.Amount.String() + " " + c.Unit + " " + c.Qualifier, c.Hedged()},
			{"hedge", RankFigure, c.Hedge, c.Hedge},
			{"metric", RankFigure, c.Metric.ID, c.Metric.Label},
			{"period", RankFigure, c.Span.String(), period},
			{"scope", RankFigure, c.Scope, dataset.Meaning(dataset.Scopes, c.Scope)},
			{"originator", RankStanding, orig(c.Originator.ID), c.Originator.Name},
			{"via", RankStanding, strings.Join(via, ", "), strings.Join(viaNames, ", ")},
			{"grade", RankStanding, c.Admiralty(), c.Admiralty()},
			{"statement", RankWording, c.Statement, c.Statement},
			{"verb", RankWording, c.Verb, c.Verb},
			{"note", RankWording, c.Note, c.Note},
		}
	}
	prevF := func(c *ClaimRow) []field { return fields(c, m.origID) }
	curF := func(c *ClaimRow) []field { return fields(c, func(id string) string { return id }) }
	isCur := map[*ClaimRow]bool{}
	for _, c := range m.cur.Claims {
		isCur[c] = true
	}
	// Renames compare everything a claim says, its citations included.
	full := func(c *ClaimRow) string {
		f, src := prevF(c), m.srcID
		if isCur[c] {
			f, src = curF(c), func(id string) string { return id }
		}
		var b strings.Builder
		b.WriteString(content(f))
		for _, ci := range c.Citations {
			fmt.Fprintf(&b, "%s¶%d\x00", src(ci.Source), ci.Para)
		}
		for _, r := range c.Revisions {
			fmt.Fprintf(&b, "%s %s %s\x00", r.Amount, r.Qualifier, r.Revised)
		}
		return b.String()
	}
	p := pair(m.prev.Claims, m.cur.Claims, func(c *ClaimRow) string { return c.ID }, full)
	for _, x := range p.renamed {
		m.e.claims[x[1]] = "renamed"
		m.add(&Change{Kind: Renamed, Record: "claim", ID: x[1].ID, What: x[1].Describe(), Before: x[0].ID, After: x[1].ID,
			Rank: RankWording, Refs: x[1].Refs, FirstCite: x[1].FirstCite})
	}
	for _, x := range p.pairs {
		old, c := x[0], x[1]
		n := len(m.e.Changes)
		m.diff("claim", c.ID, c.Describe(), prevF(old), curF(c), c.Refs, c.FirstCite)
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
func (m *comparer) carried(refs []Ref) ([]Ref, []string) {
	var out []Ref
	var gone []string
	for _, r := range refs {
		if s, ok := m.srcByID[m.srcID(r.Source.ID)]; ok {
			out = append(out, Ref{Source: s, Paras: r.Paras})
		} else {
			gone = append(gone, sourceWords(r.Source))
		}
	}
	return MergeRefs(out), gone
}

// revisions reports the revisions added and removed, matched by value,
// qualifier and date.
func (m *comparer) revisions(old, c *ClaimRow) {
	key := func(r *RevisionRow) string { return fmt.Sprintf("%s %s %s", r.Amount, r.Qualifier, r.Revised) }
	words := func(of *ClaimRow, r *RevisionRow) string {
		return WithHedge(Qualified(r.Qualifier, r.Amount, of.Unit), of.Hedge) + " on " + r.Revised.Human()
	}
	had := map[string]bool{}
	for _, r := range old.Revisions {
		had[key(r)] = true
	}
	has := map[string]bool{}
	for _, r := range c.Revisions {
		has[key(r)] = true
		if !had[key(r)] {
			m.add(&Change{Kind: Revised, Record: "claim", ID: c.ID, What: c.Describe(), Field: "revision", After: words(c, r), Rank: RankFigure, Refs: r.Refs, FirstCite: c.FirstCite})
		}
	}
	for _, r := range old.Revisions {
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
	words := func(src *SourceRow, para int) string {
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
		r := Ref{Source: src}
		if ci.Para > 0 {
			r.Paras = []int{ci.Para}
		}
		m.add(&Change{Kind: CitationAdded, Record: record, ID: id, What: what, Field: "citations", After: words(src, ci.Para),
			Rank: RankSourcing, Refs: []Ref{r}, FirstCite: first})
	}
	for _, ci := range before {
		k := citeKey{m.srcID(ci.Source), ci.Para}
		if has[k] {
			continue
		}
		c := &Change{Kind: CitationRemoved, Record: record, ID: id, What: what, Field: "citations", Rank: RankSourcing, FirstCite: first}
		if src, ok := m.srcByID[k.source]; ok {
			c.Before = words(src, ci.Para)
			c.Refs = []Ref{{Source: src}}
		} else {
			c.Before = ci.Source
			if old := m.prevSource(ci.Source); old != nil {
				c.Before = words(old, ci.Para)
			}
		}
		m.add(c)
	}
}

func (m *comparer) prevSource(id string) *SourceRow {
	for _, s := range m.prev.Sources {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Describe names an incident for a reader: victim and date.
func (in *IncidentRow) Describe() string {
	return in.Victim + ", " + in.When.Human()
}

// amountWords is an incident's amount with what a reader must see with it.
func (in *IncidentRow) amountWords() string {
	if in.Unverified {
		return in.Figure() + ", unverified"
	}
	return in.Figure()
}

func (m *comparer) incidents() {
	fields := func(in *IncidentRow) []field {
		rng := ""
		if in.HasRange {
			rng = Money(in.LowUSD) + " to " + Money(in.HighUSD)
		}
		return []field{
			{"amount", RankFigure, fmt.Sprint(in.USD, " ", in.Qualifier, " ", in.Unverified), in.amountWords()},
			{"range", RankStanding, rng, rng},
			{"date", RankStanding, in.When.String(), in.When.Human()},
			{"actor", RankStanding, in.Actor, in.Actor},
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
	isCur := map[*IncidentRow]bool{}
	for _, in := range m.cur.Incidents {
		isCur[in] = true
	}
	full := func(in *IncidentRow) string {
		src := m.srcID
		if isCur[in] {
			src = func(id string) string { return id }
		}
		var b strings.Builder
		b.WriteString(content(fields(in)))
		for _, ci := range in.Citations {
			fmt.Fprintf(&b, "%s¶%d\x00", src(ci.Source), ci.Para)
		}
		return b.String()
	}
	p := pair(m.prev.Incidents, m.cur.Incidents, func(in *IncidentRow) string { return in.ID }, full)
	for _, x := range p.renamed {
		m.e.incidents[x[1]] = "renamed"
		m.add(&Change{Kind: Renamed, Record: "incident", ID: x[1].ID, What: x[1].Describe(), Before: x[0].ID, After: x[1].ID,
			Rank: RankWording, Refs: x[1].Refs, FirstCite: x[1].FirstCite})
	}
	for _, x := range p.pairs {
		old, in := x[0], x[1]
		n := len(m.e.Changes)
		m.diff("incident", in.ID, in.Describe(), fields(old), fields(in), in.Refs, in.FirstCite)
		m.citations("incident", in.ID, in.Describe(), old.Citations, in.Citations, in.FirstCite)
		if len(m.e.Changes) > n {
			m.e.incidents[in] = "changed"
		}
	}
	for _, in := range p.added {
		m.e.incidents[in] = "new"
		m.add(&Change{Kind: Added, Record: "incident", ID: in.ID, What: in.Describe(), After: in.amountWords(), Rank: RankStanding, Refs: in.Refs, FirstCite: in.FirstCite})
	}
	for _, in := range p.removed {
		refs, gone := m.carried(in.Refs)
		m.add(&Change{Kind: Removed, Record: "incident", ID: in.ID, What: in.Describe(), Before: in.amountWords(), Rank: RankStanding, Refs: refs, Gone: gone})
	}
}

// conflictKey identifies a quantity across editions.
func conflictKey(c *Conflict) string {
	return c.Metric.ID + " " + c.Scope + " " + c.Span.String()
}

// Describe names the quantity a conflict is about: "Value stolen, 2023".
func (c *Conflict) Describe() string {
	period := c.Span.Human()
	if period == "" {
		period = "undated"
	}
	w := c.Metric.Label + ", " + period
	if c.Scope != "dprk" {
		w += " (" + dataset.Meaning(dataset.Scopes, c.Scope) + ")"
	}
	return w
}

// sides writes a conflict's figures side by side: "more than $750 million
// per UN Panel of Experts against $1 billion per Chainalysis".
func (c *Conflict) sides() string {
	parts := make([]string, len(c.Claims))
	for i, x := range c.Claims {
		parts[i] = x.Hedged() + " per " + x.Originator.Name
	}
	return strings.Join(parts, " against ")
}

func (c *Conflict) refs() ([]Ref, int) {
	var rs []Ref
	first := 0
	for _, x := range c.Claims {
		rs = append(rs, x.Refs...)
		if first == 0 || x.FirstCite < first {
			first = x.FirstCite
		}
	}
	return MergeRefs(rs), first
}

func (m *comparer) conflicts() {
	before := map[string]*Conflict{}
	for _, c := range m.prev.Conflicts {
		before[conflictKey(c)] = c
	}
	now := map[string]bool{}
	for _, c := range m.cur.Conflicts {
		k := conflictKey(c)
		now[k] = true
		refs, first := c.refs()
		old, ok := before[k]
		switch {
		case !ok:
			m.add(&Change{Kind: ConflictAppeared, Record: "conflict", ID: k, What: c.Describe(), After: c.sides(), Rank: RankFigure, Refs: refs, FirstCite: first})
		case old.sides() != c.sides():
			m.add(&Change{Kind: ConflictChanged, Record: "conflict", ID: k, What: c.Describe(), Before: old.sides(), After: c.sides(), Rank: RankFigure, Refs: refs, FirstCite: first})
		}
	}
	for _, c := range m.prev.Conflicts {
		k := conflictKey(c)
		if now[k] {
			continue
		}
		// Cite the figures of the quantity this edition still holds.
		var rs []Ref
		var gone []string
		for _, x := range c.Claims {
			r, g := m.carried(x.Refs)
			rs, gone = append(rs, r...), append(gone, g...)
		}
		slices.Sort(gone)
		m.add(&Change{Kind: ConflictResolved, Record: "conflict", ID: k, What: c.Describe(), Before: c.sides(), Rank: RankFigure, Refs: MergeRefs(rs), Gone: slices.Compact(gone)})
	}
}
