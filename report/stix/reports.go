package stix

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
)

// reports writes one report per source: an archived article or a
// reference, published on its date, whose object_refs are the objects
// that cite it. A report that cites another source's report (for its own
// inferred date) comes after it.
func (b *builder) reports(yield func(*object) error) error {
	for _, src := range b.reportOrder() {
		o := b.sdo("report", id("report", "source", src.id))
		o.Name = src.title
		o.ReportTypes = []string{"threat-report"}
		o.Published = timestamp(b.dated(src.published))
		o.Description = sentences(
			fmt.Sprintf("[%s] %s", src.label, sourceWords(src)),
			src.dateNote, prefixed("Reliability: ", src.reliabilityReason), src.note)
		o.ObjectRefs = b.supports[src.id]
		if len(o.ObjectRefs) == 0 {
			// Summary.Sources holds only sources something cites.
			return fmt.Errorf("source %q: nothing in the bundle cites it, and a report needs object_refs", src.id)
		}
		self := extRef{SourceName: sourceName(src), URL: src.url, ExternalID: src.id}
		if src.sha256 != "" {
			self.Hashes = map[string]string{"SHA-256": src.sha256}
		}
		o.ExternalReferences = append([]extRef{self}, b.citations(src.cites)...)
		if src.reliability != "" {
			meaning := dataset.Meaning(dataset.Reliability, src.reliability)
			o.Reliability = src.reliability + " - " + capital(meaning)
			o.Labels = []string{fmt.Sprintf("admiralty-scale:source-reliability=%q", strings.ToLower(src.reliability))}
		}
		o.RecordID, o.Kind, o.Number = src.id, src.kind, src.label
		b.stamps(o, "source:"+src.id, b.dated(src.published))
		if err := yield(o); err != nil {
			return err
		}
	}
	return nil
}

// reportOrder puts each source's report after the reports it refers to
// (a source cited for another's date lists that source's report among the
// objects it supports), otherwise in bibliography order; a cycle keeps
// bibliography order.
func (b *builder) reportOrder() []*source {
	deps := map[string]int{} // unmet report references per source
	users := map[string][]*source{}
	for _, src := range b.in.sources {
		for _, c := range src.cites {
			if c.src != nil && c.src != src {
				deps[c.src.id]++
				users[src.id] = append(users[src.id], c.src)
			}
		}
	}
	var out []*source
	done := map[string]bool{}
	for len(out) < len(b.in.sources) {
		progress := false
		for _, src := range b.in.sources {
			if done[src.id] || deps[src.id] > 0 {
				continue
			}
			done[src.id], progress = true, true
			out = append(out, src)
			for _, u := range users[src.id] {
				deps[u.id]--
			}
		}
		if !progress {
			for _, src := range b.in.sources {
				if !done[src.id] {
					done[src.id] = true
					out = append(out, src)
				}
			}
		}
	}
	return out
}

func sourceWords(src *source) string {
	parts := []string{}
	for _, p := range []string{src.outlet, src.author, src.dateWords} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	kind := "Archived article"
	if src.kind == dataset.SourceReference {
		kind = "Reference"
	}
	return kind + ": " + strings.Join(parts, ", ")
}

func sourceName(src *source) string {
	if src.outlet != "" {
		return src.outlet
	}
	return src.title
}

// citations are the citations of a record as external references, one
// each, in the data's order: the source, its address, and the paragraph
// with the excerpt ("¶5: excerpt") and how the source words the figure.
func (b *builder) citations(cs []*cite) []extRef {
	var out []extRef
	for _, c := range cs {
		if c.src == nil {
			continue
		}
		r := extRef{SourceName: sourceName(c.src), URL: c.src.url, ExternalID: c.src.id}
		loc := "[" + c.src.label + "]"
		if c.para > 0 {
			loc += fmt.Sprintf(" ¶%d", c.para)
			r.ExternalID = fmt.Sprintf("%s:p%d", c.src.id, c.para)
		}
		r.Description = sentences(loc+prefixed(": ", c.excerpt),
			prefixed("Supports: ", c.field), prefixed("Worded: ", c.wording), prefixed("Verb: ", c.verb),
			prefixed("Note: ", c.note), prefixed("Not as given: ", c.mismatch))
		out = append(out, r)
	}
	return out
}

// sentences joins the non-empty parts, each ending with a full stop
// unless it already ends with punctuation.
func sentences(parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if !ended(p) {
			p += "."
		}
		out = append(out, p)
	}
	return strings.Join(out, " ")
}

// ended reports whether s ends a sentence: with a full stop, question or
// exclamation mark, or one of those inside closing quotes.
func ended(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune("”’\"'", r) {
		r, _ = utf8.DecodeLastRuneInString(s[:len(s)-n])
	}
	return strings.ContainsRune(".!?", r)
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func quote(s string) string { return "“" + s + "”" }

func uniq(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
