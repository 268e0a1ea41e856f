package briefing_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/templates"
)

func renderHTML(t testing.TB, doc *briefing.Doc) string {
	t.Helper()
	var buf bytes.Buffer
	if err := briefing.RenderHTML(&buf, doc, briefing.Options{Date: buildDate, Version: testVersion}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var (
	headingTag = regexp.MustCompile(`<h([1-6])[ >]`)
	hrefAttr   = regexp.MustCompile(`href="([^"]*)"`)
	idAttr     = regexp.MustCompile(` id="([^"]*)"`)
	// What could load or run something: such elements, and attributes
	// that fetch or script.
	loadingTag = regexp.MustCompile(`<(script|img|link|iframe|object|embed|audio|video|source|base|form)\b|<[^>]*\s(src|srcset|on[a-z]+|style|background|poster|action)=`)
)

func loadPeriod(t *testing.T, from, to int) *report.Summary {
	t.Helper()
	return report.Compute(loadDataset(t, nil), report.Options{From: from, To: to})
}

// checkPage checks what the page must have whatever the template: a
// language, a title, the landmarks, one h1 and no heading gap, captions and
// header scopes on every table, links that are http(s) or resolve to an id
// of the page, and nothing that loads from elsewhere.
func checkPage(t *testing.T, page string) {
	t.Helper()
	for _, want := range []string{`<html lang="en">`, "<header>", `<nav aria-labelledby="contents"`, `<main id="main">`, "<footer>", `<meta charset="utf-8">`} {
		if strings.Count(page, want) != 1 {
			t.Errorf("the page has %d of %q, want 1", strings.Count(page, want), want)
		}
	}
	if !regexp.MustCompile(`<title>[^<]+</title>`).MatchString(page) {
		t.Error("no <title>")
	}
	prev := 0
	for i, m := range headingTag.FindAllStringSubmatch(page, -1) {
		level := int(m[1][0] - '0')
		switch {
		case i == 0 && level != 1:
			t.Errorf("the first heading is h%d", level)
		case i > 0 && level == 1:
			t.Error("a second h1")
		case level > prev+1:
			t.Errorf("heading %d: h%d after h%d", i, level, prev)
		}
		prev = level
	}
	if n, c := strings.Count(page, "<table>"), strings.Count(page, "<table>\n<caption"); n != c {
		t.Errorf("%d tables, %d with a caption", n, c)
	}
	if n, c := len(regexp.MustCompile(`<th[ >]`).FindAllString(page, -1)), strings.Count(page, `<th scope="`); n != c {
		t.Errorf("%d header cells, %d with a scope", n, c)
	}
	ids := map[string]int{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		ids[m[1]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q set %d times", id, n)
		}
	}
	for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
		h := m[1]
		if name, ok := strings.CutPrefix(h, "#"); ok {
			if ids[name] == 0 {
				t.Errorf("link %q: no such id", h)
			}
		} else if !strings.HasPrefix(h, "https://") && !strings.HasPrefix(h, "http://") {
			t.Errorf("link %q is neither http(s) nor an anchor", h)
		}
	}
	if m := loadingTag.FindString(page); m != "" {
		t.Errorf("the page has %q", m)
	}
	style := page[strings.Index(page, "<style>"):strings.Index(page, "</style>")]
	for _, bad := range []string{"url(", "@import"} {
		if strings.Contains(style, bad) {
			t.Errorf("the style has %q", bad)
		}
	}
}

func TestHTMLPage(t *testing.T) {
	page := renderHTML(t, compose(t, load(t, nil), nil))
	checkPage(t, page)
	// The chart: an image with a title and a description, then its figures
	// as a table.
	for _, want := range []string{`<svg role="img" aria-labelledby="chart-1-title chart-1-desc"`, `<title id="chart-1-title">`, `<desc id="chart-1-desc">`, `<caption id="chart-1-years">The chart&#39;s figures by year</caption>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// Citations are links whose text is what the PDF shows.
	if !regexp.MustCompile(`<a href="#src-1">\[1[ \x{a0}\x{2060}]*¶[0-9]`).MatchString(page) {
		t.Error("no citation link [1 ¶…] to #src-1")
	}
	// The bibliography entries are the link targets; the template's page
	// break before the annex is one in print.
	if !strings.Contains(page, `<p id="src-1" class="entry">`) || !strings.Contains(page, `<div class="page-break"></div>`) {
		t.Error("no bibliography entry src-1, or no page break")
	}
}

func TestHTMLEmptyPeriod(t *testing.T) {
	page := renderHTML(t, compose(t, load(t, nil), nil))
	empty := renderHTML(t, compose(t, loadPeriod(t, 2030, 0), nil))
	checkPage(t, empty)
	if len(empty) >= len(page) || !strings.Contains(empty, "Nothing in this period") {
		t.Error("the empty period's page does not say so")
	}
}

func TestHTMLReproducible(t *testing.T) {
	a := renderHTML(t, compose(t, load(t, nil), nil))
	b := renderHTML(t, compose(t, load(t, nil), nil))
	if a != b {
		t.Fatal("two renders of the same inputs differ")
	}
}

// Every construct the walker knows renders: lists (ordered, nested),
// quotes, rules, code, a long table, the chart, anchors; an image is its
// text, never a request.
func TestHTMLConstructs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "constructs", "briefing.md"))
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "\n\nAn image: ![a chart](https://example.org/x.png).\n"...)
	page := renderHTML(t, compose(t, load(t, nil), fstest.MapFS{templates.Main: &fstest.MapFile{Data: b}}))
	checkPage(t, page)
	for _, want := range []string{"<blockquote>", "<hr>", "<pre><code>code block line one\ncode block line two</code></pre>", "<ol>", "<ul>",
		`<a href="https://example.org/a" class="ext">live link</a>`, `<a href="https://example.org/b" class="url">https://example.org/b</a>`,
		"<em>emphasis</em>", "<strong>strong text</strong>", "<code>code</code>", "<br>", "An image: a chart.", `<h3 id="sec-a-third-level-heading">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// A template with a heading gap, a second level-1 heading, or a heading
// first at level 3 still gives a page with one h1 and no gap.
func TestHTMLHeadingLevels(t *testing.T) {
	tmpl, err := briefing.Parse(fstest.MapFS{templates.Main: &fstest.MapFile{Data: []byte(
		"### Starts deep\n\ntext {{cite (index .KeyFigures 0)}} {{range .Sources}}{{cite .}}{{end}}\n\n#### Gap\n\n# Another title\n\n### Gap again\n\n## Sources\n\n{{range .Sources}}{{anchor .}}**[{{.Label}}]** {{.Title}}\n\n{{end}}{{range .RefSources}}{{anchor .}}**[{{.Label}}]** {{.Title}}\n\n{{end}}")}})
	if err != nil {
		t.Fatal(err)
	}
	page := renderHTML(t, compose(t, load(t, nil), tmpl))
	checkPage(t, page)
}

// A link to an anchor the text never sets is refused by Compose, and by
// the page given Markdown that did not come through Compose.
func TestHTMLDanglingLink(t *testing.T) {
	tmpl, err := briefing.Parse(mainWith(t, "\n[click](#nowhere)\n"))
	if err != nil {
		t.Fatal(err)
	}
	const want = "links to targets the briefing never sets: nowhere"
	if _, err := briefing.Compose(load(t, nil), nil, tmpl); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Compose = %v", err)
	}
	doc := *compose(t, load(t, nil), nil)
	doc.Markdown = append(bytes.Clone(doc.Markdown), "\n[click](#nowhere)\n"...)
	var buf bytes.Buffer
	if err := briefing.RenderHTML(&buf, &doc, briefing.Options{}); err == nil || !strings.Contains(err.Error(), want) || buf.Len() > 0 {
		t.Errorf("RenderHTML = %v, wrote %d bytes", err, buf.Len())
	}
}

// Dataset text reaches the page escaped: a title with markup stays text.
func TestHTMLEscapesDatasetText(t *testing.T) {
	fsys := defaultFS(t)
	hostile := `<script>alert(1)</script> & <img src=x onerror=alert(2)> [x](javascript:alert(3))`
	replaceIn(t, fsys, "dataset.toml", `title = "DPRK`, `title = "`+strings.ReplaceAll(hostile, `"`, `\"`)+` DPRK`)
	page := renderHTML(t, compose(t, load(t, fsys), nil))
	checkPage(t, page)
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; [x](javascript:alert(3))") {
		t.Error("the hostile title is not on the page as escaped text")
	}
}

// The edition's page opens with what changed, checked like any page.
func TestHTMLEdition(t *testing.T) {
	base := defaultFS(t)
	replaceIn(t, base, "incidents.toml", `attribution_basis = "technical"
confidence = "low"`, `attribution_basis = "media"
confidence = "moderate"`)
	s := load(t, nil)
	page := renderHTML(t, composeEdition(t, s, edition.Compare(load(t, base), s), nil))
	checkPage(t, page)
	if !strings.Contains(page, `<h2 id="sec-since-the-previous-edition`) {
		t.Error("the edition's page has no section on what changed")
	}
}
