package dataset

import (
	"fmt"
	"slices"
)

// warnings finds what a valid dataset says that a careful reader would
// question: the slips an analyst makes that the format cannot catch. They
// are Dataset.Warnings; a render goes ahead (the CLI's --strict refuses).
func (v *validator) warnings(d *Dataset) {
	v.warnRelays(d)
	v.warnLaterThanAsOf(d)
	for i, c := range d.Claims {
		if c.HasValue() {
			v.warnNoExcerpt(at(FileClaims, "claim", i), "claim", c.ID, "figure", c.Citations)
		}
	}
	for i, in := range d.Incidents {
		rec := at(FileIncidents, "incident", i)
		v.warnNoExcerpt(rec, "incident", in.ID, "amount", in.Citations)
		if !blank(in.Technique) && len(in.TechniqueCitations) == 0 {
			v.warn(rec.with("technique"), `add technique_citations = [{ source = "…", excerpt = "…" }] naming a source that describes the technique, or drop technique`,
				"incident %q: its technique cites no source", in.ID)
		}
	}
}

// warnNoExcerpt finds the citations of a figure that quote nothing: without
// an excerpt no check can tell whether the source states the figure.
func (v *validator) warnNoExcerpt(rec place, kind, id, figure string, cs []Citation) {
	for j, c := range cs {
		// A large dataset raises this for a hundred thousand citations:
		// those past what is listed are counted without a message.
		if blank(c.Excerpt) && !v.warns.skip(rec) {
			v.warn(rec.item("citations", j), `quote the words that state it: excerpt = "…"`,
				"%s: the citation of %q for its %s has no excerpt", what(kind, id), c.Source, figure)
		}
	}
}

// warnRelays compares each source's relays with the originators of the
// claims that cite it (their originator and the bodies they came via). An
// originator of kind "unattributed" is the outlet's own voice: no source
// relays it. Notes and revisions are not counted: they cite other sources
// for facts about the claim, not for the claim itself.
func (v *validator) warnRelays(d *Dataset) {
	type cite struct{ claim, originator string }
	cited := map[string][]cite{} // by source id, in file order
	for _, c := range d.Claims {
		for _, ci := range c.Citations {
			for _, o := range append([]string{c.Originator}, c.Via...) {
				if org := d.originatorByID[o]; org != nil && org.Kind != "unattributed" &&
					!slices.ContainsFunc(cited[ci.Source], func(x cite) bool { return x.originator == o }) {
					cited[ci.Source] = append(cited[ci.Source], cite{c.ID, o})
				}
			}
		}
	}
	for i, s := range d.Sources {
		cs := cited[s.ID]
		if len(cs) == 0 {
			continue // cited for no claim: nothing to compare
		}
		for _, x := range cs {
			if !slices.Contains(s.Relays, x.originator) {
				v.warn(at(FileSources, "source", i, "relays"), `add "`+x.originator+`" to relays, or correct the claim's originator`,
					"source %q is cited for claim %q, which comes from %q, but its relays do not name %q", s.ID, x.claim, x.originator, x.originator)
			}
		}
		for j, r := range s.Relays {
			if !slices.ContainsFunc(cs, func(x cite) bool { return x.originator == r }) {
				v.warn(at(FileSources, "source", i, "relays", j), `cite the source for that originator's claims, or drop it from relays`,
					"source %q relays %q, but no claim it is cited for comes from or via %q", s.ID, r, r)
			}
		}
	}
}

// warnLaterThanAsOf finds dates after the dataset's as_of: a source
// published, a figure revised or a theft committed after the date the
// dataset says it is current to.
func (v *validator) warnLaterThanAsOf(d *Dataset) {
	asOf := d.Meta.AsOfDate
	if asOf.IsZero() {
		return
	}
	const hint = "correct the date, or move as_of in dataset.toml to the day the dataset was last brought up to date"
	later := func(t Date) bool { return !t.IsZero() && t.First().After(asOf.Last()) }
	for i, s := range d.Sources {
		if later(s.Date) {
			v.warn(at(FileSources, "source", i, "published"), hint, "source %q: published %s, after the dataset's as_of %s", s.ID, s.Date, asOf)
		}
	}
	for i, c := range d.Claims {
		for j, r := range c.Revisions {
			if later(r.Revised) {
				v.warn(at(FileClaims, "claim", i).item("revisions", j).with("date"), hint, "claim %q: revised %s, after the dataset's as_of %s", c.ID, r.Revised, asOf)
			}
		}
	}
	for i, in := range d.Incidents {
		if later(in.When) {
			v.warn(at(FileIncidents, "incident", i, "date"), hint, "incident %q: dated %s, after the dataset's as_of %s", in.ID, in.When, asOf)
		}
	}
}

// NewestDate returns the newest date the dataset cites and what carries
// it: the dataset's as_of, a source's publication, an incident's date or a
// claim's revision, compared by the first day each may mean (a month counts
// from its first day; of dates that start on the same day, the first met
// in that order wins). It is zero for a dataset without dates.
func (d *Dataset) NewestDate() (Date, string) {
	newest, what := d.Meta.AsOfDate, "the dataset's as_of"
	consider := func(t Date, carrier func() string) {
		if !t.IsZero() && (newest.IsZero() || t.First().After(newest.First())) {
			newest, what = t, carrier()
		}
	}
	for _, s := range d.Sources {
		consider(s.Date, func() string { return fmt.Sprintf("source %q's publication", s.ID) })
	}
	for _, in := range d.Incidents {
		consider(in.When, func() string { return fmt.Sprintf("incident %q's date", in.ID) })
	}
	for _, c := range d.Claims {
		for _, r := range c.Revisions {
			consider(r.Revised, func() string { return fmt.Sprintf("a revision of claim %q", c.ID) })
		}
	}
	if newest.IsZero() {
		return Date{}, ""
	}
	return newest, what
}
