package jsonexport

// The rows of the export, one type per table. Field names are the JSON
// keys; schema.json describes each one, and the tests compare each with
// the workbook cell of the same name. Amounts are decimal strings; a
// missing value is null, never 0 or "".

type dataset struct {
	Title       string `json:"title"`
	Subtitle    string `json:"subtitle"`
	AsOf        string `json:"as_of"`
	Author      string `json:"author"`
	Description string `json:"description"`
	Fingerprint string `json:"fingerprint"`
	TLP         string `json:"tlp"`
}

type period struct {
	From *int `json:"from"` // null when unbounded
	To   *int `json:"to"`
}

type incidentRow struct {
	ID              string  `json:"id"`
	Victim          string  `json:"victim"`
	VictimType      string  `json:"victim_type"`
	Date            string  `json:"date"`
	Year            int     `json:"year"`
	AmountUSD       string  `json:"amount_usd"`
	Qualifier       string  `json:"qualifier"`
	MatchesEstimate bool    `json:"amount_matches_estimate"`
	LowUSD          *string `json:"low_usd"`
	LowQualifier    *string `json:"low_qualifier"`
	HighUSD         *string `json:"high_usd"`
	HighQualifier   *string `json:"high_qualifier"`
	RangeNote       string  `json:"range_note"`
	Technique       string  `json:"technique"`
	Actor           string  `json:"actor"`
	Hedge           string  `json:"hedge"`
	Basis           string  `json:"attribution_basis"`
	Confidence      string  `json:"confidence"`
	AttributionNote string  `json:"attribution_note"`
	Citations       string  `json:"citations"`
	FirstCitation   int     `json:"first_citation"`
	DateNote        string  `json:"date_note"`
	Note            string  `json:"note"`
	Changed         *string `json:"changed,omitempty"` // with a baseline only
}

type claimRow struct {
	ID                string     `json:"id"`
	Statement         string     `json:"statement"`
	Metric            string     `json:"metric"`
	Value             *string    `json:"value"`
	Unit              string     `json:"unit"`
	Qualifier         string     `json:"qualifier"`
	Hedge             string     `json:"hedge"`
	AsFigure          string     `json:"as_figure"`
	Period            string     `json:"period"`
	Year              *int       `json:"year"`
	Scope             string     `json:"scope"`
	OriginatorID      string     `json:"originator_id"`
	Originator        string     `json:"originator"`
	RelayedVia        []string   `json:"relayed_via"`
	Grade             string     `json:"grade"`
	Revisions         []revision `json:"revisions"`
	LatestRevision    *string    `json:"latest_revision"`
	RevisionQualifier *string    `json:"revision_qualifier"`
	RevisedOn         *string    `json:"revised_on"`
	LatestValue       *string    `json:"latest_value"`
	Articles          int        `json:"articles"`
	Independent       int        `json:"independent_originators"`
	Citations         string     `json:"citations"`
	FirstCitation     int        `json:"first_citation"`
	Straddles         bool       `json:"period_runs_past_filter"`
	Note              string     `json:"note"`
	YearHighest       bool       `json:"highest_of_year"`
	GradeFrom         string     `json:"grade_from"`
	Changed           *string    `json:"changed,omitempty"`
}

type revision struct {
	Value     string `json:"value"`
	Qualifier string `json:"qualifier"`
	Date      string `json:"date"`
	Note      string `json:"note"`
	Citations string `json:"citations"`
}

type citationRow struct {
	N           int    `json:"n"`
	Record      string `json:"record"`
	RecordID    string `json:"record_id"`
	Supports    string `json:"supports"`
	SourceID    string `json:"source_id"`
	Source      string `json:"source"`
	SourceTitle string `json:"source_title"`
	SourceKind  string `json:"source_kind"`
	Para        *int   `json:"para"`
	Wording     string `json:"wording"`
	Excerpt     string `json:"excerpt"`
	Note        string `json:"note"`
	Mismatch    string `json:"mismatch"`
}

type sourceRow struct {
	Number            string   `json:"number"`
	ID                string   `json:"id"`
	Title             string   `json:"title"`
	Outlet            string   `json:"outlet"`
	Author            string   `json:"author"`
	Published         string   `json:"published"`
	DateInferred      bool     `json:"date_inferred"`
	URL               string   `json:"url"`
	Archive           string   `json:"archive"`
	Relays            []string `json:"relays"`
	Reliability       string   `json:"reliability"`
	ReliabilityReason string   `json:"reliability_reason"`
	Claims            int      `json:"claims"`
	DateNote          string   `json:"date_note"`
	DateCitations     string   `json:"date_citations"`
	Note              string   `json:"note"`
	Kind              string   `json:"kind"`
}

type originatorRow struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Note   string `json:"note"`
	Claims int    `json:"claims"`
}

type conflictRow struct {
	N      int            `json:"n"`
	Metric string         `json:"metric"`
	Label  string         `json:"quantity"`
	Scope  string         `json:"scope"`
	Period string         `json:"period"`
	Claims []conflictSide `json:"claims"`
}

type conflictSide struct {
	Claim          string  `json:"claim"`
	Originator     string  `json:"originator"`
	Value          string  `json:"value"`
	Qualifier      string  `json:"qualifier"`
	AsWorded       string  `json:"as_worded"`
	LatestRevision *string `json:"latest_revision"`
	RevisedOn      *string `json:"revised_on"`
	Citations      string  `json:"citations"`
}

type yearRow struct {
	Year                 int          `json:"year"`
	Incidents            int          `json:"incidents"`
	ByOriginator         []yearFigure `json:"by_originator"`
	LowestUSD            *string      `json:"lowest_usd"`
	HighestUSD           *string      `json:"highest_usd"`
	OriginatorsReporting int          `json:"originators_reporting"`
	LowestClaim          *string      `json:"lowest_claim"`
	HighestClaim         *string      `json:"highest_claim"`
}

// yearFigure is one originator's figure for the year: its highest when it
// gives several (Figures counts them).
type yearFigure struct {
	OriginatorID string  `json:"originator_id"`
	Originator   string  `json:"originator"`
	Claim        *string `json:"claim"`
	ValueUSD     *string `json:"value_usd"`
	AsWorded     string  `json:"as_worded"`
	Figures      int     `json:"figures"`
}

type spanRow struct {
	Period     string `json:"period"`
	ValueUSD   string `json:"value_usd"`
	AsWorded   string `json:"as_worded"`
	Measure    string `json:"measure"`
	Originator string `json:"originator"`
	Claim      string `json:"claim"`
	Citations  string `json:"citations"`
}

type changeRow struct {
	N          int      `json:"n"`
	Importance string   `json:"importance"`
	Change     string   `json:"change"`
	Record     string   `json:"record"`
	RecordID   string   `json:"record_id"`
	What       string   `json:"what"`
	Field      string   `json:"field"`
	Before     string   `json:"before"`
	After      string   `json:"after"`
	Citations  string   `json:"citations"`
	Gone       []string `json:"sources_gone"`
}
