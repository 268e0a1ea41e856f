package dataset

import (
	"io/fs"

	"github.com/shopspring/decimal"
)

// needsPeriod lists the metrics that mean nothing without a period: an
// amount or a count. A share may be reported without one.
var needsPeriod = map[string]bool{"stolen-usd": true, "attack-count": true, "victim-count": true, "launch-count": true}

// MaxExcerptWords bounds a verbatim excerpt: citations quote, they do not copy.
const MaxExcerptWords = 25

// validate checks a decoded dataset in two steps. prepare builds what every
// check and every consumer reads (indexes, defaults, parsed fields); then
// one check per kind of record looks at what each record says, and finally
// at the sources nothing cites.
func (v *validator) validate(d *Dataset, archive fs.FS) {
	v.d, v.cited, v.kindless = d, map[string]bool{}, map[*Source]bool{}
	parsed := v.prepare(d)
	v.paras = v.readArchive(d, archive)
	v.checkMeta(d)
	v.checkOriginators(d)
	v.checkSources(d)
	v.checkClaims(d)
	v.checkIncidents(d, parsed)
	v.checkUncited(d)
}

// amountsParsed says which of an incident's amounts parsed: the checks
// compare only those that did.
type amountsParsed struct{ amount, low, high bool }

// prepare indexes the records by id (reporting ids that are malformed or
// taken), fills the defaults (a source's kind, a figure's unit), parses the
// derived fields (dates, amounts, periods), reporting each that does not
// parse, and interns the words that recur across thousands of incidents.
func (v *validator) prepare(d *Dataset) []amountsParsed {
	if !v.broken[FileMeta] {
		m := &d.Meta
		m.AsOfDate = v.date(at(FileMeta, "", 0, "as_of"), "dataset", "", "as_of", m.AsOf, true)
	}
	d.originatorByID = map[string]*Originator{}
	for i, o := range d.Originators {
		if v.unique(at(FileOriginators, "originator", i, "id"), "originator", o.ID, "give each originator its own id", func(id string) bool { return d.originatorByID[id] != nil }) {
			d.originatorByID[o.ID] = o
		}
	}
	d.sourceByID = map[string]*Source{}
	for i, s := range d.Sources {
		here := func(k string) place { return at(FileSources, "source", i, k) }
		if v.unique(here("id"), "source", s.ID, "give each source its own id", func(id string) bool { return d.sourceByID[id] != nil }) {
			d.sourceByID[s.ID] = s
		}
		if s.Kind == "" {
			s.Kind = SourceArticle
			v.kindless[s] = true
		}
		s.Date = v.date(here("published"), "source", s.ID, "published", s.Published, true)
	}
	ids := map[string]bool{}
	seen := func(id string) bool { return ids[id] }
	for i, c := range d.Claims {
		if v.unique(at(FileClaims, "claim", i, "id"), "claim", c.ID, sharedIDs, seen) {
			ids[c.ID] = true
		}
		v.prepareClaim(i, c)
	}
	parsed := make([]amountsParsed, len(d.Incidents))
	for i, in := range d.Incidents {
		if v.unique(at(FileIncidents, "incident", i, "id"), "incident", in.ID, sharedIDs, seen) {
			ids[in.ID] = true
		}
		parsed[i] = v.prepareIncident(i, in)
	}
	return parsed
}

func (v *validator) prepareClaim(i int, c *Claim) {
	here := func(k string) place { return at(FileClaims, "claim", i, k) }
	if c.HasValue() {
		if m, ok := MetricByID(c.Metric); ok && c.Unit == "" {
			c.Unit = m.Unit
		}
		c.Amount, _ = v.decimal(here("value"), "claim", c.ID, "value", c.Value, true)
	}
	if c.Period != "" {
		sp, err := ParseSpan(c.Period)
		if err != nil {
			v.add(here("period"), `write a period as "2023", "2017/2023", "2020/2021-06" or "../2019-07"`, "claim %q: %v", c.ID, err)
		}
		c.Span = sp
	}
	for j := range c.Revisions {
		r := &c.Revisions[j]
		rev := at(FileClaims, "claim", i).item("revisions", j)
		r.Amount, _ = v.decimal(rev.with("value"), "claim", c.ID, "revised value", r.Value, true)
		r.Revised = v.date(rev.with("date"), "claim", c.ID, "revised date", r.Date, true)
	}
}

func (v *validator) prepareIncident(i int, in *Incident) amountsParsed {
	here := func(k string) place { return at(FileIncidents, "incident", i, k) }
	var p amountsParsed
	in.When = v.date(here("date"), "incident", in.ID, "date", in.Date, true)
	in.USD, p.amount = v.decimal(here("amount"), "incident", in.ID, "amount", in.Amount, true)
	in.LowUSD, in.HighUSD = in.USD, in.USD
	var lo, hi decimal.Decimal
	lo, p.low = v.decimal(here("low"), "incident", in.ID, "low", in.Low, false)
	hi, p.high = v.decimal(here("high"), "incident", in.ID, "high", in.High, false)
	if in.Low != "" && p.low {
		in.LowUSD, in.HasRange = lo, true
	}
	if in.High != "" && p.high {
		in.HighUSD, in.HasRange = hi, true
	}
	return p
}
