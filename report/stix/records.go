package stix

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
)

// cryptoVictims are the victim types that are financial services (STIX's
// industry-sector-ov "financial-services"): exchanges, DeFi protocols,
// bridges and wallet providers.
var cryptoVictims = []string{"exchange", "defi", "bridge", "wallet"}

func (b *builder) identities(yield func(*object) error) error {
	a := b.sdo("identity", b.author)
	a.CreatedByRef = ""
	a.Name, a.IdentityClass = b.in.author, "organization"
	a.Description = "Compiler of the dataset " + quote(b.in.title) + "."
	a.Created, a.Modified = timestamp(b.undated()), timestamp(b.undated())
	if err := yield(a); err != nil {
		return err
	}
	for _, or := range b.in.originators {
		o := b.sdo("identity", id("identity", "originator", or.id))
		o.Name, o.IdentityClass = or.name, "organization"
		if or.kind == "unattributed" {
			o.IdentityClass = "unknown"
		}
		o.Description = sentences(capital(or.kindWords), or.note)
		o.RecordID, o.Kind = or.id, or.kind
		b.stamps(o, "originator:"+or.id, b.undated())
		if err := yield(o); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, in := range b.in.incidents {
		if seen[in.victim] {
			continue
		}
		seen[in.victim] = true
		o := b.sdo("identity", id("identity", "victim", in.victim))
		o.Name, o.IdentityClass = in.victim, "organization"
		if slices.Contains(cryptoVictims, in.victimType) {
			o.Sectors = []string{"financial-services"}
		}
		o.VictimType = in.victimType
		b.stamps(o, "", b.undated())
		if err := yield(o); err != nil {
			return err
		}
	}
	return nil
}

// undated is the created date of the records that have no date of their
// own (the author, originators, victims, actors): the first day of the
// first year the whole dataset covers, whatever --from and --to keep, so
// that every bundle of one dataset gives such a record the same created.
func (b *builder) undated() time.Time {
	if b.in.since.IsZero() {
		return b.in.asOf
	}
	return b.in.since
}

// attributes reports whether an incident names the actor it is attributed
// to.
func attributes(in *incident) bool { return in.actor != "" && in.basis != "none" }

// attributed is the id of the incident's attributed-to relationship, or "".
func attributed(in *incident) string {
	if !attributes(in) {
		return ""
	}
	return id("relationship", "attributed-to", in.id)
}

func (b *builder) actors(yield func(*object) error) error {
	seen := map[string]bool{}
	for _, in := range b.in.incidents {
		if !attributes(in) || seen[in.actor] {
			continue
		}
		seen[in.actor] = true
		o := b.sdo("intrusion-set", id("intrusion-set", "actor", in.actor))
		o.Name = in.actor
		if g, ok := attackGroups[strings.ToLower(strings.TrimSpace(in.actor))]; ok {
			o.ExternalReferences = []extRef{{SourceName: "mitre-attack", URL: g.url, ExternalID: g.id}}
		}
		b.stamps(o, "", b.undated())
		if err := yield(o); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) incidents(yield func(*object) error) error {
	for _, in := range b.in.incidents {
		o := b.sdo("incident", id("incident", "incident", in.id))
		o.Name = in.victim + " theft, " + in.dateWords
		o.Description = sentences(
			"Amount: "+in.figure+lossWords(in),
			in.rangeNote, "Technique: "+in.technique, in.dateNote, in.note)
		o.FirstSeen = timestamp(in.when)
		o.ExternalReferences = b.citations(in.cites)
		o.RecordID = in.id
		o.LossUSD, o.LossQualifier, o.LossWorded = in.amount, in.qualifier, in.figure
		o.LossMatches = boolPtr(!in.unverified)
		o.LossLowUSD, o.LossHighUSD = in.low, in.high
		o.LossLowQual, o.LossHighQual = in.lowQualifier, in.highQualifier
		b.stamps(o, "incident:"+in.id, b.dated(in.when))
		if err := yield(o); err != nil {
			return err
		}
	}
	return nil
}

func lossWords(in *incident) string {
	s := ""
	if in.unverified {
		s += " (no published estimate gives this amount)"
	}
	if in.low != "" {
		s += "; published estimates range from " + in.rangeWords
	}
	return s
}

func (b *builder) relationships(yield func(*object) error) error {
	for _, in := range b.in.incidents {
		inc := id("incident", "incident", in.id)
		if attributes(in) {
			o := b.sdo("relationship", attributed(in))
			o.RelationshipType, o.SourceRef, o.TargetRef = "attributed-to", inc, id("intrusion-set", "actor", in.actor)
			o.Description = sentences("Hedge: "+in.hedge,
				"Basis: "+in.basis+" ("+in.basisWords+")",
				"Confidence: "+in.confidence+" ("+in.confidenceWords+")",
				in.attributionNote)
			if c, ok := attributionConfidence(in.confidence); ok {
				o.Confidence = intPtr(c)
			}
			o.ExternalReferences = b.citations(in.attributionCites)
			o.Hedge, o.Basis, o.AttrConfidence = in.hedge, in.basis, in.confidence
			b.stamps(o, "incident:"+in.id, b.dated(in.when))
			if err := yield(o); err != nil {
				return err
			}
		}
		o := b.sdo("relationship", id("relationship", "targets", in.id))
		o.RelationshipType, o.SourceRef, o.TargetRef = "targets", inc, id("identity", "victim", in.victim)
		b.stamps(o, "incident:"+in.id, b.dated(in.when))
		if err := yield(o); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) notes(yield func(*object) error) error {
	for _, c := range b.in.claims {
		o := b.sdo("note", id("note", "claim", c.id))
		o.Abstract = c.statement
		if c.value != "" {
			o.Abstract = c.hedged
		}
		o.Content = claimContent(c)
		if n, ok := confidence(c.grade); ok {
			o.Confidence = intPtr(n)
		}
		o.Labels = []string{fmt.Sprintf("admiralty-scale:information-credibility=%q", fmt.Sprint(c.grade))}
		// The reports that state the claim: those cited for its figure,
		// statement or revisions, not those cited only for the curators'
		// note about it.
		var refs []string
		for _, ci := range c.cites {
			if ci.src != nil && ci.field != "note" {
				refs = append(refs, id("report", "source", ci.src.id))
			}
		}
		o.ObjectRefs = uniq(refs)
		o.ExternalReferences = b.citations(c.cites)
		o.RecordID = c.id
		o.Metric, o.Value, o.Unit, o.Qualifier, o.Hedge = c.metric, c.value, c.unit, c.qualifier, c.hedge
		o.Period, o.Scope, o.Grade = c.period, c.scope, c.admiralty
		o.OriginatorRef = id("identity", "originator", c.by.id)
		for _, v := range c.via {
			o.ViaRefs = append(o.ViaRefs, id("identity", "originator", v.id))
		}
		for _, r := range c.revisions {
			o.Revisions = append(o.Revisions, revisionOut{r.value, r.qualifier, r.date, r.note})
		}
		b.stamps(o, "claim:"+c.id, b.dated(c.dated))
		if err := yield(o); err != nil {
			return err
		}
	}
	return nil
}

// claimContent is the claim in full: the statement, the figure with its
// qualifier and hedge, the period, the originator and the outlets that
// relayed it, the grade, the revisions and the curators' note.
func claimContent(c *claim) string {
	parts := []string{c.statement}
	if c.value != "" {
		parts = append(parts, fmt.Sprintf("Figure: %s (%s, %s)", c.hedged, c.metricLabel, c.scopeWords))
	}
	if c.periodWords != "" {
		parts = append(parts, "Period: "+c.periodWords)
	}
	by := "Originator: " + c.by.name
	if len(c.via) > 0 {
		var names []string
		for _, v := range c.via {
			names = append(names, v.name)
		}
		by += ", relayed via " + strings.Join(names, ", ")
	}
	parts = append(parts, by, fmt.Sprintf("Admiralty grade: %s (%s)", c.admiralty, dataset.Meaning(dataset.Credibility, fmt.Sprint(c.grade))))
	for _, r := range c.revisions {
		parts = append(parts, fmt.Sprintf("Revised on %s to %s%s", r.date, r.worded, prefixed(": ", r.note)))
	}
	return sentences(append(parts, c.note)...)
}
