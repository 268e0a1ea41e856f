package briefing

import (
	"fmt"
	"math"
	"strings"

	"github.com/dprkreport/dprkreport/report"
	"github.com/shopspring/decimal"
)

// The chart's type sizes, in points: nothing under 8 (print design keeps
// 7.5–9 pt for the least important text; the labels are the content).
const (
	chartTitleSize = 10
	chartTextSize  = 8
	chartYearSize  = 8.5
	chartLineH     = 3.6 // mm, one 8-pt label line
	markerR        = 1.35
	axisW          = 23.0 // the value axis' labels and the row headers
	plotH          = 41.0
	spanRowH       = 4.6 // mm, one bracket with its label
	legendRowH     = 4.3 // mm, one row of the legend
)

// chart draws the yearly chart (yearChart) as vector graphics: its title;
// for each year a marker per originator at its latest figure, labelled
// with its qualifier (a † marks a hedged figure, spelled out under the
// chart), the figure as first published as a hollow marker where a revision
// changed it, and a bar from the lowest to the highest latest figure; under
// the axis, the count of named incidents and the multi-year figures as
// brackets across the years they cover; then the legend. Nothing is added
// up. Every fenced chart block draws this one chart: the template function
// chart checks the name.
func (r *renderer) chart() {
	c := yearChart(r.doc.Summary)
	r.room(r.chartHeight() + 4)
	r.tracef("CHART TITLE %q", c.Title)
	r.setFont(style{size: chartTitleSize, bold: true, color: colorText})
	r.pdf.SetXY(r.x, r.y)
	r.cell(r.w, 5, c.Title, "L", 0, "")
	r.y += 6
	if len(c.Years) == 0 {
		r.setFont(style{size: 8.5, italic: true, color: colorMuted})
		r.pdf.SetXY(r.x, r.y)
		r.cell(r.w, 6, "No yearly figures in this period.", "L", 0, "")
		r.y += 8
		return
	}
	p := r.newPlot(c)
	r.grid(p)
	pl := &placer{bounds: box{p.x0, p.y0 - 3, r.x + r.w, p.y0 + p.h - 0.3}, gap: 0.8, lineH: chartLineH, maxShifts: 6}
	r.yearAxis(p, pl)
	for i := range c.Years {
		r.yearMarks(p, i, pl)
	}
	for i := range c.Years {
		r.yearLabels(p, i, pl)
	}
	by := r.brackets(p, p.y0+p.h+p.below)
	r.legend(p, by)
}

// chartHeight is the height the chart takes, title, brackets and legend
// included.
func (r *renderer) chartHeight() float64 {
	c := yearChart(r.doc.Summary)
	if len(c.Years) == 0 {
		return 14
	}
	h := 6 + 4 + plotHeight(c) + belowAxis(c)
	if len(c.Spans) > 0 {
		h += 5 + spanRowH*float64(len(c.Spans))
	}
	_, rows := r.legendLayout(c, r.x+axisW, r.w-axisW)
	return h + 0.6 + legendRowH*float64(rows) + 4*float64(len(c.Hedges)) + 2
}

// plotHeight is the plot area's height: plotH, or, when no year has a
// figure of its own, only room for saying so (a value axis with nothing on
// it would suggest a scale).
func plotHeight(c *chartSpec) float64 {
	if anyPoint(c.Years) {
		return plotH
	}
	return 9
}

// belowAxis is the room under the axis for the years and the incident
// counts.
func belowAxis(c *chartSpec) float64 {
	for _, y := range c.Years {
		if y.Incidents > 0 {
			return 9
		}
	}
	return 6
}

// plot is the chart's plot area and scale.
type plot struct {
	c          *chartSpec
	x0, y0     float64 // origin (top left)
	w, h       float64
	slot       float64 // the width of one year
	maxV, step float64 // the axis maximum and tick step
	below      float64 // the room under the axis, for years and incidents
}

func (p *plot) scaleY(v decimal.Decimal) float64 {
	return p.y0 + p.h - v.InexactFloat64()/p.maxV*p.h
}

// cx is the centre of the i-th year.
func (p *plot) cx(i int) float64 { return p.x0 + p.slot*(float64(i)+0.5) }

// pointX is where the k-th of the i-th year's points stands: the year's
// points side by side, in the series' order, centred on the year (shape
// and colour, not place, tell the series apart).
func (p *plot) pointX(i, k int) float64 {
	n := float64(len(p.c.Years[i].Points))
	step := math.Min(2.8, p.slot*0.5/math.Max(n-1, 1))
	return p.cx(i) + (float64(k)-(n-1)/2)*step
}

// firstX is where the hollow marker of a figure as first published stands
// beside its latest figure's marker at (x, y): under or over it, else, when
// the two would touch, just left of it.
func (p *plot) firstX(x, y, fy float64) float64 {
	if math.Abs(fy-y) > 2*markerR+0.6 {
		return x
	}
	return x - 2*markerR - 0.8
}

// newPlot sizes the plot area and its scale. The last year's labels run
// right of its marks: the plot leaves them room inside the margin.
func (r *renderer) newPlot(c *chartSpec) *plot {
	p := &plot{c: c, x0: r.x + axisW, y0: r.y + 4, w: r.w - axisW, h: plotHeight(c), below: belowAxis(c)}
	p.slot = p.w / float64(len(c.Years))
	p.maxV, p.step = c.Max.InexactFloat64(), c.Step.InexactFloat64()
	r.setFont(style{size: chartTextSize})
	last := len(c.Years) - 1
	over := 0.0
	for k, pt := range c.Years[last].Points {
		w := r.width(pt.Label)
		if i := strings.LastIndex(pt.Label, ", "); i > 0 {
			w = max(r.width(pt.Label[:i+1]), r.width(pt.Label[i+2:]))
		}
		over = max(over, p.pointX(last, k)+markerR+1.5+w-(r.x+r.w))
	}
	if over > 0 {
		// The marks move left by half a slot's share for each millimetre
		// the plot loses.
		p.w -= math.Min(over*2*float64(len(c.Years))/(2*float64(len(c.Years))-1), 35)
		p.slot = p.w / float64(len(c.Years))
	}
	return p
}

// grid draws the horizontal grid lines, the axis and its labels; only the
// axis line when no year has a figure to scale.
func (r *renderer) grid(p *plot) {
	pdf := r.pdf
	pdf.SetLineWidth(0.15)
	for v := 0.0; p.h == plotH && v <= p.maxV+p.step/2; v += p.step {
		yy := p.scaleY(decimal.NewFromFloat(v))
		pdf.SetDrawColor(215, 215, 215)
		pdf.Line(p.x0, yy, p.x0+p.w, yy)
		r.setFont(style{size: chartTextSize, color: colorMuted})
		pdf.SetXY(r.x, yy-2)
		r.cell(axisW-1.5, 4, axisLabel(v), "R", 0, "")
	}
	pdf.SetDrawColor(120, 120, 120)
	pdf.Line(p.x0, p.y0+p.h, p.x0+p.w, p.y0+p.h)
}

// yearAxis writes the years, the count of named incidents under each (a
// row headed "Named incidents"), and over each run of years without a
// figure of their own a note that says so: a gap is not zero.
func (r *renderer) yearAxis(p *plot, pl *placer) {
	pdf := r.pdf
	base := p.y0 + p.h
	incidents := false
	for i, y := range p.c.Years {
		r.setFont(style{size: chartYearSize, color: colorText})
		pdf.SetXY(p.cx(i)-p.slot/2, base+1)
		r.cell(p.slot, 4, fmt.Sprint(y.Year), "C", 0, "")
		if y.Incidents > 0 {
			incidents = true
			r.setFont(style{size: chartTextSize, color: colorMuted})
			pdf.SetXY(p.cx(i)-p.slot/2, base+5)
			r.cell(p.slot, 3.5, fmt.Sprint(y.Incidents), "C", 0, "")
		}
	}
	if incidents {
		r.tracef("CHART incidents row")
		r.setFont(style{size: chartTextSize, color: colorMuted})
		pdf.SetXY(r.x, base+5)
		r.cell(axisW-1.5, 3.5, "Named incidents", "R", 0, "")
	}
	for i := 0; i < len(p.c.Years); {
		if !p.c.Years[i].NoFigure {
			i++
			continue
		}
		k := i
		for k+1 < len(p.c.Years) && p.c.Years[k+1].NoFigure {
			k++
		}
		r.noFigure(p, i, k, pl)
		i = k + 1
	}
}

// noFigure writes "no single-year figure" over the years i..k.
func (r *renderer) noFigure(p *plot, i, k int, pl *placer) {
	x := p.x0 + p.slot*float64(i)
	w := p.slot * float64(k-i+1)
	r.tracef("GAP %d–%d no single-year figure", p.c.Years[i].Year, p.c.Years[k].Year)
	r.setFont(style{size: chartTextSize, italic: true, color: colorMuted})
	note := "no single-year figure"
	lines := []string{note}
	if r.width(note) > w-1 {
		lines = []string{"no single-", "year figure"}
	}
	top := p.y0 + p.h - 1.5 - chartLineH*float64(len(lines))
	for n, l := range lines {
		r.pdf.SetXY(x, top+chartLineH*float64(n))
		r.cell(w, chartLineH, l, "C", 0, "")
	}
	pl.take(box{x, top, x + w, p.y0 + p.h})
}

// yearMarks draws the i-th year's bar and markers, and marks them taken
// so that no label covers them.
func (r *renderer) yearMarks(p *plot, i int, pl *placer) {
	pdf := r.pdf
	y := p.c.Years[i]
	if y.Bar {
		// The bar runs under the year's markers, from the lowest latest
		// figure to the highest.
		lo, hi := p.scaleY(y.Low), p.scaleY(y.High)
		xa, xb := math.Inf(1), math.Inf(-1)
		for k := range y.Points {
			xa, xb = math.Min(xa, p.pointX(i, k)), math.Max(xb, p.pointX(i, k))
		}
		xa, xb = xa-markerR-0.5, xb+markerR+0.5
		r.tracef("BAR %d %s–%s", y.Year, qualified("", y.Low), qualified("", y.High))
		pdf.SetFillColor(222, 229, 240)
		pdf.SetDrawColor(160, 176, 200)
		pdf.SetLineWidth(0.15)
		pdf.Rect(xa, hi, xb-xa, lo-hi, "FD")
		pl.take(box{xa, hi, xb, lo})
	}
	for k, pt := range y.Points {
		s := p.c.Series[pt.Series]
		x, v := p.pointX(i, k), p.scaleY(pt.Value)
		if pt.First != nil {
			fv := p.scaleY(pt.First.Value)
			fx := p.firstX(x, v, fv)
			pdf.SetDrawColor(s.Color[0], s.Color[1], s.Color[2])
			pdf.SetLineWidth(0.25)
			pdf.SetDashPattern([]float64{0.6, 0.5}, 0)
			pdf.Line(fx, fv, x, v)
			pdf.SetDashPattern(nil, 0)
			r.marker(fx, fv, s, true)
			pl.take(box{fx - markerR, fv - markerR, fx + markerR, fv + markerR})
			pl.take(box{min(fx, x) - 0.3, min(fv, v), max(fx, x) + 0.3, max(fv, v)})
		}
		r.marker(x, v, s, false)
		// Other labels keep clear of a marker, so that no figure reads
		// as another's.
		pl.take(box{x - markerR - 0.6, v - markerR - 0.6, x + markerR + 0.6, v + markerR + 0.6})
	}
}

// yearLabels places and writes the labels of the i-th year's markers:
// the latest figures first, then the first-published ones.
func (r *renderer) yearLabels(p *plot, i int, pl *placer) {
	y := p.c.Years[i]
	for k, pt := range y.Points {
		x, v := p.pointX(i, k), p.scaleY(pt.Value)
		r.tracef("POINT %d %s %s %q", y.Year, pt.ClaimID, p.c.Series[pt.Series].Shape, pt.Label)
		r.pointText(pl, x, v, pt.Label)
	}
	for k, pt := range y.Points {
		if pt.First == nil {
			continue
		}
		v := p.scaleY(pt.First.Value)
		x := p.firstX(p.pointX(i, k), p.scaleY(pt.Value), v)
		r.tracef("FIRST %d %s %q", y.Year, pt.ClaimID, pt.First.Label)
		r.pointText(pl, x, v, pt.First.Label)
	}
}

// pointText writes a marker's label where the placer finds room, on one
// line or, where that finds none, broken after its last comma; with a
// leader line when it had to move off the marker's line.
func (r *renderer) pointText(pl *placer, x, y float64, label string) {
	r.setFont(style{size: chartTextSize, color: colorText})
	forms := [][]string{{label}}
	if i := strings.LastIndex(label, ", "); i > 0 {
		forms = append(forms, []string{label[:i+1], label[i+2:]})
	}
	sizes := make([][2]float64, len(forms))
	for f, lines := range forms {
		for _, l := range lines {
			sizes[f][0] = max(sizes[f][0], r.width(l))
		}
		sizes[f][1] = chartLineH * float64(len(lines))
	}
	b, f, moved := pl.place(x, y, markerR, sizes)
	if moved {
		ex := b.x0
		if b.x1 < x {
			ex = b.x1
		}
		r.pdf.SetDrawColor(150, 150, 150)
		r.pdf.SetLineWidth(0.15)
		r.pdf.Line(x, y, ex, (b.y0+b.y1)/2)
	}
	r.textLines(b, forms[f], b.x1 < x)
}

// textLines writes lines in the box b, each on a white ground that keeps
// grid lines out of the text (the placer keeps the box off every mark),
// flush left or, when the box is left of its mark, flush right.
func (r *renderer) textLines(b box, lines []string, flushRight bool) {
	m := r.pdf.GetCellMargin()
	for n, l := range lines {
		w := r.width(l)
		x := b.x0
		if flushRight {
			x = b.x1 - w
		}
		y := b.y0 + chartLineH*float64(n)
		r.pdf.SetFillColor(255, 255, 255)
		r.pdf.Rect(x-0.3, y+0.5, w+0.6, chartLineH-1, "F")
		r.pdf.SetXY(x-m, y)
		r.cell(w+2*m, chartLineH, l, "L", 0, "")
	}
}

// marker draws a series' marker centred at (x, y): filled, or hollow (a
// white inside) for a figure as first published.
func (r *renderer) marker(x, y float64, s chartSeries, hollow bool) {
	pdf := r.pdf
	pdf.SetDrawColor(s.Color[0], s.Color[1], s.Color[2])
	pdf.SetFillColor(s.Color[0], s.Color[1], s.Color[2])
	if hollow {
		pdf.SetFillColor(255, 255, 255)
	}
	pdf.SetLineWidth(0.35)
	k := markerR
	switch s.Shape {
	case shapeCircle:
		pdf.Circle(x, y, k, "FD")
		return
	case shapeSquare:
		k *= 0.9
		pdf.Rect(x-k, y-k, 2*k, 2*k, "FD")
		return
	}
	pts := markerPolygon(s.Shape, x, y, k)
	pdf.MoveTo(pts[0][0], pts[0][1])
	for _, q := range pts[1:] {
		pdf.LineTo(q[0], q[1])
	}
	pdf.ClosePath()
	pdf.DrawPath("FD")
}

// niceScale returns an axis maximum and a step of 1, 2, 2.5 or 5 × 10^k,
// the maximum at least a quarter step over top.
func niceScale(top float64) (float64, float64) {
	if top <= 0 {
		return 1e6, 2.5e5
	}
	raw := top / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	mx := math.Ceil(top/step) * step
	if top > mx-step/4 {
		// Room over the highest mark for its label.
		mx += step
	}
	return mx, step
}

func axisLabel(v float64) string {
	switch {
	case v == 0:
		return "$0"
	case v >= 1e9:
		return "$" + decimal.NewFromFloat(v/1e9).Round(2).String() + "B"
	case v >= 1e6:
		return "$" + decimal.NewFromFloat(v/1e6).Round(1).String() + "M"
	}
	return "$" + report.Grouped(decimal.NewFromFloat(v).Round(0))
}
