package dataset

import (
	"net/url"
	"slices"
)

// The checks of each kind of record. They run after prepare, so every
// index, default and parsed field is in place; the order of the checks does
// not matter, since the problems are sorted by position at the end.

func (v *validator) checkMeta(d *Dataset) {
	if v.broken[FileMeta] {
		return
	}
	m := &d.Meta
	if m.Title == "" {
		v.add(at(FileMeta, "", 0, "title"), `add title = "…"`, "the dataset has no title")
	}
	if !m.AsOfDate.IsZero() && m.AsOfDate.Precision() != PrecisionDay {
		v.add(at(FileMeta, "", 0, "as_of"), `write as_of as YYYY-MM-DD`, "the dataset's as_of date %q must name a day", m.AsOf)
	}
	if m.TLP != "" && Meaning(TLPs, m.TLP) == "" {
		v.add(at(FileMeta, "", 0, "tlp"), "TLP 2.0 calls TLP:WHITE clear; leave tlp out for clear",
			"the dataset's tlp %q is not one of %s", m.TLP, list(TLPs))
	}
}

func (v *validator) checkOriginators(d *Dataset) {
	for i, o := range d.Originators {
		here := func(k string) place { return at(FileOriginators, "originator", i, k) }
		v.required(here("name"), "originator", o.ID, "name", o.Name)
		v.oneOf(here("kind"), "originator", o.ID, "kind", o.Kind, OriginatorKinds)
	}
}

func (v *validator) checkSources(d *Dataset) {
	archives := map[string]string{}
	for i, s := range d.Sources {
		here := func(k ...any) place { return at(FileSources, "source", i, k...) }
		v.required(here("title"), "source", s.ID, "title", s.Title)
		v.required(here("outlet"), "source", s.ID, "outlet", s.Outlet)
		if s.URL != "" {
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				v.add(here("url"), "leave url empty when the article has no known address", "source %q: url %q is not an http or https address", s.ID, s.URL)
			}
		}
		v.checkSourceKind(i, s, archives)
		for j, r := range s.Relays {
			v.ref(here("relays", j), "source", s.ID, "originator", r, d.originatorByID)
			if slices.Contains(s.Relays[:j], r) {
				v.add(here("relays", j), "list each originator once", "source %q: relays names %q twice", s.ID, r)
			}
		}
		v.oneOf(here("reliability"), "source", s.ID, "reliability", s.Reliability, Reliability)
		v.required(here("reliability_reason"), "source", s.ID, "reliability_reason", s.ReliabilityReason)
		need := ""
		if s.DateInferred {
			need = "its inferred date"
		}
		v.cites(citeRule{at: at(FileSources, "source", i), field: "date_citations", kind: "source", id: s.ID, need: need, anchor: "date_inferred"}, s.DateCitations)
	}
}

// checkSourceKind checks what each kind of source must have: an article its
// archived copy (one per source) and its paragraph count, a reference its
// address and neither of those.
func (v *validator) checkSourceKind(i int, s *Source, archives map[string]string) {
	here := func(k string) place { return at(FileSources, "source", i, k) }
	switch s.Kind {
	case SourceArticle:
		if blank(s.Archive) && s.Paragraphs < 1 {
			// Most likely a reference whose kind was left out: say so,
			// rather than ask for an archive it does not have.
			v.add(here("kind"), `add kind = "reference" if it is known by its url, or give its archived copy: archive = "…" and paragraphs = N`,
				"source %q is an article (the default kind) but has no archive and no paragraphs", s.ID)
			return
		}
		if v.required(here("archive"), "source", s.ID, "archive", s.Archive) {
			if other, dup := archives[s.Archive]; dup {
				v.add(here("archive"), "each archived copy belongs to one source", "source %q: archive %q is already the archive of source %q", s.ID, s.Archive, other)
			}
			archives[s.Archive] = s.ID
		}
		if s.Paragraphs < 1 {
			v.add(here("paragraphs"), "count the non-blank lines of the archived copy", "source %q: paragraphs must be at least 1", s.ID)
		}
	case SourceReference:
		if s.URL == "" {
			v.add(here("id"), `add url = "https://…": a reference is known by its address`, "source %q: a reference has no url", s.ID)
		}
		if s.Archive != "" {
			v.add(here("archive"), `drop archive, or set kind = "article"`, "source %q: a reference has no archived copy", s.ID)
		}
		if s.Paragraphs != 0 {
			v.add(here("paragraphs"), "references are cited without paragraphs", "source %q: a reference has no paragraphs", s.ID)
		}
	default:
		v.add(here("kind"), "", "source %q: kind %q is not one of article, reference", s.ID, s.Kind)
	}
}

func (v *validator) checkClaims(d *Dataset) {
	v.fits(FileClaims, "claim", len(d.Claims), MaxRecords)
	for i, c := range d.Claims {
		v.checkClaim(d, i, c)
	}
}

func (v *validator) checkClaim(d *Dataset, i int, c *Claim) {
	here := func(k ...any) place { return at(FileClaims, "claim", i, k...) }
	v.required(here("statement"), "claim", c.ID, "statement", c.Statement)
	m, okMetric := v.metric(here("metric"), c)
	isFigure := c.HasValue()
	if okMetric && !isFigure && c.Value != "" {
		v.add(here("value"), `give the claim a metric such as "stolen-usd", or drop the value`, "claim %q: a statement has no value", c.ID)
	}
	var fig *figure
	if isFigure {
		if okMetric && c.Unit != m.Unit {
			v.add(here("unit"), "leave unit out and it follows the metric", "claim %q: unit %q does not fit metric %q, whose unit is %q", c.ID, c.Unit, m.ID, m.Unit)
		}
		v.oneOfQualifier(here("qualifier"), "claim", c.ID, c.Qualifier, true)
		if okMetric {
			fig = &figure{c.Amount, m.Unit, c.Qualifier}
		}
	}
	if c.Period == "" && okMetric && needsPeriod[m.ID] {
		v.add(here("id"), `add period = "2023" (or a span such as "2017/2023")`, "claim %q: a %s figure needs the period it covers", c.ID, m.ID)
	}
	v.oneOf(here("scope"), "claim", c.ID, "scope", c.Scope, Scopes)
	v.ref(here("originator"), "claim", c.ID, "originator", c.Originator, d.originatorByID)
	for j, o := range c.Via {
		v.ref(here("via", j), "claim", c.ID, "originator", o, d.originatorByID)
		if slices.Contains(c.Via[:j], o) {
			v.add(here("via", j), "list each originator once", "claim %q: via names %q twice", c.ID, o)
		}
		if o == c.Originator {
			v.add(here("via", j), "via lists the bodies that relayed the figure, not its originator", "claim %q: originator %q is also listed in via", c.ID, o)
		}
	}
	if c.Grade < 1 || c.Grade > 6 {
		v.add(here("grade"), "grades run from 1 (confirmed) to 6 (cannot be judged)", "claim %q: grade %d is not one of 1-6", c.ID, c.Grade)
	}
	v.checkRevisions(i, c, fig)
	rec := at(FileClaims, "claim", i)
	v.cites(citeRule{at: rec, field: "note_citations", kind: "claim", id: c.ID}, c.NoteCitations)
	v.cites(citeRule{at: rec, field: "citations", kind: "claim", id: c.ID, fig: fig, own: true, need: "its " + claimWhat(isFigure)}, c.Citations)
}

// checkRevisions checks a claim's revisions; fig is the claim's figure,
// whose unit each revision keeps.
func (v *validator) checkRevisions(i int, c *Claim, fig *figure) {
	for j := range c.Revisions {
		r := &c.Revisions[j]
		rev := at(FileClaims, "claim", i).item("revisions", j)
		if c.Metric == MetricStatement {
			v.add(rev, "", "claim %q: a statement cannot be revised to a value", c.ID)
		}
		v.oneOf(rev.with("qualifier"), "claim", c.ID, "revised qualifier", r.Qualifier, qualifierCodes)
		var rfig *figure
		if fig != nil {
			rfig = &figure{r.Amount, fig.unit, r.Qualifier}
		}
		v.cites(citeRule{at: rev, field: "citations", kind: "claim", id: c.ID, fig: rfig, need: "its revision"}, r.Citations)
	}
}

func (v *validator) checkIncidents(d *Dataset, parsed []amountsParsed) {
	v.fits(FileIncidents, "incident", len(d.Incidents), MaxRecords)
	for i, in := range d.Incidents {
		v.checkIncident(i, in, parsed[i])
	}
}

func (v *validator) checkIncident(i int, in *Incident, p amountsParsed) {
	here := func(k string) place { return at(FileIncidents, "incident", i, k) }
	v.required(here("victim"), "incident", in.ID, "victim", in.Victim)
	v.oneOf(here("victim_type"), "incident", in.ID, "victim_type", in.VictimType, VictimTypes)
	v.oneOfQualifier(here("qualifier"), "incident", in.ID, in.Qualifier, true)
	v.oneOfQualifier(here("low_qualifier"), "incident", in.ID, in.LowQualifier, false)
	v.oneOfQualifier(here("high_qualifier"), "incident", in.ID, in.HighQualifier, false)
	if p.amount && p.low && p.high && (in.LowUSD.GreaterThan(in.USD) || in.USD.GreaterThan(in.HighUSD)) {
		v.add(here("amount"), "low ≤ amount ≤ high", "incident %q: amount %s lies outside its range %s to %s", in.ID, in.USD, in.LowUSD, in.HighUSD)
	}
	v.required(here("actor"), "incident", in.ID, "actor", in.Actor)
	v.oneOf(here("attribution_basis"), "incident", in.ID, "attribution_basis", in.Basis, AttributionBases)
	v.oneOf(here("confidence"), "incident", in.ID, "confidence", in.Confidence, Confidences)
	rec := at(FileIncidents, "incident", i)
	var fig *figure
	if p.amount {
		fig = &figure{in.USD, "USD", in.Qualifier}
	}
	rule := func(field, need, anchor string) citeRule {
		return citeRule{at: rec, field: field, kind: "incident", id: in.ID, need: need, anchor: anchor}
	}
	own := rule("citations", "its amount", "")
	own.fig, own.own = fig, true
	v.cites(own, in.Citations)
	v.cites(rule("date_citations", "its date", "date"), in.DateCitations)
	need, anchor := "", "range_note"
	if in.Low != "" || in.High != "" || in.RangeNote != "" {
		need = "its range of estimates"
	}
	if in.Low != "" {
		anchor = "low"
	} else if in.High != "" {
		anchor = "high"
	}
	v.cites(rule("range_citations", need, anchor), in.RangeCitations)
	need = ""
	if in.AttributionNote != "" {
		need = "its attribution note"
	}
	v.cites(rule("attribution_citations", need, "attribution_note"), in.AttributionCitations)
	v.cites(rule("technique_citations", "", ""), in.TechniqueCitations)
}

// checkUncited reports the sources that nothing cites.
func (v *validator) checkUncited(d *Dataset) {
	if v.broken[FileClaims] || v.broken[FileIncidents] {
		return // the citations that would name them are unknown
	}
	for i, s := range d.Sources {
		if s.ID != "" && !v.cited[s.ID] {
			v.add(at(FileSources, "source", i, "id"), "cite it from a claim or incident, or remove the source", "source %q is not cited by any claim, incident or source", s.ID)
		}
	}
}
