package briefing

import "fmt"

// brackets draws the multi-year figures from y = top, under a caption that
// says what they are, each a bracket under the part of the years it covers:
// a closed end has a tick, an open start (no start given) is dashed with
// an arrow, a period that runs on past the years shown ends in an arrow.
// It returns where the legend starts.
func (r *renderer) brackets(p *plot, top float64) float64 {
	c := p.c
	if len(c.Spans) == 0 {
		return top
	}
	pdf := r.pdf
	r.setFont(style{size: chartTextSize, italic: true, color: colorMuted})
	pdf.SetXY(p.x0, top+0.3)
	r.cell(p.w, chartLineH, c.SpansCaption, "L", 0, "")
	by := top + 5.5
	right := r.x + r.w
	for _, sp := range c.Spans {
		xa, xb := p.x0+p.slot*sp.From, p.x0+p.slot*sp.To
		r.tracef("SPAN %s %.2f–%.2f open=%t cut=%t,%t %q", sp.ClaimID, sp.From, sp.To, sp.OpenStart, sp.CutStart, sp.CutEnd, sp.Label)
		pdf.SetDrawColor(80, 80, 80)
		pdf.SetLineWidth(0.3)
		solidFrom := xa
		if sp.OpenStart {
			solidFrom = min(xa+6, xb)
			pdf.SetDashPattern([]float64{0.8, 0.7}, 0)
			pdf.Line(xa, by, solidFrom, by)
			pdf.SetDashPattern(nil, 0)
		}
		pdf.Line(solidFrom, by, xb, by)
		if sp.OpenStart || sp.CutStart {
			r.arrowHead(xa, by, -1)
		} else {
			pdf.Line(xa, by-1.3, xa, by)
		}
		if sp.CutEnd {
			r.arrowHead(xb, by, 1)
		} else {
			pdf.Line(xb, by-1.3, xb, by)
		}
		r.setFont(style{size: chartTextSize, color: colorText})
		label := sp.Label
		if r.width(label) > right-p.x0 {
			label = sp.Short
		}
		w := r.width(label) + 0.6
		lx := min(max((xa+xb)/2-w/2, p.x0), right-w)
		pdf.SetXY(lx, by+0.3)
		r.cell(w, chartLineH, label, "L", 0, "")
		by += spanRowH
	}
	return by - 0.5
}

// arrowHead draws an open arrow head at (x, y) pointing left (dir -1) or
// right (1).
func (r *renderer) arrowHead(x, y, dir float64) {
	r.pdf.Line(x, y, x-dir*1.4, y-0.8)
	r.pdf.Line(x, y, x-dir*1.4, y+0.8)
}

// legendItem is one entry of the legend: a key drawn at its position and
// a label.
type legendItem struct {
	key   func(r *renderer, x, y float64)
	label string
	x, y  float64 // relative to the legend's top left
}

// legendLayout lists the legend's entries for c and places them in rows
// no wider than w: the originators with their markers, then the marks
// that need a key. It returns the entries and the number of rows.
func (r *renderer) legendLayout(c *chartSpec, x0, w float64) ([]legendItem, int) {
	var items []legendItem
	for _, s := range c.Series {
		items = append(items, legendItem{key: func(r *renderer, x, y float64) { r.marker(x, y, s, false) }, label: s.Name})
	}
	grey := chartSeries{Color: [3]int{110, 110, 110}, Shape: shapeCircle}
	if c.Revised {
		items = append(items, legendItem{key: func(r *renderer, x, y float64) { r.marker(x, y, grey, true) }, label: "first published, since revised"})
	}
	if c.Bars {
		items = append(items, legendItem{key: func(r *renderer, x, y float64) {
			r.pdf.SetFillColor(222, 229, 240)
			r.pdf.SetDrawColor(160, 176, 200)
			r.pdf.SetLineWidth(0.15)
			r.pdf.Rect(x-1.3, y-1.8, 2.6, 3.6, "FD")
		}, label: "lowest to highest"})
	}
	open := false
	for _, sp := range c.Spans {
		open = open || sp.OpenStart
	}
	if open {
		items = append(items, legendItem{key: func(r *renderer, x, y float64) {
			r.pdf.SetDrawColor(80, 80, 80)
			r.pdf.SetLineWidth(0.3)
			r.pdf.SetDashPattern([]float64{0.8, 0.7}, 0)
			r.pdf.Line(x-1.5, y, x+1.5, y)
			r.pdf.SetDashPattern(nil, 0)
			r.arrowHead(x-1.5, y, -1)
		}, label: "no start given"})
	}
	r.setFont(style{size: chartTextSize, color: colorText})
	lx, ly, rows := 0.0, 0.0, 0
	for i := range items {
		iw := 4 + r.width(items[i].label) + 5
		if i == 0 {
			rows = 1
		} else if lx+iw > w {
			lx, ly = 0, ly+legendRowH
			rows++
		}
		items[i].x, items[i].y = lx, ly
		lx += iw
	}
	return items, rows
}

// legend draws the legend from y = top, then the hedges the marks refer
// to, and moves the text below the chart.
func (r *renderer) legend(p *plot, top float64) {
	x0 := r.x + axisW
	items, rows := r.legendLayout(p.c, x0, r.w-axisW)
	for _, it := range items {
		it.key(r, x0+it.x+1.5, top+it.y+2)
		r.setFont(style{size: chartTextSize, color: colorText})
		r.pdf.SetXY(x0+it.x+4, top+it.y)
		r.cell(r.width(it.label)+1, 4, it.label, "L", 0, "")
	}
	ly := top + legendRowH*float64(rows) + 0.6
	for i, h := range p.c.Hedges {
		r.tracef("HEDGE %s %s", mark(i), h)
		r.setFont(style{size: chartTextSize, color: colorMuted})
		r.pdf.SetXY(x0, ly)
		r.cell(r.w-axisW, 3.6, fmt.Sprintf("%s %s", mark(i), h), "L", 0, "")
		ly += 4
	}
	r.y = ly + 2
}
