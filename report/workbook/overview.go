package workbook

import (
	"fmt"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/shopspring/decimal"
)

// overview writes the first sheet: what the workbook is built from, the
// headline counts as formulas over the other sheets, what each sheet
// holds, and the legends of the codes. Its title is in A1; it merges no
// cells (a screen reader reads merged cells out of order, and Excel's
// Accessibility Checker warns of them): each text is one cell of the wide
// column B.
func (b *builder) overview() error {
	sh := b.stream(SheetOverview, sheetSetup{widths: []float64{44, 76, 16}})
	for _, part := range []func(*sheet) error{b.overviewAbout, b.overviewCounts, b.overviewSheets, b.overviewLegends} {
		if err := part(sh); err != nil {
			return err
		}
	}
	return sh.Flush()
}

// overviewAbout: the title, the build's particulars and the period shown
// (saying so when the report is empty), and the description.
func (b *builder) overviewAbout(sh *sheet) error {
	s := b.s
	put := func(v ...any) error { return sh.put(v...) }
	period := "all years in the dataset"
	if p := s.Asked.Words(); p != "" {
		period = "claims and incidents overlapping " + p
	}
	if s.Empty() {
		period = "none: the report is empty, " + s.EmptyWords()
	}
	if err := put(text(s.Meta.Title, b.st.title)); err != nil {
		return err
	}
	if err := put(text(s.Meta.Subtitle, b.st.subtitle)); err != nil {
		return err
	}
	sh.skip(1)
	rows := [][2]string{
		{"As of", s.Meta.AsOf},
		{"Built", b.opt.Date.UTC().Format("2006-01-02")},
		{"Dataset fingerprint (SHA-256)", s.Fingerprint},
		{"Period shown", period},
	}
	if e := b.opt.Edition; e != nil {
		rows = append(rows, [2]string{"Changes since the previous edition", fmt.Sprintf("%d since the edition as of %s (fingerprint %s)", len(e.Changes), e.Since, e.Fingerprint)})
	}
	for _, r := range rows {
		if err := put(text(r[0], b.st.bold), text(r[1], b.st.top)); err != nil {
			return err
		}
	}
	return sh.put(text("About", b.st.bold), text(s.Meta.Description, b.st.wrap))
}

// overviewCounts: the headline counts, each a formula over the sheet it
// counts with Go's value cached (the same Counts --check and the briefing
// show).
func (b *builder) overviewCounts(sh *sheet) error {
	s := b.s
	sh.skip(1)
	if err := b.headerRow(sh, "Headline counts", "Count", "Formula over"); err != nil {
		return err
	}
	n := s.Counts
	years := ""
	if len(s.Years) > 0 {
		years = fmt.Sprintf("%d–%d", s.Years[0].Year, s.Years[len(s.Years)-1].Year)
	}
	counts := []struct {
		label, formula, over string
		value                any
		style                int
	}{
		{"Sources (articles and references)", "COUNTA(SourceID)", "Sources", len(s.Sources), 0},
		{"Claims", "COUNTA(ClaimID)", "Claims", len(s.Claims), 0},
		{"  of which figures", "COUNT(ClaimValue)", "Claims", n.Figures, 0},
		{"  reported by two or more articles", `COUNTIF(MatrixArticles,">=2")`, "Source matrix", n.Relayed, 0},
		{"  confirmed by two or more independent originators", `COUNTIF(MatrixIndependent,">=2")`, "Source matrix", n.Confirmed, 0},
		{"Named incidents", "COUNTA(IncidentID)", "Incidents", len(s.Incidents), 0},
		{"Years covered", `IF(COUNT(YearList)=0,"",MIN(YearList)&"–"&MAX(YearList))`, "Yearly totals", years, 0},
	}
	for _, c := range counts {
		if err := sh.put(text(c.label, b.st.top), formula(c.formula, c.value, c.style), b.sheetLink(c.over)); err != nil {
			return err
		}
	}
	return nil
}

// overviewSheets: what each sheet holds, linked.
func (b *builder) overviewSheets(sh *sheet) error {
	s := b.s
	sh.skip(1)
	if err := b.headerRow(sh, "Sheet", "Holds"); err != nil {
		return err
	}
	sheetRows := [][2]string{
		{SheetIncidents, "One row per named theft: date, amount with its qualifier and the spread of estimates, actor, attribution basis and confidence, citations."},
		{SheetClaims, "Every figure and attributable statement: value, unit, qualifier, hedge, period, scope, originator and relays, Admiralty grade and the source that earned its letter, latest revision and latest value, articles and independent originators."},
		{SheetRevisions, "Every later value a claim's originator published: its own value, qualifier, date, note and sources, worded as the Claims sheet words a figure."},
		{SheetCitations, "One row per citation: the fact it supports, the source and paragraph, how that source words the figure, the excerpt and notes."},
	}
	for i := 1; i < citationSheets(s); i++ {
		from := i*maxListRows + 1
		sheetRows = append(sheetRows, [2]string{citationSheet(i), fmt.Sprintf("Citations %s to %s, continued: a sheet holds %s rows under its header.",
			grouped(from), grouped(min(from+maxListRows-1, len(s.Citations))), grouped(maxListRows))})
	}
	sheetRows = append(sheetRows, [][2]string{
		{SheetConflicts, "Quantities reported with different values, found by the program: each figure side by side, never averaged."},
		{SheetYears, "Per year: named incidents counted, and each originator's DPRK theft figure at its latest value (as revised), with its wording; multi-year figures kept whole; a chart."},
		{SheetMatrix, "Claims × articles. Shading shows whether a figure is confirmed by independent originators or merely relayed."},
		{SheetSources, "The numbered bibliography, with the same numbers as the PDF briefing: articles [1], [2] … and references [R1], [R2] …."},
	}...)
	if b.opt.Edition != nil {
		sheetRows = append([][2]string{{SheetChanges, "What changed since the previous edition, most important first: records added, removed, renamed and changed, revisions, citations, conflicts, independence. Claims and Incidents mark what moved in their last column."}}, sheetRows...)
	}
	for _, r := range sheetRows {
		if err := sh.put(b.sheetLink(r[0]), text(r[1], b.st.wrap)); err != nil {
			return err
		}
	}
	return nil
}

// overviewLegends: the qualifiers and the codes of the grades and of
// attribution.
func (b *builder) overviewLegends(sh *sheet) error {
	legend := func(title string, rows [][2]string) error {
		sh.skip(1)
		if err := b.headerRow(sh, title, "Meaning"); err != nil {
			return err
		}
		for _, r := range rows {
			if err := sh.put(text(r[0], b.st.top), text(r[1], b.st.wrap)); err != nil {
				return err
			}
		}
		return nil
	}
	var q [][2]string
	for _, x := range dataset.Qualifiers {
		words := x.Words
		if words == "" {
			words = "(plain figure)"
		}
		q = append(q, [2]string{x.ID + ": " + words, x.Meaning})
	}
	steps := []struct {
		title string
		rows  [][2]string
	}{
		{"Qualifier", q},
		{"Source reliability (Admiralty)", codes(dataset.Reliability)},
		{"Claim credibility (Admiralty)", codes(dataset.Credibility)},
		{"Attribution basis", codes(dataset.AttributionBases)},
		{"Attribution confidence", codes(dataset.Confidences)},
	}
	for _, st := range steps {
		if err := legend(st.title, st.rows); err != nil {
			return err
		}
	}
	return nil
}

func codes(cs []dataset.Code) [][2]string {
	out := make([][2]string, len(cs))
	for i, c := range cs {
		out[i] = [2]string{c.ID, c.Meaning}
	}
	return out
}

// sheetLink is a sheet's name, linked to the sheet.
func (b *builder) sheetLink(name string) any {
	return link{cell: text(name, b.st.link), location: quote(name) + "!A1"}
}

// grouped writes a count with thousands separators.
func grouped(n int) string { return report.Grouped(decimal.NewFromInt(int64(n))) }
