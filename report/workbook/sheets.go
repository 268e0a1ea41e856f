package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

func (b *builder) incidents() error {
	edition := b.opt.Edition != nil
	headers := []string{"ID", "Victim", "Victim type", "Date", "Year", "Amount (USD)", "Qualifier", "Amount matches a published estimate",
		"Low estimate (USD)", "High estimate (USD)", "Range of estimates", "Technique", "Attributed actor", "Attribution hedge", "Attribution basis",
		"Confidence", "Attribution note", "Citations", "Date note", "Note"}
	if edition {
		headers = append(headers, b.changedHeader())
	}
	return b.list(list{
		name: SheetIncidents, headers: headers, table: "IncidentsTable", count: len(b.s.Incidents),
		setup: sheetSetup{
			widths: b.withChanged(16, 18, 12, 12, 7, 15, 12, 11, 15, 15, 40, 30, 16, 24, 12, 11, 50, 16, 40, 40),
			freeze: true, printTitles: true, landscape: true,
		},
		rows: func(put func(values ...any) error) error {
			for i, in := range b.s.Incidents {
				r := i + 2
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
				year := formula("YEAR(D"+strconv.Itoa(r)+")", in.When.Year, b.st.year)
				if in.When.Precision() == dataset.PrecisionYear {
					year = formula("D"+strconv.Itoa(r), in.When.Year, b.st.year)
				}
				cells := []any{
					text(in.ID, b.st.top), text(in.Victim, b.st.wrap), text(in.VictimType, b.st.top), date, year,
					b.usd(in.USD, true), text(qualifierText(in.Qualifier), b.st.top), text(yesNo(!in.Unverified), b.st.top),
					b.usd(in.LowUSD, in.HasRange), b.usd(in.HighUSD, in.HasRange), text(in.RangeNote, b.st.wrap),
					text(in.Technique, b.st.wrap), text(in.Actor, b.st.wrap), text(in.Hedge, b.st.wrap), text(in.Basis, b.st.top), text(in.Confidence, b.st.top),
					text(in.AttributionNote, b.st.wrap), b.citeLink(in.Refs, in.FirstCite), text(in.DateNote, b.st.wrap), text(in.Note, b.st.wrap),
				}
				if edition {
					cells = append(cells, text(b.opt.Edition.IncidentMoved(in), b.st.top))
				}
				if err := put(cells...); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

func (b *builder) claims() error {
	edition := b.opt.Edition != nil
	headers := []string{"ID", "Statement", "Metric", "Value", "Unit", "Qualifier", "Hedge", "As a figure",
		"Period", "Year", "Scope", "Originator ID", "Originator", "Relayed via", "Grade", "Latest revision",
		"Revision qualifier", "Revised on", "Articles", "Independent originators", "Citations", "Period runs past the filter", "Note",
		"Highest of its originator's theft figures for the year", "Grade from"}
	if edition {
		headers = append(headers, b.changedHeader())
	}
	m := b.matrix
	return b.list(list{
		name: SheetClaims, headers: headers, table: "ClaimsTable", count: len(b.s.Claims),
		setup: sheetSetup{
			widths: b.withChanged(24, 44, 16, 14, 8, 12, 24, 26, 14, 6, 10, 16, 24, 18, 8, 14, 12, 11, 9, 11, 18, 9, 44, 14, 28),
			freeze: true, printTitles: true, landscape: true,
		},
		rows: func(put func(values ...any) error) error {
			for i, c := range b.s.Claims {
				r := i + 2
				var value, revised, revisedQ, revisedOn, year any
				if c.HasValue() {
					st := b.st.number
					if c.Unit == "USD" {
						st = b.st.usd
					}
					value = excelize.Cell{Value: num(c.Amount), StyleID: st}
					if r := c.LatestRevision(); r != nil {
						revised = excelize.Cell{Value: num(r.Amount), StyleID: st}
						revisedQ = text(qualifierText(r.Qualifier), b.st.top)
						revisedOn = text(r.Revised.String(), b.st.top)
					}
				}
				if y, ok := c.Span.SingleYear(); ok {
					year = excelize.Cell{Value: y, StyleID: b.st.year}
				}
				var via []string
				for _, v := range c.RelayedVia {
					via = append(via, v.Name)
				}
				cells := []any{
					text(c.ID, b.st.top), text(c.Statement, b.st.wrap), text(c.Measure.ID, b.st.top), value, text(c.Unit, b.st.top),
					text(qualifierText(c.Qualifier), b.st.top), text(c.Hedge, b.st.wrap), text(c.Hedged(), b.st.wrap),
					text(c.Span.String(), b.st.top), year, text(c.Scope, b.st.top), text(c.By.ID, b.st.top), text(c.By.Name, b.st.wrap),
					text(strings.Join(via, "; "), b.st.wrap), text(c.Admiralty(), b.st.top),
					revised, revisedQ, revisedOn,
					formula(fmt.Sprintf("%s!%s", quote(SheetMatrix), cell(m.articles, r)), c.Articles(), b.st.top),
					formula(fmt.Sprintf("%s!%s", quote(SheetMatrix), cell(m.independent, r)), c.Independent, b.st.top),
					b.citeLink(c.Refs, c.FirstCite), text(yesNo(c.Straddles), b.st.top), text(c.Note, b.st.wrap),
					formula(yearTopFormula(r), boolInt(b.s.IsYearHighest(c)), b.st.top),
					text(c.GradeFrom(b.num), b.st.wrap),
				}
				if edition {
					cells = append(cells, text(b.opt.Edition.ClaimMoved(c), b.st.top))
				}
				if err := put(cells...); err != nil {
					return err
				}
			}
			return nil
		},
	})
}

// years writes the yearly table: named incidents counted per year (their
// amounts are never added: each has its own sources), each originator's
// DPRK theft figure for the year (its highest when it gives several, with
// the count), the lowest and highest of those side by side; then the
// multi-year figures as spans; and a chart of the years.
func (b *builder) years() error {
	s := b.s
	nOrig := len(s.YearOriginators)
	widths := []float64{9, 12}
	for range nOrig {
		widths = append(widths, 17, 30)
	}
	widths = append(widths, 15, 15, 9, 40)
	sh := b.stream(SheetYears, sheetSetup{widths: widths, freeze: true, printTitles: true, landscape: true})
	head := []string{"Year", "Named incidents"}
	for _, o := range s.YearOriginators {
		head = append(head, report.Capital(o.Name)+": highest figure (USD)", report.Capital(o.Name)+": as worded")
	}
	head = append(head, "Lowest figure (USD)", "Highest figure (USD)", "Originators reporting", "Lowest to highest, as worded")
	if err := b.headerRow(sh, head...); err != nil {
		return err
	}
	for _, y := range s.Years {
		if err := sh.put(b.yearRow(y, sh.row+1)...); err != nil {
			return err
		}
	}
	lastYearRow := sh.row
	lastCol := yearFirstOrig + 2*max(nOrig, 1) + 3
	if nOrig == 0 {
		lastCol = yearFirstOrig + 4
	}
	if len(s.Years) > 0 {
		if err := sh.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:%s", cell(lastCol, lastYearRow)), Name: "YearlyTable", StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
	}
	if err := b.spansTable(sh); err != nil {
		return err
	}
	if len(s.Years) > 0 && nOrig > 0 {
		// The chart starts a printed page of its own rather than being cut.
		if err := sh.InsertPageBreak(cell(1, sh.row+1)); err != nil {
			return err
		}
		// Added once the sheet streams: excelize anchors the chart by the
		// column widths, which are set only then.
		at := sh.row + 2
		if err := sh.do(func(*excelize.StreamWriter) error { return b.yearChart(at, lastYearRow, yearFirstOrig, nOrig) }); err != nil {
			return err
		}
	}
	return sh.Flush()
}

// yearFirstOrig is the yearly table's first originator column: each
// originator has two, its highest figure and that figure as worded.
const yearFirstOrig = 3

// yearRow is the yearly table's row r for year y: the incidents counted,
// each originator's highest theft figure for the year (a formula over the
// Claims sheet with the criteria of report.IsTheft), and the lowest and
// highest of those.
func (b *builder) yearRow(y *report.YearRow, r int) []any {
	row := []any{
		excelize.Cell{Value: y.Year, StyleID: b.st.year},
		formula(fmt.Sprintf("COUNTIFS(IncidentYear,A%d)", r), y.Incidents, b.st.top),
	}
	var valueCells []string
	for i, o := range b.s.YearOriginators {
		// The highest of the originator's figures for the year, in
		// functions every reader has (Excel 2010, LibreOffice, Gnumeric).
		crit := theftCriteria(fmt.Sprintf("$A%d", r), strLit(o.ID))
		rep := y.ByOriginator[i]
		var cached any = ""
		worded := ""
		if c := rep.Claim; c != nil {
			cached = num(c.Amount)
			worded = c.Hedged()
			if rep.Count > 1 {
				worded += fmt.Sprintf("; highest of its %d figures for the year", rep.Count)
			}
		}
		valueCells = append(valueCells, cell(yearFirstOrig+2*i, r))
		row = append(row,
			// The mean of the figures flagged highest on Claims (equal,
			// when several tie): the highest, without array formulas.
			formula(fmt.Sprintf(`IF(COUNTIFS(%s)=0,"",SUMIFS(ClaimValue,%s,ClaimTop,1)/COUNTIFS(%s,ClaimTop,1))`, crit, crit, crit), cached, b.st.usd),
			text(worded, b.st.wrap))
	}
	list := strings.Join(valueCells, ",")
	if len(b.s.YearOriginators) == 0 {
		list = cell(yearFirstOrig, r)
		row = append(row, nil)
	}
	var lo, hi any = "", ""
	reports, worded := 0, ""
	if y.HasReports {
		lo, hi = num(y.Low.Amount), num(y.High.Amount)
		worded = y.Low.Hedged() + " (" + y.Low.By.Name + ")"
		if y.High != y.Low {
			worded += " to " + y.High.Hedged() + " (" + y.High.By.Name + ")"
		}
	}
	for _, rep := range y.ByOriginator {
		if rep.Claim != nil {
			reports++
		}
	}
	return append(row,
		formula(fmt.Sprintf(`IF(COUNT(%s)=0,"",MIN(%s))`, list, list), lo, b.st.usd),
		formula(fmt.Sprintf(`IF(COUNT(%s)=0,"",MAX(%s))`, list, list), hi, b.st.usd),
		formula(fmt.Sprintf(`COUNT(%s)`, list), reports, b.st.top),
		text(worded, b.st.wrap),
	)
}

// spansTable writes the multi-year figures under the yearly table, kept
// whole, and the note that nothing is added up.
func (b *builder) spansTable(sh *sheet) error {
	sh.skip(1)
	if err := sh.put(text("Multi-year figures: shown as reported, never split into years or set against the years' figures", b.st.bold)); err != nil {
		return err
	}
	if err := b.headerRow(sh, "Period", "Value (USD)", "As worded", "Measure", "Originator", "Claim", "Citations"); err != nil {
		return err
	}
	for _, c := range b.s.Spans {
		if err := sh.put(text(c.Span.Human(), b.st.top), b.usd(c.Amount, true), text(c.Hedged(), b.st.wrap), text(c.Measure.Label, b.st.wrap),
			text(c.By.Name, b.st.wrap), text(c.ID, b.st.top), b.citeLink(c.Refs, c.FirstCite)); err != nil {
			return err
		}
	}
	if len(b.s.Spans) == 0 {
		if err := sh.put(text("(none)", b.st.note)); err != nil {
			return err
		}
	}
	sh.skip(1)
	return sh.put(text("Each originator column is that originator's own figure for the year: its highest when it gives several. Figures from different originators, and amounts of named incidents, are never added together.", b.st.aside))
}

func (b *builder) yearChart(atRow, lastYearRow, firstO, nOrig int) error {
	sheet := quote(SheetYears)
	cats := fmt.Sprintf("%s!$A$2:$A$%d", sheet, lastYearRow)
	colours := []string{"1F3864", "C55A11", "548235", "7030A0", "BF8F00", "2E75B6"}
	var series []excelize.ChartSeries
	for i := range nOrig {
		c := col(firstO + 2*i)
		series = append(series, excelize.ChartSeries{
			Name: fmt.Sprintf("%s!$%s$1", sheet, c), Categories: cats,
			Values: fmt.Sprintf("%s!$%s$2:$%s$%d", sheet, c, c, lastYearRow),
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colours[i%len(colours)]}},
		})
	}
	// Axis labels in near-black at 10 pt with axis titles: excelize's
	// default is a light grey that prints as almost nothing.
	ink := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "Calibri", Size: size, Color: "262626", Bold: bold}
	}
	title := func(s string) excelize.ChartTitle {
		return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: ink(10, true)}}}
	}
	return b.f.AddChart(SheetYears, cell(1, atRow), &excelize.Chart{
		Type:   excelize.Col,
		Series: series,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
			Text: "DPRK-attributed theft by year: each originator's highest figure (USD); qualifiers and hedges are in the table",
			Font: ink(12, true),
		}}},
		Legend: excelize.ChartLegend{Position: "bottom", Font: ink(10, false)},
		XAxis:  excelize.ChartAxis{Font: *ink(10, false), Title: title("Year")},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: *ink(10, false), Title: title("USD, millions"),
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: `"$"#,##0,,"M"`}},
		Dimension:    excelize.ChartDimension{Width: 1100, Height: 480},
		PlotArea:     excelize.ChartPlotArea{ShowVal: false},
		ShowBlanksAs: "gap",
	})
}

// sourceMatrix writes claims × articles: 1 where an article reports the
// claim; per-claim article counts and independent originators, per-article
// claim counts; shading by how a claim is sourced.
func (b *builder) sourceMatrix() error {
	m := b.matrix
	widths := []float64{28, 30, 34}
	for range max(b.articles, 1) {
		widths = append(widths, 7)
	}
	widths = append(widths, 9, 12, 44, 10)
	sh := b.stream(SheetMatrix, sheetSetup{widths: widths, freeze: true, printTitles: true, landscape: true})
	if err := b.matrixHeader(sh); err != nil {
		return err
	}
	// Go's own count of first reports, to cache the helper column.
	firstSeen := map[string]bool{}
	// One row buffer for all claims: a row is as wide as the bibliography,
	// but only the articles a claim cites are set (sources are in number
	// order, so source N is column firstSrc+N-1).
	nSrc := max(b.articles, 1)
	buf := make([]any, 3+nSrc, 3+nSrc+4)
	one := excelize.Cell{Value: 1, StyleID: b.st.top}
	for _, c := range b.s.Claims {
		r := sh.row + 1
		row := buf[:3+nSrc]
		clear(row)
		row[0], row[1], row[2] = text(c.ID, b.st.top), text(c.Hedged(), b.st.wrap), text(c.By.Name, b.st.wrap)
		for _, src := range c.Sources {
			if i := b.srcIndex[src]; i < b.articles {
				row[3+i] = one
			}
		}
		// The key is report.ValueKey: SUMIFS over it counts the
		// independent originators as Independent does.
		key := report.ValueKey(c)
		pair := key + "\x00" + c.By.ID
		first := 0
		if !firstSeen[pair] {
			first = 1
			firstSeen[pair] = true
		}
		row = append(row,
			formula(fmt.Sprintf("SUM(%s:%s)", cell(m.firstSrc, r), cell(m.lastSrc, r)), c.Articles(), b.st.top),
			formula(fmt.Sprintf("SUMIFS(MatrixFirst,MatrixKey,%s)", cell(m.key, r)), c.Independent, b.st.top),
			text(key, b.st.wrap),
			// The originator by id (Claims!L, the same row), as the
			// report counts it: two originators may share a name.
			formula(fmt.Sprintf("IF(COUNTIFS($%s$2:%s,%s,%s!$L$2:$L%d,%s!$L%d)=1,1,0)",
				col(m.key), cell(m.key, r), cell(m.key, r), quote(SheetClaims), r, quote(SheetClaims), r), first, b.st.top),
		)
		if err := sh.put(row...); err != nil {
			return err
		}
	}
	if err := b.matrixFooter(sh); err != nil {
		return err
	}
	return sh.Flush()
}

// matrixHeader writes the Source matrix's header: the claim columns, one
// rotated column per article, and the count and key columns.
func (b *builder) matrixHeader(sh *sheet) error {
	head := []any{text("Claim", b.st.header), text("As a figure", b.st.header), text("Originator", b.st.header)}
	longest := 0
	for _, src := range b.num.Sources()[:b.articles] {
		label := fmt.Sprintf("[%s] %s", b.num.Label(src), src.ID)
		longest = max(longest, len(label))
		head = append(head, text(label, b.st.rotated))
	}
	if b.articles == 0 {
		head = append(head, text("(no sources)", b.st.rotated))
	}
	for _, h := range []string{"Articles", "Independent originators", "Quantity (metric | scope | period | value)", "First of its originator"} {
		head = append(head, text(h, b.st.header))
	}
	for i, h := range head {
		if c := h.(excelize.Cell); c.StyleID == b.st.header {
			sh.widen(i, c.Value.(string))
		}
	}
	sh.row++
	return sh.SetRow("A1", head, excelize.RowOpts{Height: min(float64(longest)*7.2+10, 409)})
}

// matrixFooter writes the per-article totals, the shading legend and the
// conditional formats that shade the matrix.
func (b *builder) matrixFooter(sh *sheet) error {
	m := b.matrix
	last := b.lastClaim
	totals := []any{text("Claims citing the article", b.st.bold), nil, nil}
	for i, src := range b.num.Sources()[:b.articles] {
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
	return b.f.SetConditionalFormat(SheetMatrix, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(%s=1,%s>=2)", tl, ind), Format: &b.st.hiGreen, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("AND(%s=1,%s>=2)", tl, arts), Format: &b.st.hiAmber, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("%s=1", tl), Format: &b.st.hiBlue, StopIfTrue: true},
	})
}

// theftCriteria are the COUNTIFS/SUMIFS criteria over the Claims sheet
// that select one originator's single-year theft figures for a year:
// report.IsTheft in formula form, its literals taken from the same
// constants (a single year implies a dated period).
func theftCriteria(year, originator string) string {
	return fmt.Sprintf("ClaimMetric,%s,ClaimScope,%s,ClaimYear,%s,ClaimOriginator,%s",
		strLit(report.TheftMetric), strLit(report.DPRKScope), year, originator)
}

// yearTopFormula is the Claims sheet's "highest of its originator's theft
// figures for the year" for row r: 1 when the row is a single-year theft
// figure (report.IsTheft) that no figure of the same originator for the
// same year exceeds, as Summary.IsYearHighest decides.
func yearTopFormula(r int) string {
	return fmt.Sprintf(`IF(AND(C%d=%s,K%d=%s,ISNUMBER(J%d)),IF(COUNTIFS(%s,ClaimValue,">"&D%d)=0,1,0),0)`,
		r, strLit(report.TheftMetric), r, strLit(report.DPRKScope), r, theftCriteria(fmt.Sprintf("J%d", r), fmt.Sprintf("L%d", r)), r)
}

func (b *builder) sources() error {
	sh := b.stream(SheetSources, sheetSetup{
		widths: []float64{5, 22, 40, 20, 11, 10, 8, 20, 24, 30, 10, 40, 8, 36, 30, 10},
		freeze: true, printTitles: true, landscape: true,
	})
	if err := b.headerRow(sh, "No.", "ID", "Title", "Outlet", "Author", "Published", "Date inferred",
		"URL", "Archived copy", "Relays", "Reliability", "Reliability reason", "Claims citing", "Date note", "Note", "Kind"); err != nil {
		return err
	}
	m := b.matrix
	for i, src := range b.num.Sources() {
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
		var claims any = excelize.Cell{Value: src.Claims, StyleID: b.st.top}
		if i < b.articles {
			c := col(m.firstSrc + i)
			claims = formula(fmt.Sprintf("SUM(%s!$%s$2:$%s$%d)", quote(SheetMatrix), c, c, b.lastClaim), src.Claims, b.st.top)
		}
		archive := text(src.Archive, b.st.top)
		if src.IsReference() {
			archive = text("(reference: no archived copy)", b.st.note)
		}
		if err := sh.put(
			text(b.num.Label(src), b.st.top), text(src.ID, b.st.top), text(src.Title, b.st.wrap), text(src.Outlet, b.st.wrap),
			text(orUnknown(src.Author), b.st.top), text(src.Date.String(), b.st.top), text(yesNo(src.DateInferred), b.st.top), url,
			archive, text(strings.Join(relays, "; "), b.st.wrap), text(src.Reliability, b.st.top),
			text(src.ReliabilityReason, b.st.wrap), claims,
			text(src.DateNote+b.dateRefs(src), b.st.wrap), text(src.Note, b.st.wrap), text(src.Kind, b.st.top),
		); err != nil {
			return err
		}
	}
	if len(b.s.Sources) > 0 {
		if err := sh.AddTable(&excelize.Table{Range: "A1:P" + fmt.Sprint(sh.row), Name: "SourcesTable", StyleName: "TableStyleLight9"}); err != nil {
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

// dateRefs names the sources of a source's inferred date: " [R1] [3 ¶12]".
func (b *builder) dateRefs(src *report.SourceRow) string {
	if len(src.DateRefs) == 0 {
		return ""
	}
	return " " + b.num.Cite(src.DateRefs)
}

// qualifierText is a qualifier as a cell shows it beside its number.
func qualifierText(id string) string {
	if w := report.QualifierWords(id); w != "" {
		return w
	}
	return "(plain figure)"
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// citations writes one row per citation.
func (b *builder) citations() error {
	all := b.s.Citations
	for i := range citationSheets(b.s) {
		part := all[min(i*maxListRows, len(all)):min((i+1)*maxListRows, len(all))]
		table := "CitationsTable"
		if i > 0 {
			table += strconv.Itoa(i + 1)
		}
		err := b.list(list{
			name: citationSheet(i), table: table, count: len(part),
			headers: []string{"No.", "Record", "Record ID", "Supports", "Source", "Source kind", "Para.",
				"The source's wording of the figure", "Excerpt", "Note", "Why the wording differs"},
			setup: sheetSetup{
				widths: []float64{6, 9, 24, 12, 36, 10, 7, 28, 50, 40, 30},
				freeze: true, printTitles: true, landscape: true,
			},
			rows: func(put func(values ...any) error) error {
				for _, c := range part {
					var para any
					if c.Para > 0 {
						para = excelize.Cell{Value: c.Para, StyleID: b.st.top}
					}
					if err := put(
						excelize.Cell{Value: c.N, StyleID: b.st.top}, text(c.Kind, b.st.top), text(c.Subject, b.st.top), text(c.Field, b.st.top),
						b.sourceLink(c.SourceRow), text(c.SourceRow.Kind, b.st.top), para, text(c.Wording, b.st.wrap),
						text(c.Excerpt, b.st.wrap), text(c.Note, b.st.wrap), text(c.Mismatch, b.st.wrap),
					); err != nil {
						return err
					}
				}
				return nil
			},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) conflicts() error {
	sh := b.stream(SheetConflicts, sheetSetup{
		widths: []float64{6, 30, 14, 14, 28, 16, 14, 34, 20, 14, 24, 18},
		freeze: true, printTitles: true, landscape: true,
	})
	if err := b.headerRow(sh, "Conflict", "Quantity", "Scope", "Period", "Originator", "Value", "Qualifier", "As worded",
		"Latest revision", "Revised on", "Claim", "Citations"); err != nil {
		return err
	}
	for i, cf := range b.s.Conflicts {
		for _, c := range cf.Claims {
			st := b.st.number
			if c.Unit == "USD" {
				st = b.st.usd
			}
			var revised, revisedOn any
			if r := c.LatestRevision(); r != nil {
				revised = text(report.Qualified(r.Qualifier, r.Amount, c.Unit), b.st.wrap)
				revisedOn = text(r.Revised.String(), b.st.top)
			}
			if err := sh.put(
				excelize.Cell{Value: i + 1, StyleID: b.st.top}, text(cf.Metric.Label, b.st.wrap), text(cf.Scope, b.st.top), text(report.PeriodWords(cf.Span), b.st.top),
				text(c.By.Name, b.st.wrap), excelize.Cell{Value: num(c.Amount), StyleID: st}, text(qualifierText(c.Qualifier), b.st.top),
				text(c.Hedged(), b.st.wrap), revised, revisedOn, text(c.ID, b.st.top), b.citeLink(c.Refs, c.FirstCite),
			); err != nil {
				return err
			}
		}
	}
	if len(b.s.Conflicts) == 0 {
		if err := sh.put(text("No quantity is reported with different values.", b.st.aside)); err != nil {
			return err
		}
	} else if err := sh.AddTable(&excelize.Table{Range: "A1:L" + fmt.Sprint(sh.row), Name: "ConflictsTable", StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	return sh.Flush()
}
