package briefing

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"
)

// Font is a fallback font: a character the Liberation fonts lack and it
// has is drawn in it. Korean text is ordinary data here (unit names, the
// titles of Korean outlets, NIS statements); Debian's fonts-nanum has
// NanumGothic for it. One file serves every style: bold and italic text in
// the fallback is drawn upright and regular.
type Font struct {
	name string // the file's name, for messages
	ttf  []byte
	font *sfnt.Font
	ps   string // PostScript name, for the PDF
}

// MaxFontSize bounds a fallback font file (a full CJK font is about 20 MB).
const MaxFontSize = 64 << 20

// LoadFont reads a fallback font: a TrueType font (glyf outlines, as
// gofpdf embeds them). name is used in messages. Everything gofpdf will
// read of the font is checked here (checkTrueType), so that a damaged
// font is refused by --check and a render never reaches gofpdf's
// unchecked reads.
func LoadFont(name string, data []byte) (*Font, error) {
	if len(data) > MaxFontSize {
		return nil, fmt.Errorf("%s is %d bytes; a font may have at most %d", name, len(data), MaxFontSize)
	}
	if err := checkTrueType(data); err != nil {
		return nil, fmt.Errorf("%s %w", name, err)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s is not a TrueType font: %v", name, err)
	}
	ps, err := f.Name(nil, sfnt.NameIDPostScript)
	if err != nil || ps == "" {
		ps = "Fallback"
	}
	ps = psUnsafe.ReplaceAllString(ps, "")
	if err := probeFont(data); err != nil {
		return nil, fmt.Errorf("%s cannot be embedded: %v", name, err)
	}
	return &Font{name: name, ttf: data, font: f, ps: ps}, nil
}

// probeFont has gofpdf read the font as a render will.
func probeFont(data []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the PDF writer failed reading it: %v", p)
		}
	}()
	probe := gofpdf.New("P", "mm", "A4", "")
	probe.AddUTF8FontFromBytes(familyFallback, "", bytes.Clone(data))
	probe.SetFont(familyFallback, "", 10)
	return probe.Error()
}

var psUnsafe = regexp.MustCompile(`[^A-Za-z0-9-]`)

// Name is the font's PostScript name.
func (f *Font) Name() string { return f.ps }

func (f *Font) has(r rune) bool {
	var buf sfnt.Buffer
	idx, err := f.font.GlyphIndex(&buf, r)
	return err == nil && idx != 0
}

const familyFallback = "fallback"

// Glyphs tells which characters the briefing can draw with fallback (nil:
// the Liberation fonts alone). The dataset's validator asks it of every
// text field.
func Glyphs(fallback *Font) func(rune) bool {
	if fallback == nil {
		return Covers
	}
	return func(r rune) bool { return Covers(r) || fallback.has(r) }
}

// setFont selects a style's font and remembers it, so that width and cell
// can switch to the fallback font and back within one text.
func (r *renderer) setFont(st style) {
	r.cur = st
	r.selectFont(st, false)
}

func (r *renderer) selectFont(st style, fallback bool) {
	pdf := r.pdf
	switch {
	case fallback:
		if !r.fallbackUsed[st.fontStyle()] {
			// Registered on first use: an unused font would still be
			// embedded.
			pdf.AddUTF8FontFromBytes(familyFallback, st.fontStyle(), bytes.Clone(r.opt.Fallback.ttf))
			r.fallbackUsed[st.fontStyle()] = true
		}
		pdf.SetFont(familyFallback, st.fontStyle(), st.size)
	case st.mono:
		pdf.SetFont(familyMono, "", st.size)
	default:
		pdf.SetFont(familySans, st.fontStyle(), st.size)
	}
	// gofpdf formats a colour it is given anew, and text is drawn with the
	// colour it holds: the same colour again changes nothing.
	if r, g, b := pdf.GetTextColor(); [3]int{r, g, b} != st.color {
		pdf.SetTextColor(st.color[0], st.color[1], st.color[2])
	}
}

// segment is a piece of text drawn in one font.
type segment struct {
	text     string
	fallback bool
}

// segments splits s where it passes between characters the Liberation
// fonts draw and characters only the fallback has; nil when the Liberation
// fonts draw all of it.
func (r *renderer) segments(s string) []segment {
	fb := r.opt.Fallback
	if fb == nil {
		return nil
	}
	var segs []segment
	start, cur := 0, false
	for i, c := range s {
		use := c >= 0x80 && !Covers(c) && fb.has(c)
		if c == ' ' {
			use = cur // a space stays with what surrounds it
		}
		if i > 0 && use != cur {
			segs = append(segs, segment{s[start:i], cur})
			start = i
		}
		cur = use
	}
	segs = append(segs, segment{s[start:], cur})
	if len(segs) == 1 && !segs[0].fallback {
		return nil
	}
	return segs
}

// width is the width of s in the current style, in mm.
func (r *renderer) width(s string) float64 {
	segs := r.segments(s)
	if segs == nil {
		return r.pdf.GetStringWidth(s)
	}
	w := 0.0
	for _, seg := range segs {
		r.selectFont(r.cur, seg.fallback)
		w += r.pdf.GetStringWidth(seg.text)
	}
	r.selectFont(r.cur, false)
	return w
}

// cell draws s in a cell w wide and h high at the current position,
// aligned "L", "C" or "R", as gofpdf's CellFormat does (no border, no
// fill), and leaves the position at the cell's right edge. Text that needs
// the fallback font is drawn in pieces, one after the other, the whole
// aligned as one.
func (r *renderer) cell(w, h float64, s, align string, link int, url string) {
	segs := r.segments(s)
	pdf := r.pdf
	if segs == nil {
		pdf.CellFormat(w, h, s, "", 0, align, false, link, url)
		return
	}
	x, y := pdf.GetXY()
	margin := pdf.GetCellMargin()
	total := r.width(s)
	at := x + margin
	switch align {
	case "C":
		at = x + (w-total)/2
	case "R":
		at = x + w - margin - total
	}
	pdf.SetCellMargin(0)
	for _, seg := range segs {
		r.selectFont(r.cur, seg.fallback)
		sw := pdf.GetStringWidth(seg.text)
		pdf.SetXY(at, y)
		pdf.CellFormat(sw, h, seg.text, "", 0, "L", false, link, url)
		at += sw
	}
	pdf.SetCellMargin(margin)
	r.selectFont(r.cur, false)
	pdf.SetXY(x+w, y)
}

// truncate cuts s with "…" to fit w.
func (r *renderer) truncate(s string, w float64) string {
	if r.width(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && r.width(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}
