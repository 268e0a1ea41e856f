package briefing

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/dprkreport/dprkreport/report"
	"github.com/yuin/goldmark/ast"
)

// WriteMarkdown writes the composed briefing as a Markdown document of its
// own: the text the PDF is drawn from, with its citations, links and
// <a id> anchors as they are (every #src-n link resolves within it), and
// every chart block replaced by the chart's figures as a table, so that
// nothing is only in a picture. pandoc takes it to HTML, DOCX or PDF. The
// same Doc gives the same bytes.
func WriteMarkdown(w io.Writer, doc *Doc) error {
	src := doc.Markdown
	root := doc.root()
	var out bytes.Buffer
	last := 0
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok || fc.Info == nil || string(fc.Info.Segment.Value(src)) != "chart" {
			return ast.WalkContinue, nil
		}
		start, end, prefix := fenceBounds(src, fc)
		out.Write(src[last:start])
		for i, line := range strings.SplitAfter(chartMarkdown(doc.Summary), "\n") {
			if line == "" {
				continue
			}
			p := prefix
			if i == 0 {
				p = ""
			}
			if line == "\n" {
				p = strings.TrimRight(p, " ")
			}
			out.WriteString(p + line)
		}
		last = end
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return err
	}
	out.Write(src[last:])
	_, err = w.Write(out.Bytes())
	return err
}

// fenceBounds returns where a fenced block starts (after the container's
// prefix on its opening line: a list marker, a quote's ">"), where it ends
// (after its closing fence's line, or its last line when it is left open),
// and the prefix the lines that replace it carry to stay in its container.
func fenceBounds(src []byte, fc *ast.FencedCodeBlock) (start, end int, prefix string) {
	info := fc.Info.Segment.Start
	lineStart := bytes.LastIndexByte(src[:info], '\n') + 1
	fenceAt := lineStart
	for fenceAt < info && src[fenceAt] != '`' && src[fenceAt] != '~' {
		fenceAt++
	}
	// Continuation lines: a quote's markers stay, a list marker becomes
	// spaces of its width.
	for _, c := range string(src[lineStart:fenceAt]) {
		if c == '>' {
			prefix += ">"
		} else {
			prefix += " "
		}
	}
	fence := fenceAt
	for fence < info && src[fence] == src[fenceAt] {
		fence++
	}
	marker := string(src[fenceAt:fence])
	end = lineEnd(src, info)
	if l := fc.Lines(); l.Len() > 0 {
		end = lineEnd(src, l.At(l.Len()-1).Stop-1)
	}
	if end < len(src) {
		next := src[end:lineEnd(src, end)]
		if close := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(string(next)), ">")); strings.HasPrefix(close, marker) && strings.Trim(close, marker[:1]) == "" {
			end = lineEnd(src, end)
		}
	}
	return fenceAt, end, prefix
}

// lineEnd is the offset just past the line break of the line holding
// offset i (or the end of src).
func lineEnd(src []byte, i int) int {
	if i < 0 {
		i = 0
	}
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}

// chartMarkdown is the yearly chart (yearChart, what the PDF draws) as
// Markdown: its title; a row per year, a column per originator with its
// latest figure's label (qualifier, part of the year, hedge mark) and,
// where a revision changed it, the figure as first published; the low–high
// of the latest figures; the named incidents; then the multi-year figures
// the chart draws as brackets, and the hedges the marks refer to. Nothing
// is added up.
func chartMarkdown(s *report.Summary) string {
	c := yearChart(s)
	var b strings.Builder
	b.WriteString("**" + escape(c.Title) + "**\n\n")
	if len(c.Years) == 0 {
		b.WriteString("*No yearly figures in this period.*\n")
		return b.String()
	}
	b.WriteString("| Year |")
	for _, sr := range c.Series {
		b.WriteString(" " + escape(sr.Name) + " |")
	}
	b.WriteString(" Low–high of the latest figures | Named incidents |\n|---|")
	b.WriteString(strings.Repeat("---|", len(c.Series)+2) + "\n")
	for _, y := range c.Years {
		cells := make([]string, len(c.Series))
		for i := range cells {
			cells[i] = "no figure"
		}
		for _, p := range y.Points {
			cells[p.Series] = p.Label
			if p.First != nil {
				cells[p.Series] += "; " + p.First.Label
			}
		}
		rng := "no single-year figure"
		switch {
		case y.Bar:
			rng = report.MoneyShort(y.Low) + "–" + report.MoneyShort(y.High)
		case !y.NoFigure && len(y.Points) > 0:
			rng = report.MoneyShort(y.High)
		}
		fmt.Fprintf(&b, "| %d |", y.Year)
		for _, cell := range append(cells, rng) {
			b.WriteString(" " + escape(cell) + " |")
		}
		fmt.Fprintf(&b, " %d |\n", y.Incidents)
	}
	if len(c.Spans) > 0 {
		b.WriteString("\n" + escape(c.SpansCaption) + ":\n\n")
		for _, sp := range c.Spans {
			b.WriteString("- " + escape(sp.Label) + "\n")
		}
	}
	// The hedges, a paragraph each (a list would run on from the spans').
	for i, h := range c.Hedges {
		b.WriteString("\n" + mark(i) + " " + escape(h) + "\n")
	}
	return b.String()
}
