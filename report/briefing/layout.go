package briefing

import (
	"strings"
)

// style is how a piece of inline text is drawn.
type style struct {
	bold, italic, mono bool
	size               float64 // points
	color              [3]int
}

func (s style) fontStyle() string {
	st := ""
	if s.bold {
		st += "B"
	}
	if s.italic {
		st += "I"
	}
	return st
}

// run is a piece of inline text in one style, possibly a link. A run with
// an anchor and no text marks a link target.
type run struct {
	text   string
	st     style
	link   string // "#name" for an internal target, else a URL
	anchor string
	brk    bool // a hard line break
}

// token is a word, or a piece of a word in one style, ready to be placed.
type token struct {
	run
	w           float64
	spaceBefore bool
}

// line is a laid-out line of tokens.
type line struct {
	toks   []token
	height float64 // mm
}

const ptToMM = 25.4 / 72

// tokenize splits runs into tokens at white space, measuring each.
func (r *renderer) tokenize(runs []run) []token {
	var toks []token
	space := false
	for _, rn := range runs {
		if rn.anchor != "" || rn.brk {
			toks = append(toks, token{run: rn, spaceBefore: space})
			space = false
			continue
		}
		r.glyphs.check(rn.text)
		r.setFont(rn.st)
		s := rn.text
		for len(s) > 0 {
			i := strings.IndexFunc(s, isSpace)
			if i == 0 {
				space = true
				s = strings.TrimLeftFunc(s, isSpace)
				continue
			}
			word := s
			if i > 0 {
				word = s[:i]
			}
			s = s[len(word):]
			t := token{run: rn, spaceBefore: space}
			t.text = word
			t.w = r.width(word)
			toks = append(toks, t)
			space = false
		}
	}
	return toks
}

// isSpace reports whether a line may break at r. A no-break space
// (U+00A0, report.NoBreakSpace) is not one: it joins a citation label
// ("[4 ¶2]") into one word, drawn with the font's own U+00A0 glyph.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

// wrap lays tokens into lines no wider than width (mm). Tokens with no
// space between them stay together; a word wider than a line is cut.
func (r *renderer) wrap(toks []token, width float64) []line {
	var lines []line
	var cur []token
	curW := 0.0
	lineH := func(ts []token) float64 {
		h := 0.0
		for _, t := range ts {
			h = max(h, t.st.size*ptToMM*1.35)
		}
		if h == 0 {
			h = r.base.size * ptToMM * 1.35
		}
		return h
	}
	flush := func() {
		lines = append(lines, line{toks: cur, height: lineH(cur)})
		cur, curW = nil, 0
	}
	for i := 0; i < len(toks); {
		// Gather the group of tokens up to the next space.
		j := i + 1
		for j < len(toks) && !toks[j].spaceBefore && !toks[j].brk {
			j++
		}
		group := toks[i:j]
		if group[0].brk {
			flush()
			i = j
			continue
		}
		gw := 0.0
		for _, t := range group {
			gw += t.w
		}
		sp := 0.0
		if len(cur) > 0 && group[0].spaceBefore {
			r.setFont(group[0].st)
			sp = r.width(" ")
		}
		if len(cur) > 0 && curW+sp+gw > width {
			flush()
			sp = 0
		}
		if gw > width && len(cur) == 0 {
			// Cut an over-long word by characters.
			for _, t := range group {
				for _, piece := range r.cut(t, width) {
					if len(cur) > 0 && curW+piece.w > width {
						flush()
					}
					cur = append(cur, piece)
					curW += piece.w
				}
			}
			i = j
			continue
		}
		for k, t := range group {
			if k == 0 && len(cur) == 0 {
				t.spaceBefore = false
			}
			cur = append(cur, t)
		}
		curW += sp + gw
		i = j
	}
	if len(cur) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// cut splits a token into pieces no wider than width.
func (r *renderer) cut(t token, width float64) []token {
	r.setFont(t.st)
	var out []token
	var b strings.Builder
	for _, ch := range t.text {
		if b.Len() > 0 && r.width(b.String()+string(ch)) > width {
			p := t
			p.text = b.String()
			p.w = r.width(p.text)
			out = append(out, p)
			b.Reset()
			t.spaceBefore = false
		}
		b.WriteRune(ch)
	}
	p := t
	p.text = b.String()
	p.w = r.width(p.text)
	return append(out, p)
}

// drawLine draws one laid-out line with its top left at (x, y), setting the
// anchors it carries and making its linked tokens clickable.
func (r *renderer) drawLine(l line, x, y float64) {
	cx := x
	for i, t := range l.toks {
		if t.anchor != "" {
			r.setAnchor(t.anchor, y)
			continue
		}
		r.setFont(t.st)
		if t.spaceBefore && i > 0 {
			sw := r.width(" ")
			if t.link != "" && l.toks[i-1].link == t.link {
				// keep a multi-word link one clickable area
				r.pdf.SetXY(cx, y)
				r.cell(sw, l.height, " ", "L", r.linkID(t.link), r.linkURL(t.link))
			}
			cx += sw
		}
		r.pdf.SetXY(cx, y)
		r.cell(t.w, l.height, t.text, "L", r.linkID(t.link), r.linkURL(t.link))
		if t.link != "" {
			r.tracef("LINK %s %q", t.link, t.text)
		}
		cx += t.w
	}
}
