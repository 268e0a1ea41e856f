package workbook

import (
	"fmt"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

func (b *builder) incidents() error {
	sh, err := b.stream(SheetIncidents, sheetSetup{
		widths: []float64{16, 18, 12, 12, 7, 15, 12, 15, 15, 40, 30, 16, 12, 11, 50, 12, 40, 40},
		freeze: true, printTitles: true, landscape: true,
	})
	if err != nil {
		return err
	}
	if err := b.headerRow(sh, "ID", "Victim", "Victim type", "Date", "Year", "Amount (USD)", "Qualifier",
		"Low (USD)", "High (USD)", "Range of estimates", "Technique", "Attributed actor", "Attribution basis",
		"Confidence", "Attribution note", "Citations", "Date note", "Note"); err != nil {
		return err
	}
	for _, in := range b.s.Incidents {
		r := sh.row + 1
		dateStyle := b.st.date
		switch in.When.Precision() {
		case dataset.PrecisionMonth:
			dateStyle = b.st.month
		case dataset.PrecisionYear:
			dateStyle = b.st.year
		}
		var date any = excelize.Cell{Value: in.When.First(), StyleID: dateStyle}
		if in.When.Precision() == dataset.PrecisionYear {
			date = excelize.Cell{Value: in.When.Year, StyleID: b.st.year}
		}
		year := formula(fmt.Sprintf("YEAR(D%d)", r), in.When.Year, b.st.year)
		if in.When.Precision() == dataset.PrecisionYear {
			year = formula(fmt.Sprintf("D%d", r), in.When.Year, b.st.year)
		}
		if err := sh.put(
			text(in.ID, b.st.top), text(in.Victim, b.st.wrap), text(in.VictimType, b.st.top), date, year,
			b.usd(in.USD, true), text(report.QualifierWords(in.Qualifier), b.st.top),
			b.usd(in.LowUSD, in.HasRange), b.usd(in.HighUSD, in.HasRange), text(in.RangeNote, b.st.wrap),
			text(in.Technique, b.st.wrap), text(in.Actor, b.st.wrap), text(in.Basis, b.st.top), text(in.Confidence, b.st.top),
			text(in.AttributionNote, b.st.wrap), b.citeLink(in.Sources), text(in.DateNote, b.st.wrap), text(in.Note, b.st.wrap),
		); err != nil {
			return err
		}
	}
	if len(b.s.Incidents) > 0 {
		if err := sh.AddTable(&excelize.Table{Range: "A1:R" + fmt.Sprint(sh.row), Name: "IncidentsTable", StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
	}
	return sh.Flush()
}

func (b *builder) claims() error {
	sh, err := b.stream(SheetClaims, sheetSetup{
		widths: []float64{24, 44, 16, 14, 8, 11, 18, 14, 6, 10, 16, 24, 18, 6, 14, 10, 8, 11, 10, 9, 44},
		freeze: true, printTitles: true, landscape: true,
	})
	if err != nil {
		return err
	}
	if err := b.headerRow(sh, "ID", "Statement", "Metric", "Value", "Unit", "Qualifier", "As a figure",
		"Period", "Year", "Scope", "Originator ID", "Originator", "Relayed via", "Grade", "Revised value",
		"Revised on", "Articles", "Independent originators", "Citations", "Period runs past the filter", "Note"); err != nil {
		return err
	}
	m := b.matrix
	for _, c := range b.s.Claims {
		r := sh.row + 1
		var value, revised, revisedOn, year any
		if c.HasValue() {
			st := b.st.number
			if c.Unit == "USD" {
				st = b.st.usd
			}
			value = excelize.Cell{Value: num(c.Amount), StyleID: st}
			if c.Revised != nil {
				revised = excelize.Cell{Value: num(c.Revised.Amount), StyleID: st}
				revisedOn = text(c.Revised.Revised.String(), b.st.top)
			}
		}
		if y, ok := c.Span.SingleYear(); ok {
			year = excelize.Cell{Value: y, StyleID: b.st.year}
		}
		var via []string
		for _, v := range c.Via {
			via = append(via, v.Name)
		}
		if err := sh.put(
			text(c.ID, b.st.top), text(c.Statement, b.st.wrap), text(c.Metric.ID, b.st.top), value, text(c.Unit, b.st.top),
			text(report.QualifierWords(c.Qualifier), b.st.top), text(c.Figure(), b.st.wrap),
			text(c.Span.String(), b.st.top), year, text(c.Scope, b.st.top), text(c.Originator.ID, b.st.top), text(c.Originator.Name, b.st.wrap),
			text(strings.Join(via, "; "), b.st.wrap), excelize.Cell{Value: c.Grade, StyleID: b.st.top},
			revised, revisedOn,
			formula(fmt.Sprintf("%s!%s", quote(SheetMatrix), cell(m.articles, r)), c.Articles(), b.st.top),
			formula(fmt.Sprintf("%s!%s", quote(SheetMatrix), cell(m.independent, r)), c.Independent, b.st.top),
			b.citeLink(c.Sources), text(yesNo(c.Straddles), b.st.top), text(c.Note, b.st.wrap),
		); err != nil {
			return err
		}
	}
	if len(b.s.Claims) > 0 {
		if err := sh.AddTable(&excelize.Table{Range: "A1:U" + fmt.Sprint(sh.row), Name: "ClaimsTable", StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
	}
	return sh.Flush()
}

// years writes the yearly totals: named incidents counted and summed per
// year, each originator's DPRK theft figure for the year, their low and
// high; then the multi-year figures as spans; and a chart of the years.
func (b *builder) years() error {
	s := b.s
	nOrig := len(s.YearOriginators)
	widths := []float64{15, 16, 22}
	for range nOrig {
		widths = append(widths, 24)
	}
	widths = append(widths, 15, 15, 9)
	sh, err := b.stream(SheetYears, sheetSetup{widths: widths, freeze: true, printTitles: true, landscape: true})
	if err != nil {
		return err
	}
	head := []string{"Year", "Named incidents", "Named incidents (USD)"}
	for _, o := range s.YearOriginators {
		head = append(head, "Reported by "+o.Name+" (USD)")
	}
	head = append(head, "Lowest report (USD)", "Highest report (USD)", "Reports")
	if err := b.headerRow(sh, head...); err != nil {
		return err
	}
	firstO, lastO := 4, 3+max(nOrig, 1)
	for _, y := range s.Years {
		r := sh.row + 1
		row := []any{
			excelize.Cell{Value: y.Year, StyleID: b.st.year},
			formula(fmt.Sprintf("COUNTIFS(IncidentYear,A%d)", r), y.Incidents, b.st.top),
			formula(fmt.Sprintf("SUMIFS(IncidentUSD,IncidentYear,A%d)", r), num(y.IncidentUSD), b.st.usd),
		}
		for i, o := range s.YearOriginators {
			crit := fmt.Sprintf(`ClaimMetric,"stolen-usd",ClaimScope,"dprk",ClaimYear,$A%d,ClaimOriginator,%s`, r, strLit(o.ID))
			var cached any = ""
			if c := y.ByOriginator[i].Claim; c != nil {
				cached = num(c.Amount)
			}
			row = append(row, formula(fmt.Sprintf(`IF(COUNTIFS(%s)=0,"",_xlfn.MAXIFS(ClaimValue,%s))`, crit, crit), cached, b.st.usd))
		}
		if nOrig == 0 {
			row = append(row, nil)
		}
		rng := fmt.Sprintf("%s:%s", cell(firstO, r), cell(lastO, r))
		var lo, hi any = "", ""
		reports := 0
		if y.HasReports {
			lo, hi = num(y.Low), num(y.High)
		}
		for _, rep := range y.ByOriginator {
			if rep.Claim != nil {
				reports++
			}
		}
		row = append(row,
			formula(fmt.Sprintf(`IF(COUNT(%s)=0,"",MIN(%s))`, rng, rng), lo, b.st.usd),
			formula(fmt.Sprintf(`IF(COUNT(%s)=0,"",MAX(%s))`, rng, rng), hi, b.st.usd),
			formula(fmt.Sprintf(`COUNT(%s)`, rng), reports, b.st.top),
		)
		if err := sh.put(row...); err != nil {
			return err
		}
	}
	lastYearRow := sh.row
	if len(s.Years) > 0 {
		if err := sh.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:%s", cell(lastO+3, lastYearRow)), Name: "YearlyTable", StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
	}

	// Multi-year figures, kept whole.
	sh.skip(1)
	if err := sh.put(text("Multi-year figures: shown as reported, never split into years", b.st.bold)); err != nil {
		return err
	}
	if err := b.headerRow(sh, "Period", "Value (USD)", "As reported", "Originator", "Claim", "Citations"); err != nil {
		return err
	}
	for _, c := range s.Spans {
		if err := sh.put(text(c.Span.Human(), b.st.top), b.usd(c.Amount, true), text(c.Figure(), b.st.top),
			text(c.Originator.Name, b.st.wrap), text(c.ID, b.st.top), b.citeLink(c.Sources)); err != nil {
			return err
		}
	}
	if len(s.Spans) == 0 {
		if err := sh.put(text("(none)", b.st.note)); err != nil {
			return err
		}
	}
	sh.skip(1)
	if err := sh.put(text("Each originator column is that originator's own figure for the year; figures from different originators are never added together.", b.st.aside)); err != nil {
		return err
	}
	if len(s.Years) > 0 {
		// The chart starts a printed page of its own rather than being cut.
		if err := sh.InsertPageBreak(cell(1, sh.row+1)); err != nil {
			return err
		}
		if err := b.yearChart(sh.row+2, lastYearRow, firstO, nOrig); err != nil {
			return err
		}
	}
	return sh.Flush()
}

func (b *builder) yearChart(atRow, lastYearRow, firstO, nOrig int) error {
	sheet := quote(SheetYears)
	cats := fmt.Sprintf("%s!$A$2:$A$%d", sheet, lastYearRow)
	colours := []string{"1F3864", "C55A11", "548235", "7030A0", "BF8F00", "2E75B6"}
	series := []excelize.ChartSeries{{
		Name: fmt.Sprintf("%s!$C$1", sheet), Categories: cats,
		Values: fmt.Sprintf("%s!$C$2:$C$%d", sheet, lastYearRow),
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"A6A6A6"}},
	}}
	for i := range nOrig {
		c := col(firstO + i)
		series = append(series, excelize.ChartSeries{
			Name: fmt.Sprintf("%s!$%s$1", sheet, c), Categories: cats,
			Values: fmt.Sprintf("%s!$%s$2:$%s$%d", sheet, c, c, lastYearRow),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colours[i%len(colours)]}},
		})
	}
	return b.f.AddChart(SheetYears, cell(1, atRow), &excelize.Chart{
		Type:         excelize.Col,
		Series:       series,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "DPRK-attributed theft by year, as each originator reported it (USD)"}}},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		YAxis:        excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: `"$"#,##0,,"M"`}},
		Dimension:    excelize.ChartDimension{Width: 900, Height: 380},
		PlotArea:     excelize.ChartPlotArea{ShowVal: false},
		ShowBlanksAs: "gap",
	})
}

// sourceMatrix writes claims × articles: 1 where an article reports the
// claim; per-claim article counts and independent originators, per-article
// claim counts; shading by how a claim is sourced.
func (b *builder) sourceMatrix() error {
	s := b.s
	m := b.matrix
	widths := []float64{28, 22, 34}
	for range max(len(s.Sources), 1) {
		widths = append(widths, 7)
	}
	widths = append(widths, 9, 12, 34, 8)
	sh, err := b.stream(SheetMatrix, sheetSetup{widths: widths, freeze: true, printTitles: true, landscape: true})
	if err != nil {
		return err
	}
	head := []any{text("Claim", b.st.header), text("As a figure", b.st.header), text("Originator", b.st.header)}
	longest := 0
	for _, src := range s.Sources {
		label := fmt.Sprintf("[%d] %s", src.N, src.ID)
		longest = max(longest, len(label))
		head = append(head, text(label, b.st.rotated))
	}
	if len(s.Sources) == 0 {
		head = append(head, text("(no sources)", b.st.rotated))
	}
	for _, h := range []string{"Articles", "Independent originators", "Quantity (metric | scope | period | value)", "First of its originator"} {
		head = append(head, text(h, b.st.header))
	}
	sh.row++
	if err := sh.SetRow("A1", head, excelize.RowOpts{Height: min(float64(longest)*7.2+10, 409)}); err != nil {
		return err
	}
	// Go's own count of first reports, to cache the helper column.
	firstSeen := map[string]bool{}
	// One row buffer for all claims: a row is as wide as the bibliography,
	// but only the articles a claim cites are set (sources are in number
	// order, so source N is column firstSrc+N-1).
	nSrc := max(len(s.Sources), 1)
	buf := make([]any, 3+nSrc, 3+nSrc+4)
	one := excelize.Cell{Value: 1}
	for _, c := range s.Claims {
		r := sh.row + 1
		row := buf[:3+nSrc]
		clear(row)
		row[0], row[1], row[2] = text(c.ID, b.st.top), text(c.Figure(), b.st.top), text(c.Originator.Name, b.st.top)
		for _, src := range c.Sources {
			row[3+src.N-1] = one
		}
		key := quantityKey(c)
		pair := key + "\x00" + c.Originator.Name
		first := 0
		if !firstSeen[pair] {
			first = 1
			firstSeen[pair] = true
		}
		row = append(row,
			formula(fmt.Sprintf("SUM(%s:%s)", cell(m.firstSrc, r), cell(m.lastSrc, r)), c.Articles(), b.st.top),
			formula(fmt.Sprintf("SUMIFS(MatrixFirst,MatrixKey,%s)", cell(m.key, r)), c.Independent, b.st.top),
			text(key, b.st.top),
			formula(fmt.Sprintf("IF(COUNTIFS($%s$2:%s,%s,$C$2:C%d,C%d)=1,1,0)",
				col(m.key), cell(m.key, r), cell(m.key, r), r, r), first, b.st.top),
		)
		if err := sh.put(row...); err != nil {
			return err
		}
	}
	last := b.lastClaim
	totals := []any{text("Claims citing the article", b.st.bold), nil, nil}
	for i, src := range s.Sources {
		c := col(m.firstSrc + i)
		totals = append(totals, formula(fmt.Sprintf("SUM(%s2:%s%d)", c, c, last), src.Claims, b.st.bold))
	}
	sh.row = max(sh.row, last)
	if err := sh.put(totals...); err != nil {
		return err
	}
	sh.skip(1)
	for _, l := range []struct{ fill, text string }{
		{fillGreen, "Confirmed: two or more independent originators report the same value."},
		{fillAmber, "Relayed: several articles repeat one originator's figure; repetition is not corroboration."},
		{fillBlue, "Reported by one article."},
	} {
		style, err := b.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{l.fill}}})
		if err != nil {
			return err
		}
		if err := sh.put(excelize.Cell{Value: "1", StyleID: style}, text(l.text, b.st.top)); err != nil {
			return err
		}
	}
	rng := fmt.Sprintf("%s:%s", cell(m.firstSrc, 2), cell(m.lastSrc, last))
	tl := cell(m.firstSrc, 2)
	arts, ind := "$"+col(m.articles)+"2", "$"+col(m.independent)+"2"
	if err := b.f.SetConditionalFormat(SheetMatrix, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(%s=1,%s>=2)", tl, ind), Format: &b.st.hiGreen, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("AND(%s=1,%s>=2)", tl, arts), Format: &b.st.hiAmber, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("%s=1", tl), Format: &b.st.hiBlue, StopIfTrue: true},
	}); err != nil {
		return err
	}
	return sh.Flush()
}

// quantityKey names what a claim measures and the value it gives; claims
// with equal keys from different originators confirm each other. A
// statement, or a figure with no period, is its own quantity.
func quantityKey(c *report.ClaimRow) string {
	if !c.HasValue() || c.Span.IsZero() {
		return c.ID
	}
	return strings.Join([]string{c.Metric.ID, c.Scope, c.Span.String(), c.Amount.String()}, " | ")
}

func (b *builder) sources() error {
	sh, err := b.stream(SheetSources, sheetSetup{
		widths: []float64{5, 22, 40, 20, 11, 10, 8, 20, 24, 30, 10, 40, 8, 36, 30},
		freeze: true, printTitles: true, landscape: true,
	})
	if err != nil {
		return err
	}
	if err := b.headerRow(sh, "No.", "ID", "Title", "Outlet", "Author", "Published", "Date inferred",
		"URL", "Archived copy", "Relays", "Reliability", "Reliability reason", "Claims citing", "Date note", "Note"); err != nil {
		return err
	}
	m := b.matrix
	for i, src := range b.s.Sources {
		var relays []string
		for _, o := range src.Relayed {
			relays = append(relays, o.Name)
		}
		var url any
		if src.URL != "" {
			url = formula(fmt.Sprintf("HYPERLINK(%s,%s)", strLit(src.URL), strLit(src.URL)), src.URL, b.st.link)
		} else {
			url = text("(not known)", b.st.note)
		}
		c := col(m.firstSrc + i)
		if err := sh.put(
			excelize.Cell{Value: src.N, StyleID: b.st.top}, text(src.ID, b.st.top), text(src.Title, b.st.wrap), text(src.Outlet, b.st.wrap),
			text(orUnknown(src.Author), b.st.top), text(src.Date.String(), b.st.top), text(yesNo(src.DateInferred), b.st.top), url,
			text(src.Archive, b.st.top), text(strings.Join(relays, "; "), b.st.wrap), text(src.Reliability, b.st.top),
			text(src.ReliabilityReason, b.st.wrap),
			formula(fmt.Sprintf("SUM(%s!$%s$2:$%s$%d)", quote(SheetMatrix), c, c, b.lastClaim), src.Claims, b.st.top),
			text(src.DateNote, b.st.wrap), text(src.Note, b.st.wrap),
		); err != nil {
			return err
		}
	}
	if len(b.s.Sources) > 0 {
		if err := sh.AddTable(&excelize.Table{Range: "A1:O" + fmt.Sprint(sh.row), Name: "SourcesTable", StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
	}
	return sh.Flush()
}

func orUnknown(s string) string {
	if s == "" {
		return "(not known)"
	}
	return s
}

func (b *builder) overview() error {
	s := b.s
	sh, err := b.stream(SheetOverview, sheetSetup{widths: []float64{44, 22, 60}})
	if err != nil {
		return err
	}
	put := func(v ...any) error { return sh.put(v...) }
	period := "all years in the dataset"
	if s.From != 0 || s.To != 0 {
		period = fmt.Sprintf("claims and incidents overlapping %s", yearsText(s.From, s.To))
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
	for _, r := range rows {
		if err := put(text(r[0], b.st.bold), text(r[1], b.st.top)); err != nil {
			return err
		}
	}
	if err := sh.putMerged(text("About", b.st.bold), text(s.Meta.Description, b.st.wrap)); err != nil {
		return err
	}
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
		{"Articles (sources)", "COUNTA(SourceID)", "Sources", len(s.Sources), 0},
		{"Claims", "COUNTA(ClaimID)", "Claims", len(s.Claims), 0},
		{"  of which figures", "COUNT(ClaimValue)", "Claims", n.Figures, 0},
		{"  reported by two or more articles", `COUNTIF(MatrixArticles,">=2")`, "Source matrix", n.Relayed, 0},
		{"  confirmed by two or more independent originators", `COUNTIF(MatrixIndependent,">=2")`, "Source matrix", n.Confirmed, 0},
		{"Named incidents", "COUNTA(IncidentID)", "Incidents", len(s.Incidents), 0},
		{"Named incidents, total as reported (USD)", "SUM(IncidentUSD)", "Incidents", num(n.IncidentUSD), b.st.usd},
		{"Years covered", `IF(COUNT(YearList)=0,"",MIN(YearList)&"–"&MAX(YearList))`, "Yearly totals", years, 0},
	}
	for _, c := range counts {
		if err := put(text(c.label, b.st.top), formula(c.formula, c.value, c.style), b.sheetLink(c.over)); err != nil {
			return err
		}
	}
	sh.skip(1)
	if err := b.headerRow(sh, "Sheet", "Holds", ""); err != nil {
		return err
	}
	for _, r := range [][2]string{
		{SheetIncidents, "One row per named theft: date, amount with its qualifier and the spread of estimates, actor, attribution basis and confidence, citations."},
		{SheetClaims, "Every figure and attributable statement: value, unit, qualifier, period, scope, originator and relays, grade, later revision, articles and independent originators."},
		{SheetYears, "Per year: named incidents counted and summed, and each originator's DPRK theft figure; multi-year figures kept whole; a chart."},
		{SheetMatrix, "Claims × articles. Shading shows whether a figure is confirmed by independent originators or merely relayed."},
		{SheetSources, "The numbered bibliography, with the same numbers as the PDF briefing."},
	} {
		if err := sh.putMerged(b.sheetLink(r[0]), text(r[1], b.st.wrap)); err != nil {
			return err
		}
	}
	legend := func(title string, rows [][2]string) error {
		sh.skip(1)
		if err := b.headerRow(sh, title, "Meaning", ""); err != nil {
			return err
		}
		for _, r := range rows {
			if err := sh.putMerged(text(r[0], b.st.top), text(r[1], b.st.wrap)); err != nil {
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
	return sh.Flush()
}

func codes(cs []dataset.Code) [][2]string {
	out := make([][2]string, len(cs))
	for i, c := range cs {
		out[i] = [2]string{c.ID, c.Meaning}
	}
	return out
}

func (b *builder) sheetLink(name string) any {
	return formula(fmt.Sprintf(`HYPERLINK("#%s!A1",%s)`, quote(name), strLit(name)), name, b.st.link)
}

func yearsText(from, to int) string {
	switch {
	case from != 0 && to != 0:
		return fmt.Sprintf("%d–%d", from, to)
	case from != 0:
		return fmt.Sprintf("%d onwards", from)
	}
	return fmt.Sprintf("up to %d", to)
}
