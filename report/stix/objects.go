package stix

// object is any STIX object the bundle holds. Fields are written in this
// order and left out when empty, so the same input gives the same bytes.
// Properties that STIX lacks carry the x_dprkreport_ prefix (custom
// properties, STIX 2.1 §11.1); x_opencti_reliability is OpenCTI's own.
type object struct {
	Type               string            `json:"type"`
	SpecVersion        string            `json:"spec_version"`
	ID                 string            `json:"id"`
	CreatedByRef       string            `json:"created_by_ref,omitempty"`
	Created            string            `json:"created"`
	Modified           string            `json:"modified,omitempty"`
	Name               string            `json:"name,omitempty"`
	IdentityClass      string            `json:"identity_class,omitempty"`
	Sectors            []string          `json:"sectors,omitempty"`
	ReportTypes        []string          `json:"report_types,omitempty"`
	Published          string            `json:"published,omitempty"`
	FirstSeen          string            `json:"first_seen,omitempty"`
	RelationshipType   string            `json:"relationship_type,omitempty"`
	SourceRef          string            `json:"source_ref,omitempty"`
	TargetRef          string            `json:"target_ref,omitempty"`
	Abstract           string            `json:"abstract,omitempty"`
	Content            string            `json:"content,omitempty"`
	Authors            []string          `json:"authors,omitempty"`
	Description        string            `json:"description,omitempty"`
	Confidence         *int              `json:"confidence,omitempty"`
	Labels             []string          `json:"labels,omitempty"`
	ObjectRefs         []string          `json:"object_refs,omitempty"`
	ExternalReferences []extRef          `json:"external_references,omitempty"`
	ObjectMarkingRefs  []string          `json:"object_marking_refs,omitempty"`
	Extensions         map[string]tlpExt `json:"extensions,omitempty"`

	Reliability string `json:"x_opencti_reliability,omitempty"`
	custom
}

// custom holds the properties STIX has no place for.
type custom struct {
	Number         string        `json:"x_dprkreport_number,omitempty"` // bibliography number: "3", "R2"
	RecordID       string        `json:"x_dprkreport_id,omitempty"`     // the dataset's own id
	Kind           string        `json:"x_dprkreport_kind,omitempty"`
	VictimType     string        `json:"x_dprkreport_victim_type,omitempty"`
	LossUSD        string        `json:"x_dprkreport_loss_usd,omitempty"`
	LossQualifier  string        `json:"x_dprkreport_loss_qualifier,omitempty"`
	LossWorded     string        `json:"x_dprkreport_loss_worded,omitempty"`
	LossMatches    *bool         `json:"x_dprkreport_loss_matches_estimate,omitempty"`
	LossLowUSD     string        `json:"x_dprkreport_loss_low_usd,omitempty"`
	LossHighUSD    string        `json:"x_dprkreport_loss_high_usd,omitempty"`
	LossLowQual    string        `json:"x_dprkreport_loss_low_qualifier,omitempty"`
	LossHighQual   string        `json:"x_dprkreport_loss_high_qualifier,omitempty"`
	Hedge          string        `json:"x_dprkreport_hedge,omitempty"`
	Basis          string        `json:"x_dprkreport_attribution_basis,omitempty"`
	AttrConfidence string        `json:"x_dprkreport_attribution_confidence,omitempty"`
	Metric         string        `json:"x_dprkreport_metric,omitempty"`
	Value          string        `json:"x_dprkreport_value,omitempty"`
	Unit           string        `json:"x_dprkreport_unit,omitempty"`
	Qualifier      string        `json:"x_dprkreport_qualifier,omitempty"`
	Period         string        `json:"x_dprkreport_period,omitempty"`
	Scope          string        `json:"x_dprkreport_scope,omitempty"`
	Grade          string        `json:"x_dprkreport_grade,omitempty"` // Admiralty code: "B2"
	OriginatorRef  string        `json:"x_dprkreport_originator_ref,omitempty"`
	ViaRefs        []string      `json:"x_dprkreport_via_refs,omitempty"`
	Revisions      []revisionOut `json:"x_dprkreport_revisions,omitempty"`
}

type revisionOut struct {
	Value     string `json:"value"`
	Qualifier string `json:"qualifier,omitempty"`
	Date      string `json:"date"`
	Note      string `json:"note,omitempty"`
}

// extRef is a STIX external reference.
type extRef struct {
	SourceName  string            `json:"source_name"`
	Description string            `json:"description,omitempty"`
	URL         string            `json:"url,omitempty"`
	Hashes      map[string]string `json:"hashes,omitempty"`
	ExternalID  string            `json:"external_id,omitempty"`
}

// tlpExt is the TLP 2.0 property extension of a marking definition.
type tlpExt struct {
	ExtensionType string `json:"extension_type"`
	TLP           string `json:"tlp_2_0"`
}

func intPtr(n int) *int    { return &n }
func boolPtr(b bool) *bool { return &b }
