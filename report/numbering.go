package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Numbering is the bibliography's numbers: articles [1], [2] … and
// references [R1], [R2] …, each series in a citation order. It is a value
// beside the Summary and never changes it; both renderers take the same
// Numbering, so they print the same numbers.
//
// The order comes from the briefing's first pass (briefing.Number), which
// executes the templates and records the order in which the text first
// cites each source, so that the numbers run in reading order. A
// workbook-only run still needs that pass: the order depends on the
// templates (--templates may reorder or drop any section), and only
// executing them tells which source the text cites first. The pass only
// composes Markdown; it draws nothing. Without an order (DefaultNumbering),
// sources are numbered in the order the data first cites them.
type Numbering struct {
	sources  []*SourceRow       // articles, then references, each in number order
	n        map[*SourceRow]int // 1-based number within its series
	articles int
}

// DefaultNumbering numbers the sources in the order the data first cites
// them (Summary.Sources' order).
func DefaultNumbering(s *Summary) *Numbering { return NumberSources(s, nil) }

// NumberSources numbers the summary's sources in the given order of source
// ids (the order in which the briefing first cites them); the sources it
// does not name follow, in the data's order. Articles and references are
// numbered apart.
func NumberSources(s *Summary, order []string) *Numbering {
	rank := map[string]int{}
	for i, id := range order {
		if _, ok := rank[id]; !ok {
			rank[id] = i
		}
	}
	data := map[*SourceRow]int{}
	for i, r := range s.Sources {
		data[r] = i
	}
	num := &Numbering{sources: slices.Clone(s.Sources), n: map[*SourceRow]int{}}
	slices.SortStableFunc(num.sources, func(a, b *SourceRow) int {
		if c := cmp.Compare(boolInt(a.IsReference()), boolInt(b.IsReference())); c != 0 {
			return c
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
		return cmp.Compare(data[a], data[b])
	})
	series := map[bool]int{}
	for _, r := range num.sources {
		series[r.IsReference()]++
		num.n[r] = series[r.IsReference()]
		if !r.IsReference() {
			num.articles++
		}
	}
	return num
}

// Sources are the sources in bibliography order: articles, then
// references.
func (n *Numbering) Sources() []*SourceRow { return n.sources }

// Articles counts the articles, which come first in Sources.
func (n *Numbering) Articles() int { return n.articles }

// N is the source's 1-based number within its series.
func (n *Numbering) N(src *SourceRow) int { return n.n[src] }

// Label is the source's number as citations write it: "3" or "R2".
func (n *Numbering) Label(src *SourceRow) string {
	if src.IsReference() {
		return fmt.Sprintf("R%d", n.n[src])
	}
	return fmt.Sprint(n.n[src])
}

// Anchor is the id of the source's bibliography entry.
func (n *Numbering) Anchor(src *SourceRow) string {
	if src.IsReference() {
		return fmt.Sprintf("ref-%d", n.n[src])
	}
	return fmt.Sprintf("src-%d", n.n[src])
}

// compare orders sources as the bibliography does.
func (n *Numbering) compare(a, b *SourceRow) int {
	return cmp.Or(cmp.Compare(boolInt(a.IsReference()), boolInt(b.IsReference())), cmp.Compare(n.n[a], n.n[b]))
}

// Refs merges refs (MergeRefs) and orders them as the bibliography does:
// articles, then references, each by number.
func (n *Numbering) Refs(refs []Ref) []Ref {
	out := MergeRefs(refs)
	slices.SortStableFunc(out, func(a, b Ref) int { return n.compare(a.Source, b.Source) })
	return out
}

// Cite writes refs as a reader sees them: "[2 ¶5, 6] [R1]".
func (n *Numbering) Cite(refs []Ref) string {
	rs := n.Refs(refs)
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = "[" + n.RefLabel(r) + "]"
	}
	return strings.Join(parts, " ")
}

// NoBreakSpace is U+00A0, the space a line never breaks at.
const NoBreakSpace = "\u00a0"

// Unbroken makes a citation label one unbreakable word ("2 ¶5, 6" with
// NoBreakSpace for its spaces), for a page that wraps lines: the briefing
// never splits "[4 ¶2]" across two lines, while the labels of a group stay
// apart by ordinary spaces and may each go to their own line. The workbook
// keeps RefLabel's ordinary spaces, which a search finds.
func Unbroken(label string) string { return strings.ReplaceAll(label, " ", NoBreakSpace) }

// RefLabel is one ref without brackets: "2 ¶5, 6" or "R1".
func (n *Numbering) RefLabel(r Ref) string {
	if len(r.Paras) == 0 {
		return n.Label(r.Source)
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
	return n.Label(r.Source) + " ¶" + strings.Join(parts, ", ")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
