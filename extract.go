package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/ioerr"
)

// page is what an article file says about itself beside its text: an
// HTML page's headline, outlet, date and address, where it gives them.
type page struct {
	headline, site, published, url string
	// wrapped marks a text file read as hard-wrapped: each block of
	// lines between blank lines is a paragraph.
	wrapped bool
}

// joinBlocks joins each block of lines between blank lines into one.
func joinBlocks(lines []string) []string {
	var blocks []string
	var cur []string
	for _, l := range append(lines, "") {
		if strings.TrimFunc(l, unicode.IsSpace) == "" {
			if len(cur) > 0 {
				blocks = append(blocks, strings.Join(cur, " "))
			}
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	return blocks
}

// hardWrapped reports whether lines look like hard-wrapped paragraphs:
// blank lines separate the blocks, and most blocks that have text run over
// more than one line.
func hardWrapped(lines []string) bool {
	blocks, multi, run := 0, 0, 0
	end := func() {
		if run > 0 {
			blocks++
			if run > 1 {
				multi++
			}
		}
		run = 0
	}
	blank := false
	for _, l := range lines {
		if strings.TrimFunc(l, unicode.IsSpace) == "" {
			blank = true
			end()
			continue
		}
		run++
	}
	end()
	return blank && blocks > 1 && multi*2 > blocks
}

// readArticle reads an article saved as text or HTML and returns its
// blocks of text (a text file's lines, a page's paragraphs) and the file's
// SHA-256, refusing
// anything that is not a regular file of UTF-8 text or HTML of at most
// dataset.MaxFileSize bytes, the most an archived copy may hold. The size
// is checked before a byte is read.
func readArticle(path string) ([]string, page, string, error) {
	fail := func(err error, hint string) ([]string, page, string, error) {
		return nil, page{}, "", failure(fmt.Errorf("--add-article %s: %w", path, err), hint)
	}
	data, err := dataset.ReadFile(os.DirFS(filepath.Dir(path)), filepath.Base(path), dataset.MaxFileSize)
	if err != nil {
		return fail(ioerr.Cause(err), readHint(path))
	}
	if t := http.DetectContentType(data); bytes.IndexByte(data, 0) >= 0 || !strings.HasPrefix(t, "text/") {
		return fail(fmt.Errorf("is a binary file (%s), not an article's text or HTML", strings.TrimSuffix(t, "; charset=utf-8")),
			"save the article as text (.txt) or as a web page (.html); from a PDF, copy its text into a .txt file")
	}
	if line, col, b, bad := invalidUTF8(data); bad {
		return fail(fmt.Errorf("line %d, column %d: invalid UTF-8 byte 0x%02X", line, col, b),
			"save the file as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 "+filepath.Base(path)+" > article.txt")
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" || strings.HasPrefix(http.DetectContentType(data), "text/html") {
		blocks, pg, err := extractHTML(data)
		if err != nil {
			return fail(err, "save the article's text as a .txt file, one paragraph a line, and add that")
		}
		return blocks, pg, dataset.Hash(data), nil
	}
	// A text file holds one paragraph per line, as an archived copy does;
	// hard-wrapped text, one paragraph per block of lines.
	lines := strings.Split(string(data), "\n")
	if hardWrapped(lines) {
		return joinBlocks(lines), page{wrapped: true}, dataset.Hash(data), nil
	}
	return lines, page{}, dataset.Hash(data), nil
}

// readHint says what to give --add-article instead of a file it refused.
func readHint(path string) string {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return "give the article saved as a .txt or .html file"
	case fi.IsDir():
		return "name the saved page's .html file or the article's .txt file, not its folder"
	case !fi.Mode().IsRegular():
		return "save the article to a regular file first, e.g. with > article.txt, and give that"
	case fi.Size() > dataset.MaxFileSize:
		return "an article is at most a few hundred KiB of text: save the article's page alone, not a site or an archive"
	}
	return ""
}

// invalidUTF8 finds the first byte that is not UTF-8, with its line and
// column (in characters, from 1).
func invalidUTF8(data []byte) (line, col int, b byte, bad bool) {
	if utf8.Valid(data) {
		return 0, 0, 0, false
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, data[i], true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0, 0, false
}

// skipTags hold no article text: code, navigation, forms, embedded media,
// and the page's header, footer and asides.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Button: true, atom.Iframe: true, atom.Svg: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Object: true,
	atom.Embed: true, atom.Video: true, atom.Audio: true, atom.Dialog: true,
	atom.Menu: true, atom.Head: true,
}

// blockTags start a paragraph of their own.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Header: true, atom.Table: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Figure: true, atom.Figcaption: true, atom.Br: true,
	atom.Hr: true, atom.Address: true,
}

// boilerplate matches the class and id words of what surrounds an article:
// share buttons, comment boxes, newsletters, related links, menus, ads.
var boilerplate = regexp.MustCompile(`(?i)(^|[-_\s])(share|sharing|social|comments?|disqus|respond|reply|newsletter|subscribe|subscription|related|recommended|promo|advert|advertisement|ads?|sponsored|cookies?|consent|breadcrumbs?|nav|navbar|navigation|menu|sidebar|popup|modal|banner|footer|masthead|paywall|author-bio)([-_\s]|$)`)

// skipRoles are the ARIA landmarks that are not the article.
var skipRoles = map[string]bool{"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "dialog": true, "alert": true, "search": true}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// skipped reports whether n holds no article text.
func skipped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.CommentNode
	}
	if skipTags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "role":
			if skipRoles[a.Val] {
				return true
			}
		case "class", "id":
			if boilerplate.MatchString(a.Val) {
				return true
			}
		case "style":
			if s := strings.ReplaceAll(a.Val, " ", ""); strings.Contains(s, "display:none") {
				return true
			}
		}
	}
	return false
}

// extractHTML returns the paragraphs of a page's article: the text of its
// block elements inside the article (an element marked as the article's
// body, else the <article> with the most paragraph text, else <main>, else
// <body>), without what skipped leaves out; headed by the page's headline
// when the article's own text has none.
func extractHTML(data []byte) ([]string, page, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		// It refuses elements nested more than 512 deep.
		return nil, page{}, fmt.Errorf("cannot read the HTML: %w", err)
	}
	pg := pageOf(doc)
	root := articleRoot(doc)
	var blocks []string
	var cur strings.Builder
	flush := func() {
		if strings.TrimSpace(cur.String()) != "" {
			blocks = append(blocks, cur.String())
		}
		cur.Reset()
	}
	hasH1 := false
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if skipped(n) {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Header && !inArticle {
				return // the site's masthead, not the article's header
			}
			if isArticle(n) {
				inArticle = true
			}
			if n.DataAtom == atom.H1 && text(n) != "" {
				hasH1 = true
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
		if block {
			flush()
		}
	}
	walk(root, isArticle(root))
	flush()
	if !hasH1 && pg.headline != "" {
		blocks = append([]string{pg.headline}, blocks...)
	}
	return blocks, pg, nil
}

func isArticle(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Main ||
		attr(n, "role") == "main" || attr(n, "itemprop") == "articleBody")
}

// articleRoot finds the element that holds the article, in one walk that
// leaves out what skipped does: the first element marked as the article's
// body, else the <article> with the most paragraph text when that is at
// least a third of the page's (not a teaser beside the story), else the
// first <main>, else <body>.
func articleRoot(doc *html.Node) *html.Node {
	var body, main, marked, best *html.Node
	bestLen := -1
	// walk returns the length of the text inside n and of the text inside
	// its <p> elements.
	var walk func(n *html.Node) (text, para int)
	walk = func(n *html.Node) (text, para int) {
		if skipped(n) {
			return 0, 0
		}
		if n.Type == html.TextNode {
			return len(n.Data), 0
		}
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Body && body == nil:
				body = n
			case attr(n, "itemprop") == "articleBody" && marked == nil:
				marked = n
			case (n.DataAtom == atom.Main || attr(n, "role") == "main") && main == nil:
				main = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t, p := walk(c)
			text, para = text+t, para+p
		}
		if n.DataAtom == atom.P {
			para = text
		}
		if n.DataAtom == atom.Article && para > bestLen {
			best, bestLen = n, para
		}
		return text, para
	}
	_, all := walk(doc)
	if best != nil && bestLen*3 < all {
		best = nil
	}
	for _, n := range []*html.Node{marked, best, main, body} {
		if n != nil {
			return n
		}
	}
	return doc
}

// skippedWithin reports whether n or an element around it is skipped.
func skippedWithin(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if skipped(n) {
			return true
		}
	}
	return false
}

// text is the white-space-collapsed text inside n, without what skipped
// leaves out.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if skipped(n) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// pageOf reads what a page says about itself: the headline (its first
// <h1>, else og:title, else <title>), the site's name, the publication
// date and the canonical address.
func pageOf(doc *html.Node) page {
	var pg page
	var title, ogTitle string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Title:
			if title == "" {
				title = text(n)
			}
		case atom.H1:
			if pg.headline == "" && !skippedWithin(n) {
				pg.headline = text(n)
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && pg.url == "" {
				pg.url = attr(n, "href")
			}
		case atom.Meta:
			key := attr(n, "property") + attr(n, "name") + attr(n, "itemprop")
			val := strings.TrimSpace(attr(n, "content"))
			switch key {
			case "og:site_name":
				pg.site = val
			case "og:title":
				ogTitle = val
			case "og:url":
				if pg.url == "" {
					pg.url = val
				}
			case "article:published_time", "datePublished", "date", "pubdate":
				if pg.published == "" {
					pg.published = dayOf(val)
				}
			}
		case atom.Time:
			if pg.published == "" && attr(n, "itemprop") == "datePublished" {
				pg.published = dayOf(attr(n, "datetime"))
			}
		}
	}
	if pg.headline == "" {
		pg.headline = ogTitle
	}
	if pg.headline == "" {
		pg.headline = title
	}
	return pg
}

// dayOf returns the YYYY-MM-DD a timestamp starts with, or "".
func dayOf(ts string) string {
	if len(ts) < 10 {
		return ""
	}
	if _, err := dataset.ParseDate(ts[:10]); err != nil {
		return ""
	}
	return ts[:10]
}
