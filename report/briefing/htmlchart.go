package briefing

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/dprkreport/dprkreport/report"
	"github.com/shopspring/decimal"
	"github.com/yuin/goldmark/util"
)

// The yearly chart on the page: the PDF's chart drawn as inline SVG (an
// image to assistive technology, with a title and a description), then the
// same figures as tables, so nothing is only in the picture. The labels
// are the PDF chart's (pointLabel, its hedge marks, axisLabel, niceScale).

// SVG geometry, in user units.
const (
	svgW             = 720.0
	svgPlotX         = 64.0
	svgPlotY         = 14.0
	svgPlotH         = 220.0
	svgRightRoom     = 96.0 // the last year's labels run right of its dots
	svgBracketHeight = 22.0
)

// svgTextW estimates the width of s at size px in a sans-serif face.
func svgTextW(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.55
}

type chartLabels struct {
	dots   [][]string // per year, per originator: "" where none
	spans  []string   // the bracket's label
	hedges *hedgeSet
}

// labelChart labels the dots and the brackets in the PDF chart's order,
// so the hedge marks are numbered alike.
func labelChart(s *report.Summary, slot float64) *chartLabels {
	l := &chartLabels{hedges: &hedgeSet{}}
	for _, y := range s.Years {
		row := make([]string, len(y.ByOriginator))
		for j, rep := range y.ByOriginator {
			if rep.Claim != nil {
				row[j] = pointLabel(rep.Claim, l.hedges)
			}
		}
		l.dots = append(l.dots, row)
	}
	for _, c := range s.Spans[:min(len(s.Spans), MaxSpans)] {
		first, last := spanYears(s.Years, c)
		if first < 0 {
			l.spans = append(l.spans, "")
			continue
		}
		width := slot*float64(last-first+1) - 4
		label := c.Span.Human() + ": " + c.Hedged() + ", " + c.By.Name
		if svgTextW(label, 10) > width {
			label = c.Span.Human() + ": " + pointLabel(c, l.hedges)
			if long := label + ", " + c.By.Name; svgTextW(long, 10) <= width {
				label = long
			}
		}
		l.spans = append(l.spans, label)
	}
	return l
}

// spanYears is the first and last index of the years a multi-year figure
// covers, or -1, -1.
func spanYears(years []*report.YearRow, c *report.ClaimRow) (int, int) {
	first, last := -1, -1
	for i, y := range years {
		if c.Span.Start.IsZero() && y.Year <= c.Span.End.Year || y.Year >= c.Span.Start.Year && y.Year <= c.Span.End.Year {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// writeChart writes the chart block: the figure and its tables.
func writeChart(w util.BufWriter, s *report.Summary, id string) {
	w.WriteString("<div class=\"chart-block\">\n")
	defer w.WriteString("</div>\n")
	if len(s.Years) == 0 {
		w.WriteString("<p class=\"muted\">No yearly figures in this period.</p>\n")
		return
	}
	plotW := svgW - svgPlotX - svgRightRoom
	slot := plotW / float64(len(s.Years))
	labels := labelChart(s, slot)
	spans := s.Spans[:min(len(s.Spans), MaxSpans)]
	top := decimal.Zero
	for _, y := range s.Years {
		if y.HasReports {
			top = decimal.Max(top, y.High.Amount)
		}
	}
	maxV, step := niceScale(top.InexactFloat64())
	scaleY := func(v float64) float64 { return svgPlotY + svgPlotH - v/maxV*svgPlotH }
	legend := layLegend(s.YearOriginators, svgPlotY+svgPlotH+66+svgBracketHeight*float64(len(spans)))
	height := legend[len(legend)-1].y + 12

	first, last := s.Years[0].Year, s.Years[len(s.Years)-1].Year
	fmt.Fprintf(w, "<figure>\n<svg role=\"img\" aria-labelledby=\"%[1]s-title %[1]s-desc\" viewBox=\"0 0 %.0f %.0f\" xmlns=\"http://www.w3.org/2000/svg\">\n", id, svgW, height)
	fmt.Fprintf(w, "<title id=\"%s-title\">Theft by year as each originator reported it, %s</title>\n", id, report.YearRange{First: first, Last: last}.String())
	fmt.Fprintf(w, "<desc id=\"%s-desc\">%s</desc>\n", id, html.EscapeString(chartDesc(s, len(spans))))

	// Grid and axis labels.
	for v := 0.0; v <= maxV+step/2; v += step {
		y := scaleY(v)
		fmt.Fprintf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", svgPlotX, y, svgPlotX+plotW, y)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>\n", svgPlotX-6, y+4, html.EscapeString(axisLabel(v)))
	}
	base := svgPlotY + svgPlotH
	fmt.Fprintf(w, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"base\"/>\n", svgPlotX, base, svgPlotX+plotW, base)
	for i, y := range s.Years {
		cx := svgPlotX + slot*(float64(i)+0.5)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>", cx, base+15, y.Year)
		if y.Incidents > 0 {
			for k, l := range wrapWords(report.Plural(y.Incidents, "named incident"), slot-4, 10) {
				fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"small\">%s</text>", cx, base+27+11*float64(k), html.EscapeString(l))
			}
		}
		if !y.HasReports {
			lines := wrapWords("no single-year figure", slot-4, 10)
			for k, l := range lines {
				fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"small note\">%s</text>", cx, base-8-11*float64(len(lines)-1-k), l)
			}
			w.WriteString("\n")
			continue
		}
		lo, hi := scaleY(y.Low.Amount.InexactFloat64()), scaleY(y.High.Amount.InexactFloat64())
		bw := math.Min(slot*0.28, 26)
		fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar\"/>", cx-bw/2, hi, bw, math.Max(lo-hi, 2))
		for j, rep := range y.ByOriginator {
			if rep.Claim == nil {
				continue
			}
			off := (float64(j) - float64(len(y.ByOriginator)-1)/2) * 6
			dy := scaleY(rep.Claim.Amount.InexactFloat64())
			fmt.Fprintf(w, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>", cx+off, dy, rgb(seriesColors[j%len(seriesColors)]))
			fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" class=\"small\">%s</text>", cx+off+6, dy+3.5, html.EscapeString(labels.dots[i][j]))
		}
		w.WriteString("\n")
	}
	// Multi-year figures: a bracket under the years each covers.
	by := base + 50
	for k, c := range spans {
		a, b := spanYears(s.Years, c)
		if a < 0 {
			continue
		}
		xa, xb := svgPlotX+slot*float64(a)+3, svgPlotX+slot*float64(b+1)-3
		fmt.Fprintf(w, "<path d=\"M%.1f %.1fV%.1fH%.1fV%.1f\" class=\"bracket\"/>", xa, by-4, by, xb, by-4)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"small\">%s</text>\n", (xa+xb)/2, by+13, html.EscapeString(labels.spans[k]))
		by += svgBracketHeight
	}
	for _, it := range legend {
		fmt.Fprintf(w, it.swatch, it.x+4, it.y-4)
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", it.x+12, it.y, html.EscapeString(it.label))
	}
	w.WriteString("</svg>\n</figure>\n")
	writeChartTables(w, id, s, labels, spans)
}

// legendItem is one entry of the chart's legend, placed.
type legendItem struct {
	swatch, label string
	x, y          float64
}

// layLegend places the originators' colours and the bar's meaning in rows
// from y down, each row as wide as the chart.
func layLegend(origs []*report.OriginatorRow, y float64) []legendItem {
	var items []legendItem
	for j, o := range origs {
		items = append(items, legendItem{swatch: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"" + rgb(seriesColors[j%len(seriesColors)]) + "\"/>", label: o.Name})
	}
	items = append(items, legendItem{swatch: "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"10\" transform=\"translate(-3 -5)\" class=\"bar\"/>", label: "low–high of reports"})
	x := svgPlotX
	for i := range items {
		w := svgTextW(items[i].label, 12) + 30
		if x > svgPlotX && x+w > svgW {
			x, y = svgPlotX, y+20
		}
		items[i].x, items[i].y = x, y
		x += w
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
func chartDesc(s *report.Summary, spans int) string {
	first, last := s.Years[0].Year, s.Years[len(s.Years)-1].Year
	d := fmt.Sprintf("For each year from %s, a bar from the lowest to the highest single-year figure reported and a dot for each originator's highest figure (%s), labelled with its qualifier.", report.YearRange{First: first, Last: last}.String(), report.Plural(len(s.YearOriginators), "originator"))
	if spans > 0 {
		d += fmt.Sprintf(" Under the years, %s as brackets across the years they cover.", report.Plural(spans, "multi-year figure"))
	}
	return d + " Nothing is added up. The tables after the chart give the same figures."
}

// writeChartTables writes the chart's figures as tables: a row per year, a
// column per originator; then the multi-year figures; then the hedges the
// marks refer to.
func writeChartTables(w util.BufWriter, id string, s *report.Summary, l *chartLabels, spans []*report.ClaimRow) {
	openTable(w, id+"-years", "The chart's figures by year", "")
	w.WriteString("<thead>\n<tr>\n<th scope=\"col\">Year</th>\n")
	for _, o := range s.YearOriginators {
		fmt.Fprintf(w, "<th scope=\"col\">%s</th>\n", html.EscapeString(o.Name))
	}
	w.WriteString("<th scope=\"col\">Low–high of reports</th>\n<th scope=\"col\">Named incidents</th>\n</tr>\n</thead>\n<tbody>\n")
	for i, y := range s.Years {
		fmt.Fprintf(w, "<tr>\n<th scope=\"row\">%d</th>\n", y.Year)
		for j := range s.YearOriginators {
			cell := "no figure"
			if j < len(l.dots[i]) && l.dots[i][j] != "" {
				cell = l.dots[i][j]
			}
			fmt.Fprintf(w, "<td>%s</td>\n", html.EscapeString(cell))
		}
		rng := "no single-year figure"
		if y.HasReports {
			rng = report.MoneyShort(y.Low.Amount) + "–" + report.MoneyShort(y.High.Amount)
			if y.Low.Amount.Equal(y.High.Amount) {
				rng = report.MoneyShort(y.High.Amount)
			}
		}
		fmt.Fprintf(w, "<td>%s</td>\n<td>%d</td>\n</tr>\n", html.EscapeString(rng), y.Incidents)
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
	if len(spans) > 0 {
		openTable(w, id+"-spans", "The chart's multi-year figures", "")
		w.WriteString("<thead>\n<tr>\n<th scope=\"col\">Period</th>\n<th scope=\"col\">Figure</th>\n<th scope=\"col\">Originator</th>\n</tr>\n</thead>\n<tbody>\n")
		for _, c := range spans {
			fmt.Fprintf(w, "<tr>\n<th scope=\"row\">%s</th>\n<td>%s</td>\n<td>%s</td>\n</tr>\n", html.EscapeString(c.Span.Human()), html.EscapeString(c.Hedged()), html.EscapeString(c.By.Name))
		}
		w.WriteString("</tbody>\n</table>\n</div>\n")
	}
	if len(l.hedges.list) > 0 {
		w.WriteString("<ul class=\"hedges\">\n")
		for i, h := range l.hedges.list {
			fmt.Fprintf(w, "<li>%s %s</li>\n", mark(i), html.EscapeString(h))
		}
		w.WriteString("</ul>\n")
	}
}
