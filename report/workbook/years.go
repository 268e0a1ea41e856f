package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

// years writes the yearly table: named incidents counted per year (their
// amounts are never added: each has its own sources), each originator's
// DPRK theft figure for the year at its latest value (its highest when it
// gives several, with the count), the lowest and highest of those side by
// side; then the
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
// each originator's highest theft figure for the year at its latest value
// (a formula over the Claims sheet's Latest value column with the criteria
// of report.IsTheft), and the lowest and highest of those.
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
		if c := rep.Claim; c != nil {
			cached = num(c.LatestAmount())
		}
		worded := reportWords(rep)
		valueCells = append(valueCells, cell(yearFirstOrig+2*i, r))
		row = append(row,
			// The mean of the figures flagged highest on Claims (equal,
			// when several tie): the highest, without array formulas.
			formula(fmt.Sprintf(`IF(COUNTIFS(%s)=0,"",SUMIFS(ClaimLatest,%s,ClaimTop,1)/COUNTIFS(%s,ClaimTop,1))`, crit, crit, crit), cached, b.st.usd),
			text(worded, b.st.wrap))
	}
	list := strings.Join(valueCells, ",")
	if len(b.s.YearOriginators) == 0 {
		list = cell(yearFirstOrig, r)
		row = append(row, nil)
	}
	var lo, hi any = "", ""
	reports := 0
	if y.HasReports {
		lo, hi = num(y.Low.LatestAmount()), num(y.High.LatestAmount())
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
		text(rangeWords(y), b.st.wrap),
	)
}

// reportWords is an originator's figure for a year as its "as worded" cell
// words it: the latest figure with its qualifier and hedge, when and from
// what it was revised (ClaimRow.LatestWords), and how many figures it was
// the highest of.
func reportWords(rep report.Report) string {
	if rep.Claim == nil {
		return ""
	}
	w := rep.Claim.LatestWords()
	if rep.Count > 1 {
		w += fmt.Sprintf("; highest of its %d figures for the year", rep.Count)
	}
	return w
}

// rangeWords is a year's lowest to highest figure, each as its latest
// figure with its originator: "$660.5 million (revised 19 Dec 2024; first
// published as about $1 billion) (Chainalysis) to …".
func rangeWords(y *report.YearRow) string {
	if !y.HasReports {
		return ""
	}
	w := y.Low.LatestWords() + " (" + y.Low.By.Name + ")"
	if y.High != y.Low {
		w += " to " + y.High.LatestWords() + " (" + y.High.By.Name + ")"
	}
	return w
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
	return sh.put(text("Each originator column is that originator's own figure for the year, at its latest value (a revision replaces the figure first published): its highest when it gives several. Figures from different originators, and amounts of named incidents, are never added together.", b.st.aside))
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
	const chartTitle = "DPRK-attributed theft by year: each originator's latest figure, its highest when several (USD); qualifiers, hedges and revisions are in the table"
	return b.f.AddChart(SheetYears, cell(1, atRow), &excelize.Chart{
		Type:   excelize.Col,
		Series: series,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
			Text: chartTitle,
			Font: ink(12, true),
		}}},
		// The alternative text a screen reader says for the chart (the
		// drawing's name and description): what it shows and where its
		// figures are as text.
		Format: excelize.GraphicOptions{Name: "Theft by year", AltText: b.chartAltText(chartTitle)},
		Legend: excelize.ChartLegend{Position: "bottom", Font: ink(10, false)},
		XAxis:  excelize.ChartAxis{Font: *ink(10, false), Title: title("Year")},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: *ink(10, false), Title: title("USD, millions"),
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: `"$"#,##0,,"M"`}},
		Dimension:    excelize.ChartDimension{Width: 1100, Height: 480},
		PlotArea:     excelize.ChartPlotArea{ShowVal: false},
		ShowBlanksAs: "gap",
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
// figure (report.IsTheft) whose latest value no figure of the same
// originator for the same year exceeds, as Summary.IsYearHighest decides.
func yearTopFormula(r int) string {
	at := func(col string) string { return col + strconv.Itoa(r) }
	return fmt.Sprintf(`IF(AND(%s=%s,%s=%s,ISNUMBER(%s)),IF(COUNTIFS(%s,ClaimLatest,">"&%s)=0,1,0),0)`,
		at(claimColMetric), strLit(report.TheftMetric), at(claimColScope), strLit(report.DPRKScope), at(claimColYear),
		theftCriteria(at(claimColYear), at(claimColOriginator)), at(claimColLatest))
}

// latestFormula is the Claims sheet's "Latest value" for row r: the latest
// revision where there is one, else the figure itself, else blank (a
// statement), as report.ClaimRow.LatestAmount decides. The yearly table's
// formulas read figures through it (the defined name ClaimLatest).
func latestFormula(r int) string {
	rev, val := claimColRevised+strconv.Itoa(r), claimColValue+strconv.Itoa(r)
	return fmt.Sprintf(`IF(ISNUMBER(%s),%s,IF(ISNUMBER(%s),%s,""))`, rev, rev, val, val)
}

// chartAltText describes the yearly chart for a reader who cannot see it:
// its title, what the columns are, and that the table above holds the same
// figures with what the chart leaves out.
func (b *builder) chartAltText(title string) string {
	s := b.s
	years := ""
	if n := len(s.Years); n > 0 {
		years = " for " + report.YearRange{First: s.Years[0].Year, Last: s.Years[n-1].Year}.String()
	}
	return fmt.Sprintf("%s. Column chart%s: one column per originator (%s) and year, the originator's latest single-year figure in USD, its highest when it gives several; a year without a figure has no column, which is not zero. The table above the chart, on this sheet, holds the same figures with their qualifiers, hedges and wording, and the multi-year figures the chart leaves out.",
		title, years, report.Plural(len(s.YearOriginators), "originator"))
}
