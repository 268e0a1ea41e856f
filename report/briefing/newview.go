package briefing

import (
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// newView builds what the templates see from the summary, the edition
// (nil without a baseline) and the numbering; cited, when set, names the
// sources the first pass cited. One builder per section of the briefing.
func newView(s *report.Summary, e *edition.Edition, num *report.Numbering, cited map[string]bool) *View {
	b := &viewBuilder{s: s, v: &View{}, claims: map[*report.ClaimRow]*ClaimV{}}
	b.header()
	if e != nil {
		b.v.Changes = changesView(e)
	}
	b.claimsAndShares()
	b.judgments()
	b.keyFigures()
	b.chart()
	b.incidents()
	b.conflicts()
	b.relays()
	b.sources(num, cited)
	b.grades()
	return b.v
}

// viewBuilder fills a View; claims holds each claim's view, built once so
// that every section shows (and compares) the same *ClaimV.
type viewBuilder struct {
	s      *report.Summary
	v      *View
	claims map[*report.ClaimRow]*ClaimV
}

func (b *viewBuilder) claim(c *report.ClaimRow) *ClaimV {
	if x, ok := b.claims[c]; ok {
		return x
	}
	x := claimView(c)
	b.claims[c] = x
	return x
}

// header: the title block and the coverage sentence.
func (b *viewBuilder) header() {
	s, v := b.s, b.v
	v.Title = escape(s.Meta.Title)
	v.Subtitle = escape(s.Meta.Subtitle)
	v.AsOf = escape(s.Meta.AsOfDate.Human())
	v.Articles = s.Counts.Articles
	v.Originators = s.Counts.Originators
	v.Figures, v.Confirmed, v.Relayed = s.Counts.Figures, s.Counts.Confirmed, s.Counts.Relayed
	v.Period = escape(s.Asked.Words())
	v.Empty = s.Empty()
	v.EmptyWords = escape(s.EmptyWords())
	cov := s.Coverage
	v.Covers = cov.Reported.String()
	v.Shown = s.Shown.String()
	v.DataCovers = cov.Data.String()
	if a := cov.NewestArticle; a != nil {
		v.NewestArticle = escape(a.Date.Human())
		if a.DateInferred {
			v.NewestArticle = escape("about " + a.Date.Human())
		}
	}
	if !cov.NewestRevision.IsZero() {
		v.NewestRevision = escape(cov.NewestRevision.Human())
	}
	if r := cov.NewestReference; r != nil {
		v.NewestReference = escape(r.Date.Human())
	}
}

// claimsAndShares builds every claim's view, pairs each amount with its
// originator's count for the same period, and collects the shares.
func (b *viewBuilder) claimsAndShares() {
	for _, c := range b.s.Claims {
		x := b.claim(c)
		if c.Unit == report.UnitUSD {
			if n := b.s.CountFor(c); n != nil {
				x.Count = b.claim(n)
			}
		}
		if c.Unit == report.UnitPercent && c.By.Kind != "unattributed" {
			b.v.Shares = append(b.v.Shares, x)
		}
	}
	b.v.Shares = b.v.Shares[:min(len(b.v.Shares), MaxShares)]
}

func (b *viewBuilder) judgments() {
	js := b.s.Judgments()
	for _, p := range b.s.BottomLine() {
		b.v.BottomLine = append(b.v.BottomLine, pointView(p))
	}
	for _, p := range b.s.Unknowns(js) {
		b.v.Unknowns = append(b.v.Unknowns, pointView(p))
	}
	for _, j := range js {
		jv := &JudgmentV{Topic: escape(j.Topic), Finding: escape(j.Finding), Estimate: escape(j.Estimate),
			Confidence: escape(j.Confidence), Basis: escape(j.Basis)}
		for _, c := range j.Claims {
			jv.rs = append(jv.rs, c.Refs...)
		}
		b.v.Judgments = append(b.v.Judgments, jv)
	}
}

// keyFigures: the first MaxKeyFigures, their shared independence count,
// and what the table leaves to the workbook.
func (b *viewBuilder) keyFigures() {
	s, v := b.s, b.v
	key := map[*report.ClaimRow]bool{}
	for _, c := range s.KeyFigures[:min(len(s.KeyFigures), MaxKeyFigures)] {
		v.KeyFigures = append(v.KeyFigures, b.claim(c))
		key[c] = true
	}
	for i, c := range v.KeyFigures {
		if i == 0 {
			v.Independent = c.Independent
		} else if c.Independent != v.Independent {
			v.Independent = 0
		}
	}
	if rest := len(s.Claims) - len(v.KeyFigures); rest > 0 {
		more := &MoreV{Count: rest}
		for _, c := range s.Claims {
			if !key[c] {
				more.rs = append(more.rs, c.Refs...)
			}
		}
		v.MoreClaims = more
	}
}

// chart: the multi-year figures, the largest, the figures the chart draws
// and what it rests on.
func (b *viewBuilder) chart() {
	s, v := b.s, b.v
	for i, c := range s.Spans {
		if i < MaxSpans {
			v.Spans = append(v.Spans, b.claim(c))
			v.ChartClaims = append(v.ChartClaims, b.claim(c))
		}
	}
	if l := s.Largest(); l != nil {
		v.Largest = b.claim(l)
	}
	for _, y := range s.Years {
		for _, r := range y.ByOriginator {
			if r.Claim != nil && !slices.Contains(v.ChartClaims, b.claim(r.Claim)) {
				v.ChartClaims = append(v.ChartClaims, b.claim(r.Claim))
			}
		}
	}
	for _, c := range v.ChartClaims {
		v.ChartCite = append(v.ChartCite, c.rs...)
		for _, rv := range c.Revisions {
			v.ChartCite = append(v.ChartCite, rv.Cite...)
		}
	}
}

// incidents: the largest MaxIncidents in date order, and a count of the
// rest with their sources.
func (b *viewBuilder) incidents() {
	s, v := b.s, b.v
	shown := largest(s.Incidents, MaxIncidents)
	if rest := len(s.Incidents) - len(shown); rest > 0 {
		more := &MoreV{Count: rest}
		in := map[*report.IncidentRow]bool{}
		for _, x := range shown {
			in[x] = true
		}
		for _, x := range s.Incidents {
			if !in[x] {
				more.rs = append(more.rs, x.Refs...)
			}
		}
		v.MoreIncidents = more
	}
	slices.SortStableFunc(shown, func(a, b *report.IncidentRow) int { return a.When.First().Compare(b.When.First()) })
	for _, in := range shown {
		v.Incidents = append(v.Incidents, incidentView(in))
	}
}

func incidentView(in *report.IncidentRow) *IncidentV {
	x := &IncidentV{
		ID: escape(in.ID), Victim: escape(in.Victim), VictimType: escape(in.VictimType),
		Date: escape(nbsp(in.When.Human())), Figure: escape(nbspFigure(in.AmountWords())), Technique: escape(strings.TrimSuffix(in.Technique, ".")),
		Actor: escape(report.WithHedge(in.Actor, in.Hedge)), Basis: escape(in.Basis), Confidence: escape(in.Confidence),
		AttributionNote: escape(strings.TrimSuffix(in.AttributionNote, ".")), Note: escape(in.Note), DateNote: escape(strings.TrimSuffix(in.DateNote, ".")),
		DateCite: in.DateRefs, RangeCite: in.RangeRefs, AttributionCite: in.AttributionRefs,
		Unverified: in.Unverified, rs: in.Refs,
	}
	if in.HasRange {
		x.Range = escape(in.RangeWords())
	}
	return x
}

func (b *viewBuilder) conflicts() {
	v := b.v
	conflicts := b.s.Conflicts
	if len(conflicts) > MaxConflicts {
		v.MoreConflicts = len(conflicts) - MaxConflicts
		conflicts = conflicts[:MaxConflicts]
	}
	for _, c := range conflicts {
		x := &ConflictV{What: escape(c.Metric.Label), Period: escape(report.PeriodWords(c.Span))}
		if c.Scope != report.DPRKScope {
			x.Scope = escape(dataset.Meaning(dataset.Scopes, c.Scope))
		}
		for _, r := range c.Claims {
			x.Reports = append(x.Reports, b.claim(r))
		}
		v.Conflicts = append(v.Conflicts, x)
		if c.Metric.Unit == report.UnitUSD {
			v.ValueConflicts = append(v.ValueConflicts, x)
		}
	}
}

// relays: the figures several articles relay from one originator, and how
// each article words the most relayed figures.
func (b *viewBuilder) relays() {
	v := b.v
	for _, c := range b.s.Relays {
		if c.Independent == 1 && c.HasValue() && len(v.Relays) < MaxRelays {
			v.Relays = append(v.Relays, b.claim(c))
		}
	}
	for _, c := range b.s.Relays {
		if !c.HasValue() || len(v.Wordings) >= MaxWordings {
			continue
		}
		w := &WordingV{Claim: b.claim(c)}
		for _, row := range c.Cites {
			excerpt := ""
			if row.Excerpt != "" {
				excerpt = "“" + row.Excerpt + "”"
			}
			w.Rows = append(w.Rows, WordingRowV{Cite: RefsV{row.Ref()}, Wording: escape(nbspFigure(row.Wording)),
				Excerpt: escape(excerpt), Note: escape(strings.TrimSuffix(row.Note, "."))})
		}
		v.Wordings = append(v.Wordings, w)
	}
}

// sources: the bibliography in the numbering's order; references only
// when the first pass cited them.
func (b *viewBuilder) sources(num *report.Numbering, cited map[string]bool) {
	v := b.v
	for _, src := range num.Sources() {
		var relays []string
		for _, o := range src.Relayed {
			relays = append(relays, o.Name)
		}
		sv := &SourceV{
			N: num.N(src), Label: escape(num.Label(src)), ID: escape(src.ID), Title: escape(strings.TrimSuffix(src.Title, ".")), Outlet: escape(src.Outlet),
			Date: escape(src.Date.Human()), DateNote: escape(lowerFirst(strings.TrimSuffix(src.DateNote, "."))),
			URL: urlForAutolink(src.URL), Archive: escape(src.Archive), Relays: escape(strings.Join(relays, "; ")),
			Reliability: escape(src.Reliability), Reason: escape(src.ReliabilityReason), DateCite: src.DateRefs,
			Inferred: src.DateInferred, Reference: src.IsReference(), src: src,
		}
		if src.IsReference() {
			if cited == nil || cited[src.ID] {
				v.RefSources = append(v.RefSources, sv)
			}
		} else {
			v.Sources = append(v.Sources, sv)
		}
	}
	v.References = len(v.RefSources)
}

// grades: the Admiralty scales side by side.
func (b *viewBuilder) grades() {
	for i := range max(len(dataset.Reliability), len(dataset.Credibility)) {
		var g GradeV
		if i < len(dataset.Reliability) {
			g.Reliability, g.ReliabilityMeaning = dataset.Reliability[i].ID, dataset.Reliability[i].Meaning
		}
		if i < len(dataset.Credibility) {
			g.Credibility, g.CredibilityMeaning = dataset.Credibility[i].ID, dataset.Credibility[i].Meaning
		}
		b.v.Grades = append(b.v.Grades, g)
	}
}
