package workbook

import (
	"fmt"
	"strconv"

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
					text(in.ID, b.st.top), text(in.Victim, b.st.wrap), b.word(in.VictimType, b.st.top), date, year,
					b.usd(in.USD, true), b.word(qualifierText(in.Qualifier), b.st.top), b.word(yesNo(!in.Unverified), b.st.top),
					b.usd(in.LowUSD, in.HasRange), b.usd(in.HighUSD, in.HasRange), b.word(in.RangeNote, b.st.wrap),
					b.word(in.Technique, b.st.wrap), b.word(in.Actor, b.st.wrap), b.word(in.Hedge, b.st.wrap), b.word(in.Basis, b.st.top), b.word(in.Confidence, b.st.top),
					b.word(in.AttributionNote, b.st.wrap), b.citeLink(in.Refs, in.FirstCite), b.word(in.DateNote, b.st.wrap), b.word(in.Note, b.st.wrap),
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

// The Claims sheet's columns that defined names and formulas refer to;
// claims writes the header named beside each there (TestClaimColumns).
const (
	claimColID         = "A" // ID
	claimColMetric     = "C" // Metric
	claimColValue      = "D" // Value
	claimColYear       = "J" // Year
	claimColScope      = "K" // Scope
	claimColOriginator = "L" // Originator ID
	claimColRevised    = "P" // Latest revision
	claimColLatest     = "S" // Latest value
	claimColCitations  = "V" // Citations
	claimColTop        = "Y" // Highest of its originator's theft figures for the year
)

func (b *builder) claims() error {
	edition := b.opt.Edition != nil
	headers := []string{"ID", "Statement", "Metric", "Value", "Unit", "Qualifier", "Hedge", "As a figure",
		"Period", "Year", "Scope", "Originator ID", "Originator", "Relayed via", "Grade", "Latest revision",
		"Revision qualifier", "Revised on", "Latest value", "Articles", "Independent originators", "Citations", "Period runs past the filter", "Note",
		"Highest of its originator's theft figures for the year", "Grade from"}
	if edition {
		headers = append(headers, b.changedHeader())
	}
	m := b.matrix
	return b.list(list{
		name: SheetClaims, headers: headers, table: "ClaimsTable", count: len(b.s.Claims),
		setup: sheetSetup{
			widths: b.withChanged(24, 44, 16, 14, 8, 12, 24, 26, 14, 6, 10, 16, 24, 18, 8, 14, 12, 11, 14, 9, 11, 18, 9, 44, 14, 28),
			freeze: true, printTitles: true, landscape: true,
		},
		rows: func(put func(values ...any) error) error {
			for i, c := range b.s.Claims {
				r := i + 2
				var value, revised, revisedQ, revisedOn, year any
				var latest any = ""
				st := b.st.number
				if c.Unit == "USD" {
					st = b.st.usd
				}
				if c.HasValue() {
					value = excelize.Cell{Value: num(c.Amount), StyleID: st}
					latest = num(c.LatestAmount())
					if r := c.LatestRevision(); r != nil {
						revised = excelize.Cell{Value: num(r.Amount), StyleID: st}
						revisedQ = text(qualifierText(r.Qualifier), b.st.top)
						revisedOn = text(r.Revised.String(), b.st.top)
					}
				}
				if y, ok := c.Span.SingleYear(); ok {
					year = excelize.Cell{Value: y, StyleID: b.st.year}
				}
				cells := []any{
					text(c.ID, b.st.top), text(c.Statement, b.st.wrap), text(c.Measure.ID, b.st.top), value, text(c.Unit, b.st.top),
					text(qualifierText(c.Qualifier), b.st.top), text(c.Hedge, b.st.wrap), text(c.Hedged(), b.st.wrap),
					text(c.Span.String(), b.st.top), year, text(c.Scope, b.st.top), text(c.By.ID, b.st.top), text(c.By.Name, b.st.wrap),
					text(via(c), b.st.wrap), text(c.Admiralty(), b.st.top),
					revised, revisedQ, revisedOn, formula(latestFormula(r), latest, st),
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
		var url any
		if src.URL != "" {
			url = link{cell: text(src.URL, b.st.link), url: src.URL}
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
			archive, text(relays(src), b.st.wrap), text(src.Reliability, b.st.top),
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
			headers: []string{"No.", "Record", "Record ID", "Supports", "Source", "Source title", "Source kind", "Para.",
				"The source's wording of the figure", "Excerpt", "Note", "Why the wording differs"},
			setup: sheetSetup{
				widths: []float64{6, 9, 24, 12, 7, 36, 10, 7, 28, 50, 40, 30},
				freeze: true, printTitles: true, landscape: true,
			},
			rows: func(put func(values ...any) error) error {
				for _, c := range part {
					var para any
					if c.Para > 0 {
						para = excelize.Cell{Value: c.Para, StyleID: b.st.top}
					}
					title, kind := b.sourceText(c.SourceRow)
					if err := put(
						excelize.Cell{Value: c.N, StyleID: b.st.top}, b.word(c.Kind, b.st.top), text(c.Subject, b.st.top), b.word(c.Field, b.st.top),
						b.sourceLink(c.SourceRow), title, kind, para, text(c.Wording, b.st.wrap),
						b.word(c.Excerpt, b.st.wrap), b.word(c.Note, b.st.wrap), b.word(c.Mismatch, b.st.wrap),
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
