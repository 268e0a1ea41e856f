package workbook

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheet writes one worksheet through excelize's StreamWriter. A short
// sheet (the composite ones) records its rows and writes them at Flush,
// once its extent is known; a long list (list.go) declares its extent up
// front and has its rows encoded by appendRow. Either way the <dimension>
// element, which the stream writer emits before the first row and which
// readers such as openpyxl's read-only mode trust, names the used range
// exactly.
type sheet struct {
	b       *builder
	name    string
	setup   sheetSetup
	sw      *excelize.StreamWriter // nil until the extent is known
	pending []func(*excelize.StreamWriter) error
	row     int
	widths  []float64
	wrap    map[int]bool // styles that wrap text
	fits    map[int]bool // styles whose cells widen their column (fit)

	lastRow, lastCol int   // the used range so far
	unpacked         []any // the row buffer of packedRow.unpack
	links            sheetLinks
	linkCount        int // links in the rows so far
}

type sheetSetup struct {
	widths      []float64 // column widths from A
	rows        int       // a list's rows, header included (list sets it)
	freeze      bool      // freeze the header row
	printTitles bool      // repeat row 1 on every printed page
	landscape   bool
}

// stream starts a sheet; the stream writer opens when its extent is known.
func (b *builder) stream(name string, setup sheetSetup) *sheet {
	st := b.st
	return &sheet{b: b, name: name, setup: setup, widths: setup.widths,
		wrap: map[int]bool{st.wrap: true, st.note: true, st.header: true, st.rotated: true},
		fits: map[int]bool{st.top: true, st.usd: true, st.number: true, st.date: true, st.month: true, st.year: true, st.link: true}}
}

// printSetup lays a sheet out for printing on A4: the header row (and,
// when the columns run over several pages, the ID column) repeated on every
// page, and a scale that keeps text readable: the whole width on one page
// when that needs no less than minPrintScale, otherwise minPrintScale with
// the columns continued on the next pages, left to right before down.
func (b *builder) printSetup(name string, setup sheetSetup) error {
	f := b.f
	orientation := "portrait"
	printable := a4Short - 2*sideMargin
	if setup.landscape {
		orientation = "landscape"
		printable = a4Long - 2*sideMargin
	}
	paper := 9 // A4
	layout := &excelize.PageLayoutOptions{Size: &paper, Orientation: &orientation}
	fit := printScale(setup.widths, printable) >= minPrintScale
	titles := quote(name) + "!$1:$1"
	if fit {
		one, zero := 1, 0
		layout.FitToWidth, layout.FitToHeight = &one, &zero
	} else {
		scale, order := uint(minPrintScale), "overThenDown"
		layout.AdjustTo, layout.PageOrder = &scale, &order
		titles = quote(name) + "!$A:$A," + titles
	}
	if err := f.SetPageLayout(name, layout); err != nil {
		return err
	}
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddHeader: headerText(b.s.Meta.Title),
		OddFooter: "&LDPRK crypto-theft dataset, as of " + b.s.Meta.AsOf + "&RPage &P of &N",
	}); err != nil {
		return err
	}
	if setup.printTitles {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: name})
	}
	return nil
}

// Page geometry in points: A4, and the 0.7-inch side margins every sheet
// keeps (excelize's and Excel's default).
const (
	a4Short, a4Long = 595.0, 842.0
	sideMargin      = 0.7 * 72
	minPrintScale   = 55 // per cent: below this, 11-point text prints under 6 points
)

// printScale is the percentage at which columns of these widths (in
// characters of the default font) fit the printable width.
func printScale(widths []float64, printable float64) int {
	total := 0.0
	for _, w := range widths {
		total += (w*7 + 5) * 0.75 // characters to pixels (Calibri 11) to points
	}
	if total <= printable {
		return 100
	}
	return int(100 * printable / total)
}

// open starts the stream writer for a sheet whose used range is
// A1:(cols, rows).
func (sh *sheet) open(rows, cols int) error {
	if err := sh.b.printSetup(sh.name, sh.setup); err != nil {
		return err
	}
	f := sh.b.f
	ref := "A1"
	if rows > 0 && cols > 0 && (rows > 1 || cols > 1) {
		ref += ":" + cell(cols, rows)
	}
	if err := f.SetSheetDimension(sh.name, ref); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh.name)
	if err != nil {
		return err
	}
	if sh.setup.freeze {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}); err != nil {
			return err
		}
	}
	// excelize puts each new <col> before those already set; setting the
	// last column first leaves them ascending, the order Excel expects.
	for i := len(sh.widths) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, sh.widths[i]); err != nil {
			return err
		}
	}
	sh.sw = sw
	return nil
}

// start opens the stream writer and writes what was kept for it.
func (sh *sheet) start(rows, cols int) error {
	if err := sh.open(rows, cols); err != nil {
		return err
	}
	for _, op := range sh.pending {
		if err := op(sh.sw); err != nil {
			return err
		}
	}
	sh.pending = nil
	return nil
}

// do keeps op for Flush, when the sheet's extent is known.
func (sh *sheet) do(op func(*excelize.StreamWriter) error) error {
	sh.pending = append(sh.pending, op)
	return nil
}

// SetRow writes the row that starts at ref (always column A here).
func (sh *sheet) SetRow(ref string, values []any, opts ...excelize.RowOpts) error {
	_, r, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return err
	}
	if err := overflow(r, values); err != nil {
		return fmt.Errorf("sheet %s: %w", sh.name, err)
	}
	for i := len(values) - 1; i >= 0; i-- {
		if values[i] != nil {
			sh.lastCol = max(sh.lastCol, i+1)
			sh.lastRow = max(sh.lastRow, r)
			break
		}
	}
	sh.fit(values)
	values, sh.links.kept = resolveLinks(values, r, &sh.linkCount, sh.links.kept, nil)
	// Callers reuse their row buffers: keep the cells set, not the row.
	row := packRow(values)
	return sh.do(func(sw *excelize.StreamWriter) error { return sw.SetRow(ref, row.unpack(&sh.unpacked), opts...) })
}

// packedRow is a row kept for Flush: its cells set and their columns. A
// row of the Source matrix is as wide as the bibliography and sets a few
// of its cells; kept whole, a million incidents' 50,000 claims held some
// 2 GB of empty cells.
type packedRow struct {
	width int
	cols  []int32
	cells []any
}

func packRow(values []any) packedRow {
	p := packedRow{width: len(values)}
	for i, v := range values {
		if v != nil {
			p.cols = append(p.cols, int32(i))
			p.cells = append(p.cells, v)
		}
	}
	return p
}

// unpack returns the row as it was given, in *buf's array, which it
// reuses: the stream writer encodes a row at once and keeps nothing of it.
func (p packedRow) unpack(buf *[]any) []any {
	row := slices.Grow((*buf)[:0], p.width)[:p.width]
	clear(row)
	for i, c := range p.cols {
		row[c] = p.cells[i]
	}
	*buf = row
	return row
}

func (sh *sheet) AddTable(t *excelize.Table) error {
	return sh.do(func(sw *excelize.StreamWriter) error { return sw.AddTable(t) })
}

func (sh *sheet) InsertPageBreak(ref string) error {
	return sh.do(func(sw *excelize.StreamWriter) error { return sw.InsertPageBreak(ref) })
}

// Flush writes the sheet, its extent now known.
func (sh *sheet) Flush() error {
	if err := sh.start(sh.lastRow, sh.lastCol); err != nil {
		return err
	}
	if len(sh.links.kept) > 0 {
		sh.b.addLinks(sh.name, &sh.links)
	}
	return sh.sw.Flush()
}

// put writes the next row, tall enough for its wrapped text: the stream
// writer cannot autofit, and readers do not autofit rows on opening.
func (sh *sheet) put(values ...any) error {
	sh.row++
	return sh.SetRow(cell(1, sh.row), values, sh.rowOpts(values)...)
}

// rowOpts gives a row the height its wrapped text needs.
func (sh *sheet) rowOpts(values []any) []excelize.RowOpts {
	if h := sh.height(values); h > 0 {
		return []excelize.RowOpts{{Height: h}}
	}
	return nil
}

// height estimates the height in points that a row's wrapped cells need,
// or 0 when one line is enough.
func (sh *sheet) height(values []any) float64 {
	lines := 1
	for i, v := range values {
		c, ok := asCell(v)
		if !ok || !sh.wrap[c.StyleID] || i >= len(sh.widths) {
			continue
		}
		s, ok := c.Value.(string)
		if !ok {
			continue
		}
		perLine := max(int(sh.widths[i]*1.15)-1, 4)
		n := 0
		for para := range strings.SplitSeq(s, "\n") {
			n += wrappedLines(para, perLine)
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return min(float64(lines)*14.5+3, 409)
}

// wrappedLines counts the lines a text takes when wrapped at word
// boundaries to width characters.
func wrappedLines(s string, width int) int {
	lines, cur := 1, 0
	for w := range strings.FieldsSeq(s) {
		n := utf8.RuneCountInString(w)
		switch {
		case cur == 0:
			cur = n
		case cur+1+n <= width:
			cur += 1 + n
		default:
			lines++
			cur = n
		}
		for cur > width {
			lines++
			cur -= width
		}
	}
	return lines
}

// widen widens column i (from 0) to hold the longest word of header, up
// to maxFit (a header can hold dataset text, such as an originator's name,
// and a column is at most 255 characters wide). (A sheet's widths are
// written when its stream writer opens, after every call.)
func (sh *sheet) widen(i int, header string) {
	if i < len(sh.widths) {
		sh.widths[i] = max(sh.widths[i], min(wordWidth(header), maxFit))
	}
}

// wordWidth is the column width, in characters of the default font, that
// the longest word of s needs in bold (about a tenth wider), with the
// cell's padding.
func wordWidth(s string) float64 {
	longest := 0
	for _, w := range strings.Fields(s) {
		longest = max(longest, utf8.RuneCountInString(w))
	}
	return math.Ceil(float64(longest)*1.1 + 1.5)
}

// fitRows is how many data rows of a long list set its column widths
// (short sheets fit all their rows).
const fitRows = 1000

// fit widens each column, up to maxFit, to show the text or number of a
// cell that does not wrap: a number too wide for its column shows as ###,
// and a code cut at the column's edge reads as another code.
func (sh *sheet) fit(values []any) {
	for i, v := range values {
		if i >= len(sh.widths) {
			break
		}
		if n := sh.shown(v); n > 0 {
			sh.widths[i] = max(sh.widths[i], min(float64(n)+1.5, maxFit))
		}
	}
}

const maxFit = 40

// shown is how many characters a table cell that does not wrap shows (0
// for one that wraps, is a free-standing title or note, or is empty).
func (sh *sheet) shown(v any) int {
	c, ok := asCell(v)
	st := sh.b.st
	if !ok || !sh.fits[c.StyleID] {
		return 0 // wrapped text, or a title or note meant to run across empty cells
	}
	switch x := c.Value.(type) {
	case string:
		return utf8.RuneCountInString(x)
	case time.Time:
		if c.StyleID == st.month {
			return 7
		}
		return 10
	case float64:
		n := len(strconv.FormatFloat(math.Abs(x), 'f', -1, 64))
		switch c.StyleID {
		case st.usd, st.number:
			n = len(strconv.FormatFloat(math.Abs(math.Round(x)), 'f', 0, 64))
			n += (n - 1) / 3 // thousands separators
			if c.StyleID == st.usd {
				n++ // "$"
			}
		}
		if x < 0 {
			n++
		}
		return n
	case int:
		return len(strconv.Itoa(x))
	}
	return 0
}

// skip leaves n empty rows.
func (sh *sheet) skip(n int) { sh.row += n }

// headerRow writes a header row (see header).
func (b *builder) headerRow(sh *sheet, names ...string) error {
	return sh.put(b.header(sh, names)...)
}

// header returns a header row's cells and widens each column to hold the
// longest word of its header in bold: a header that wraps mid-word
// ("Independen|t") reads as a typo.
func (b *builder) header(sh *sheet, names []string) []any {
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = excelize.Cell{Value: n, StyleID: b.st.header}
		sh.widen(i, n)
	}
	return vals
}
