// Package dataset holds the domain of dprkreport: the articles (sources), the
// organisations their figures come from (originators), the figures and
// statements (claims), the named thefts (incidents), and the citations that
// tie each of them to a paragraph of an archived article.
//
// Load reads a dataset folder, decodes it strictly and validates it, and
// reports every problem with its file, line and column.
package dataset

import (
	"iter"

	"github.com/shopspring/decimal"
)

// Dataset is a loaded and validated dataset. Slices keep the order of the
// files, which is the order editors chose.
type Dataset struct {
	Meta        Meta
	Sources     []*Source
	Originators []*Originator
	Claims      []*Claim
	Incidents   []*Incident

	// Fingerprint is the SHA-256 of the data files (name and content, in name
	// order), so a reader can tell which dataset an artifact was built from.
	Fingerprint string

	// ArchiveChecked counts the citation excerpts verified against archived
	// article texts, and ArchiveArticles the articles whose text was read.
	ArchiveChecked, ArchiveArticles int

	// Warnings holds what a careful reader would question in a valid
	// dataset (a source's relays that disagree with its claims, a figure
	// cited without an excerpt, a date after as_of, an uncited technique),
	// sorted and positioned like errors. A render goes ahead regardless.
	Warnings ErrorList

	sourceByID     map[string]*Source
	originatorByID map[string]*Originator
}

// Meta describes the dataset as a whole (dataset.toml).
type Meta struct {
	Title       string `toml:"title"`
	Subtitle    string `toml:"subtitle"`
	AsOf        string `toml:"as_of"`
	Author      string `toml:"author"`
	Description string `toml:"description"`
	// TLP is the Traffic Light Protocol (2.0) marking of the STIX export:
	// one of TLPs' ids; empty means TLPClear, for open sources.
	TLP string `toml:"tlp"`

	AsOfDate Date `toml:"-"`
}

// TLPClear is the marking of a dataset that gives no tlp.
const TLPClear = "clear"

// TLPs are the Traffic Light Protocol 2.0 labels a dataset may carry.
var TLPs = []Code{
	{TLPClear, "TLP:CLEAR, disclosure is not limited"},
	{"green", "TLP:GREEN, limited to the community"},
	{"amber", "TLP:AMBER, limited to the recipient's organisation and its clients"},
	{"amber+strict", "TLP:AMBER+STRICT, limited to the recipient's organisation"},
	{"red", "TLP:RED, for the eyes and ears of individual recipients only"},
}

// Source is where a fact comes from (sources.toml): an archived article
// whose text is verified and whose paragraphs are numbered, or a reference
// (a primary document or an analysis the curators used for dates, ranges,
// attributions and revisions) known by its address alone.
type Source struct {
	ID                string   `toml:"id"`
	Kind              string   `toml:"kind"` // SourceArticle (the default) or SourceReference
	Title             string   `toml:"title"`
	Outlet            string   `toml:"outlet"`
	Author            string   `toml:"author"`
	Published         string   `toml:"published"`
	DateInferred      bool     `toml:"date_inferred"`
	DateNote          string   `toml:"date_note"`
	URL               string   `toml:"url"`
	Archive           string   `toml:"archive"`
	Paragraphs        int      `toml:"paragraphs"`
	SHA256            string   `toml:"sha256"`    // of the archived copy, hex
	Retrieved         string   `toml:"retrieved"` // when the copy was made, YYYY-MM-DD
	Relays            []string `toml:"relays"`
	Reliability       string   `toml:"reliability"`
	ReliabilityReason string   `toml:"reliability_reason"`
	Note              string   `toml:"note"`
	// DateCitations support an inferred publication date.
	DateCitations []Citation `toml:"date_citations"`

	Date Date `toml:"-"`
}

// The kinds of source.
const (
	SourceArticle   = "article"
	SourceReference = "reference"
)

// IsReference reports whether the source is a reference rather than an
// archived article.
func (s *Source) IsReference() bool { return s.Kind == SourceReference }

// Originator is the organisation a figure really comes from, as distinct
// from the outlet that relays it (originators.toml).
type Originator struct {
	ID   string `toml:"id"`
	Name string `toml:"name"`
	Kind string `toml:"kind"`
	Note string `toml:"note"`
}

// Claim is one figure or attributable statement (claims.toml).
type Claim struct {
	ID         string     `toml:"id"`
	Statement  string     `toml:"statement"`
	Metric     string     `toml:"metric"`
	Value      string     `toml:"value"`
	Unit       string     `toml:"unit"`
	Qualifier  string     `toml:"qualifier"`
	Hedge      string     `toml:"hedge"` // "suspected", "potentially attributed to the DPRK"
	Verb       string     `toml:"verb"`  // the originator's own verb: "valued at"
	Period     string     `toml:"period"`
	Scope      string     `toml:"scope"`
	Originator string     `toml:"originator"`
	Via        []string   `toml:"via"`
	Grade      int        `toml:"grade"`
	Revisions  []Revision `toml:"revisions"`
	Note       string     `toml:"note"`
	// NoteCitations support the facts the note states.
	NoteCitations []Citation `toml:"note_citations"`
	Citations     []Citation `toml:"citations"`

	Amount decimal.Decimal `toml:"-"` // Value, parsed; zero for statements
	Span   Span            `toml:"-"` // Period, parsed; zero when none is given
}

// HasValue reports whether the claim is a figure rather than a statement.
func (c *Claim) HasValue() bool { return c.Metric != MetricStatement }

// Revision is a later value that the originator published for a claim. It
// carries its own qualifier, date and citations: nothing is inherited from
// the figure it revises.
type Revision struct {
	Value     string     `toml:"value"`
	Qualifier string     `toml:"qualifier"`
	Date      string     `toml:"date"`
	Note      string     `toml:"note"`
	Citations []Citation `toml:"citations"`

	Amount  decimal.Decimal `toml:"-"`
	Revised Date            `toml:"-"`
}

// Latest returns the claim's most recent revision, or nil.
func (c *Claim) Latest() *Revision {
	var r *Revision
	for i := range c.Revisions {
		if r == nil || !c.Revisions[i].Revised.First().Before(r.Revised.First()) {
			r = &c.Revisions[i]
		}
	}
	return r
}

// Incident is a named theft (incidents.toml).
type Incident struct {
	ID         string `toml:"id"`
	Victim     string `toml:"victim"`
	VictimType string `toml:"victim_type"`
	Date       string `toml:"date"`
	DateNote   string `toml:"date_note"`
	Amount     string `toml:"amount"`
	Qualifier  string `toml:"qualifier"`
	Unverified bool   `toml:"unverified"` // no published estimate the curators found gives this amount
	// HasRange, derived like the fields at the end, is set when a low or
	// a high parsed; it sits beside Unverified so that the two share a
	// word (an Incident is then 512 bytes, not 520 in a 576-byte block).
	HasRange bool   `toml:"-"`
	Low      string `toml:"low"`
	High     string `toml:"high"`
	// How each end of the range is bounded, as its source words it ("at
	// least $114M"); exact when empty.
	LowQualifier    string     `toml:"low_qualifier"`
	HighQualifier   string     `toml:"high_qualifier"`
	RangeNote       string     `toml:"range_note"`
	Technique       string     `toml:"technique"`
	Actor           string     `toml:"actor"`
	Hedge           string     `toml:"hedge"` // how the attribution is hedged: "believed"
	Basis           string     `toml:"attribution_basis"`
	Confidence      string     `toml:"confidence"`
	AttributionNote string     `toml:"attribution_note"`
	Note            string     `toml:"note"`
	Citations       []Citation `toml:"citations"`
	// The sources of the facts the article itself does not give.
	DateCitations        []Citation `toml:"date_citations"`
	RangeCitations       []Citation `toml:"range_citations"`
	AttributionCitations []Citation `toml:"attribution_citations"`
	TechniqueCitations   []Citation `toml:"technique_citations"`

	When    Date            `toml:"-"`
	USD     decimal.Decimal `toml:"-"`
	LowUSD  decimal.Decimal `toml:"-"` // equals USD when no low is given
	HighUSD decimal.Decimal `toml:"-"` // equals USD when no high is given
}

// Citation ties a fact to a source: to a paragraph of an archived article,
// or to a reference (no paragraph).
type Citation struct {
	Source  string `toml:"source"`
	Para    int    `toml:"para"`
	Excerpt string `toml:"excerpt"`
	// Qualifier is how this source words the figure, where that differs
	// from the claim's own qualifier ("almost $3 billion").
	Qualifier string `toml:"qualifier"`
	// Verb is this source's own verb for the figure where it differs from
	// the originator's ("drained" against "valued at").
	Verb string `toml:"verb"`
	Note string `toml:"note"`
	// Mismatch says why the excerpt does not state the figure, or states it
	// with another qualifier; without it such an excerpt is an error.
	Mismatch string `toml:"mismatch"`
}

// Source returns the source with the given id, or nil.
func (d *Dataset) Source(id string) *Source { return d.sourceByID[id] }

// Originator returns the originator with the given id, or nil.
func (d *Dataset) Originator(id string) *Originator { return d.originatorByID[id] }

// The fixed vocabularies below (Metrics, Qualifiers, Scopes, Reliability,
// Credibility, AttributionBases, Confidences, VictimTypes, OriginatorKinds)
// are each listed in the order people read them.

// MetricStatement is the metric of a claim that states no figure.
const MetricStatement = "statement"

// Metric is one kind of figure, with the unit its values carry.
type Metric struct {
	ID, Label, Unit string
}

// Metrics are the kinds of figure a claim may state.
var Metrics = []Metric{
	{"stolen-usd", "Value stolen", "USD"},
	{"attack-value-usd", "Value of suspected attacks", "USD"},
	{"attack-count", "Number of attacks", "attacks"},
	{"victim-count", "Number of victims", "entities"},
	{"foreign-currency-share", "Share of foreign-currency revenue", "percent"},
	{"wmd-funding-share", "Share of WMD programme funding", "percent"},
	{"export-share", "Share of export earnings", "percent"},
	{"launch-count", "Number of ballistic missiles fired", "missiles"},
	{MetricStatement, "Statement (no figure)", ""},
}

// Qualifier is how a figure is bounded or hedged.
type Qualifier struct {
	ID, Words, Meaning string
}

// Qualifiers are the ways a figure may be bounded or hedged, with the words
// a reader sees ("about") and what each means.
var Qualifiers = []Qualifier{
	{"exact", "", "stated as a plain figure"},
	{"approximately", "about", "about, around, approximately"},
	{"estimated", "an estimated", "called an estimate, without a bound"},
	{"more-than", "more than", "more than, over: a lower bound"},
	{"at-least", "at least", "at least, no less than: a lower bound"},
	{"almost", "almost", "almost: just under"},
	{"nearly", "nearly", "nearly: just under"},
	{"up-to", "up to", "up to: an upper bound"},
}

// Scopes say whose thefts a figure counts.
var Scopes = []Code{
	{"dprk", "DPRK-attributed"},
	{"dprk-defi", "DPRK-attributed, DeFi platforms only"},
	{"all-actors", "all actors, not only the DPRK"},
	{"dprk-cyber", "DPRK-attributed, all cyber theft: banks and other targets as well as cryptocurrency"},
}

// Code is an entry of a small fixed vocabulary.
type Code struct{ ID, Meaning string }

// Reliability grades sources on the Admiralty scale.
var Reliability = []Code{
	{"A", "completely reliable"},
	{"B", "usually reliable"},
	{"C", "fairly reliable"},
	{"D", "not usually reliable"},
	{"E", "unreliable"},
	{"F", "reliability cannot be judged"},
}

// Credibility grades claims on the Admiralty scale.
var Credibility = []Code{
	{"1", "confirmed by other independent sources"},
	{"2", "probably true"},
	{"3", "possibly true"},
	{"4", "doubtful"},
	{"5", "improbable"},
	{"6", "truth cannot be judged"},
}

// AttributionBases say what an incident's attribution rests on.
var AttributionBases = []Code{
	{"official", "a government attributed it officially"},
	{"technical", "technical or on-chain evidence links it to the actor"},
	{"media", "press reports, no evidence given"},
	{"none", "not attributed"},
}

// Confidences grade how sure the attribution of an incident is.
var Confidences = []Code{
	{"high", "consistent, well-sourced evidence"},
	{"moderate", "credible but incomplete evidence"},
	{"low", "thin or unverified evidence"},
}

// VictimTypes are the kinds of body a theft was taken from.
var VictimTypes = []Code{
	{"exchange", "centralised exchange"},
	{"defi", "DeFi protocol"},
	{"bridge", "cross-chain bridge"},
	{"wallet", "wallet provider"},
	{"other", "other"},
}

// OriginatorKinds are the kinds of body a figure comes from; an
// "unattributed" originator is the outlet's own voice.
var OriginatorKinds = []Code{
	{"un", "United Nations body"},
	{"government", "government or its agency"},
	{"member-state", "an unnamed UN member state"},
	{"company", "a company"},
	{"unattributed", "no source given"},
}

// MetricByID returns the metric with the given id.
func MetricByID(id string) (Metric, bool) {
	for _, m := range Metrics {
		if m.ID == id {
			return m, true
		}
	}
	return Metric{}, false
}

// QualifierByID returns the qualifier with the given id.
func QualifierByID(id string) (Qualifier, bool) {
	for _, q := range Qualifiers {
		if q.ID == id {
			return q, true
		}
	}
	return Qualifier{}, false
}

// Meaning returns the meaning of id in codes, or "".
func Meaning(codes []Code, id string) string {
	for _, c := range codes {
		if c.ID == id {
			return c.Meaning
		}
	}
	return ""
}

// Citations yields every citation of the dataset: of sources' dates, of
// claims (figure, note, revisions) and of incidents (amount, date, range,
// attribution, technique).
func (d *Dataset) Citations() iter.Seq[Citation] {
	return func(yield func(Citation) bool) {
		lists := func(ls ...[]Citation) bool {
			for _, l := range ls {
				for _, c := range l {
					if !yield(c) {
						return false
					}
				}
			}
			return true
		}
		for _, s := range d.Sources {
			if !lists(s.DateCitations) {
				return
			}
		}
		for _, c := range d.Claims {
			if !lists(c.Citations, c.NoteCitations) {
				return
			}
			for _, r := range c.Revisions {
				if !lists(r.Citations) {
					return
				}
			}
		}
		for _, in := range d.Incidents {
			if !lists(in.Citations, in.DateCitations, in.RangeCitations, in.AttributionCitations, in.TechniqueCitations) {
				return
			}
		}
	}
}
