// Package workbook renders a Summary as the analyst's XLSX workbook: the
// incidents, the claims, yearly totals with a chart, the claims-by-source
// matrix and the bibliography, with live formulas that carry cached values
// computed in Go.
package workbook

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/share"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// The sheets, in the order they appear.
const (
	SheetOverview  = "Overview"
	SheetIncidents = "Incidents"
	SheetClaims    = "Claims"
	SheetYears     = "Yearly totals"
	SheetMatrix    = "Source matrix"
	SheetSources   = "Sources"
	SheetCitations = "Citations"
	SheetConflicts = "Conflicts"
)

// maxListRows is the most data rows a sheet holds under its header row:
// the 1,048,576 rows of a worksheet in Excel, LibreOffice and Gnumeric,
// less the header, the limit the dataset's claims and incidents are held
// to. (A variable so that tests can split a small dataset's citations.)
var maxListRows = dataset.MaxRecords

// citationSheet names the i-th sheet (from 0) of the citations: a million
// incidents have more citations than one sheet holds, so they continue on
// "Citations (2)" and on.
func citationSheet(i int) string {
	if i == 0 {
		return SheetCitations
	}
	return fmt.Sprintf("%s (%d)", SheetCitations, i+1)
}

// citationCell is the sheet and row of the citation numbered n (from 1).
func citationCell(n int) (string, int) {
	return citationSheet((n - 1) / maxListRows), (n-1)%maxListRows + 2
}

// SheetNames lists the sheets of the workbook for s, in order: Sheets, with
// Changes after the Overview when there is an edition (e not nil), and as
// many sheets of citations as they fill.
func SheetNames(s *report.Summary, e *edition.Edition) []string {
	var names []string
	for _, name := range Sheets {
		switch name {
		case SheetCitations:
			for i := range citationSheets(s) {
				names = append(names, citationSheet(i))
			}
			continue
		case SheetIncidents:
			if e != nil {
				names = append(names, SheetChanges)
			}
		}
		names = append(names, name)
	}
	return names
}

// citationSheets is how many sheets the citations of s fill (at least one).
func citationSheets(s *report.Summary) int {
	return max(1, (len(s.Citations)+maxListRows-1)/maxListRows)
}

// Sheets lists the sheet names in order (with one sheet of citations).
var Sheets = []string{SheetOverview, SheetIncidents, SheetClaims, SheetRevisions, SheetCitations, SheetConflicts, SheetYears, SheetMatrix, SheetSources}

// Options set what the workbook cannot derive from the Summary.
type Options struct {
	// Date is the build date written into the document properties and the
	// zip entries: the caller's SOURCE_DATE_EPOCH or the dataset's as-of
	// date, never the clock.
	Date time.Time
	// Version is dprkreport's version as --version prints it, written into
	// the description property (see report.Program); empty leaves it out.
	Version string
	// Edition is what changed since the baseline (edition.Compare), nil
	// without one: it adds the Changes sheet and a last column to Claims
	// and Incidents.
	Edition *edition.Edition
	// Numbering is the bibliography's numbers, the briefing's
	// (briefing.Number) so that both artifacts print the same; nil numbers
	// the sources as report.DefaultNumbering does.
	Numbering *report.Numbering
}

// Write renders the workbook to w. The same Summary and Options give the
// same bytes.
func Write(w io.Writer, s *report.Summary, opt Options) (err error) {
	// A panic inside the spreadsheet library becomes an error, as the
	// briefing's Render does, so the caller removes what it staged.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the spreadsheet library failed: %v", p)
		}
	}()
	if opt.Numbering == nil {
		opt.Numbering = report.DefaultNumbering(s)
	}
	if err := Check(s, opt); err != nil {
		return err
	}
	b := &builder{f: excelize.NewFile(), s: s, opt: opt, num: opt.Numbering}
	defer b.f.Close()
	if err := b.build(); err != nil {
		return err
	}
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	parts, err := b.sheetParts()
	if err != nil {
		return err
	}
	return canonicalZip(w, buf.Bytes(), opt.Date, b.core.xml(), parts)
}

// sheetPart is what canonicalZip adds to a worksheet's part: a list's
// rows, and the sheet's hyperlinks.
type sheetPart struct {
	body  func(io.Writer) error
	links *sheetLinks
}

// sheetParts keys the list sheets' rows and every sheet's hyperlinks by
// the zip entry of their sheet. excelize names a sheet's part after its
// sheet ID; canonicalZip checks that each named part is a worksheet with
// one </sheetData>.
func (b *builder) sheetParts() (map[string]*sheetPart, error) {
	out := map[string]*sheetPart{}
	ids := map[string]int{}
	for id, name := range b.f.GetSheetMap() {
		ids[name] = id
	}
	part := func(name string) (*sheetPart, error) {
		id, ok := ids[name]
		if !ok {
			return nil, fmt.Errorf("write workbook: no sheet %s", name)
		}
		key := fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
		if out[key] == nil {
			out[key] = &sheetPart{}
		}
		return out[key], nil
	}
	for name, body := range b.bodies {
		p, err := part(name)
		if err != nil {
			return nil, err
		}
		p.body = body
	}
	for name, links := range b.links {
		p, err := part(name)
		if err != nil {
			return nil, err
		}
		p.links = links
	}
	return out, nil
}

// addLinks keeps a sheet's hyperlinks for canonicalZip.
func (b *builder) addLinks(sheet string, l *sheetLinks) {
	if b.links == nil {
		b.links = map[string]*sheetLinks{}
	}
	b.links[sheet] = l
}

type builder struct {
	f    *excelize.File
	s    *report.Summary
	opt  Options
	num  *report.Numbering // opt.Numbering, or the default
	st   styles
	core coreProps

	// bodies write the data rows of the list sheets, by sheet name.
	bodies   map[string]func(io.Writer) error
	srcLinks map[*report.SourceRow]any    // sourceLink's cells
	srcText  map[*report.SourceRow][2]any // sourceText's cells
	words    share.Table[wordKey, any]    // word's cells
	links    map[string]*sheetLinks       // hyperlinks, by sheet name

	// Row ranges: data rows run from 2 to last*, at least one row so that
	// ranges stay valid when a list is empty.
	lastIncident, lastClaim, lastSource, lastYear int
	matrix                                        matrixLayout
	srcIndex                                      map[*report.SourceRow]int // position in the bibliography
	articles                                      int                       // the first sources are articles, then references
}

type matrixLayout struct {
	firstSrc, lastSrc          int // source columns
	articles, independent, key int // columns
	first                      int // helper column: first report of an originator for a key
}

type styles struct {
	header, rotated, top, title, subtitle, bold, wrap, usd, number, date, month, year, link, note, aside int
	hiGreen, hiAmber, hiBlue                                                                             int
}

func (b *builder) build() error {
	s := b.s
	b.lastIncident = 1 + max(len(s.Incidents), 1)
	b.lastClaim = 1 + max(len(s.Claims), 1)
	b.lastSource = 1 + max(len(s.Sources), 1)
	b.lastYear = 1 + max(len(s.Years), 1)
	m := &b.matrix
	m.firstSrc = 4
	b.articles = b.num.Articles()
	m.lastSrc = m.firstSrc + max(b.articles, 1) - 1
	m.articles = m.lastSrc + 1
	m.independent = m.lastSrc + 2
	m.key = m.lastSrc + 3
	m.first = m.lastSrc + 4

	f := b.f
	if err := f.SetSheetName("Sheet1", SheetOverview); err != nil {
		return err
	}
	for _, name := range SheetNames(s, b.opt.Edition)[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := b.newStyles(); err != nil {
		return err
	}
	if err := b.names(); err != nil {
		return err
	}
	b.srcIndex = map[*report.SourceRow]int{}
	for i, src := range b.num.Sources() {
		b.srcIndex[src] = i
	}
	for _, step := range []func() error{b.overview, b.changes, b.incidents, b.claims, b.revisionsSheet, b.citations, b.conflicts, b.years, b.sourceMatrix, b.sources, b.properties} {
		if err := step(); err != nil {
			return err
		}
	}
	// The first sheet is active in a new file. (SetActiveSheet would parse
	// every streamed sheet back into memory: it cost half the run.)
	return nil
}

func (b *builder) newStyles() error {
	f := b.f
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	usdFmt := `"$"#,##0`
	b.st = styles{
		header: mk(&excelize.Style{
			Font:      font(excelize.Font{Bold: true, Color: "FFFFFF"}),
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		}),
		rotated: mk(&excelize.Style{
			Font:      font(excelize.Font{Bold: true, Color: "FFFFFF"}),
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}},
			Alignment: &excelize.Alignment{Vertical: "bottom", Horizontal: "center", TextRotation: 90},
		}),
		top:      mk(&excelize.Style{Alignment: top}),
		aside:    mk(&excelize.Style{Font: font(excelize.Font{Italic: true, Color: "404040"})}),
		title:    mk(&excelize.Style{Font: font(excelize.Font{Bold: true, Size: 16, Color: "1F3864"})}),
		subtitle: mk(&excelize.Style{Font: font(excelize.Font{Italic: true, Size: 11, Color: "404040"})}),
		bold:     mk(&excelize.Style{Font: font(excelize.Font{Bold: true}), Alignment: top}),
		wrap:     mk(&excelize.Style{Alignment: wrapTop}),
		usd:      mk(&excelize.Style{CustomNumFmt: &usdFmt, Alignment: top}),
		number:   mk(&excelize.Style{NumFmt: 3, Alignment: top}), // #,##0
		date:     mk(&excelize.Style{NumFmt: 14, CustomNumFmt: strPtr("yyyy-mm-dd"), Alignment: top}),
		month:    mk(&excelize.Style{CustomNumFmt: strPtr("yyyy-mm"), Alignment: top}),
		year:     mk(&excelize.Style{NumFmt: 1, Alignment: top}),
		link:     mk(&excelize.Style{Font: font(excelize.Font{Color: "1F4E99", Underline: "single"}), Alignment: top}),
		note:     mk(&excelize.Style{Font: font(excelize.Font{Italic: true, Color: "404040"}), Alignment: wrapTop}),
	}
	cond := func(fill string) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewConditionalStyle(&excelize.Style{
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Font: &excelize.Font{Bold: true},
		})
		return id
	}
	b.st.hiGreen, b.st.hiAmber, b.st.hiBlue = cond(fillGreen), cond(fillAmber), cond(fillBlue)
	return err
}

// The matrix shading: confirmed by independent originators, relayed from
// one originator by several articles, reported by one article.
const (
	fillGreen = "A9D08E"
	fillAmber = "F4B183"
	fillBlue  = "BDD7EE"
)

func strPtr(s string) *string { return &s }

// font names the family and size of every styled font: a <font> without
// <name> is the reader's own default, a serif in LibreOffice, not the
// workbook's Calibri.
func font(f excelize.Font) *excelize.Font {
	if f.Family == "" {
		f.Family = "Calibri"
	}
	if f.Size == 0 {
		f.Size = 11
	}
	return &f
}

// names defines the workbook's named ranges, which the formulas use so that
// they read as what they mean and survive in every reader.
func (b *builder) names() error {
	m := b.matrix
	defs := []struct {
		name, sheet, col string
		last             int
	}{
		{"IncidentYear", SheetIncidents, "E", b.lastIncident},
		{"IncidentID", SheetIncidents, "A", b.lastIncident},
		{"ClaimID", SheetClaims, claimColID, b.lastClaim},
		{"ClaimMetric", SheetClaims, claimColMetric, b.lastClaim},
		{"ClaimValue", SheetClaims, claimColValue, b.lastClaim},
		{"ClaimLatest", SheetClaims, claimColLatest, b.lastClaim},
		{"ClaimYear", SheetClaims, claimColYear, b.lastClaim},
		{"ClaimScope", SheetClaims, claimColScope, b.lastClaim},
		{"ClaimOriginator", SheetClaims, claimColOriginator, b.lastClaim},
		{"ClaimTop", SheetClaims, claimColTop, b.lastClaim},
		{"SourceID", SheetSources, "B", b.lastSource},
		{"MatrixArticles", SheetMatrix, col(m.articles), b.lastClaim},
		{"MatrixIndependent", SheetMatrix, col(m.independent), b.lastClaim},
		{"MatrixKey", SheetMatrix, col(m.key), b.lastClaim},
		{"MatrixFirst", SheetMatrix, col(m.first), b.lastClaim},
		{"YearList", SheetYears, "A", b.lastYear},
	}
	for _, d := range defs {
		if err := b.f.SetDefinedName(&excelize.DefinedName{
			Name: d.name, RefersTo: fmt.Sprintf("%s!$%s$2:$%s$%d", quote(d.sheet), d.col, d.col, d.last),
		}); err != nil {
			return fmt.Errorf("define %s: %w", d.name, err)
		}
	}
	return nil
}

// quote returns a sheet name as formulas write it.
func quote(sheet string) string {
	if strings.ContainsAny(sheet, " -'") {
		return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	return sheet
}

func col(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}

func cell(c, r int) string {
	name, _ := excelize.CoordinatesToCellName(c, r)
	return name
}

// escapeHF escapes a header/footer text (& starts a code there).
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// maxHF is the most characters a print header may hold, in Excel and in
// excelize.
const maxHF = 255

// headerText is the print header: the title, bold, on the left, the sheet
// name on the right. A title too long for the header is cut there (with
// "…"); the Overview sheet holds it whole.
func headerText(title string) string {
	const pre, post = "&L&\"-,Bold\"", "&R&A"
	room := maxHF - utf8.RuneCountInString(pre) - utf8.RuneCountInString(post)
	esc := escapeHF(title)
	if utf8.RuneCountInString(esc) <= room {
		return pre + esc + post
	}
	var b strings.Builder
	n := 0
	for _, r := range title {
		w := 1
		if r == '&' {
			w = 2
		}
		if n+w > room-1 { // keep one for "…"
			break
		}
		b.WriteString(escapeHF(string(r)))
		n += w
	}
	return pre + b.String() + "…" + post
}

// text is a string cell; excelize writes it as an inline string, so text
// that begins with = + - or @ stays text and never becomes a formula.
func text(s string, style int) excelize.Cell { return excelize.Cell{Value: s, StyleID: style} }

// sourceText is the title and kind cells of a source for the Citations
// sheet, made once per source like its link: a title is long to hash as a
// word, and the sheet repeats it on every row that cites the source.
func (b *builder) sourceText(src *report.SourceRow) (title, kind any) {
	c, ok := b.srcText[src]
	if !ok {
		c = [2]any{text(src.Title, b.st.wrap), text(src.Kind, b.st.top)}
		if b.srcText == nil {
			b.srcText = map[*report.SourceRow][2]any{}
		}
		b.srcText[src] = c
	}
	return c[0], c[1]
}

// word is text(s, style) for a value that recurs from row to row of a long
// list (a victim type, a qualifier's words, yes or no, a source's title,
// an empty note): made once and shared by the rows, which would otherwise
// each allocate the same cell. A dataset whose every row differs has each
// made anew past a bounded number (share.Table).
func (b *builder) word(s string, style int) any {
	k := wordKey{s, style}
	if c, ok := b.words.Find(k); ok {
		return c
	}
	return b.words.Keep(k, text(s, style))
}

type wordKey struct {
	s     string
	style int
}

// usd is a money cell (nil when the amount is absent).
func (b *builder) usd(v decimal.Decimal, present bool) any {
	if !present {
		return nil
	}
	return excelize.Cell{Value: num(v), StyleID: b.st.usd}
}

// num turns a decimal into the float64 a cell stores. Amounts in the dataset
// are whole dollars or short decimals, exact in a float64 below 2^53.
func num(v decimal.Decimal) float64 {
	f, _ := v.Float64()
	return f
}

// formula is a formula cell with its cached value.
func formula(f string, value any, style int) excelize.Cell {
	return excelize.Cell{Formula: f, Value: value, StyleID: style}
}

// citeLink is a citation cell: "[1 ¶3, 16] [R2]", linked to the record's
// first row in the Citations sheet, where each citation links to its source
// (a cell holds one link).
func (b *builder) citeLink(refs []report.Ref, firstCite int) any {
	if len(refs) == 0 {
		return nil
	}
	sheet, row := citationCell(firstCite)
	return link{cell: text(b.num.Cite(refs), b.st.link), location: quote(sheet) + "!A" + strconv.Itoa(row)}
}

// sourceLink links to a source's row of the Sources sheet. A source has
// one link, made once: the Citations sheet repeats it on every row that
// cites the source, millions of rows at scale.
func (b *builder) sourceLink(src *report.SourceRow) any {
	if c, ok := b.srcLinks[src]; ok {
		return c
	}
	// The label alone is the link: LibreOffice does not wrap the text of
	// a linked cell, and a title needs wrapping; it has a column of its
	// own.
	c := link{
		cell:     text("["+b.num.Label(src)+"]", b.st.link),
		location: fmt.Sprintf("%s!A%d", quote(SheetSources), b.srcIndex[src]+2),
	}
	if b.srcLinks == nil {
		b.srcLinks = map[*report.SourceRow]any{}
	}
	b.srcLinks[src] = c
	return c
}

// strLit writes a string literal for a formula.
func strLit(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func yesNo(v bool) string {
	if v {
		return "yes"
	}
	return "no"
}

// properties sets the extended properties through excelize and keeps the
// core properties for canonicalZip, which writes docProps/core.xml itself:
// excelize writes cp:keywords, cp:lastModifiedBy and cp:category
// unprefixed (valid, but exceljs and some indexers then fail to read the
// part), and writes elements for properties nobody set.
func (b *builder) properties() error {
	s := b.s
	b.core = coreProps{
		Title:       s.Meta.Title,
		Subject:     "DPRK theft of cryptocurrency: incidents, claims, yearly totals and sources",
		Creator:     s.Meta.Author,
		Keywords:    strings.Join(report.Keywords, "; "),
		Description: fmt.Sprintf("Built by %s from dataset %s (as of %s).", report.Program(b.opt.Version), s.Fingerprint, s.Meta.AsOf),
		Modifier:    "dprkreport",
		Language:    "en",
		Date:        b.opt.Date,
	}
	return b.f.SetAppProps(&excelize.AppProperties{Application: "dprkreport", Company: ""})
}
