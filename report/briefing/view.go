package briefing

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// The view: what the templates see. Every string is escaped Markdown.

// View is the data of the main template.
type View struct {
	Title, Subtitle, AsOf string
	// Period is the period asked for ("2022 onwards"), empty for all years.
	Period               string
	Articles, References int
	// Figures counts the claims with a value; Confirmed those a second
	// independent originator gives alike; Relayed those two or more
	// articles repeat.
	Figures, Confirmed, Relayed int
	Originators                 int
	// Coverage: the years the figures kept report on (Covers, a
	// multi-year figure whole), the years the yearly chart shows (Shown,
	// clipped to the period) and the newest sources, apart from the as-of
	// date.
	Covers, Shown, NewestArticle, NewestRevision, NewestReference string
	// DataCovers is the years the whole dataset covers, for a period
	// with nothing in it.
	DataCovers string
	// Empty is set when nothing in the data falls in the period asked for
	// (or the dataset holds nothing), and EmptyWords says which, with the
	// period: "nothing in the dataset falls in 2030 onwards".
	Empty      bool
	EmptyWords string
	// BottomLine is the main message, a few computed sentences; Unknowns
	// what the data leaves open and what would change the judgments.
	BottomLine     []*PointV
	Unknowns       []*PointV
	Judgments      []*JudgmentV
	Largest        *ClaimV   // the multi-year figure most relayed
	KeyFigures     []*ClaimV // the DPRK figures, most relayed first
	Independent    int       // the independent-originator count of every key figure, when they share one; else 0
	Shares         []*ClaimV // shares of revenue and funding
	Spans          []*ClaimV
	ChartClaims    []*ClaimV // the figures the chart draws
	ChartCite      RefsV     // what the chart rests on: its figures and the revisions its labels show
	Incidents      []*IncidentV
	Conflicts      []*ConflictV
	ValueConflicts []*ConflictV // the conflicts over amounts
	Relays         []*ClaimV
	Wordings       []*WordingV // figures two or more articles word, each article's wording
	Sources        []*SourceV  // articles
	RefSources     []*SourceV  // references
	Grades         []GradeV

	// Changes is what changed since the previous edition, when a
	// baseline was given; nil otherwise.
	Changes *ChangesV

	// What the briefing leaves to the workbook, so that it stays a few
	// pages at any size: nil when nothing is left out.
	MoreIncidents *MoreV // incidents beyond the largest MaxIncidents
	MoreClaims    *MoreV // claims not among the key figures
	MoreConflicts int
}

// Limits that keep the briefing a briefing; the workbook has everything.
const (
	MaxIncidents  = 25
	MaxKeyFigures = 25
	MaxConflicts  = 12
	MaxRelays     = 20
	MaxSpans      = 10
	MaxShares     = 6
	MaxWordings   = 10
	MaxChanges    = 12
)

// ChangesV is what changed since the previous edition: the changes to
// figures, conflicts and standing, most important first, those of one
// record in one sentence, and a count of the rest, which the workbook's
// Changes sheet lists.
type ChangesV struct {
	Since     string
	Items     []*ChangeV
	More      int    // changes not listed
	Breakdown string // the unlisted changes by kind: "3 to sourcing, 2 to wording"
}

// ChangeV is one change as a sentence, with the sources of what changed.
type ChangeV struct {
	Text string
	rs   []report.Ref
}

func (c *ChangeV) refs() []report.Ref { return c.rs }

func changesView(e *edition.Edition) *ChangesV {
	x := &ChangesV{Since: escape(e.Since.Human())}
	var rest [len(edition.RankNames)]int
	for _, g := range edition.Group(e.Changes) {
		if g[0].Rank <= edition.RankStanding && len(x.Items) < MaxChanges {
			item := &ChangeV{Text: escape(edition.Sentence(g))}
			for _, c := range g {
				item.rs = append(item.rs, c.Refs...)
			}
			x.Items = append(x.Items, item)
			continue
		}
		x.More += len(g)
		for _, c := range g {
			rest[c.Rank]++
		}
	}
	var parts []string
	for i, n := range rest {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d to %s", n, edition.RankNames[i]))
		}
	}
	x.Breakdown = strings.Join(parts, ", ")
	return x
}

// MoreV counts what the briefing leaves to the workbook; citing it cites
// the sources those items rest on.
type MoreV struct {
	Count int
	rs    []report.Ref
}

func (m *MoreV) refs() []report.Ref {
	if m == nil {
		return nil
	}
	return m.rs
}

// JudgmentV is a key judgment.
type JudgmentV struct {
	Topic, Finding, Estimate, Confidence, Basis string
	rs                                          []report.Ref
}

func (j *JudgmentV) refs() []report.Ref { return j.rs }

// PointV is one computed sentence with what it rests on.
type PointV struct {
	Text string
	rs   []report.Ref
}

func (p *PointV) refs() []report.Ref { return p.rs }

func pointView(p *report.Point) *PointV {
	x := &PointV{Text: escape(p.Text)}
	for _, c := range p.Claims {
		x.rs = append(x.rs, c.Refs...)
	}
	for _, in := range p.Incidents {
		x.rs = append(x.rs, in.Refs...)
		x.rs = append(x.rs, in.AttributionRefs...)
	}
	return x
}

// ClaimV is a claim as the templates see it.
type ClaimV struct {
	ID, Statement, Figure, Value, Metric, MetricID, Period, Scope string
	Originator, OriginatorKind, Via, Note, Summary                string
	Hedge, Grade                                                  string
	NoteCite                                                      RefsV
	Revisions                                                     []WordedV
	Articles, Independent                                         int
	Straddles                                                     bool
	// Worded lists how the sources word the figure where that differs
	// from the originator's own wording, each with its citation.
	Worded []WordedV
	// Count is the same originator's attack count for the same period,
	// when there is one ("58 attacks").
	Count *ClaimV
	rs    []report.Ref
}

func (c *ClaimV) refs() []report.Ref {
	if c == nil {
		return nil
	}
	return c.rs
}

// IncidentV is an incident as the templates see it.
type IncidentV struct {
	ID, Victim, VictimType, Date, Figure, Range, Technique, Actor string
	Basis, Confidence, AttributionNote, Note, DateNote            string
	DateCite, RangeCite, AttributionCite                          RefsV // the sources of those facts
	Unverified                                                    bool
	rs                                                            []report.Ref
}

func (in *IncidentV) refs() []report.Ref { return in.rs }

// ConflictV is one quantity reported with different values.
type ConflictV struct {
	What, Period, Scope string
	Reports             []*ClaimV
}

func (c *ConflictV) refs() []report.Ref {
	var out []report.Ref
	for _, r := range c.Reports {
		out = append(out, r.rs...)
	}
	return out
}

// WordingV is one figure with each source's wording of it.
type WordingV struct {
	Claim *ClaimV
	Rows  []WordingRowV
}

// WordingRowV is one citation's wording: "[1 ¶3]", "an estimated $3
// billion, “drained”", and the excerpt.
type WordingRowV struct {
	Cite                   RefsV
	Wording, Excerpt, Note string
}

// SourceV is a bibliography entry.
type SourceV struct {
	N                                               int
	Label                                           string // "3" or "R2"
	ID, Title, Outlet, Date, DateNote, URL, Archive string
	Relays, Reliability, Reason                     string
	DateCite                                        RefsV
	Inferred, Reference                             bool
	src                                             *report.SourceRow
}

func (s *SourceV) refs() []report.Ref { return []report.Ref{{Source: s.src}} }

// GradeV is one row of the grading legend.
type GradeV struct {
	Reliability, ReliabilityMeaning, Credibility, CredibilityMeaning string
}

// RefsV is a list of sources a template can cite: {{cite .DateCite}}.
type RefsV []report.Ref

func (r RefsV) refs() []report.Ref { return r }

// WordedV is a text with the sources to cite after it.
type WordedV struct {
	Text string
	Note string // a revision's own note; empty otherwise
	Cite RefsV
}

func claimView(c *report.ClaimRow) *ClaimV {
	x := &ClaimV{
		ID: escape(c.ID), Statement: escape(c.Statement),
		Metric: escape(c.Measure.Label), MetricID: c.Measure.ID, Period: escape(c.Span.Human()),
		Scope: escape(dataset.Meaning(dataset.Scopes, c.Scope)), Originator: escape(c.By.Name),
		OriginatorKind: c.By.Kind, Note: escape(c.Note), Hedge: escape(c.Hedge),
		Articles: c.Articles(), Independent: c.Independent, Grade: escape(c.Admiralty()), Straddles: c.Straddles,
		rs: c.Refs, NoteCite: c.NoteRefs,
	}
	if c.HasValue() {
		x.Period = escape(report.PeriodWords(c.Span))
		x.Value = escape(nbsp(report.Value(c.Amount, c.Unit)))
		x.Figure = escape(nbspFigure(c.Hedged()))
		// Where sources word the figure otherwise, show their wording.
		seen := map[string]int{}
		for _, row := range c.Cites {
			if row.Wording == c.Figure() {
				continue
			}
			i, ok := seen[row.Wording]
			if !ok {
				i = len(x.Worded)
				seen[row.Wording] = i
				x.Worded = append(x.Worded, WordedV{Text: escape(nbspFigure(row.Wording))})
			}
			x.Worded[i].Cite = append(x.Worded[i].Cite, row.Ref())
		}
	}
	var via []string
	for _, o := range c.RelayedVia {
		via = append(via, o.Name)
	}
	x.Via = escape(strings.Join(via, ", "))
	for _, r := range c.RevisionRows {
		when := " in "
		if r.Revised.Precision() == dataset.PrecisionDay {
			when = " on "
		}
		// The claim's hedge travels with the revised figure ("more than
		// $800 million, potentially attributed to the DPRK, on …").
		figure := report.WithHedge(nbspFigure(report.Qualified(r.Qualifier, r.Amount, c.Unit)), c.Hedge)
		if c.Hedge != "" {
			figure += ","
		}
		x.Revisions = append(x.Revisions, WordedV{Text: escape(figure + when + r.Revised.Human()), Note: escape(strings.TrimSuffix(r.Note, ".")), Cite: r.Refs})
	}
	x.Summary = escape(strings.TrimSuffix(c.Statement, "."))
	if c.HasValue() {
		x.Summary = escape(c.Measure.Label + ", " + report.PeriodWords(c.Span) + ": " + c.Hedged())
	}
	return x
}

// nbspFigure keeps the number of a figure and its unit on one line:
// "more than $750\u00a0million, potentially attributed".
func nbspFigure(s string) string {
	return figureUnit.ReplaceAllStringFunc(s, nbsp)
}

var figureUnit = regexp.MustCompile(`[0-9][0-9.,]* (billion|million|attacks|entities|launches)`)

// largest returns the k incidents with the largest amounts (the earlier
// one first among equals), in one pass without sorting them all: a binary
// search per incident and an insertion into at most k, O(n·k) in the worst
// case, which is small for the briefing's k.
func largest(all []*report.IncidentRow, k int) []*report.IncidentRow {
	top := make([]*report.IncidentRow, 0, k+1)
	for _, x := range all {
		if len(top) == k && x.USD.Cmp(top[k-1].USD) <= 0 {
			continue
		}
		// Insert after every element at least as large.
		i, _ := slices.BinarySearchFunc(top, x, func(e, t *report.IncidentRow) int {
			if e.USD.Cmp(t.USD) >= 0 {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, i, x)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// lowerFirst lowers the first letter, for a note that continues a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// nbsp keeps a figure on one line: "$3 billion", "58 attacks".
func nbsp(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
