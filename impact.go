package main

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
)

// A dependent is one thing in the dataset that rests on the record asked
// about: where it is, what it is, and what removing the record does to it.
type dependent struct {
	file, path string // the data file and the place in it, as dataset.Locate takes it
	what       string
}

// removal is what removing a record takes with it, in the order a
// reviewer acts on it.
type removal struct {
	d *dataset.Dataset
	// gone holds the records removed: "source:ID", "claim:ID",
	// "incident:ID" and "originator:ID".
	gone map[string]bool

	lose     []dependent // claims and incidents left with no figure citation
	thinned  []dependent // figure citations that go, others remaining
	fields   []dependent // notes, revisions, dates, ranges, attributions citing it
	reassign []dependent // claims and sources naming an originator
	orphans  []dependent // sources and originators only the removed records need
}

// impact prints what depends on the source, originator, claim or incident
// id: what its removal takes with it and what must be fixed by hand.
func impact(data fs.FS, name string, cfg config, stdout io.Writer) error {
	d, err := dataset.Load(data, dataset.Options{Name: name})
	if err != nil {
		return &invalidData{fails: []loadFailure{{"", err}}, annotate: cfg.env.githubActions}
	}
	r := &removal{d: d, gone: map[string]bool{}}
	id := cfg.impact
	var head string
	switch {
	case d.Source(id) != nil:
		s := d.Source(id)
		head = fmt.Sprintf("source %q (%s%s)", id, s.Kind, strings.TrimSuffix(", "+s.Archive, ", "))
		r.gone["source:"+id] = true
		r.citing(id)
	case d.Originator(id) != nil:
		head = fmt.Sprintf("originator %q (%s)", id, d.Originator(id).Name)
		r.gone["originator:"+id] = true
		r.naming(id)
	case slices.ContainsFunc(d.Claims, func(c *dataset.Claim) bool { return c.ID == id }):
		head = fmt.Sprintf("claim %q", id)
		r.gone["claim:"+id] = true
	case slices.ContainsFunc(d.Incidents, func(in *dataset.Incident) bool { return in.ID == id }):
		head = fmt.Sprintf("incident %q", id)
		r.gone["incident:"+id] = true
	default:
		return failure(fmt.Errorf("--impact %s: no source, originator, claim or incident has this id in %s", id, name), "ids are the id = \"…\" of each record; --check lists the counts")
	}
	r.orphaned()
	r.print(stdout, data, name, head)
	return nil
}

// cites reports whether any of cs cites source id, and whether all do,
// and the place of the first that does within the list at path.
func cites(cs []dataset.Citation, id, path string) (some, all bool, first string) {
	n := 0
	for j, c := range cs {
		if c.Source == id {
			if n == 0 {
				first = fmt.Sprintf("%s[%d].source", path, j)
			}
			n++
		}
	}
	return n > 0, n > 0 && n == len(cs), first
}

// others names the sources of cs other than id.
func others(cs []dataset.Citation, id string) string {
	var ids []string
	for _, c := range cs {
		if c.Source != id && !slices.Contains(ids, c.Source) {
			ids = append(ids, c.Source)
		}
	}
	return strings.Join(ids, ", ")
}

// citing finds everything that cites source id.
func (r *removal) citing(id string) {
	field := func(file, path, what string, cs []dataset.Citation, required bool) {
		some, all, at := cites(cs, id, path)
		switch {
		case !some:
		case all && required:
			r.fields = append(r.fields, dependent{file, at, what + ": its only source; cite another, or remove it"})
		case all:
			r.fields = append(r.fields, dependent{file, at, what + ": its only source"})
		default:
			r.fields = append(r.fields, dependent{file, at, what + ": still cited by " + others(cs, id)})
		}
	}
	figure := func(file, rec, kind, recID string, cs []dataset.Citation, with string) {
		some, all, at := cites(cs, id, rec+".citations")
		switch {
		case all:
			r.gone[kind+":"+recID] = true
			r.lose = append(r.lose, dependent{file, rec, fmt.Sprintf("%s %q: its only figure citation; cite another source, or remove the %s%s", kind, recID, kind, with)})
		case some:
			r.thinned = append(r.thinned, dependent{file, at, fmt.Sprintf("%s %q: still cited by %s", kind, recID, others(cs, id))})
		}
	}
	for i, s := range r.d.Sources {
		if s.ID != id {
			field(dataset.FileSources, fmt.Sprintf("source[%d].date_citations", i), fmt.Sprintf("source %q's date", s.ID), s.DateCitations, s.DateInferred)
		}
	}
	for i, c := range r.d.Claims {
		rec := fmt.Sprintf("claim[%d]", i)
		figure(dataset.FileClaims, rec, "claim", c.ID, c.Citations, goesWith(c, id))
		if r.gone["claim:"+c.ID] {
			continue // its note and revisions go with it
		}
		field(dataset.FileClaims, rec+".note_citations", fmt.Sprintf("claim %q's note", c.ID), c.NoteCitations, false)
		for j, rv := range c.Revisions {
			field(dataset.FileClaims, fmt.Sprintf("%s.revisions[%d].citations", rec, j), fmt.Sprintf("claim %q's revision to %s (%s)", c.ID, rv.Value, rv.Date), rv.Citations, true)
		}
	}
	for i, in := range r.d.Incidents {
		rec := fmt.Sprintf("incident[%d]", i)
		figure(dataset.FileIncidents, rec, "incident", in.ID, in.Citations, "")
		if r.gone["incident:"+in.ID] {
			continue
		}
		field(dataset.FileIncidents, rec+".date_citations", fmt.Sprintf("incident %q's date", in.ID), in.DateCitations, true)
		field(dataset.FileIncidents, rec+".range_citations", fmt.Sprintf("incident %q's range", in.ID), in.RangeCitations, in.Low != "" || in.High != "" || in.RangeNote != "")
		field(dataset.FileIncidents, rec+".attribution_citations", fmt.Sprintf("incident %q's attribution", in.ID), in.AttributionCitations, in.AttributionNote != "")
	}
}

// goesWith says what a claim takes with it that rests on other sources
// than id: its note and its revisions, research that would be lost.
func goesWith(c *dataset.Claim, id string) string {
	var parts []string
	if c.Note != "" {
		part := "its note"
		if o := others(c.NoteCitations, id); o != "" {
			part += " (cited to " + o + ")"
		}
		parts = append(parts, part)
	}
	for _, rv := range c.Revisions {
		part := fmt.Sprintf("its revision to %s (%s", rv.Value, rv.Date)
		if o := others(rv.Citations, id); o != "" {
			part += ", cited to " + o
		}
		parts = append(parts, part+")")
	}
	if len(parts) == 0 {
		return ""
	}
	return "; with it would go " + strings.Join(parts, " and ")
}

// naming finds the claims and sources that name originator id.
func (r *removal) naming(id string) {
	for i, c := range r.d.Claims {
		rec := fmt.Sprintf("claim[%d]", i)
		if c.Originator == id {
			r.reassign = append(r.reassign, dependent{dataset.FileClaims, rec + ".originator", fmt.Sprintf("claim %q: its originator; name another, or remove the claim", c.ID)})
		}
		if j := slices.Index(c.Via, id); j >= 0 {
			r.reassign = append(r.reassign, dependent{dataset.FileClaims, fmt.Sprintf("%s.via[%d]", rec, j), fmt.Sprintf("claim %q: relayed via it; drop it from via", c.ID)})
		}
	}
	for i, s := range r.d.Sources {
		if j := slices.Index(s.Relays, id); j >= 0 {
			r.reassign = append(r.reassign, dependent{dataset.FileSources, fmt.Sprintf("source[%d].relays[%d]", i, j), fmt.Sprintf("source %q: relays it; drop it from relays", s.ID)})
		}
	}
}

// orphaned adds the sources that nothing would cite and the originators
// that nothing would name once the removed records are gone, removing
// them in turn until no more follow.
func (r *removal) orphaned() {
	for {
		cited := map[string]bool{}
		note := func(cs []dataset.Citation) {
			for _, c := range cs {
				cited[c.Source] = true
			}
		}
		for _, s := range r.d.Sources {
			if !r.gone["source:"+s.ID] {
				for _, c := range s.DateCitations {
					if c.Source != s.ID {
						cited[c.Source] = true
					}
				}
			}
		}
		for _, c := range r.d.Claims {
			if !r.gone["claim:"+c.ID] {
				note(c.Citations)
				note(c.NoteCitations)
				for _, rv := range c.Revisions {
					note(rv.Citations)
				}
			}
		}
		for _, in := range r.d.Incidents {
			if !r.gone["incident:"+in.ID] {
				note(in.Citations)
				note(in.DateCitations)
				note(in.RangeCitations)
				note(in.AttributionCitations)
			}
		}
		more := false
		for i, s := range r.d.Sources {
			if !r.gone["source:"+s.ID] && !cited[s.ID] {
				r.gone["source:"+s.ID], more = true, true
				r.orphans = append(r.orphans, dependent{dataset.FileSources, fmt.Sprintf("source[%d]", i), fmt.Sprintf("source %q (%s): cited by nothing else", s.ID, s.Kind)})
			}
		}
		if !more {
			break
		}
	}
	before, after := r.named(map[string]bool{}), r.named(r.gone)
	for i, o := range r.d.Originators {
		if before[o.ID] && !after[o.ID] && !r.gone["originator:"+o.ID] {
			r.orphans = append(r.orphans, dependent{dataset.FileOriginators, fmt.Sprintf("originator[%d]", i), fmt.Sprintf("originator %q: named by nothing else", o.ID)})
		}
	}
}

// named returns the originators that the records not in gone name.
func (r *removal) named(gone map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, c := range r.d.Claims {
		if !gone["claim:"+c.ID] {
			out[c.Originator] = true
			for _, o := range c.Via {
				out[o] = true
			}
		}
	}
	for _, s := range r.d.Sources {
		if !gone["source:"+s.ID] {
			for _, o := range s.Relays {
				out[o] = true
			}
		}
	}
	return out
}

// print writes the removal as a list to act on, each item at its place.
func (r *removal) print(w io.Writer, data fs.FS, name, head string) {
	groups := []struct {
		title string
		items []dependent
	}{
		{"Claims and incidents left with no figure citation", r.lose},
		{"Figure citations that go (the record keeps its other sources)", r.thinned},
		{"Notes, revisions, dates, ranges and attributions citing it", r.fields},
		{"Records that name it", r.reassign},
		{"Sources and originators only these need (remove them too)", r.orphans},
	}
	paths := map[string][]string{}
	n := 0
	for _, g := range groups {
		for _, it := range g.items {
			paths[it.file] = append(paths[it.file], it.path)
			n++
		}
	}
	pos := map[string]map[string][2]int{}
	for file, ps := range paths {
		pos[file] = map[string][2]int{}
		for i, lc := range dataset.Locate(data, file, ps) {
			pos[file][ps[i]] = lc
		}
	}
	fmt.Fprintf(w, "impact of removing %s from %s:\n", safe(head), safe(name))
	if n == 0 {
		fmt.Fprintln(w, "nothing else rests on it: removing its record is the whole change")
		return
	}
	for _, g := range groups {
		if len(g.items) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", g.title)
		for _, it := range g.items {
			lc := pos[it.file][it.path]
			fmt.Fprintf(w, "  %s/%s:%d:%d: %s\n", safe(name), it.file, lc[0], lc[1], safe(it.what))
		}
	}
	fmt.Fprintf(w, "\n%s to review\n", plural(n, "item"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
