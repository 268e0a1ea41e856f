package briefing

import (
	"slices"
	"strings"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/shopspring/decimal"
)

// chartSpec is what the yearly chart shows, whatever draws it: which marks,
// where on the value and year axes, with which labels, shapes and colours.
// yearChart builds it from the Summary; it measures no text and knows no
// page units, so the PDF (chart.go, with gofpdf) and an SVG drawing show the
// same chart with the same footnote marks.
type chartSpec struct {
	Title  string
	Series []chartSeries // the originators with a single-year figure, as the yearly table orders them
	Years  []chartYear
	Spans  []chartSpan // the multi-year figures, at most MaxSpans
	// SpansCaption says what the brackets under the years are.
	SpansCaption string
	// Hedges are the hedges the labels' marks refer to: Hedges[i] is
	// explained under mark(i).
	Hedges    []string
	Max, Step decimal.Decimal // the value axis runs from 0 to Max in Step
	Revised   bool            // some point has a first-published marker
	Bars      bool            // some year has a low–high bar
}

// chartSeries is one originator's marks.
type chartSeries struct {
	Name  string
	Color [3]int
	Shape shape
}

// chartYear is one year of the chart.
type chartYear struct {
	Year int
	// NoFigure is set when no originator gives a figure for the year
	// alone: the chart says so, it does not show zero.
	NoFigure bool
	// Low and High span the year's latest figures (the bar); Bar is set
	// when they differ.
	Low, High decimal.Decimal
	Bar       bool
	Points    []chartPoint
	Incidents int // named incidents in the year
}

// chartPoint is one originator's figure for a year: its latest value
// (report.ClaimRow.LatestRevision), and where a revision changed it, the
// value as first published.
type chartPoint struct {
	Series  int // index into chartSpec.Series
	ClaimID string
	Value   decimal.Decimal
	Label   string // "about $660.5M", "at least $1.65B, Jan–Sep"
	First   *chartFirst
}

// chartFirst is a figure as first published, drawn hollow.
type chartFirst struct {
	Value decimal.Decimal
	Label string // "first published about $1B, Jan 2024"
}

// chartSpan is a multi-year figure, a bracket under the years it covers.
// From and To are positions on the year axis: 0 is the start of the first
// year shown, len(Years) the end of the last, fractions part of a year.
type chartSpan struct {
	ClaimID  string
	From, To float64
	// OpenStart is set when the period has no start ("up to Jul 2019"):
	// the bracket is drawn open at its left. CutStart and CutEnd are set
	// when the period runs on past the years shown.
	OpenStart, CutStart, CutEnd bool
	Label                       string // "2017–2023: about $3B †, the UN Panel of Experts"
	Short                       string // the same without the originator, where the long one does not fit
}

// The chart's title says what its marks are: every point is a
// single-year theft figure attributed to the DPRK (report.IsTheft), one
// mark per originator; without points, only multi-year figures remain.
const (
	chartTitle      = "Reported DPRK theft by year, by originator"
	chartTitleSpans = "Reported multi-year DPRK figures (no single-year figure in these years)"
)

// yearChart builds the yearly chart of s.
func yearChart(s *report.Summary) *chartSpec {
	c := &chartSpec{Title: chartTitle}
	hedges := &hedgeSet{}
	for j, o := range s.YearOriginators {
		c.Series = append(c.Series, chartSeries{Name: o.Name, Color: seriesColor(j), Shape: seriesShape(j)})
	}
	top := decimal.Zero
	for _, y := range s.Years {
		cy := chartYear{Year: y.Year, NoFigure: !y.HasReports, Incidents: y.Incidents}
		for j, rep := range y.ByOriginator {
			if rep.Claim == nil {
				continue
			}
			p := chartPoint{Series: j, ClaimID: rep.Claim.ID, Value: latestFigure(rep.Claim).amount, Label: pointLabel(rep.Claim, hedges)}
			if f := firstPublished(rep.Claim); f != nil {
				p.First = f
				c.Revised = true
				top = decimal.Max(top, f.Value)
			}
			if len(cy.Points) == 0 || p.Value.LessThan(cy.Low) {
				cy.Low = p.Value
			}
			if len(cy.Points) == 0 || p.Value.GreaterThan(cy.High) {
				cy.High = p.Value
			}
			top = decimal.Max(top, p.Value)
			cy.Points = append(cy.Points, p)
		}
		cy.Bar = len(cy.Points) > 1 && !cy.Low.Equal(cy.High)
		c.Bars = c.Bars || cy.Bar
		c.Years = append(c.Years, cy)
	}
	for _, sp := range s.Spans[:min(len(s.Spans), MaxSpans)] {
		if cs, ok := spanMarks(s.Years, sp, hedges); ok {
			c.Spans = append(c.Spans, cs)
		}
	}
	if !anyPoint(c.Years) {
		c.Title = chartTitleSpans
	}
	c.SpansCaption = spansCaption(s.Spans[:min(len(s.Spans), MaxSpans)])
	c.Hedges = hedges.list
	mx, step := niceScale(top.InexactFloat64())
	c.Max, c.Step = decimal.NewFromFloat(mx), decimal.NewFromFloat(step)
	return c
}

func anyPoint(years []chartYear) bool {
	for _, y := range years {
		if len(y.Points) > 0 {
			return true
		}
	}
	return false
}

// figure is a value with its qualifier.
type figure struct {
	qualifier string
	amount    decimal.Decimal
}

// latestFigure is the claim's figure as its originator last gave it: its
// latest revision (report.ClaimRow.LatestRevision), else the figure itself.
func latestFigure(c *report.ClaimRow) figure {
	q := c.Qualifier
	if rv := c.LatestRevision(); rv != nil {
		q = rv.Qualifier
	}
	return figure{q, c.LatestAmount()}
}

// firstPublished is the claim's figure as first published when a revision
// changed its value, dated by the earliest source that gives it; nil when
// the latest figure is the first.
func firstPublished(c *report.ClaimRow) *chartFirst {
	if latestFigure(c).amount.Equal(c.Amount) {
		return nil
	}
	label := "first published " + qualified(c.Qualifier, c.Amount)
	var first *report.SourceRow
	for _, r := range c.Refs {
		if first == nil || r.Source.Date.First().Before(first.Date.First()) {
			first = r.Source
		}
	}
	if first != nil && !first.Date.IsZero() {
		when := first.Date.Human()
		if first.DateInferred {
			when = "about " + when
		}
		label += ", " + when
	}
	return &chartFirst{Value: c.Amount, Label: label}
}

// pointLabel labels a yearly point: its latest figure, the part of the
// year it covers when not the whole, and its hedge's mark.
func pointLabel(c *report.ClaimRow, hedges *hedgeSet) string {
	f := latestFigure(c)
	s := qualified(f.qualifier, f.amount)
	if part := partOfYear(c.Span); part != "" {
		s += ", " + part
	}
	if m := hedgeMark(hedges, c.Hedge); m != "" {
		s += " " + m
	}
	return s
}

// partOfYear names the part of its year a single-year period covers
// ("Jan–Sep"), or "" for the whole year.
func partOfYear(sp dataset.Span) string {
	y, single := sp.SingleYear()
	if !single || sp.ContainsYear(y) {
		return ""
	}
	suffix := " " + sp.End.Human()[len(sp.End.Human())-4:]
	a, b := strings.TrimSuffix(sp.Start.Human(), suffix), strings.TrimSuffix(sp.End.Human(), suffix)
	if a == b {
		return a
	}
	return a + "–" + b
}

// spanMarks places a multi-year figure on the year axis; false when none
// of its years is shown.
func spanMarks(years []*report.YearRow, c *report.ClaimRow, hedges *hedgeSet) (chartSpan, bool) {
	if len(years) == 0 {
		return chartSpan{}, false
	}
	first, last := years[0].Year, years[len(years)-1].Year
	cs := chartSpan{ClaimID: c.ID, OpenStart: c.Span.Start.IsZero()}
	if cs.OpenStart {
		cs.From = 0
	} else {
		cs.From = yearPos(c.Span.Start.First(), first)
		if cs.From < 0 {
			cs.From, cs.CutStart = 0, true
		}
	}
	cs.To = yearPos(c.Span.End.Last().AddDate(0, 0, 1), first)
	if end := float64(last - first + 1); cs.To > end {
		cs.To, cs.CutEnd = end, true
	}
	if cs.To <= 0 || cs.From >= float64(last-first+1) {
		return chartSpan{}, false
	}
	f := latestFigure(c)
	fig := qualified(f.qualifier, f.amount)
	if m := hedgeMark(hedges, c.Hedge); m != "" {
		fig += " " + m
	}
	cs.Short = c.Span.Human() + ": " + fig
	cs.Label = cs.Short + ", " + c.By.Name
	return cs, true
}

// yearPos is the position of instant t on a year axis whose 0 is the start
// of year first.
func yearPos(t time.Time, first int) float64 {
	start := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	days := float64(start.AddDate(1, 0, 0).Sub(start).Hours() / 24)
	return float64(t.Year()-first) + t.Sub(start).Hours()/24/days
}

// spansCaption says what the brackets are, from their metrics: "Multi-year
// figures, kept whole: value stolen; value of suspected attacks".
func spansCaption(spans []*report.ClaimRow) string {
	var what []string
	for _, c := range spans {
		if l := strings.ToLower(c.Measure.Label); !slices.Contains(what, l) {
			what = append(what, l)
		}
	}
	if len(what) == 0 {
		return ""
	}
	return "Multi-year figures, kept whole: " + strings.Join(what, "; ")
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

// qualified is a figure's label: exact, unlike an axis tick.
func qualified(qualifier string, v decimal.Decimal) string {
	if w := report.QualifierWords(qualifier); w != "" {
		return w + " " + report.MoneyShort(v)
	}
	return report.MoneyShort(v)
}
