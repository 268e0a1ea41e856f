package briefing

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/dprkreport/dprkreport/report"
)

// Options set what the briefing cannot derive from the document.
type Options struct {
	// Date is written as the PDF's creation and modification date: the
	// caller's SOURCE_DATE_EPOCH or the dataset's as-of date, never the clock.
	Date time.Time
	// Trace, when set, receives one line per drawing step: headings,
	// paragraphs, list items, tables, links, anchors, charts, pages. Tests
	// compare it with a golden file.
	Trace io.Writer
	// Fallback, when set, draws the characters the Liberation fonts lack
	// (see LoadFont).
	Fallback *Font
	// Version is dprkreport's version as --version prints it, written into
	// the producer entry (see report.Program); empty leaves it out.
	Version string
	// Prepared, when set, is the document Prepare began for this render;
	// without it Render begins one.
	Prepared *Prepared
}

// Page geometry, in millimetres (A4 portrait).
const (
	pageW, pageH         = 210.0, 297.0
	marginL, marginR     = 24.0, 24.0
	marginTop, marginBot = 22.0, 20.0
	contentW             = pageW - marginL - marginR
	paraGap              = 2.2
	cellPad              = 1.4
	bulletIndent         = 5.5
	// textMeasure is how far running text may reach from the left margin:
	// about 90 characters of the body face at its size, the longest line
	// that reads comfortably in print. Tables and the chart use the whole
	// content width.
	textMeasure = 148.0
)

var (
	colorText    = [3]int{25, 25, 25}
	colorHeading = [3]int{31, 56, 100}
	colorLink    = [3]int{31, 78, 153}
	colorMuted   = [3]int{90, 90, 90}
)

type renderer struct {
	pdf          *gofpdf.Fpdf
	src          []byte
	doc          *Doc
	opt          Options
	base         style
	glyphs       *glyphCheck
	cur          style           // the style setFont selected last
	fallbackUsed map[string]bool // fallback font styles registered

	x, w     float64 // current left edge and width of the text column
	y        float64
	links    map[string]int // anchor name → gofpdf link id
	linkErr  error          // the first link refused
	anchored map[string]bool
	bmLevel  int
	trace    io.Writer
}

var md = goldmark.New(goldmark.WithExtensions(extension.Table))

// Render draws the composed briefing as a PDF on w and returns its page
// count. The same Doc and Options give the same bytes. A panic inside the
// PDF library is returned as an error, so that the caller can remove what
// it staged: nothing is written to w before the document is complete.
func Render(w io.Writer, doc *Doc, opt Options) (pages int, err error) {
	defer func() {
		if p := recover(); p != nil {
			pages, err = 0, fmt.Errorf("the PDF library failed: %v", p)
		}
	}()
	glyphs, err := newGlyphCheck(opt.Fallback)
	if err != nil {
		return 0, err
	}
	pdf, err := opt.Prepared.take()
	if err != nil {
		return 0, err
	}
	r := &renderer{
		pdf: pdf, src: doc.Markdown, doc: doc, opt: opt, glyphs: glyphs,
		base:  style{size: 10.5, color: colorText},
		links: map[string]int{}, anchored: map[string]bool{}, bmLevel: -1, fallbackUsed: map[string]bool{},
		trace: opt.Trace,
		x:     marginL, w: contentW,
	}
	r.setup()
	pdf.AddPage()
	r.newPageState()
	root := doc.root()
	r.blocks(root)
	if err := glyphs.err(); err != nil {
		return 0, err
	}
	if r.linkErr != nil {
		return 0, r.linkErr
	}
	if err := danglingLinks(r.links, r.anchored); err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return 0, err
	}
	out, err := finish(buf.Bytes(), docLang, opt.Fallback)
	if err != nil {
		return 0, err
	}
	if _, err := w.Write(out); err != nil {
		return 0, err
	}
	return pdf.PageNo(), nil
}

// docLang is the briefing's language (BCP 47): its templates are English.
const docLang = "en"

// docSubject describes the briefing in the PDF's metadata and the page's.
const docSubject = "Open-source briefing: DPRK theft of cryptocurrency, the figures and their sources"

func (r *renderer) setup() {
	pdf := r.pdf
	s := r.doc.Summary
	pdf.SetMargins(marginL, marginTop, marginR)
	pdf.SetAutoPageBreak(false, marginBot)
	pdf.SetCatalogSort(true)
	date := r.opt.Date.UTC()
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	// The Info dictionary, and the same entries as XMP metadata.
	const (
		subject = docSubject
		creator = "dprkreport"
	)
	producer := report.Program(r.opt.Version) + " with gofpdf 1.16.2"
	keywords := strings.Join(report.Keywords, ", ")
	pdf.SetTitle(s.Meta.Title, true)
	pdf.SetSubject(subject, true)
	pdf.SetKeywords(keywords, true)
	pdf.SetAuthor(s.Meta.Author, true)
	pdf.SetCreator(creator, true)
	pdf.SetProducer(producer, true)
	pdf.SetXmpMetadata(xmp(s.Meta.Title, s.Meta.Author, subject, keywords, creator, producer, docLang, date))
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFuncMode(func() {
		if pdf.PageNo() == 1 {
			return
		}
		r.setFont(style{size: 7.5, color: colorMuted})
		pdf.SetXY(marginL, 10)
		r.cell(contentW*0.75, 5, r.truncate(s.Meta.Title, contentW*0.72), "L", 0, "")
		r.cell(contentW*0.25, 5, "Open-source briefing", "R", 0, "")
		pdf.SetDrawColor(180, 180, 180)
		pdf.SetLineWidth(0.2)
		pdf.Line(marginL, 15.5, pageW-marginR, 15.5)
	}, false)
	pdf.SetFooterFunc(func() {
		r.setFont(style{size: 7.5, color: colorMuted})
		pdf.SetXY(marginL, pageH-12)
		r.cell(contentW/2, 5, "As of "+s.Meta.AsOfDate.Human()+" · dataset "+s.Fingerprint[:12], "L", 0, "")
		r.cell(contentW/2, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "R", 0, "")
	})
}

func (r *renderer) tracef(format string, args ...any) {
	if r.trace != nil {
		fmt.Fprintf(r.trace, format+"\n", args...)
	}
}

func (r *renderer) newPageState() {
	r.y = marginTop
	if r.pdf.PageNo() > 1 {
		r.y = marginTop + 1
	}
	r.tracef("PAGE %d", r.pdf.PageNo())
}

// room makes sure h millimetres fit below the cursor, else starts a page.
func (r *renderer) room(h float64) {
	if r.y+h > pageH-marginBot {
		r.pdf.AddPage()
		r.newPageState()
	}
}

// MaxLinkLen bounds a link's address, as the workbook's links are.
const MaxLinkLen = 2048

// checkLink lets only internal anchors and http(s) addresses become links:
// a javascript:, file: or data: link from an edited template would be live
// in a reader's PDF viewer. The first refused link is the render's error.
func (r *renderer) checkLink(target string) string {
	if err := linkAllowed(target); err != nil {
		if r.linkErr == nil {
			r.linkErr = err
		}
		return ""
	}
	return target
}

// shortText cuts s to n characters for a message.
func shortText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func (r *renderer) linkID(target string) int {
	if !strings.HasPrefix(target, "#") {
		return 0
	}
	name := target[1:]
	id, ok := r.links[name]
	if !ok {
		id = r.pdf.AddLink()
		r.links[name] = id
	}
	return id
}

func (r *renderer) linkURL(target string) string {
	if target == "" || strings.HasPrefix(target, "#") {
		return ""
	}
	return target
}

func (r *renderer) setAnchor(name string, y float64) {
	id := r.linkID("#" + name)
	r.pdf.SetLink(id, y, r.pdf.PageNo())
	r.anchored[name] = true
	r.tracef("ANCHOR %s", name)
}

// blocks walks the block children of n.
func (r *renderer) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c)
	}
}

func (r *renderer) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		r.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		runs := r.inlines(n, r.base, "")
		r.tracef("P %s", plain(runs))
		r.paragraph(runs)
	case *ast.List:
		r.list(n)
	case *east.Table:
		r.table(n)
	case *ast.FencedCodeBlock:
		info := ""
		if n.Info != nil {
			info = string(n.Info.Segment.Value(r.src))
		}
		body := strings.TrimSpace(string(r.lines(n)))
		if info == "chart" {
			r.tracef("CHART %s", body)
			r.chart()
			return
		}
		r.code(body)
	case *ast.CodeBlock:
		r.code(strings.TrimRight(string(r.lines(n)), "\n"))
	case *ast.Blockquote:
		savedX, savedW := r.x, r.w
		r.x, r.w = r.x+5, r.w-5
		top := r.y
		r.tracef("QUOTE")
		r.blocks(n)
		r.pdf.SetDrawColor(170, 170, 170)
		r.pdf.SetLineWidth(0.6)
		r.pdf.Line(savedX+1.5, top, savedX+1.5, r.y-paraGap)
		r.x, r.w = savedX, savedW
	case *ast.ThematicBreak:
		r.room(4)
		r.pdf.SetDrawColor(170, 170, 170)
		r.pdf.SetLineWidth(0.3)
		r.pdf.Line(r.x, r.y+1.5, r.x+r.w, r.y+1.5)
		r.y += 4
		r.tracef("RULE")
	case *ast.HTMLBlock:
		raw := r.lines(n)
		// A page break on a line of its own: the annex starts on a new
		// page (an HTML renderer gives the same element a print style).
		if pageBreak.Match(raw) && r.y > marginTop+1 {
			r.pdf.AddPage()
			r.newPageState()
		}
		// An anchor on a line of its own.
		for _, a := range anchorTag.FindAllSubmatch(raw, -1) {
			r.setAnchor(string(a[1]), r.y)
		}
	default:
		r.blocks(n)
	}
}

func (r *renderer) lines(n ast.Node) []byte {
	var b bytes.Buffer
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.Write(seg.Value(r.src))
	}
	return b.Bytes()
}

// inlines collects the inline content of n as styled runs.
func (r *renderer) inlines(n ast.Node, st style, link string) []run {
	var out []run
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(r.src)
			if _, inCode := n.(*ast.CodeSpan); !inCode {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			out = append(out, run{text: string(v), st: st, link: link})
			if c.HardLineBreak() {
				out = append(out, run{brk: true, st: st})
			} else if c.SoftLineBreak() {
				out = append(out, run{text: " ", st: st, link: link})
			}
		case *ast.String:
			out = append(out, run{text: string(c.Value), st: st, link: link})
		case *ast.Emphasis:
			s := st
			if c.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
			out = append(out, r.inlines(c, s, link)...)
		case *ast.CodeSpan:
			s := st
			s.mono = true
			s.size = st.size * 0.92
			out = append(out, r.inlines(c, s, link)...)
		case *ast.Link:
			s := st
			s.color = colorLink
			out = append(out, r.inlines(c, s, r.checkLink(string(c.Destination)))...)
		case *ast.AutoLink:
			s := st
			s.color = colorLink
			url := r.checkLink(string(c.URL(r.src)))
			out = append(out, run{text: string(c.Label(r.src)), st: s, link: url})
		case *ast.RawHTML:
			var raw []byte
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw = append(raw, seg.Value(r.src)...)
			}
			for _, a := range anchorTag.FindAllSubmatch(raw, -1) {
				out = append(out, run{anchor: string(a[1]), st: st})
			}
		default:
			out = append(out, r.inlines(c, st, link)...)
		}
	}
	return out
}

var anchorTag = regexp.MustCompile(`<a id="([A-Za-z0-9_-]+)">`)

// pageBreak is the template's page break: `<div class="page-break"></div>`
// on a line of its own.
var pageBreak = regexp.MustCompile(`^\s*<div class="page-break"></div>\s*$`)

func plain(runs []run) string {
	var b strings.Builder
	for _, rn := range runs {
		b.WriteString(rn.text)
	}
	s := strings.Join(strings.Fields(b.String()), " ")
	if len(s) > 90 {
		s = string([]rune(s)[:min(len([]rune(s)), 87)]) + "…"
	}
	return s
}

// keepWithHeading is how much of what follows a heading must fit on its
// page: a chart whole, else a few lines.
func (r *renderer) keepWithHeading(n ast.Node) float64 {
	if next, ok := n.NextSibling().(*ast.FencedCodeBlock); ok && next.Info != nil && string(next.Info.Segment.Value(r.src)) == "chart" {
		return r.chartHeight() + 4
	}
	return 14
}

// textWidth is the width running text may take at the current left edge.
func (r *renderer) textWidth() float64 {
	return min(r.w, marginL+textMeasure-r.x)
}

// paragraph lays out runs in the current column, breaking pages between lines.
func (r *renderer) paragraph(runs []run) {
	lines := r.wrap(r.tokenize(runs), r.textWidth())
	// Avoid a lone first line at the foot of a page.
	if len(lines) > 1 {
		r.room(lines[0].height * 2)
	}
	for _, l := range lines {
		r.room(l.height)
		r.drawLine(l, r.x, r.y)
		r.y += l.height
	}
	r.y += paraGap
}

func (r *renderer) heading(n *ast.Heading) {
	st := r.base
	st.bold = true
	st.color = colorHeading
	gapBefore := 0.0
	switch n.Level {
	case 1:
		st.size = 19
	case 2:
		st.size = 13
		gapBefore = 3
	default:
		st.size = 12
		gapBefore = 1.5
	}
	runs := r.inlines(n, st, "")
	title := plain(runs)
	lines := r.wrap(r.tokenize(runs), r.w)
	h := 0.0
	for _, l := range lines {
		h += l.height
	}
	if r.y > marginTop+2 {
		r.y += gapBefore
	}
	r.room(h + r.keepWithHeading(n)) // keep a heading with what follows it
	level := n.Level - 1
	if level > r.bmLevel+1 {
		level = r.bmLevel + 1
	}
	r.bmLevel = level
	r.pdf.Bookmark(title, level, r.y)
	r.tracef("H%d %s (bookmark level %d)", n.Level, title, level)
	for _, l := range lines {
		r.drawLine(l, r.x, r.y)
		r.y += l.height
	}
	if n.Level == 2 {
		r.pdf.SetDrawColor(colorHeading[0], colorHeading[1], colorHeading[2])
		r.pdf.SetLineWidth(0.3)
		r.pdf.Line(r.x, r.y+0.3, r.x+r.w, r.y+0.3)
		r.y += 1.2
	}
	r.y += paraGap * 0.8
}

func (r *renderer) list(n *ast.List) {
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "•"
		if n.IsOrdered() {
			marker = fmt.Sprintf("%d.", num)
			num++
		}
		r.tracef("LI %s", marker)
		savedX, savedW := r.x, r.w
		lh := r.base.size * ptToMM * 1.35
		// Room for the two lines that a paragraph keeps together: the
		// marker never stays behind at the foot of a page.
		r.room(2 * lh)
		r.setFont(r.base)
		r.pdf.SetXY(r.x, r.y)
		r.cell(bulletIndent, lh, marker, "L", 0, "")
		r.x, r.w = r.x+bulletIndent, r.w-bulletIndent
		r.blocks(item)
		if n.IsTight {
			r.y -= paraGap * 0.6
		}
		r.x, r.w = savedX, savedW
	}
	if n.IsTight {
		r.y += paraGap * 0.6
	}
}

func (r *renderer) code(body string) {
	st := r.base
	st.mono = true
	st.size = r.base.size * 0.9
	r.tracef("CODE %d lines", strings.Count(body, "\n")+1)
	for _, ln := range strings.Split(body, "\n") {
		lines := r.wrap(r.tokenize([]run{{text: ln, st: st}}), r.w-4)
		for _, l := range lines {
			r.room(l.height)
			r.drawLine(l, r.x+2, r.y)
			r.y += l.height
		}
	}
	r.y += paraGap
}
