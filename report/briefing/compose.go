// Package briefing renders a Summary as the PDF briefing: templates
// (Markdown with text/template directives) are executed over a view of the
// Summary in which every dataset string is already escaped for Markdown, the
// Markdown is parsed with goldmark, and a walker draws it with gofpdf.
package briefing

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/templates"
	"github.com/shopspring/decimal"
)

// Templates is a parsed template set.
type Templates struct {
	t *template.Template
}

// Parse reads every *.md file of fsys as a template; templates.Main is the
// one executed. Missing keys are errors, not blanks.
func Parse(fsys fs.FS) (*Templates, error) {
	if _, err := fs.Stat(fsys, templates.Main); err != nil {
		return nil, fmt.Errorf("templates: %s is missing", templates.Main)
	}
	t, err := template.New("").Option("missingkey=error").Funcs(placeholderFuncs).ParseFS(fsys, "*.md")
	if err != nil {
		return nil, fmt.Errorf("templates: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return &Templates{t: t}, nil
}

// placeholderFuncs lets Parse check that a template names only known
// functions; Compose binds the real ones for each execution.
var placeholderFuncs = template.FuncMap{
	"cite":   func(...any) (string, error) { return "", nil },
	"chart":  func(string) (string, error) { return "", nil },
	"anchor": func(any) (string, error) { return "", nil },
	"first":  func(int, any) (any, error) { return nil, nil },
}

// Doc is a composed briefing: its Markdown and the summary it draws on.
type Doc struct {
	Markdown []byte
	Summary  *report.Summary
}

// Compose executes the templates over the summary. Sources are numbered in
// the order the text first cites them: the summary is renumbered to match,
// so that the workbook uses the same numbers. Every source of the summary
// must be cited.
func Compose(s *report.Summary, t *Templates) (*Doc, error) {
	// First pass: learn the order of first citation.
	_, order, err := execute(s, t)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, src := range s.Sources {
		if !slices.Contains(order, src.ID) {
			missing = append(missing, src.ID)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the briefing does not cite %d of the %d articles: %s", len(missing), len(s.Sources), strings.Join(missing, ", "))
	}
	s.Renumber(order)
	// Second pass: numbers now run in reading order and the bibliography
	// lists the sources in that order.
	md, _, err := execute(s, t)
	if err != nil {
		return nil, err
	}
	return &Doc{Markdown: md, Summary: s}, nil
}

type citer interface{ sources() []*report.SourceRow }

func execute(s *report.Summary, t *Templates) ([]byte, []string, error) {
	var order []string
	seen := map[string]bool{}
	charts := map[string]bool{"years": true}
	funcs := template.FuncMap{
		"cite": func(items ...any) (string, error) {
			var srcs []*report.SourceRow
			for _, it := range items {
				switch v := it.(type) {
				case citer:
					srcs = append(srcs, v.sources()...)
				case []*ClaimV:
					for _, c := range v {
						srcs = append(srcs, c.sources()...)
					}
				default:
					return "", fmt.Errorf("cite: cannot cite a %T", it)
				}
			}
			var b strings.Builder
			done := map[string]bool{}
			for _, src := range srcs {
				if done[src.ID] {
					continue
				}
				done[src.ID] = true
				if !seen[src.ID] {
					seen[src.ID] = true
					order = append(order, src.ID)
				}
				fmt.Fprintf(&b, "[\\[%d\\]](#src-%d)", src.N, src.N)
			}
			return b.String(), nil
		},
		"chart": func(name string) (string, error) {
			if !charts[name] {
				return "", fmt.Errorf("chart: no chart named %q (there is: years)", name)
			}
			return "```chart\n" + name + "\n```", nil
		},
		"anchor": func(v any) (string, error) {
			src, ok := v.(*SourceV)
			if !ok {
				return "", fmt.Errorf("anchor: takes a source, not a %T", v)
			}
			return fmt.Sprintf(`<a id="src-%d"></a>`, src.N), nil
		},
		"first": func(n int, list any) (any, error) {
			l := reflect.ValueOf(list)
			if l.Kind() != reflect.Slice {
				return nil, fmt.Errorf("first: cannot take from a %T", list)
			}
			return l.Slice(0, min(n, l.Len())).Interface(), nil
		},
	}
	tt, err := t.t.Clone()
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := tt.Funcs(funcs).ExecuteTemplate(&buf, templates.Main, newView(s)); err != nil {
		return nil, nil, fmt.Errorf("templates: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.Bytes(), order, nil
}

// escape makes a dataset string safe to put into Markdown text: the
// characters that Markdown would read as syntax are backslash-escaped, the
// way html/template escapes for HTML, and line breaks become spaces.
func escape(s string) string {
	// Collapse line breaks and runs of spaces, but keep no-break spaces.
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '~', '&', '{', '}':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "2023. " at the start would open an ordered list.
	if m := leadingNumber.FindStringIndex(out); m != nil {
		out = out[:m[1]-1] + "\\" + out[m[1]-1:]
	}
	return out
}

var leadingNumber = regexp.MustCompile(`^[0-9]+[.)]`)

// urlForAutolink returns the URL as it may stand in <…>: characters that
// would end the autolink are percent-encoded.
func urlForAutolink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace(u.String())
}

// The view: what the templates see. Every string is escaped Markdown.

// View is the data of the main template.
type View struct {
	Title, Subtitle, AsOf, Period string
	Articles, Originators         int
	Largest                       *ClaimV   // the multi-year figure most relayed
	KeyFigures                    []*ClaimV // the DPRK figures, most relayed first
	Shares                        []*ClaimV // shares of revenue and funding
	Spans                         []*ClaimV
	Incidents                     []*IncidentV
	Conflicts                     []*ConflictV
	ValueConflicts                []*ConflictV // the conflicts over amounts stolen
	SumChecks                     []*SumCheckV
	Relays                        []*ClaimV
	Sources                       []*SourceV
	Grades                        []GradeV

	// What the briefing leaves to the workbook, so that it stays a few
	// pages at any size: nil when nothing is left out.
	MoreIncidents *MoreV // incidents beyond the largest MaxIncidents
	MoreClaims    *MoreV // claims not among the key figures
	MoreConflicts int
}

// Limits that keep the briefing a briefing; the workbook has everything.
const (
	MaxIncidents  = 25
	MaxKeyFigures = 25
	MaxConflicts  = 20
	MaxRelays     = 20
	MaxSpans      = 10
	MaxSumChecks  = 10
	MaxShares     = 6
)

// MoreV counts what the briefing leaves to the workbook; citing it cites
// the articles those items rest on.
type MoreV struct {
	Count int
	Total string // the incidents' amounts as reported, added up
	srcs  []*report.SourceRow
}

func (m *MoreV) sources() []*report.SourceRow {
	if m == nil {
		return nil
	}
	return m.srcs
}

// ClaimV is a claim as the templates see it.
type ClaimV struct {
	ID, Statement, Figure, Value, Metric, MetricID, Period, Scope string
	Originator, OriginatorKind, Via, Revised, Note, Summary       string
	Articles, Independent, Grade                                  int
	Straddles                                                     bool
	// Count is the same originator's attack count for the same period,
	// when there is one ("58 attacks").
	Count *ClaimV
	srcs  []*report.SourceRow
}

func (c *ClaimV) sources() []*report.SourceRow {
	if c == nil {
		return nil
	}
	return c.srcs
}

// IncidentV is an incident as the templates see it.
type IncidentV struct {
	ID, Victim, VictimType, Date, Figure, Range, Technique, Actor string
	Basis, Confidence, AttributionNote, Note                      string
	srcs                                                          []*report.SourceRow
}

func (in *IncidentV) sources() []*report.SourceRow { return in.srcs }

// ConflictV is one quantity reported with different values.
type ConflictV struct {
	What, Period, Scope string
	Reports             []*ClaimV
}

func (c *ConflictV) sources() []*report.SourceRow {
	var out []*report.SourceRow
	for _, r := range c.Reports {
		out = append(out, r.srcs...)
	}
	return out
}

// SumCheckV compares a multi-year figure with the years inside it.
type SumCheckV struct {
	Whole            *ClaimV
	Years, Low, High string
	Disagrees        bool
}

// SourceV is a bibliography entry.
type SourceV struct {
	N                                               int
	ID, Title, Outlet, Date, DateNote, URL, Archive string
	Relays, Reliability, Reason                     string
	Inferred                                        bool
	src                                             *report.SourceRow
}

func (s *SourceV) sources() []*report.SourceRow { return []*report.SourceRow{s.src} }

// GradeV is one row of the grading legend.
type GradeV struct {
	Reliability, ReliabilityMeaning, Credibility, CredibilityMeaning string
}

func newView(s *report.Summary) *View {
	v := &View{
		Title:    escape(s.Meta.Title),
		Subtitle: escape(s.Meta.Subtitle),
		AsOf:     escape(s.Meta.AsOfDate.Human()),
		Articles: len(s.Sources),
	}
	if s.From != 0 || s.To != 0 {
		v.Period = escape(periodText(s.From, s.To))
	}
	v.Originators = s.Counts.Originators
	claims := map[*report.ClaimRow]*ClaimV{}
	cv := func(c *report.ClaimRow) *ClaimV {
		if x, ok := claims[c]; ok {
			return x
		}
		x := claimView(c)
		claims[c] = x
		return x
	}
	counts := map[string]*report.ClaimRow{}
	for _, c := range s.Claims {
		if c.Metric.ID == "attack-count" {
			counts[c.Originator.ID+"|"+c.Span.String()+"|"+c.Scope] = c
		}
	}
	for _, c := range s.Claims {
		x := cv(c)
		if c.Metric.ID == "stolen-usd" {
			if n := counts[c.Originator.ID+"|"+c.Span.String()+"|"+c.Scope]; n != nil {
				x.Count = cv(n)
			}
		}
		if strings.HasSuffix(c.Metric.ID, "-share") && c.Originator.Kind != "unattributed" {
			v.Shares = append(v.Shares, x)
		}
	}
	key := map[*report.ClaimRow]bool{}
	for _, c := range s.KeyFigures[:min(len(s.KeyFigures), MaxKeyFigures)] {
		v.KeyFigures = append(v.KeyFigures, cv(c))
		key[c] = true
	}
	if rest := len(s.Claims) - len(v.KeyFigures); rest > 0 {
		more := &MoreV{Count: rest}
		for _, c := range s.Claims {
			if !key[c] {
				more.srcs = append(more.srcs, c.Sources...)
			}
		}
		v.MoreClaims = more
	}
	v.Shares = v.Shares[:min(len(v.Shares), MaxShares)]
	for i, c := range s.Spans {
		if i < MaxSpans {
			v.Spans = append(v.Spans, cv(c))
		}
		if v.Largest == nil || c.Articles() > len(v.Largest.srcs) {
			v.Largest = cv(c)
		}
	}
	shown := largest(s.Incidents, MaxIncidents)
	if rest := len(s.Incidents) - len(shown); rest > 0 {
		more := &MoreV{Count: rest}
		total := decimal.Zero
		in := map[*report.IncidentRow]bool{}
		for _, x := range shown {
			in[x] = true
		}
		for _, x := range s.Incidents {
			if !in[x] {
				total = total.Add(x.USD)
				more.srcs = append(more.srcs, x.Sources...)
			}
		}
		more.Total = escape(nbsp(report.Money(total)))
		v.MoreIncidents = more
	}
	slices.SortStableFunc(shown, func(a, b *report.IncidentRow) int { return a.When.First().Compare(b.When.First()) })
	for _, in := range shown {
		x := &IncidentV{
			ID: escape(in.ID), Victim: escape(in.Victim), VictimType: escape(in.VictimType),
			Date: escape(nbsp(in.When.Human())), Figure: figure(in.Qualifier, in.USD, "USD"), Technique: escape(strings.TrimSuffix(in.Technique, ".")),
			Actor: escape(in.Actor), Basis: escape(in.Basis), Confidence: escape(in.Confidence),
			AttributionNote: escape(in.AttributionNote), Note: escape(in.Note), srcs: in.Sources,
		}
		if in.HasRange {
			x.Range = escape(report.Money(in.LowUSD) + " to " + report.Money(in.HighUSD))
		}
		v.Incidents = append(v.Incidents, x)
	}
	conflicts := s.Conflicts
	if len(conflicts) > MaxConflicts {
		v.MoreConflicts = len(conflicts) - MaxConflicts
		conflicts = conflicts[:MaxConflicts]
	}
	for _, c := range conflicts {
		x := &ConflictV{What: escape(c.Metric.Label), Period: escape(c.Span.Human())}
		if c.Scope != "dprk" {
			x.Scope = escape(dataset.Meaning(dataset.Scopes, c.Scope))
		}
		for _, r := range c.Claims {
			x.Reports = append(x.Reports, cv(r))
		}
		v.Conflicts = append(v.Conflicts, x)
		if c.Metric.ID == "stolen-usd" {
			v.ValueConflicts = append(v.ValueConflicts, x)
		}
	}
	for _, sc := range s.SumChecks[:min(len(s.SumChecks), MaxSumChecks)] {
		years := make([]string, len(sc.Years))
		for i, y := range sc.Years {
			years[i] = fmt.Sprint(y)
		}
		v.SumChecks = append(v.SumChecks, &SumCheckV{
			Whole: cv(sc.Whole), Years: escape(joinAnd(years)),
			Low: escape(report.Money(sc.Low)), High: escape(report.Money(sc.High)), Disagrees: sc.Disagrees,
		})
	}
	for _, c := range s.Relays {
		if c.Independent == 1 && c.HasValue() && len(v.Relays) < MaxRelays {
			v.Relays = append(v.Relays, cv(c))
		}
	}
	for _, src := range s.Sources {
		var relays []string
		for _, o := range src.Relayed {
			relays = append(relays, o.Name)
		}
		v.Sources = append(v.Sources, &SourceV{
			N: src.N, ID: escape(src.ID), Title: escape(strings.TrimSuffix(src.Title, ".")), Outlet: escape(src.Outlet),
			Date: escape(src.Date.Human()), DateNote: escape(lowerFirst(strings.TrimSuffix(src.DateNote, "."))),
			URL: urlForAutolink(src.URL), Archive: escape(src.Archive), Relays: escape(strings.Join(relays, "; ")),
			Reliability: escape(src.Reliability), Reason: escape(src.ReliabilityReason),
			Inferred: src.DateInferred, src: src,
		})
	}
	for i := range max(len(dataset.Reliability), len(dataset.Credibility)) {
		var g GradeV
		if i < len(dataset.Reliability) {
			g.Reliability, g.ReliabilityMeaning = dataset.Reliability[i].ID, dataset.Reliability[i].Meaning
		}
		if i < len(dataset.Credibility) {
			g.Credibility, g.CredibilityMeaning = dataset.Credibility[i].ID, dataset.Credibility[i].Meaning
		}
		v.Grades = append(v.Grades, g)
	}
	return v
}

func claimView(c *report.ClaimRow) *ClaimV {
	x := &ClaimV{
		ID: escape(c.ID), Statement: escape(c.Statement),
		Metric: escape(c.Metric.Label), MetricID: c.Metric.ID, Period: escape(c.Span.Human()),
		Scope: escape(dataset.Meaning(dataset.Scopes, c.Scope)), Originator: escape(c.Originator.Name),
		OriginatorKind: c.Originator.Kind, Note: escape(c.Note),
		Articles: c.Articles(), Independent: c.Independent, Grade: c.Grade, Straddles: c.Straddles,
		srcs: c.Sources,
	}
	if c.HasValue() {
		x.Value = escape(nbsp(report.Value(c.Amount, c.Unit)))
		x.Figure = figure(c.Qualifier, c.Amount, c.Unit)
	}
	var via []string
	for _, o := range c.Via {
		via = append(via, o.Name)
	}
	x.Via = escape(strings.Join(via, ", "))
	if r := c.Revised; r != nil {
		x.Revised = escape(report.Qualified(c.Qualifier, r.Amount, c.Unit) + " (" + r.Revised.Human() + ")")
	}
	x.Summary = escape(strings.TrimSuffix(c.Statement, "."))
	if c.HasValue() {
		x.Summary = escape(c.Metric.Label + ", " + c.Span.Human() + ": " + c.Figure())
		if c.Span.IsZero() {
			x.Summary = escape(c.Metric.Label + ": " + c.Figure())
		}
	}
	return x
}

// largest returns the k incidents with the largest amounts (the earlier
// one first among equals), in one pass: O(n log k), not a sort of all.
func largest(all []*report.IncidentRow, k int) []*report.IncidentRow {
	top := make([]*report.IncidentRow, 0, k+1)
	for _, x := range all {
		if len(top) == k && x.USD.Cmp(top[k-1].USD) <= 0 {
			continue
		}
		// Insert after every element at least as large.
		i, _ := slices.BinarySearchFunc(top, x, func(e, t *report.IncidentRow) int {
			if e.USD.Cmp(t.USD) >= 0 {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, i, x)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// lowerFirst lowers the first letter, for a note that continues a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// figure is a qualified figure for the page, escaped, its number and unit
// kept on one line: "more than $750\u00a0million".
func figure(qualifier string, v decimal.Decimal, unit string) string {
	return escape(strings.TrimSpace(report.QualifierWords(qualifier) + " " + nbsp(report.Value(v, unit))))
}

// nbsp keeps a figure on one line: "$3 billion", "58 attacks".
func nbsp(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }

func periodText(from, to int) string {
	switch {
	case from != 0 && to != 0 && from == to:
		return fmt.Sprintf("%d only", from)
	case from != 0 && to != 0:
		return fmt.Sprintf("%d–%d", from, to)
	case from != 0:
		return fmt.Sprintf("%d onwards", from)
	}
	return fmt.Sprintf("up to %d", to)
}

func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
