package edition

import (
	"cmp"
	"fmt"
	"github.com/dprkreport/dprkreport/report"
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

	claims    map[*report.ClaimRow]string
	incidents map[*report.IncidentRow]string
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

// RankNames name the ranks for a reader, in rank order.
var RankNames = [...]string{"figures and conflicts", "grades, attribution and independence", "sources and citations", "wording"}

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
	Refs []report.Ref
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

// Sentence states a group of changes (see Group) in one sentence.
func Sentence(group []*Change) string {
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
		s = fmt.Sprintf("%s %s renamed from %s to %s, unchanged otherwise", report.Capital(c.Record), c.What, c.Before, c.After)
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

// ClaimMoved tells how a claim moved since the baseline: "new", "changed",
// "renamed" or "" (unchanged, or no baseline).
func (e *Edition) ClaimMoved(c *report.ClaimRow) string {
	if e == nil {
		return ""
	}
	return e.claims[c]
}

// IncidentMoved tells how an incident moved since the baseline, as ClaimMoved does.
func (e *Edition) IncidentMoved(in *report.IncidentRow) string {
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

// Compare computes what changed from prev to cur: two summaries computed
// with the same options, prev from the baseline dataset.
func Compare(prev, cur *report.Summary) *Edition {
	e := &Edition{Since: prev.Meta.AsOfDate, Fingerprint: prev.Fingerprint,
		claims: map[*report.ClaimRow]string{}, incidents: map[*report.IncidentRow]string{}}
	cmpr := &comparer{e: e, prev: prev, cur: cur, origIDs: map[string]string{}, srcIDs: map[string]string{},
		srcByID: map[string]*report.SourceRow{}, prevSrcByID: map[string]*report.SourceRow{}}
	for _, r := range cur.Sources {
		cmpr.srcByID[r.ID] = r
	}
	for _, r := range prev.Sources {
		cmpr.prevSrcByID[r.ID] = r
	}
	cmpr.originators()
	cmpr.sources()
	cmpr.claims()
	cmpr.incidents()
	cmpr.conflicts()
	slices.SortStableFunc(e.Changes, func(a, b *Change) int { return cmp.Compare(a.Rank, b.Rank) })
	return e
}

type comparer struct {
	e         *Edition
	prev, cur *report.Summary
	// origIDs and srcIDs map a previous id to this edition's, for the
	// records renamed: references through them are then compared as
	// equal.
	origIDs, srcIDs map[string]string
	srcByID         map[string]*report.SourceRow // this edition's cited sources
	prevSrcByID     map[string]*report.SourceRow // the previous edition's
}

func (m *comparer) add(c *Change) { m.e.Changes = append(m.e.Changes, c) }

// renamed records a record that kept everything it says under a new id.
func (m *comparer) renamed(record, before, after, what string, refs []report.Ref, firstCite int) {
	m.add(&Change{Kind: Renamed, Record: record, ID: after, What: what, Before: before, After: after,
		Rank: RankWording, Refs: refs, FirstCite: firstCite})
}

func (m *comparer) origID(id string) string { return cmp.Or(m.origIDs[id], id) }
func (m *comparer) srcID(id string) string  { return cmp.Or(m.srcIDs[id], id) }

// asIs is the id mapping of this edition's own records.
func asIs(id string) string { return id }

// pairing matches records by id, then pairs the unmatched ones whose
// content is equal as renames, when that is unambiguous: one record on
// each side with that content.
type pairing[T any] struct {
	pairs          [][2]T // matched by id
	renamed        [][2]T
	added, removed []T
}

// prevKey and curKey give a record's content, the previous edition's with
// its references mapped through the renames found so far.
func pair[T any](prev, cur []T, id func(T) string, prevKey, curKey func(T) string) pairing[T] {
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
	count := func(xs []T, key func(T) string) map[string]int {
		n := map[string]int{}
		for _, x := range xs {
			n[key(x)]++
		}
		return n
	}
	nAdded, nRemoved := count(added, curKey), count(removed, prevKey)
	gone := map[string]T{}
	for _, x := range removed {
		if k := prevKey(x); nRemoved[k] == 1 && nAdded[k] == 1 {
			gone[k] = x
		} else {
			p.removed = append(p.removed, x)
		}
	}
	for _, x := range added {
		if old, ok := gone[curKey(x)]; ok {
			p.renamed = append(p.renamed, [2]T{old, x})
		} else {
			p.added = append(p.added, x)
		}
	}
	return p
}

// content is a record's content for finding renames: the keys of its
// fields, the sources (through src) and paragraphs of its citations, and
// anything more the record says (its revisions). Equal content, equal
// string.
func content(fs []field, cites []dataset.Citation, src func(string) string, more ...string) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.name)
		b.WriteByte(0)
		b.WriteString(f.key)
		b.WriteByte(0)
	}
	for _, ci := range cites {
		fmt.Fprintf(&b, "%s¶%d\x00", src(ci.Source), ci.Para)
	}
	for _, x := range more {
		b.WriteString(x)
		b.WriteByte(0)
	}
	return b.String()
}

// diff adds a Changed for every field whose key differs. Each is cited to
// the sources of that field where the record has them apart (byField: a
// note's, a date's), else to the record's.
func (m *comparer) diff(record, id, what string, before, after []field, refs []report.Ref, byField map[string][]report.Ref, first int) {
	for i := range after {
		if before[i].key == after[i].key {
			continue
		}
		cite := refs
		if r := byField[after[i].name]; len(r) > 0 {
			cite = r
		}
		m.add(&Change{Kind: Changed, Record: record, ID: id, What: what, Field: after[i].name,
			Before: before[i].show, After: after[i].show, Rank: after[i].rank, Refs: cite, FirstCite: first})
	}
}
