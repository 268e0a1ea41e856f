package briefing

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/report"
	"github.com/jung-kurt/gofpdf"
)

// measuringRenderer is a renderer with the briefing's fonts on a blank
// page, for tests of layout.
func measuringRenderer(t *testing.T) *renderer {
	t.Helper()
	glyphs, err := newGlyphCheck(nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	for _, f := range fontFiles {
		pdf.AddUTF8FontFromBytes(f.family, f.style, bytes.Clone(f.ttf))
	}
	r := &renderer{pdf: pdf, glyphs: glyphs, base: style{size: 10.5, color: colorText}, x: marginL, w: contentW}
	pdf.AddPage()
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	return r
}

// citationLabels are labels as report.Numbering writes them, made
// unbreakable as the briefing's cite does.
var citationLabels = []string{"[4 ¶2]", "[1 ¶1–3, 6, 11]", "[R1]", "[2 ¶5, 6]", "[3 ¶7]"}

// lineTexts wraps s at width and returns each line's text, its tokens
// joined as drawn.
func lineTexts(r *renderer, s string, width float64) []string {
	toks := r.tokenize([]run{{text: s, st: r.base}})
	var out []string
	for _, l := range r.wrap(toks, width) {
		var b strings.Builder
		for i, t := range l.toks {
			if t.spaceBefore && i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(t.text)
		}
		out = append(out, b.String())
	}
	return out
}

// TestWrapKeepsCitationLabelsWhole: at every width that holds its widest
// label, the wrapper never splits a citation label across lines; with
// ordinary spaces it does, which is what the no-break space is for (audit
// §2.6: "[4" / "¶2]").
func TestWrapKeepsCitationLabelsWhole(t *testing.T) {
	r := measuringRenderer(t)
	var text, plain []string
	widest := 0.0
	r.setFont(r.base)
	for _, l := range citationLabels {
		u := report.Unbroken(l)
		text = append(text, "figures", u)
		plain = append(plain, "figures", l)
		widest = max(widest, r.width(u))
	}
	s := strings.Join(text, " ") + "."
	split := false
	for w := widest + 0.1; w < 120; w += 0.25 {
		lines := lineTexts(r, s, w)
		for _, l := range citationLabels {
			u := report.Unbroken(l)
			n := 0
			for _, line := range lines {
				n += strings.Count(line, u)
			}
			if n != 1 {
				t.Fatalf("width %.2f mm: %q is whole on %d lines, want 1:\n%s", w, l, n, strings.Join(lines, "\n"))
			}
		}
		for _, line := range lineTexts(r, strings.Join(plain, " ")+".", w) {
			split = split || strings.HasSuffix(line, "[1") || strings.HasSuffix(line, "[4") || strings.HasSuffix(line, "[2")
		}
	}
	if !split {
		t.Error("with ordinary spaces no label was ever split: the test proves nothing")
	}
}

// TestCitedColumnHoldsItsLabels: a table's last column, its citations, is
// at least as wide as its widest label needs, however much the other
// columns hold.
func TestCitedColumnHoldsItsLabels(t *testing.T) {
	r := measuringRenderer(t)
	st := r.base
	st.size = r.base.size * 0.88
	cell := func(s string) []token { return r.tokenize([]run{{text: s, st: st}}) }
	head := [][]token{cell("Figure"), cell("Measure"), cell("Period"), cell("Originator"), cell("Articles"), cell("Grade"), cell("Cited")}
	long := strings.Repeat("about $3 billion, a valuation of attacks under investigation ", 3)
	var cited []string
	for _, l := range citationLabels {
		cited = append(cited, report.Unbroken(l))
	}
	rows := [][][]token{{cell(long), cell(long), cell("2017–2023"), cell(long), cell("4"), cell("B3"), cell(strings.Join(cited, " "))}}
	widths := r.columnWidths(head, rows, len(head))
	r.setFont(st)
	need := r.width(report.Unbroken("[1 ¶1–3, 6, 11]")) + 2*cellPad
	if got := widths[len(widths)-1]; got < need {
		t.Errorf("Cited column %.1f mm wide, its widest label needs %.1f mm", got, need)
	}
}
