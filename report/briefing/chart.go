package briefing

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/report"
	"github.com/shopspring/decimal"
)

// Colours of the originators' dots, in the order of the yearly table.
var seriesColors = [][3]int{{31, 56, 100}, {197, 90, 17}, {84, 130, 53}, {112, 48, 160}, {191, 143, 0}, {46, 117, 182}}

// chartHeight is the height the chart takes, brackets and legend included.
func (r *renderer) chartHeight() float64 {
	return 78.0 + 5*float64(min(len(r.doc.Summary.Spans), MaxSpans))
}

// chart draws the yearly chart as vector graphics: for each year a bar from
// the lowest to the highest reported figure and a dot per originator,
// labelled with its qualifier (a † marks a hedged figure, spelled out under
// the chart); under the axis, the multi-year figures as brackets across the
// years they cover, and the count of named incidents. Nothing is added up.
// Every fenced chart block draws this one chart: the template function
// chart checks the name.
func (r *renderer) chart() {
	s := r.doc.Summary
	r.room(r.chartHeight() + 4)
	if len(s.Years) == 0 {
		r.setFont(style{size: 8.5, italic: true, color: colorMuted})
		r.pdf.SetXY(r.x, r.y)
		r.cell(r.w, 6, "No yearly figures in this period.", "L", 0, "")
		r.y += 8
		return
	}
	p := r.newPlot(s.Years)
	hedges := &hedgeSet{}
	r.grid(p)
	for i, y := range s.Years {
		r.year(p, i, y, hedges)
	}
	by := r.brackets(p, s.Spans[:min(len(s.Spans), MaxSpans)], hedges)
	r.legend(p, by, s.YearOriginators, hedges)
}

// plot is the chart's plot area and scale.
type plot struct {
	years      []*report.YearRow
	x0, y0     float64 // origin (top left)
	w, h       float64
	slot       float64 // the width of one year
	maxV, step float64 // the axis maximum and tick step
}

func (p *plot) scaleY(v float64) float64 { return p.y0 + p.h - v/p.maxV*p.h }

// newPlot sizes the plot area and its scale for the years' figures.
func (r *renderer) newPlot(years []*report.YearRow) *plot {
	p := &plot{years: years, x0: r.x + 16, y0: r.y + 4, w: r.w - 18, h: 52.0}
	top := decimal.Zero
	for _, y := range years {
		if y.HasReports {
			top = decimal.Max(top, y.High.Amount)
		}
	}
	// The last year's labels run right of its dots: narrow the plot so that
	// they end inside the margin.
	r.setFont(style{size: 6, color: colorText})
	slot := p.w / float64(len(years))
	probe := &hedgeSet{} // measures the marks without numbering them
	for _, rep := range years[len(years)-1].ByOriginator {
		if rep.Claim != nil {
			w := r.width(pointLabel(rep.Claim, probe)) + 5
			p.w = math.Min(p.w, r.w-18-(w-slot/2))
		}
	}
	p.maxV, p.step = niceScale(top.InexactFloat64())
	p.slot = p.w / float64(len(years))
	return p
}

// grid draws the horizontal grid lines, the axis and its labels.
func (r *renderer) grid(p *plot) {
	pdf := r.pdf
	pdf.SetLineWidth(0.15)
	for v := 0.0; v <= p.maxV+p.step/2; v += p.step {
		yy := p.scaleY(v)
		pdf.SetDrawColor(215, 215, 215)
		pdf.Line(p.x0, yy, p.x0+p.w, yy)
		r.setFont(style{size: 7, color: colorMuted})
		pdf.SetXY(r.x, yy-2)
		r.cell(14.5, 4, axisLabel(v), "R", 0, "")
	}
	pdf.SetDrawColor(120, 120, 120)
	pdf.Line(p.x0, p.y0+p.h, p.x0+p.w, p.y0+p.h)
}

// year draws the i-th year: its label, the low–high bar, a labelled dot
// per originator, and the count of named incidents.
func (r *renderer) year(p *plot, i int, y *report.YearRow, hedges *hedgeSet) {
	pdf := r.pdf
	cx := p.x0 + p.slot*(float64(i)+0.5)
	r.setFont(style{size: 7.5, color: colorText})
	pdf.SetXY(cx-p.slot/2, p.y0+p.h+1)
	r.cell(p.slot, 4, fmt.Sprint(y.Year), "C", 0, "")
	if !y.HasReports {
		r.setFont(style{size: 6, italic: true, color: colorMuted})
		pdf.SetXY(cx-p.slot/2, p.y0+p.h-9)
		pdf.MultiCell(p.slot, 2.6, "no single-year figure", "", "C", false)
	} else {
		lo, hi := p.scaleY(y.Low.Amount.InexactFloat64()), p.scaleY(y.High.Amount.InexactFloat64())
		bw := math.Min(p.slot*0.28, 9)
		pdf.SetFillColor(214, 224, 240)
		pdf.SetDrawColor(150, 170, 200)
		pdf.Rect(cx-bw/2, hi, bw, math.Max(lo-hi, 0.6), "FD")
	}
	for j, rep := range y.ByOriginator {
		if rep.Claim == nil {
			continue
		}
		c := seriesColors[j%len(seriesColors)]
		pdf.SetFillColor(c[0], c[1], c[2])
		off := (float64(j) - float64(len(y.ByOriginator)-1)/2) * 2.2
		dy := p.scaleY(rep.Claim.Amount.InexactFloat64())
		pdf.Circle(cx+off, dy, 1.1, "F")
		label := pointLabel(rep.Claim, hedges)
		r.tracef("DOT %d %s %q", y.Year, rep.Claim.ID, label)
		r.setFont(style{size: 6, color: colorText})
		lw := r.width(label) + 1
		pdf.SetXY(cx+off+1.8, dy-2)
		r.cell(lw, 4, label, "L", 0, "")
	}
	if y.Incidents > 0 {
		r.setFont(style{size: 6, color: colorMuted})
		pdf.SetXY(cx-p.slot/2, p.y0+p.h+4)
		r.cell(p.slot, 3, report.Plural(y.Incidents, "named incident"), "C", 0, "")
	}
}

// brackets draws the multi-year figures, each a bracket under the years it
// covers, and returns where the legend starts.
func (r *renderer) brackets(p *plot, spans []*report.ClaimRow, hedges *hedgeSet) float64 {
	pdf := r.pdf
	by := p.y0 + p.h + 9
	for _, c := range spans {
		first, last := -1, -1
		for i, y := range p.years {
			if c.Span.Start.IsZero() && y.Year <= c.Span.End.Year || y.Year >= c.Span.Start.Year && y.Year <= c.Span.End.Year {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		xa, xb := p.x0+p.slot*float64(first)+1, p.x0+p.slot*float64(last+1)-1
		pdf.SetDrawColor(90, 90, 90)
		pdf.SetLineWidth(0.3)
		pdf.Line(xa, by, xb, by)
		pdf.Line(xa, by-1.2, xa, by)
		pdf.Line(xb, by-1.2, xb, by)
		label := c.Span.Human() + ": " + c.Hedged() + ", " + c.By.Name
		r.setFont(style{size: 6, color: colorText})
		// Shorter forms when the bracket is narrow: the originator stays
		// as long as it fits.
		if r.width(label) > xb-xa {
			label = c.Span.Human() + ": " + pointLabel(c, hedges)
			if long := label + ", " + c.By.Name; r.width(long) <= xb-xa {
				label = long
			}
		}
		pdf.SetXY(xa, by+0.3)
		r.cell(xb-xa, 3.5, label, "C", 0, "")
		by += 5
	}
	return by
}

// legend draws the originators' colours, the bar's meaning and the hedges
// the marks refer to, from y = by, and moves the text below the chart.
func (r *renderer) legend(p *plot, by float64, origs []*report.OriginatorRow, hedges *hedgeSet) {
	pdf := r.pdf
	ly := by + 1
	lx := p.x0
	r.setFont(style{size: 7.5, color: colorText})
	item := func(draw func(x, y float64), label string) {
		draw(lx+1.5, ly+2)
		pdf.SetXY(lx+4, ly)
		w := r.width(label) + 2
		r.cell(w, 4, label, "L", 0, "")
		lx += w + 6
		if lx > p.x0+p.w-30 {
			lx = p.x0
			ly += 4.5
		}
	}
	for j, o := range origs {
		c := seriesColors[j%len(seriesColors)]
		item(func(x, y float64) { pdf.SetFillColor(c[0], c[1], c[2]); pdf.Circle(x, y, 1.1, "F") }, o.Name)
	}
	item(func(x, y float64) {
		pdf.SetFillColor(214, 224, 240)
		pdf.SetDrawColor(150, 170, 200)
		pdf.Rect(x-1.2, y-1.8, 2.4, 3.6, "FD")
	}, "low–high of reports")
	ly += 5
	for i, h := range hedges.list {
		r.setFont(style{size: 7, color: colorMuted})
		pdf.SetXY(p.x0, ly)
		r.cell(p.w, 3.5, mark(i)+" "+h, "L", 0, "")
		ly += 3.6
	}
	r.y = ly + 3
}

// hedgeSet numbers the hedges a chart shows, for its footnotes.
type hedgeSet struct{ list []string }

var marks = []string{"†", "‡", "§"}

// mark is the footnote mark of the i-th hedge: †, ‡, §, ††, ‡‡, …; every
// hedge gets its own, so none is lost under a shared one.
func mark(i int) string { return strings.Repeat(marks[i%len(marks)], 1+i/len(marks)) }

func hedgeMark(h *hedgeSet, hedge string) string {
	if hedge == "" {
		return ""
	}
	i := slices.Index(h.list, hedge)
	if i < 0 {
		i = len(h.list)
		h.list = append(h.list, hedge)
	}
	return mark(i)
}

// pointLabel labels a yearly dot: its figure and its hedge's mark.
func pointLabel(c *report.ClaimRow, hedges *hedgeSet) string {
	if c.Hedge == "" {
		return shortFigure(c)
	}
	return shortFigure(c) + " " + hedgeMark(hedges, c.Hedge)
}

// shortFigure is a figure for a chart label, with its latest revision
// (report's LatestRevision, the one the workbook shows) when the originator
// revised it: "more than $750M", "about $1B, revised $660.5M". The dot
// stays at the figure as first reported; the label says it moved.
func shortFigure(c *report.ClaimRow) string {
	s := qualified(c.Qualifier, c.Amount)
	if rv := c.LatestRevision(); rv != nil {
		s += ", revised " + qualified(rv.Qualifier, rv.Amount)
	}
	return s
}

// qualified is a figure's label: exact, unlike an axis tick.
func qualified(qualifier string, v decimal.Decimal) string {
	if w := report.QualifierWords(qualifier); w != "" {
		return w + " " + report.MoneyShort(v)
	}
	return report.MoneyShort(v)
}

// niceScale returns an axis maximum and a step of 1, 2, 2.5 or 5 × 10^k.
func niceScale(top float64) (float64, float64) {
	if top <= 0 {
		return 1e6, 2.5e5
	}
	raw := top / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	return math.Ceil(top/step) * step, step
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
