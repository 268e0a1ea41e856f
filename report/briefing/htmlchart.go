package briefing

import (
	"fmt"
	"html"
	"strings"

	"github.com/dprkreport/dprkreport/report"
	"github.com/yuin/goldmark/util"
)

// The yearly chart on the page: the PDF's chart (the same chartSpec, so
// the same points, labels, hedge marks, brackets and legend) drawn as
// inline SVG, an image to assistive technology with a title and a
// description, then the same figures as tables, so nothing is only in the
// picture.

// SVG geometry, in user units.
const (
	svgW          = 720.0
	svgPlotX      = 64.0
	svgPlotH      = 220.0
	svgRightRoom  = 120.0 // the last year's labels run right of its points
	svgBracketGap = 24.0
	svgMarkerR    = 4.0
)

// svgTextW estimates the width of s at size px in a sans-serif face.
func svgTextW(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.55
}

// svgChart is the chart being drawn: its spec and plot geometry.
type svgChart struct {
	c          *chartSpec
	w          util.BufWriter
	top, slot  float64 // the plot's top edge, the width of one year
	maxV, base float64
}

func (g *svgChart) y(v float64) float64 { return g.base - v/g.maxV*svgPlotH }

func (g *svgChart) cx(i int) float64 { return svgPlotX + g.slot*(float64(i)+0.5) }

// px is the i-th year's k-th point's x, the points of a year side by side.
func (g *svgChart) px(i, k, n int) float64 {
	return g.cx(i) + (float64(k)-float64(n-1)/2)*10
}

// writeChart writes the chart block: the figure and its tables.
func writeChart(w util.BufWriter, s *report.Summary, id string) {
	c := yearChart(s)
	w.WriteString("<div class=\"chart-block\">\n")
	defer w.WriteString("</div>\n")
	if len(c.Years) == 0 {
		w.WriteString("<p class=\"muted\">No yearly figures in this period.</p>\n")
		return
	}
	g := &svgChart{c: c, w: w, top: 14, slot: (svgW - svgPlotX - svgRightRoom) / float64(len(c.Years)), maxV: c.Max.InexactFloat64()}
	g.base = g.top + svgPlotH
	bracketsTop := g.base + 48
	if c.SpansCaption != "" {
		bracketsTop += 16
	}
	legendTop := bracketsTop + svgBracketGap*float64(len(c.Spans)) + 12
	legend := layLegend(c, legendTop)
	height := legendTop
	if n := len(legend); n > 0 {
		height = legend[n-1].y + 12
	}

	first, last := c.Years[0].Year, c.Years[len(c.Years)-1].Year
	fmt.Fprintf(w, "<figure aria-labelledby=\"%s-caption\">\n<figcaption id=\"%[1]s-caption\">%s</figcaption>\n", id, html.EscapeString(c.Title))
	fmt.Fprintf(w, "<svg role=\"img\" aria-labelledby=\"%[1]s-title %[1]s-desc\" viewBox=\"0 0 %.0f %.0f\" xmlns=\"http://www.w3.org/2000/svg\">\n", id, svgW, height)
	fmt.Fprintf(w, "<title id=\"%s-title\">%s, %s</title>\n", id, html.EscapeString(c.Title), report.YearRange{First: first, Last: last}.String())
	fmt.Fprintf(w, "<desc id=\"%s-desc\">%s</desc>\n", id, html.EscapeString(chartDesc(c)))
	g.grid()
	for i := range c.Years {
		g.year(i)
	}
	g.brackets(bracketsTop)
	for _, it := range legend {
		w.WriteString(it.key)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", it.x+12, it.y, html.EscapeString(it.label))
	}
	w.WriteString("</svg>\n</figure>\n")
	writeChartTables(w, id, s, c)
}

// grid draws the value axis: lines and labels from 0 to the maximum.
func (g *svgChart) grid() {
	step := g.c.Step.InexactFloat64()
	for v := 0.0; v <= g.maxV+step/2; v += step {
		y := g.y(v)
		fmt.Fprintf(g.w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", svgPlotX, y, svgW-svgRightRoom, y)
		fmt.Fprintf(g.w, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>\n", svgPlotX-6, y+4, html.EscapeString(axisLabel(v)))
	}
	fmt.Fprintf(g.w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"base\"/>\n", svgPlotX, g.base, svgW-svgRightRoom, g.base)
}

// year draws the i-th year: its label and incident count, "no single-year
// figure" or the low–high bar, and each point with its label; a revised
// point's first-published figure hollow, with its label.
func (g *svgChart) year(i int) {
	w, cy, cx := g.w, g.c.Years[i], g.cx(i)
	fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>", cx, g.base+15, cy.Year)
	if cy.Incidents > 0 {
		for k, l := range wrapWords(report.Plural(cy.Incidents, "named incident"), g.slot-4, 10) {
			fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"small\">%s</text>", cx, g.base+27+11*float64(k), html.EscapeString(l))
		}
	}
	if cy.NoFigure {
		lines := wrapWords("no single-year figure", g.slot-4, 10)
		for k, l := range lines {
			fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"small note\">%s</text>", cx, g.base-8-11*float64(len(lines)-1-k), l)
		}
	}
	if cy.Bar {
		lo, hi := g.y(cy.Low.InexactFloat64()), g.y(cy.High.InexactFloat64())
		fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>", cx-5, hi, 10.0, lo-hi)
	}
	for k, p := range cy.Points {
		s := g.c.Series[p.Series]
		x := g.px(i, k, len(cy.Points))
		y := g.y(p.Value.InexactFloat64())
		if p.First != nil {
			fy := g.y(p.First.Value.InexactFloat64())
			fmt.Fprintf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"revision\"/>", x, fy, x, y)
			w.WriteString(svgMarker(x, fy, s, true))
			// Clear of the point's own label when the two marks are close.
			ly := fy + 3.5
			switch d := fy - y; {
			case d >= 0 && d < 14:
				ly = y + 17
			case d < 0 && d > -14:
				ly = y - 10
			}
			fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" class=\"small note\">%s</text>", x+8, ly, html.EscapeString(p.First.Label))
		}
		w.WriteString(svgMarker(x, y, s, false))
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" class=\"small\">%s</text>", x+8, y+3.5, html.EscapeString(p.Label))
	}
	w.WriteString("\n")
}

// brackets draws the multi-year figures under the years they cover, with
// the caption that says what they are.
func (g *svgChart) brackets(top float64) {
	w, c := g.w, g.c
	if c.SpansCaption != "" {
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" class=\"small note\">%s</text>\n", svgPlotX, top-10, html.EscapeString(c.SpansCaption))
	}
	by := top
	for _, sp := range c.Spans {
		xa, xb := svgPlotX+g.slot*sp.From+2, svgPlotX+g.slot*sp.To-2
		left, right := fmt.Sprintf("M%.1f %.1fV%.1f", xa, by-4, by), fmt.Sprintf("V%.1f", by-4)
		if sp.OpenStart || sp.CutStart {
			left = fmt.Sprintf("M%.1f %.1f", xa, by)
		}
		if sp.CutEnd {
			right = ""
		}
		fmt.Fprintf(w, "<path d=\"%sH%.1f%s\" class=\"bracket\"/>", left, xb, right)
		label := sp.Label
		if svgTextW(label, 10) > xb-xa {
			label = sp.Short
		}
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"small\">%s</text>\n", (xa+xb)/2, by+13, html.EscapeString(label))
		by += svgBracketGap
	}
}

// svgMarker is a series' marker centred at (x, y), filled or hollow.
func svgMarker(x, y float64, s chartSeries, hollow bool) string {
	fill := rgb(s.Color)
	if hollow {
		fill = "#fff"
	}
	attrs := fmt.Sprintf(" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.2\"/>", fill, rgb(s.Color))
	k := svgMarkerR
	switch s.Shape {
	case shapeCircle:
		return fmt.Sprintf("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, k) + attrs
	case shapeSquare:
		k *= 0.9
		return fmt.Sprintf("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"", x-k, y-k, 2*k, 2*k) + attrs
	}
	pts := markerPolygon(s.Shape, x, y, k)
	var b strings.Builder
	for _, p := range pts {
		fmt.Fprintf(&b, "%.1f,%.1f ", p[0], p[1])
	}
	return "<polygon points=\"" + strings.TrimSpace(b.String()) + "\"" + attrs
}

// legendItem is one entry of the page's chart legend, placed: its key
// (SVG) and its label.
type svgLegendItem struct {
	key, label string
	x, y       float64
}

// layLegend places the series, and the bar and the hollow marker when the
// chart has them, in rows from y down, each row as wide as the chart.
func layLegend(c *chartSpec, y float64) []svgLegendItem {
	var items []svgLegendItem
	for _, s := range c.Series {
		items = append(items, svgLegendItem{label: s.Name, key: "marker"})
	}
	if c.Revised {
		items = append(items, svgLegendItem{label: "first published, since revised", key: "hollow"})
	}
	if c.Bars {
		items = append(items, svgLegendItem{label: "lowest to highest", key: "bar"})
	}
	x := svgPlotX
	for i := range items {
		w := svgTextW(items[i].label, 12) + 30
		if x > svgPlotX && x+w > svgW {
			x, y = svgPlotX, y+20
		}
		items[i].x, items[i].y = x, y
		x += w
		switch items[i].key {
		case "marker":
			items[i].key = svgMarker(x-w+4, y-4, c.Series[i], false)
		case "hollow":
			items[i].key = svgMarker(x-w+4, y-4, chartSeries{Color: [3]int{90, 90, 90}}, true)
		case "bar":
			items[i].key = fmt.Sprintf("<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"10\" class=\"bar\"/>", x-w+1, y-9)
		}
	}
	return items
}

// wrapWords breaks s into lines of at most width at size px (a word longer
// than that stands alone).
func wrapWords(s string, width, size float64) []string {
	var lines []string
	for _, word := range strings.Fields(s) {
		if n := len(lines); n > 0 && svgTextW(lines[n-1]+" "+word, size) <= width {
			lines[n-1] += " " + word
			continue
		}
		lines = append(lines, word)
	}
	return lines
}

func rgb(c [3]int) string { return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2]) }

// chartDesc says what the chart shows and where its figures are.
func chartDesc(c *chartSpec) string {
	first, last := c.Years[0].Year, c.Years[len(c.Years)-1].Year
	d := fmt.Sprintf("For each year from %s, a mark for each originator's latest single-year figure (%s), labelled with its qualifier", report.YearRange{First: first, Last: last}, report.Plural(len(c.Series), "originator"))
	if c.Revised {
		d += "; where a revision changed a figure, a hollow mark for the figure as first published"
	}
	if c.Bars {
		d += "; a bar from the lowest to the highest figure of a year"
	}
	d += "."
	if len(c.Spans) > 0 {
		d += fmt.Sprintf(" Under the years, %s as brackets across the years they cover.", report.Plural(len(c.Spans), "multi-year figure"))
	}
	return d + " A year without a figure is not zero; nothing is added up. The tables after the chart give the same figures."
}

// writeChartTables writes the chart's figures as tables: a row per year, a
// column per originator; then the multi-year figures; then the hedges the
// marks refer to.
func writeChartTables(w util.BufWriter, id string, s *report.Summary, c *chartSpec) {
	openTable(w, id+"-years", "The chart's figures by year", "")
	w.WriteString("<thead>\n<tr>\n<th scope=\"col\">Year</th>\n")
	for _, se := range c.Series {
		fmt.Fprintf(w, "<th scope=\"col\">%s</th>\n", html.EscapeString(se.Name))
	}
	w.WriteString("<th scope=\"col\">Lowest to highest</th>\n<th scope=\"col\">Named incidents</th>\n</tr>\n</thead>\n<tbody>\n")
	for _, cy := range c.Years {
		fmt.Fprintf(w, "<tr>\n<th scope=\"row\">%d</th>\n", cy.Year)
		cells := make([]string, len(c.Series))
		for _, p := range cy.Points {
			cells[p.Series] = p.Label
			if p.First != nil {
				cells[p.Series] += "; " + p.First.Label
			}
		}
		for _, cell := range cells {
			if cell == "" {
				cell = "no figure"
			}
			fmt.Fprintf(w, "<td>%s</td>\n", html.EscapeString(cell))
		}
		rng := "no single-year figure"
		switch {
		case cy.Bar:
			rng = report.MoneyShort(cy.Low) + "–" + report.MoneyShort(cy.High)
		case len(cy.Points) > 0:
			rng = report.MoneyShort(cy.High)
		}
		fmt.Fprintf(w, "<td>%s</td>\n<td>%d</td>\n</tr>\n", html.EscapeString(rng), cy.Incidents)
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
	if len(c.Spans) > 0 {
		claims := map[string]*report.ClaimRow{}
		for _, cl := range s.Spans {
			claims[cl.ID] = cl
		}
		openTable(w, id+"-spans", "The chart's multi-year figures", "")
		w.WriteString("<thead>\n<tr>\n<th scope=\"col\">Period</th>\n<th scope=\"col\">Figure</th>\n<th scope=\"col\">Originator</th>\n</tr>\n</thead>\n<tbody>\n")
		for _, sp := range c.Spans {
			cl := claims[sp.ClaimID]
			period := cl.Span.Human()
			fmt.Fprintf(w, "<tr>\n<th scope=\"row\">%s</th>\n<td>%s</td>\n<td>%s</td>\n</tr>\n", html.EscapeString(period), html.EscapeString(strings.TrimPrefix(sp.Short, period+": ")), html.EscapeString(cl.By.Name))
		}
		w.WriteString("</tbody>\n</table>\n</div>\n")
	}
	if len(c.Hedges) > 0 {
		w.WriteString("<ul class=\"hedges\">\n")
		for i, h := range c.Hedges {
			fmt.Fprintf(w, "<li>%s %s</li>\n", mark(i), html.EscapeString(h))
		}
		w.WriteString("</ul>\n")
	}
}
