package dataset

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// needsPeriod lists the metrics that mean nothing without a period: an
// amount or a count. A share may be reported without one.
var needsPeriod = map[string]bool{"stolen-usd": true, "attack-count": true, "victim-count": true, "launch-count": true}

// MaxExcerptWords bounds a verbatim excerpt: citations quote, they do not copy.
const MaxExcerptWords = 25

type pending struct {
	at   place
	msg  string
	hint string
}

type validator struct {
	name string
	fsys fs.FS
	errs []*Error  // positioned already (decode errors)
	todo []pending // positioned from paths at the end
	// broken names the files that did not decode: checks that reach
	// into one of them are skipped rather than reported against nothing.
	broken map[string]bool
	// interned holds one copy of each value that recurs across records.
	interned map[string]string
}

func (v *validator) fileErr(name, msg, hint string) {
	v.errs = append(v.errs, &Error{File: v.display(name), Msg: msg, Hint: hint})
}

func (v *validator) add(at place, hint, format string, args ...any) {
	v.todo = append(v.todo, pending{at, fmt.Sprintf(format, args...), hint})
}

// list positions the pending problems and returns every problem, sorted.
func (v *validator) list() ErrorList {
	byFile := map[string][]string{}
	paths := make([]string, len(v.todo))
	for i, p := range v.todo {
		paths[i] = p.at.path()
		byFile[p.at.file] = append(byFile[p.at.file], paths[i])
	}
	pos := map[string]map[string][2]int{}
	for f, ps := range byFile {
		// The files were read once to decode them; read again only now,
		// when there are errors to place.
		data, err := fs.ReadFile(v.fsys, f)
		if err != nil {
			continue
		}
		pos[f] = resolve(data, ps)
	}
	l := ErrorList(v.errs)
	for i, p := range v.todo {
		lc := pos[p.at.file][paths[i]]
		l = append(l, &Error{File: v.display(p.at.file), Line: lc[0], Col: lc[1], Msg: p.msg, Hint: p.hint})
	}
	l.Sort()
	if len(l) > MaxErrors {
		rest := len(l) - MaxErrors
		l = append(l[:MaxErrors:MaxErrors], &Error{File: l[MaxErrors].File, Msg: fmt.Sprintf("and %d more problems", rest), Hint: "fix these and run --check again"})
	}
	return l
}

var qualifierCodes = func() []Code {
	codes := make([]Code, len(Qualifiers))
	for i, q := range Qualifiers {
		codes[i] = Code{q.ID, q.Meaning}
	}
	return codes
}()

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

const idHint = "ids are lowercase letters, digits and hyphens"

func (v *validator) validate(d *Dataset, archive fs.FS) {
	v.validateMeta(d)
	d.originatorByID = map[string]*Originator{}
	for i, o := range d.Originators {
		here := func(k string) place { return at(FileOriginators, "originator", i, k) }
		if v.unique(here("id"), "originator", o.ID, "give each originator its own id", func(id string) bool { return d.originatorByID[id] != nil }) {
			d.originatorByID[o.ID] = o
		}
		v.required(here("name"), "originator", o.ID, "name", o.Name)
		v.oneOf(here("kind"), "originator", o.ID, "kind", o.Kind, OriginatorKinds)
	}
	d.sourceByID = map[string]*Source{}
	archives := map[string]string{}
	for i, s := range d.Sources {
		here := func(k ...any) place { return at(FileSources, "source", i, k...) }
		if v.unique(here("id"), "source", s.ID, "give each source its own id", func(id string) bool { return d.sourceByID[id] != nil }) {
			d.sourceByID[s.ID] = s
		}
		v.required(here("title"), "source", s.ID, "title", s.Title)
		v.required(here("outlet"), "source", s.ID, "outlet", s.Outlet)
		s.Date = v.date(here("published"), "source", s.ID, "published", s.Published, true)
		if s.URL != "" {
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				v.add(here("url"), "leave url empty when the article has no known address", "source %q: url %q is not an http or https address", s.ID, s.URL)
			}
		}
		switch s.Kind {
		case "", SourceArticle:
			s.Kind = SourceArticle
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
		for j, r := range s.Relays {
			v.ref(here("relays", j), "source", s.ID, "originator", r, d.originatorByID)
			if slices.Contains(s.Relays[:j], r) {
				v.add(here("relays", j), "list each originator once", "source %q: relays names %q twice", s.ID, r)
			}
		}
		v.oneOf(here("reliability"), "source", s.ID, "reliability", s.Reliability, Reliability)
		v.required(here("reliability_reason"), "source", s.ID, "reliability_reason", s.ReliabilityReason)
	}

	ids := map[string]bool{}
	cited := map[string]bool{}
	paras := v.readArchive(d, archive)
	// cites checks one list of citations; fig, when set, is the figure
	// that each excerpt must state.
	cites := func(here place, field, kind, id string, cs []Citation, fig *figure, required, anchor string) {
		switch {
		case len(cs) == 0 && anchor == "id":
			v.add(here.with("id"), "add citations = [{ source = \"…\", para = N }]", "%s %q has no citation", kind, id)
		case len(cs) == 0 && required != "":
			missing := here
			if anchor != "" {
				missing = here.with(anchor)
			}
			v.add(missing, fmt.Sprintf("add %s = [{ source = \"…\" }] naming the source of %s", field, required), "%s: %s cites no source", what(kind, id), required)
		}
		for j, c := range cs {
			v.citation(here.item(field, j), kind, id, c, d, paras, fig)
			// A source that cites itself for its date is not thereby cited.
			if kind != "source" || c.Source != id {
				cited[c.Source] = true
			}
		}
	}
	for i, s := range d.Sources {
		here := at(FileSources, "source", i)
		need := ""
		if s.DateInferred {
			need = "its inferred date"
		}
		cites(here, "date_citations", "source", s.ID, s.DateCitations, nil, need, "date_inferred")
	}
	v.fits(FileClaims, "claim", len(d.Claims), MaxRecords)
	v.fits(FileIncidents, "incident", len(d.Incidents), MaxRecords)
	for i, c := range d.Claims {
		here := func(k ...any) place { return at(FileClaims, "claim", i, k...) }
		if v.unique(here("id"), "claim", c.ID, sharedIDs, func(id string) bool { return ids[id] }) {
			ids[c.ID] = true
		}
		v.required(here("statement"), "claim", c.ID, "statement", c.Statement)
		m, okMetric := v.metric(here("metric"), c)
		isFigure := c.Metric != MetricStatement
		if okMetric && !isFigure && c.Value != "" {
			v.add(here("value"), `give the claim a metric such as "stolen-usd", or drop the value`, "claim %q: a statement has no value", c.ID)
		}
		if isFigure {
			if okMetric {
				if c.Unit == "" {
					c.Unit = m.Unit
				} else if c.Unit != m.Unit {
					v.add(here("unit"), "leave unit out and it follows the metric", "claim %q: unit %q does not fit metric %q, whose unit is %q", c.ID, c.Unit, m.ID, m.Unit)
				}
			}
			c.Amount, _ = v.decimal(here("value"), "claim", c.ID, "value", c.Value, true)
			v.oneOfQualifier(here("qualifier"), "claim", c.ID, c.Qualifier, true)
		}
		var fig *figure
		if isFigure && okMetric {
			fig = &figure{c.Amount, m.Unit, c.Qualifier}
		}
		if c.Period != "" {
			sp, err := ParseSpan(c.Period)
			if err != nil {
				v.add(here("period"), `write a period as "2023", "2017/2023", "2020/2021-06" or "../2019-07"`, "claim %q: %v", c.ID, err)
			}
			c.Span = sp
		} else if okMetric && needsPeriod[m.ID] {
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
		for j := range c.Revisions {
			r := &c.Revisions[j]
			rev := at(FileClaims, "claim", i).item("revisions", j)
			if c.Metric == MetricStatement {
				v.add(rev, "", "claim %q: a statement cannot be revised to a value", c.ID)
			}
			r.Amount, _ = v.decimal(rev.with("value"), "claim", c.ID, "revised value", r.Value, true)
			v.oneOf(rev.with("qualifier"), "claim", c.ID, "revised qualifier", r.Qualifier, qualifierCodes)
			r.Revised = v.date(rev.with("date"), "claim", c.ID, "revised date", r.Date, true)
			var rfig *figure
			if fig != nil {
				rfig = &figure{r.Amount, fig.unit, r.Qualifier}
			}
			cites(rev, "citations", "claim", c.ID, r.Citations, rfig, "its revision", "")
		}
		cites(at(FileClaims, "claim", i), "note_citations", "claim", c.ID, c.NoteCitations, nil, "", "")
		cites(at(FileClaims, "claim", i), "citations", "claim", c.ID, c.Citations, fig, "its "+claimWhat(isFigure), "id")
	}
	for i, in := range d.Incidents {
		// The same few words recur across thousands of incidents: keep one
		// copy of each.
		for _, f := range []*string{&in.VictimType, &in.Qualifier, &in.Actor, &in.Basis, &in.Confidence, &in.Technique} {
			*f = v.intern(*f)
		}
		here := func(k string) place { return at(FileIncidents, "incident", i, k) }
		if v.unique(here("id"), "incident", in.ID, sharedIDs, func(id string) bool { return ids[id] }) {
			ids[in.ID] = true
		}
		v.required(here("victim"), "incident", in.ID, "victim", in.Victim)
		v.oneOf(here("victim_type"), "incident", in.ID, "victim_type", in.VictimType, VictimTypes)
		in.When = v.date(here("date"), "incident", in.ID, "date", in.Date, true)
		var ok bool
		in.USD, ok = v.decimal(here("amount"), "incident", in.ID, "amount", in.Amount, true)
		v.oneOfQualifier(here("qualifier"), "incident", in.ID, in.Qualifier, true)
		in.LowUSD, in.HighUSD = in.USD, in.USD
		lo, okLo := v.decimal(here("low"), "incident", in.ID, "low", in.Low, false)
		hi, okHi := v.decimal(here("high"), "incident", in.ID, "high", in.High, false)
		if in.Low != "" && okLo {
			in.LowUSD, in.HasRange = lo, true
		}
		if in.High != "" && okHi {
			in.HighUSD, in.HasRange = hi, true
		}
		if ok && okLo && okHi && (in.LowUSD.GreaterThan(in.USD) || in.USD.GreaterThan(in.HighUSD)) {
			v.add(here("amount"), "low ≤ amount ≤ high", "incident %q: amount %s lies outside its range %s to %s", in.ID, in.USD, in.LowUSD, in.HighUSD)
		}
		v.required(here("actor"), "incident", in.ID, "actor", in.Actor)
		v.oneOf(here("attribution_basis"), "incident", in.ID, "attribution_basis", in.Basis, AttributionBases)
		v.oneOf(here("confidence"), "incident", in.ID, "confidence", in.Confidence, Confidences)
		rec := at(FileIncidents, "incident", i)
		var fig *figure
		if ok {
			fig = &figure{in.USD, "USD", in.Qualifier}
		}
		cites(rec, "citations", "incident", in.ID, in.Citations, fig, "its amount", "id")
		cites(rec, "date_citations", "incident", in.ID, in.DateCitations, nil, "its date", "date")
		need := ""
		if in.Low != "" || in.High != "" || in.RangeNote != "" {
			need = "its range of estimates"
		}
		anchor := "range_note"
		if in.Low != "" {
			anchor = "low"
		} else if in.High != "" {
			anchor = "high"
		}
		cites(rec, "range_citations", "incident", in.ID, in.RangeCitations, nil, need, anchor)
		need = ""
		if in.AttributionNote != "" {
			need = "its attribution note"
		}
		cites(rec, "attribution_citations", "incident", in.ID, in.AttributionCitations, nil, need, "attribution_note")
	}
	if v.broken[FileClaims] || v.broken[FileIncidents] {
		return // the citations that would name them are unknown
	}
	for i, s := range d.Sources {
		if s.ID != "" && !cited[s.ID] {
			v.add(at(FileSources, "source", i, "id"), "cite it from a claim or incident, or remove the source", "source %q is not cited by any claim, incident or source", s.ID)
		}
	}
}

func (v *validator) intern(s string) string {
	if c, ok := v.interned[s]; ok {
		return c
	}
	if v.interned == nil {
		v.interned = map[string]string{}
	}
	v.interned[s] = s
	return s
}

func (v *validator) validateMeta(d *Dataset) {
	if v.broken[FileMeta] {
		return
	}
	m := &d.Meta
	if m.Title == "" {
		v.add(at(FileMeta, "", 0, "title"), `add title = "…"`, "the dataset has no title")
	}
	m.AsOfDate = v.date(at(FileMeta, "", 0, "as_of"), "dataset", "", "as_of", m.AsOf, true)
	if !m.AsOfDate.IsZero() && m.AsOfDate.Precision() != PrecisionDay {
		v.add(at(FileMeta, "", 0, "as_of"), `write as_of as YYYY-MM-DD`, "the dataset's as_of date %q must name a day", m.AsOf)
	}
}

const sharedIDs = "claims and incidents share one namespace of ids"

// unique checks an id's form and that seen does not know it yet.
func (v *validator) unique(at place, kind, id, hint string, seen func(string) bool) bool {
	if !v.id(at, kind, id) {
		return false
	}
	if seen(id) {
		v.add(at, hint, "duplicate %s id %q", kind, id)
		return false
	}
	return true
}

func (v *validator) id(at place, kind, id string) bool {
	if id == "" {
		v.add(at, `add id = "…"`, "%s has no id", kind)
		return false
	}
	if !idPattern.MatchString(id) {
		v.add(at, idHint, "%s id %q is not a valid id", kind, id)
		return false
	}
	return true
}

func what(kind, id string) string {
	if id == "" {
		return kind
	}
	return fmt.Sprintf("%s %q", kind, id)
}

func (v *validator) required(at place, kind, id, field, val string) bool {
	if strings.TrimSpace(val) == "" {
		v.add(at, fmt.Sprintf(`add %s = "…"`, field), "%s has no %s", what(kind, id), field)
		return false
	}
	return true
}

func list(codes []Code) string {
	ids := make([]string, len(codes))
	for i, c := range codes {
		ids[i] = c.ID
	}
	return strings.Join(ids, ", ")
}

func (v *validator) oneOf(at place, kind, id, field, val string, codes []Code) {
	if val == "" {
		v.add(at, "use one of "+list(codes), "%s has no %s", what(kind, id), field)
		return
	}
	for _, c := range codes {
		if c.ID == val {
			return
		}
	}
	v.add(at, "", "%s: %s %q is not one of %s", what(kind, id), field, val, list(codes))
}

func (v *validator) oneOfQualifier(at place, kind, id, val string, required bool) {
	if val == "" && !required {
		return
	}
	v.oneOf(at, kind, id, "qualifier", val, qualifierCodes)
}

func (v *validator) metric(at place, c *Claim) (Metric, bool) {
	if m, ok := MetricByID(c.Metric); ok {
		return m, true
	}
	ids := make([]string, len(Metrics))
	for i, m := range Metrics {
		ids[i] = m.ID
	}
	if c.Metric == "" {
		v.add(at, "use one of "+strings.Join(ids, ", "), "claim %q has no metric", c.ID)
	} else {
		v.add(at, "", "claim %q: metric %q is not one of %s", c.ID, c.Metric, strings.Join(ids, ", "))
	}
	return Metric{}, false
}

func (v *validator) ref(at place, kind, id, target, ref string, known map[string]*Originator) {
	if _, ok := known[ref]; !ok && !v.broken[FileOriginators] {
		v.add(at, "originators are listed in "+FileOriginators, "%s: unknown %s %q", what(kind, id), target, ref)
	}
}

var decimalPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

func (v *validator) decimal(at place, kind, id, field, s string, required bool) (decimal.Decimal, bool) {
	const hint = `write a plain decimal in quotes, e.g. "55000000" or "0.5"`
	switch {
	case s == "":
		if required {
			v.add(at, hint, "%s has no %s", what(kind, id), field)
		}
		return decimal.Zero, !required
	case strings.HasPrefix(s, "-"):
		v.add(at, "amounts are sizes; record losses as positive figures", "%s: %s %q is negative", what(kind, id), field, s)
		return decimal.Zero, false
	case !decimalPattern.MatchString(s):
		v.add(at, hint, "%s: %s %s is not a decimal number", what(kind, id), field, shorten(s))
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		v.add(at, hint, "%s: %s %q is not a decimal number", what(kind, id), field, s)
		return decimal.Zero, false
	}
	if !exactInSpreadsheet(d) {
		v.add(at, "a spreadsheet holds 15 significant digits exactly; round the figure as its source does", "%s: %s %s cannot be held exactly in a workbook cell", what(kind, id), field, shorten(s))
		return decimal.Zero, false
	}
	return d, true
}

// maxExact is 2^53: every whole number below it is a float64, the number
// type of every spreadsheet.
var maxExact = decimal.New(1<<53, 0)

// exactInSpreadsheet reports whether a spreadsheet cell holds d without
// change: below 2^53 and with at most 15 significant digits, the precision
// Excel keeps and displays.
func exactInSpreadsheet(d decimal.Decimal) bool {
	if d.Abs().GreaterThanOrEqual(maxExact) {
		return false
	}
	digits := strings.Trim(strings.ReplaceAll(d.Abs().String(), ".", ""), "0")
	return len(digits) <= 15
}

// shorten quotes a value for a message, cutting a long one: a 400-digit
// number is named by its start and length.
func shorten(s string) string {
	if len(s) <= 40 {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%q… (%d characters)", s[:24], len(s))
}

func (v *validator) date(at place, kind, id, field, s string, required bool) Date {
	if s == "" {
		if required {
			v.add(at, `write it as "YYYY", "YYYY-MM" or "YYYY-MM-DD"`, "%s has no %s", what(kind, id), field)
		}
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		v.add(at, `write it as "YYYY", "YYYY-MM" or "YYYY-MM-DD"`, "%s: %s: %v", what(kind, id), field, err)
	}
	return d
}
