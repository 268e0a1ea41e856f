package briefing

import (
	east "github.com/yuin/goldmark/extension/ast"
)

// table draws a GFM table: columns sized to their content, long cells
// wrapped, rows kept whole, and the header repeated on every page the
// table runs onto. It is one algorithm over 80 lines on purpose: measuring
// and drawing share the column widths, the wrapped cells and the page
// state, and its local drawRow is what a page break repeats.
func (r *renderer) table(n *east.Table) {
	st := r.base
	st.size = r.base.size * 0.88
	hst := st
	hst.bold = true
	hst.color = [3]int{255, 255, 255}

	var head [][]token
	var rows [][][]token
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]token
		isHead := false
		if _, ok := row.(*east.TableHeader); ok {
			isHead = true
		}
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			s := st
			if isHead {
				s = hst
			}
			cells = append(cells, r.tokenize(r.inlines(c, s, "")))
		}
		if isHead {
			head = cells
		} else {
			rows = append(rows, cells)
		}
	}
	ncol := len(head)
	if ncol == 0 {
		return
	}
	widths := r.columnWidths(head, rows, ncol)
	r.tracef("TABLE %d columns, %d rows", ncol, len(rows))

	drawRow := func(cells [][]token, header bool) {
		wrapped := make([][]line, ncol)
		h := 0.0
		for i := range ncol {
			var toks []token
			if i < len(cells) {
				toks = cells[i]
			}
			wrapped[i] = r.wrap(toks, widths[i]-2*cellPad)
			ch := 0.0
			for _, l := range wrapped[i] {
				ch += l.height
			}
			h = max(h, ch)
		}
		h += 2 * cellPad
		x := r.x
		if header {
			r.pdf.SetFillColor(colorHeading[0], colorHeading[1], colorHeading[2])
		}
		r.pdf.SetDrawColor(190, 190, 190)
		r.pdf.SetLineWidth(0.15)
		for i := range ncol {
			style := "D"
			if header {
				style = "FD"
			}
			r.pdf.Rect(x, r.y, widths[i], h, style)
			ly := r.y + cellPad
			for _, l := range wrapped[i] {
				r.drawLine(l, x+cellPad, ly)
				ly += l.height
			}
			x += widths[i]
		}
		r.y += h
	}
	rowHeight := func(cells [][]token) float64 {
		h := 0.0
		for i := range min(ncol, len(cells)) {
			ch := 0.0
			for _, l := range r.wrap(cells[i], widths[i]-2*cellPad) {
				ch += l.height
			}
			h = max(h, ch)
		}
		return h + 2*cellPad
	}
	headH := rowHeight(head)
	first := 0.0
	if len(rows) > 0 {
		first = rowHeight(rows[0])
	}
	r.room(headH + first)
	drawRow(head, true)
	for _, row := range rows {
		h := rowHeight(row)
		if r.y+h > pageH-marginBot {
			r.pdf.AddPage()
			r.newPageState()
			r.tracef("TABLE header repeated")
			drawRow(head, true)
		}
		drawRow(row, false)
	}
	r.y += paraGap + 1
}

// columnWidths shares the column's width among the columns: each gets at
// least its longest word, and the rest goes to the columns whose content
// is longest.
func (r *renderer) columnWidths(head [][]token, rows [][][]token, ncol int) []float64 {
	natural := make([]float64, ncol)
	minimum := make([]float64, ncol)
	measure := func(cells [][]token) {
		for i := range min(ncol, len(cells)) {
			total, group := 0.0, 0.0
			for k, t := range cells[i] {
				if t.spaceBefore && k > 0 {
					total += 1.2
					group = 0
				}
				total += t.w
				group += t.w
				minimum[i] = max(minimum[i], group+2*cellPad+0.6)
			}
			natural[i] = max(natural[i], total+2*cellPad)
		}
	}
	measure(head)
	for _, row := range rows {
		measure(row)
	}
	// A header word may be long ("Independent"); do not let it alone widen
	// a column of numbers beyond need.
	sumNat, sumMin := 0.0, 0.0
	for i := range ncol {
		minimum[i] = min(minimum[i], 38)
		natural[i] = max(natural[i], minimum[i])
		sumNat += natural[i]
		sumMin += minimum[i]
	}
	w := make([]float64, ncol)
	switch {
	case sumNat <= r.w:
		for i := range ncol {
			w[i] = natural[i] * r.w / sumNat
		}
	case sumMin >= r.w:
		for i := range ncol {
			w[i] = minimum[i] * r.w / sumMin
		}
	default:
		extra := r.w - sumMin
		for i := range ncol {
			w[i] = minimum[i] + extra*(natural[i]-minimum[i])/(sumNat-sumMin)
		}
	}
	return w
}
