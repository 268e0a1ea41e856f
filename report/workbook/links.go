package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// link is a text cell that is also a hyperlink, to a place in the workbook
// (location, such as "Sources!A7") or to a web address (url). A link is a
// property of the cell, in the sheet's <hyperlinks>, not a HYPERLINK
// formula: the dataset's text stays text, at any length (a formula's text
// constants hold 255 characters in Excel). The text of a location link is
// a label the program makes (a source's number, a citation, a sheet's
// name), never dataset text; a web link's text is its address.
type link struct {
	cell          excelize.Cell
	location, url string
}

// maxSheetLinks is the most hyperlinks Excel keeps on one worksheet. (A
// variable so that tests can lower it.)
var maxSheetLinks = 65530

// resolveLinks replaces the links among a row's values with the cells
// written for them, and appends to dst the hyperlinks the sheet lists; n
// counts the sheet's links so far. The first maxSheetLinks links of a
// sheet are hyperlinks; past them, a location link is a HYPERLINK formula
// over its label (a label the program makes, at most 255 characters) and
// a web link its address as text. values is not changed: a row with links
// is copied, into *scratch's array when scratch is set (the copy is then
// good until the next call with the same scratch).
func resolveLinks(values []any, row int, n *int, dst []hyperlink, scratch *[]any) ([]any, []hyperlink) {
	out, cloned := values, false
	for i, v := range values {
		l, ok := v.(link)
		if !ok {
			continue
		}
		if !cloned {
			if scratch != nil {
				out = append((*scratch)[:0], values...)
				*scratch = out
			} else {
				out = slices.Clone(values)
			}
			cloned = true
		}
		*n++
		out[i] = l.cell
		switch label, _ := l.cell.Value.(string); {
		case *n <= maxSheetLinks:
			dst = append(dst, hyperlink{col: i + 1, row: row, location: l.location, url: l.url})
		case l.location != "" && units(label) <= maxFormulaText:
			out[i] = formula(fmt.Sprintf(`HYPERLINK("#%s",%s)`, l.location, strLit(label)), label, l.cell.StyleID)
		}
	}
	return out, dst
}

// maxFormulaText is the most characters of a text constant in a formula
// Excel reads.
const maxFormulaText = 255

// asCell is the cell a row value writes: a link's text cell, or the cell.
func asCell(v any) (excelize.Cell, bool) {
	switch c := v.(type) {
	case excelize.Cell:
		return c, true
	case link:
		return c.cell, true
	}
	return excelize.Cell{}, false
}

// hyperlink is one element of a sheet's <hyperlinks>.
type hyperlink struct {
	col, row      int
	location, url string
}

// linkRelType is the relationship of a worksheet to a web address.
const linkRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

// linkRelID names the relationship of the n-th web address (from 1) of a
// sheet; excelize numbers its own rId1, rId2….
func linkRelID(n int) string { return "rIdLink" + strconv.Itoa(n) }

// appendHyperlink appends one <hyperlink>; urls counts the web addresses
// so far, which are numbered in order.
func appendHyperlink(dst []byte, h hyperlink, urls *int) []byte {
	dst = append(dst, `<hyperlink ref="`...)
	dst = appendRef(dst, h.col, h.row)
	dst = append(dst, '"')
	if h.url != "" {
		*urls++
		dst = append(dst, ` r:id="`...)
		dst = append(dst, linkRelID(*urls)...)
		dst = append(dst, '"')
	} else {
		dst = append(dst, ` location="`...)
		dst = appendEscaped(dst, h.location)
		dst = append(dst, '"')
	}
	return append(dst, `/>`...)
}

// sheetLinks are the hyperlinks of one sheet: those of a short sheet,
// kept, or a long list's, found again in its rows when the package is
// written.
type sheetLinks struct {
	kept []hyperlink
	rows func(put func(values ...any) error) error // a list's rows, from row 2
}

// errLinksDone stops the pass over a list's rows once the sheet holds as
// many hyperlinks as it may.
var errLinksDone = errors.New("hyperlinks done")

// write writes the <hyperlinks> element, or nothing when there are none,
// and returns the web addresses in the order of their relationship IDs.
func (sl *sheetLinks) write(w io.Writer) ([]string, error) {
	var urls []string
	n := 0
	var buf []byte
	flush := func(force bool) error {
		if len(buf) < 64<<10 && !force {
			return nil
		}
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	started := false
	emit := func(h hyperlink) error {
		if !started {
			buf = append(buf, `<hyperlinks>`...)
			started = true
		}
		if h.url != "" {
			urls = append(urls, h.url)
		}
		buf = appendHyperlink(buf, h, &n)
		return flush(false)
	}
	for _, h := range sl.kept {
		if err := emit(h); err != nil {
			return nil, err
		}
	}
	if sl.rows != nil {
		r, links := 1, 0
		var found []hyperlink
		var scratch []any
		err := sl.rows(func(values ...any) error {
			r++
			_, found = resolveLinks(values, r, &links, found[:0], &scratch)
			for _, h := range found {
				if h.url != "" {
					return fmt.Errorf("cell %s: a list links only within the workbook", cell(h.col, h.row))
				}
				if err := emit(h); err != nil {
					return err
				}
			}
			if links >= maxSheetLinks {
				// No later row can add a hyperlink: the body, written
				// first, checked every row.
				return errLinksDone
			}
			return nil
		})
		if err != nil && !errors.Is(err, errLinksDone) {
			return nil, err
		}
	}
	if started {
		buf = append(buf, `</hyperlinks>`...)
	}
	return urls, flush(true)
}

// afterHyperlinks are the elements a worksheet may hold after
// <hyperlinks> (ECMA-376 Part 1, CT_Worksheet), in order; <hyperlinks>
// goes before the first of them that the part has.
var afterHyperlinks = []string{"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
	"<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing", "<legacyDrawingHF",
	"<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"}

// hyperlinksAt is where a worksheet's <hyperlinks> goes: after
// </sheetData> and what follows it up to <hyperlinks>.
func hyperlinksAt(data []byte) (int, error) {
	end := bytes.Index(data, []byte("</sheetData>"))
	if end < 0 || bytes.Contains(data, []byte("<hyperlinks")) {
		return 0, fmt.Errorf("not a worksheet without hyperlinks")
	}
	for _, tag := range afterHyperlinks {
		if i := bytes.Index(data[end:], []byte(tag)); i >= 0 {
			return end + i, nil
		}
	}
	return 0, fmt.Errorf("a worksheet without its end")
}

// addRelationships adds the web addresses' relationships to a sheet's
// relationships part (rels nil: a new part).
func addRelationships(rels []byte, urls []string) ([]byte, error) {
	if rels == nil {
		rels = []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`)
	}
	at := bytes.LastIndex(rels, []byte("</Relationships>"))
	if at < 0 || bytes.Contains(rels, []byte(`Id="rIdLink`)) {
		return nil, fmt.Errorf("not a relationships part of excelize's")
	}
	var b strings.Builder
	for i, u := range urls {
		b.WriteString(`<Relationship Id="` + linkRelID(i+1) + `" Type="` + linkRelType + `" Target="`)
		b.Write(appendEscaped(nil, u))
		b.WriteString(`" TargetMode="External"/>`)
	}
	out := make([]byte, 0, len(rels)+b.Len())
	out = append(out, rels[:at]...)
	out = append(out, b.String()...)
	return append(out, rels[at:]...), nil
}
