package briefing

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	grenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/dprkreport/dprkreport/report"
)

// RenderHTML writes the composed briefing as one self-contained HTML5
// page: the same Markdown the PDF draws, parsed by the same parser, so the
// text and the numbering are the PDF's. The page makes no request (styles
// inline, system fonts, the chart as inline SVG with its figures in a
// table), names its language and title, has landmarks (header, a contents
// nav, main, footer), headings without gaps, tables with captions and
// header scopes, and citations that are links to their bibliography
// entries. Links are held to the PDF's rule; a link to an id the page
// never sets is an error, and nothing is written on an error. The same
// Doc and Options give the same bytes; of the Options, the page uses only
// Version, in its generator.
func RenderHTML(w io.Writer, doc *Doc, opt Options) error {
	root := doc.root()
	plan := newOutline(root, doc.Markdown)
	nodes := &htmlNodes{src: doc.Markdown, doc: doc, plan: plan, links: map[string]bool{}, anchored: map[string]bool{}}
	charts := 0
	nodes.chart = func(w util.BufWriter) {
		charts++
		writeChart(w, doc.Summary, fmt.Sprintf("chart-%d", charts))
	}
	r := grenderer.NewRenderer(grenderer.WithNodeRenderers(
		util.Prioritized(baseHTML(), 1000),
		util.Prioritized(nodes, 100),
	))
	var body bytes.Buffer
	if err := r.Render(&body, doc.Markdown, root); err != nil {
		return err
	}
	if nodes.err != nil {
		return nodes.err
	}
	if err := danglingLinks(nodes.links, nodes.anchored); err != nil {
		return err
	}
	s := doc.Summary
	title := plan.title
	if title == "" {
		title = s.Meta.Title
	}
	page := htmlPage{
		Lang:        docLang,
		Title:       title,
		Description: docSubject,
		Author:      s.Meta.Author,
		Keywords:    strings.Join(report.Keywords, ", "),
		Style:       template.CSS(pageCSS),
		Body:        template.HTML(body.String()), // goldmark's escaped output and htmlNodes'
		AsOf:        s.Meta.AsOfDate.Human(),
		Fingerprint: s.Fingerprint[:12],
		Generator:   report.Program(opt.Version),
	}
	var out bytes.Buffer
	if err := pageTemplate.Execute(&out, page); err != nil {
		return err
	}
	_, err := w.Write(out.Bytes())
	return err
}

type htmlPage struct {
	Lang, Title, Description, Author, Keywords string
	Style                                      template.CSS
	Body                                       template.HTML
	AsOf, Fingerprint, Generator               string
}

//go:embed html.css
var pageCSS string

// The Content-Security-Policy lets the page load nothing and run nothing:
// its only style is the one inline.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<meta name="author" content="{{.Author}}">
<meta name="keywords" content="{{.Keywords}}">
<meta name="generator" content="{{.Generator}}">
<style>
{{.Style}}</style>
</head>
<body>
<header>
<a class="skip" href="#main">Skip to the briefing</a>
<p>Open-source briefing</p>
</header>
<main id="main">
{{.Body}}</main>
<footer>
<p>As of {{.AsOf}} · dataset {{.Fingerprint}}</p>
</footer>
</body>
</html>
`))
