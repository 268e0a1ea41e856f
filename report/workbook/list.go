package workbook

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// list is a long sheet: a header row, then one row per record, as many as
// the dataset holds (a million incidents make five million citation rows).
// excelize writes the sheet around its rows (column widths, panes, page
// setup, the header row and the table); the data rows are encoded by
// appendRow when the package is written, straight into their compressed
// zip entry, so that they are never held in memory or in a temporary file.
type list struct {
	name    string
	setup   sheetSetup // setup.rows is set from count
	headers []string
	table   string // name of the Excel table over the list
	count   int    // data rows
	// rows calls put once per data row, in order; put's values follow
	// appendRow's rules. It runs twice: over the first rows to fit the
	// column widths, and over all of them when the package is written.
	rows func(put func(values ...any) error) error
}

// errFitted stops the pass that fits the column widths.
var errFitted = errors.New("fitted")

// list writes the sheet's frame and keeps its rows for canonicalZip.
func (b *builder) list(l list) error {
	if l.count > maxListRows {
		return fmt.Errorf("sheet %s: %d rows do not fit in a worksheet, which holds %d under its header", l.name, l.count, maxListRows)
	}
	l.setup.rows = 1 + l.count
	sh := b.stream(l.name, l.setup)
	header := b.header(sh, l.headers)
	n := 0
	err := l.rows(func(values ...any) error {
		if n++; n > fitRows {
			return errFitted
		}
		sh.fit(values)
		return nil
	})
	if err != nil && !errors.Is(err, errFitted) {
		return err
	}
	cols := len(sh.widths)
	if err := sh.open(l.setup.rows, cols); err != nil {
		return err
	}
	if err := sh.sw.SetRow("A1", header, sh.rowOpts(header)...); err != nil {
		return err
	}
	if l.count > 0 && l.table != "" {
		ref := fmt.Sprintf("A1:%s%d", col(cols), l.setup.rows)
		if err := sh.sw.AddTable(&excelize.Table{Range: ref, Name: l.table, StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
	}
	if err := sh.sw.Flush(); err != nil {
		return err
	}
	if b.bodies == nil {
		b.bodies = map[string]func(io.Writer) error{}
	}
	b.bodies[l.name] = func(w io.Writer) error { return sh.body(w, len(header), l.rows) }
	b.addLinks(l.name, &sheetLinks{rows: l.rows})
	return nil
}

// body writes the data rows of a list sheet to w, from row 2, and checks
// that they fill the extent the sheet declared: a <dimension> that lies is
// worse than none.
func (sh *sheet) body(w io.Writer, headerCols int, rows func(put func(values ...any) error) error) error {
	const chunk = 64 << 10
	buf := make([]byte, 0, chunk+chunk/4)
	r, lastCol, links := 1, headerCols, 0
	var scratch []any
	err := rows(func(values ...any) error {
		r++
		values, _ = resolveLinks(values, r, &links, nil, &scratch)
		for i := len(values) - 1; i >= lastCol; i-- {
			if values[i] != nil {
				lastCol = i + 1
				break
			}
		}
		err := overflow(r, values)
		if err == nil {
			buf, err = appendRow(buf, r, sh.height(values), values)
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", sh.name, err)
		}
		if len(buf) >= chunk {
			_, err = w.Write(buf)
			buf = buf[:0]
		}
		return err
	})
	if err != nil {
		return err
	}
	if _, err := w.Write(buf); err != nil {
		return err
	}
	if r != sh.setup.rows || lastCol != len(sh.widths) {
		return fmt.Errorf("sheet %s: declared A1:%s, wrote A1:%s", sh.name,
			cell(len(sh.widths), sh.setup.rows), cell(lastCol, r))
	}
	return nil
}
