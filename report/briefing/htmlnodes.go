package briefing

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	grenderer "github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlNodes renders the constructs of the composed Markdown that goldmark's
// own HTML renderer would render unsafely or without what a reader of
// assistive technology needs: headings (ids, levels without gaps, a
// section per level-2 heading, the contents list before the first),
// links (only http(s) and #anchors), anchors (ids, never raw HTML),
// tables (a caption and header scope), images (their text only: the page
// makes no request) and the chart block. Everything else is goldmark's.
type htmlNodes struct {
	src   []byte
	doc   *Doc
	plan  *outline
	chart func(w util.BufWriter) // draws the chart block

	err      error           // the first refused link
	links    map[string]bool // #targets linked to
	anchored map[string]bool // ids the page sets
	inSect   bool
	navDone  bool
	tables   int
}

func (h *htmlNodes) RegisterFuncs(reg grenderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindDocument, h.document)
	reg.Register(ast.KindHeading, h.heading)
	reg.Register(ast.KindParagraph, h.paragraph)
	reg.Register(ast.KindLink, h.link)
	reg.Register(ast.KindAutoLink, h.autoLink)
	reg.Register(ast.KindImage, h.image)
	reg.Register(ast.KindRawHTML, h.rawHTML)
	reg.Register(ast.KindHTMLBlock, h.htmlBlock)
	reg.Register(ast.KindFencedCodeBlock, h.fenced)
	reg.Register(ast.KindCodeBlock, h.fenced)
	reg.Register(east.KindTable, h.table)
	reg.Register(east.KindTableHeader, h.tableHeader)
	reg.Register(east.KindTableRow, h.tableRow)
	reg.Register(east.KindTableCell, h.tableCell)
}

func (h *htmlNodes) fail(err error) {
	if h.err == nil {
		h.err = err
	}
}

func (h *htmlNodes) document(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering && h.inSect {
		w.WriteString("</section>\n")
	}
	return ast.WalkContinue, nil
}

func (h *htmlNodes) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	hd := h.plan.heads[node]
	if entering {
		if hd.level == 2 {
			if h.inSect {
				w.WriteString("</section>\n")
			}
			if !h.navDone {
				h.navDone = true
				h.writeNav(w)
			}
			w.WriteString("<section>\n")
			h.inSect = true
		}
		h.anchored[hd.id] = true
		fmt.Fprintf(w, "<h%d id=\"%s\">", hd.level, hd.id)
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "</h%d>\n", hd.level)
	return ast.WalkContinue, nil
}

// writeNav writes the contents list: the level-2 headings, with the
// level-3 headings under each.
func (h *htmlNodes) writeNav(w util.BufWriter) {
	w.WriteString("<nav aria-labelledby=\"contents\" class=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n")
	h.anchored["contents"] = true
	item, sub := false, false
	for _, hd := range h.plan.order {
		switch {
		case hd.level == 2 || hd.level == 3 && !item:
			if sub {
				w.WriteString("</ol>")
				sub = false
			}
			if item {
				w.WriteString("</li>\n")
			}
			fmt.Fprintf(w, "<li><a href=\"#%s\">%s</a>", hd.id, html.EscapeString(hd.text))
			item = true
		case hd.level == 3:
			if !sub {
				w.WriteString("\n<ol>\n")
				sub = true
			}
			fmt.Fprintf(w, "<li><a href=\"#%s\">%s</a></li>\n", hd.id, html.EscapeString(hd.text))
		default:
			continue
		}
		h.links[hd.id] = true
	}
	if sub {
		w.WriteString("</ol>")
	}
	if item {
		w.WriteString("</li>\n")
	}
	w.WriteString("</ol>\n</nav>\n")
}

// paragraph writes <p>, with the id of an anchor that opens it (a
// bibliography entry) on the paragraph itself.
func (h *htmlNodes) paragraph(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	}
	if id := h.leadingAnchor(node); id != "" {
		h.anchored[id] = true
		fmt.Fprintf(w, "<p id=\"%s\" class=\"entry\">", id)
		return ast.WalkContinue, nil
	}
	w.WriteString("<p>")
	return ast.WalkContinue, nil
}

// leadingAnchor is the name of the anchor a paragraph opens with, if any.
func (h *htmlNodes) leadingAnchor(n ast.Node) string {
	raw, ok := n.FirstChild().(*ast.RawHTML)
	if !ok {
		return ""
	}
	m := anchorTag.FindSubmatch(rawBytes(raw, h.src))
	if m == nil {
		return ""
	}
	return string(m[1])
}

func rawBytes(n *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// rawHTML writes nothing of the raw HTML but the ids of its anchors: an
// anchor that opens a paragraph is already the paragraph's id.
func (h *htmlNodes) rawHTML(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	raw := node.(*ast.RawHTML)
	if p := node.Parent(); p != nil && p.FirstChild() == node && h.leadingAnchor(p) != "" {
		return ast.WalkSkipChildren, nil
	}
	h.spans(w, rawBytes(raw, h.src))
	return ast.WalkSkipChildren, nil
}

// htmlBlock writes the template's page break (the PDF starts a page there;
// print does) and the ids of anchors; no other raw HTML.
func (h *htmlNodes) htmlBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	raw := h.lines(node)
	if pageBreak.Match(raw) {
		w.WriteString("<div class=\"page-break\"></div>\n")
	}
	h.spans(w, raw)
	return ast.WalkSkipChildren, nil
}

// spans writes an empty <span id> for each anchor of raw.
func (h *htmlNodes) spans(w util.BufWriter, raw []byte) {
	for _, a := range anchorTag.FindAllSubmatch(raw, -1) {
		h.anchored[string(a[1])] = true
		fmt.Fprintf(w, "<span id=\"%s\"></span>", a[1])
	}
}

func (h *htmlNodes) lines(n ast.Node) []byte {
	var b bytes.Buffer
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.Write(seg.Value(h.src))
	}
	return b.Bytes()
}

// href checks a link's target against the one link rule and writes it
// escaped; a refused link is the render's error.
func (h *htmlNodes) href(w util.BufWriter, target string) {
	if err := linkAllowed(target); err != nil {
		h.fail(err)
		return
	}
	if name, ok := strings.CutPrefix(target, "#"); ok {
		h.links[name] = true
	}
	w.Write(util.EscapeHTML(util.URLEscape([]byte(target), true)))
}

func (h *htmlNodes) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	dest := string(n.Destination)
	w.WriteString(`<a href="`)
	h.href(w, dest)
	w.WriteByte('"')
	switch {
	case strings.HasPrefix(dest, "#"):
	case nodeText(n, h.src) != dest:
		// Print shows where a link goes when its text does not say it.
		w.WriteString(` class="ext"`)
	}
	w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (h *htmlNodes) autoLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	w.WriteString(`<a href="`)
	h.href(w, string(n.URL(h.src)))
	w.WriteString(`" class="url">`)
	w.Write(util.EscapeHTML(n.Label(h.src)))
	w.WriteString("</a>")
	return ast.WalkContinue, nil
}

// image writes an image's text, as the PDF does: the page loads nothing.
func (h *htmlNodes) image(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

func (h *htmlNodes) fenced(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	if n, ok := node.(*ast.FencedCodeBlock); ok && n.Info != nil && string(n.Info.Segment.Value(h.src)) == "chart" {
		h.chart(w)
		return ast.WalkSkipChildren, nil
	}
	body := h.lines(node)
	if _, ok := node.(*ast.FencedCodeBlock); ok {
		body = bytes.TrimSpace(body)
	} else {
		body = bytes.TrimRight(body, "\n")
	}
	w.WriteString("<pre><code>")
	w.Write(util.EscapeHTML(body))
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// table opens a table with a caption: the heading it stands under (a
// table is named by its section), visible to assistive technology and
// hidden on the page, where the heading is right above it.
func (h *htmlNodes) table(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	h.tables++
	openTable(w, fmt.Sprintf("table-%d", h.tables), h.plan.captions[node], "sr")
	return ast.WalkContinue, nil
}

// openTable opens a table in a box that scrolls sideways when the table is
// wider than the screen: a region named by the table's caption that the
// keyboard can reach (WCAG 2.1.1), as a scrolling box must be.
func openTable(w util.BufWriter, id, caption, class string) {
	if class != "" {
		class = fmt.Sprintf(" class=\"%s\"", class)
	}
	fmt.Fprintf(w, "<div class=\"table\" role=\"region\" aria-labelledby=\"%[1]s\" tabindex=\"0\">\n<table>\n<caption id=\"%[1]s\"%[2]s>%[3]s</caption>\n", id, class, html.EscapeString(caption))
}

func (h *htmlNodes) tableHeader(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<thead>\n<tr>\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("</tr>\n</thead>\n")
	if node.NextSibling() != nil {
		w.WriteString("<tbody>\n")
	}
	return ast.WalkContinue, nil
}

func (h *htmlNodes) tableRow(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<tr>\n")
		return ast.WalkContinue, nil
	}
	w.WriteString("</tr>\n")
	if node.NextSibling() == nil {
		w.WriteString("</tbody>\n")
	}
	return ast.WalkContinue, nil
}

func (h *htmlNodes) tableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	head := node.Parent().Kind() == east.KindTableHeader
	switch {
	case entering && head:
		w.WriteString(`<th scope="col">`)
	case entering:
		w.WriteString("<td>")
	case head:
		w.WriteString("</th>\n")
	default:
		w.WriteString("</td>\n")
	}
	return ast.WalkContinue, nil
}

// goldmark's own renderer, for what htmlNodes leaves to it: escaped text,
// emphasis, code spans, lists, quotes, rules.
func baseHTML() grenderer.NodeRenderer { return ghtml.NewRenderer() }
