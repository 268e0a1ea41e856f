package report

import (
	"cmp"
	"slices"

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

	// Sources are the sources cited: articles, then references, each in
	// the order the data first cites them (DefaultNumbering's order).
	Sources     []*SourceRow
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

	yearTop map[*ClaimRow]bool // see IsYearHighest
}

// IsYearHighest reports whether a claim is a single-year DPRK theft figure
// whose latest value (LatestAmount) no figure of its originator for the
// same year exceeds: the figure the yearly table shows for that originator
// and year.
func (s *Summary) IsYearHighest(c *ClaimRow) bool { return s.yearTop[c] }

// CiteRow is one citation of one fact.
type CiteRow struct {
	*CiteFor        // what kind of record and which of its facts; shared by the rows alike
	Subject  string // the record's id
	// SourceRow is the cited source's row (Citation.Source is its id).
	SourceRow         *SourceRow
	*dataset.Citation // in the record's list of the dataset
	// Wording is how this source words the figure ("almost $3 billion"),
	// for a citation of a figure; empty otherwise.
	Wording string
	N       int // 1-based position in Summary.Citations
}

// CiteFor is what a citation supports. The rows of the same kind of
// record and field share one: a large dataset has hundreds of thousands of
// rows and a dozen of these.
type CiteFor struct {
	Kind  string // "claim", "incident" or "source"
	Field string // what it supports: figure, statement, revision, note, amount, date, range, attribution
}

// Ref is one source cited for a fact, with the paragraphs cited (none for a
// reference).
type Ref struct {
	Source *SourceRow
	Paras  []int
}

// Ref is the citation as a ref: its source and paragraph.
func (c *CiteRow) Ref() Ref {
	r := Ref{Source: c.SourceRow}
	if c.Para > 0 {
		r.Paras = onePara(c.Para)
	}
	return r
}

// paraNumbers backs the Paras of the refs of one citation: such a ref
// shares a slice of it rather than allocating one, for each of the
// hundreds of thousands of citations a large dataset holds. Each slice's
// capacity is its length, so an append copies and nothing writes into it.
var paraNumbers = func() []int {
	ns := make([]int, 1024)
	for i := range ns {
		ns[i] = i
	}
	return ns
}()

// onePara returns []int{p}.
func onePara(p int) []int {
	if p < len(paraNumbers) {
		return paraNumbers[p : p+1 : p+1]
	}
	return []int{p}
}

// MergeRefs joins the refs of each source into one, paragraphs in order of
// first appearance, sources in order of first appearance (a Numbering
// orders them as the bibliography does).
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
	return out
}

// merged reports whether MergeRefs would return refs as they are: a few
// refs, each of its own source and with at most one paragraph.
func merged(refs []Ref) bool {
	if len(refs) > 8 {
		return false
	}
	for i, r := range refs {
		if len(r.Paras) > 1 || slices.ContainsFunc(refs[:i], func(x Ref) bool { return x.Source == r.Source }) {
			return false
		}
	}
	return true
}

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

// SourceRow is a source with what the dataset cites it for. Its
// bibliography number is a Numbering's.
type SourceRow struct {
	*dataset.Source
	Relayed []*OriginatorRow // the originators it relays
	Claims  int              // claims citing it
	Cites   int              // citations of it, claims and incidents together
	// DateRefs are the sources of its own (inferred) date.
	DateRefs []Ref

	alone []*SourceRow // []*SourceRow{itself}, shared by the facts that cite it alone
}

// OriginatorRow is an originator with how much of the dataset rests on it.
type OriginatorRow struct {
	*dataset.Originator
	Claims int
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
	ByOriginator []Report  // parallel to Summary.YearOriginators; Claim nil where none
	Low, High    *ClaimRow // the lowest and highest by latest value
	HasReports   bool
}

// Report is one originator's theft figure for a year: its highest by
// latest value (LatestAmount) when it gives several, and how many it
// gives.
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
