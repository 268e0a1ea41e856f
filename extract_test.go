package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/google/go-cmp/cmp"
)

// The paragraphs --add-article archives from a page: the article's block
// text, without what surrounds it.
func TestExtractHTML(t *testing.T) {
	for _, c := range []struct {
		name, page string
		want       []string
		pg         page
	}{{
		name: "scripts, styles, navigation and comments left out",
		page: `<html><head><title>T | Site</title><style>p{}</style></head><body>
<nav>Home News</nav><script>x = "$9 billion"</script>
<article><h1>Head<!-- a comment -->line</h1><p>One <b>bold</b> word.</p><noscript>Enable JS</noscript>
<div class="social-share">Share</div><p hidden>Hidden</p><p aria-hidden="true">Also hidden</p>
<p style="display: none">Not shown</p><p>Two<br>lines</p></article>
<div id="comments"><p>Nice post</p></div><div class="newsletter-signup"><p>Subscribe</p></div>
</body></html>`,
		want: []string{"Headline", "One bold word.", "Two", "lines"},
		pg:   page{headline: "Headline"},
	}, {
		name: "the article with the most paragraph text, headed by the page's h1",
		page: `<body><header><h1>The headline</h1></header>
<article><p>Teaser.</p></article>
<article><p>The first paragraph of the story.</p><ul><li>A point</li></ul><p>The last.</p></article>
<footer><p>© Site</p></footer></body>`,
		want: []string{"The headline", "The first paragraph of the story.", "A point", "The last."},
		pg:   page{headline: "The headline"},
	}, {
		name: "an article body marked up, headed by og:title, with the page's facts",
		page: `<html><head><meta property="og:title" content="Marked title"><meta property="og:site_name" content="Wire">
<meta property="article:published_time" content="2025-02-21T10:00:00+00:00"><link rel="canonical" href="https://wire.example/a"></head>
<body><div class="sidebar"><p>Popular</p></div><div itemprop="articleBody"><p>Body &ldquo;quoted&rdquo;&nbsp;text.</p><aside><p>Related</p></aside></div></body></html>`,
		want: []string{"Marked title", "Body \u201cquoted\u201d text."},
		pg:   page{headline: "Marked title", site: "Wire", published: "2025-02-21", url: "https://wire.example/a"},
	}, {
		name: "a teaser article beside a story that is not in one: the main element",
		page: `<body><main><article><p>Read also: a teaser.</p></article><p>The story's first paragraph, which is long.</p><p>And its second, longer still than that.</p></main></body>`,
		want: []string{"Read also: a teaser.", "The story's first paragraph, which is long.", "And its second, longer still than that."},
	}, {
		name: "a page with no article element: the body, without the site's header and footer",
		page: `<body><header class="masthead"><a>Site</a></header><main><h2>Sub</h2><p>Text.</p></main><footer>Footer</footer></body>`,
		want: []string{"Sub", "Text."},
	}} {
		t.Run(c.name, func(t *testing.T) {
			blocks, pg, err := extractHTML([]byte(c.page))
			if err != nil {
				t.Fatal(err)
			}
			got := dataset.Paragraphs(string(dataset.ArchiveCopy(blocks)))
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
			if pg != c.pg {
				t.Errorf("page = %+v, want %+v", pg, c.pg)
			}
		})
	}
}

// A text file is one paragraph a line, unless it is hard-wrapped: then
// each block of lines between blank lines is one.
func TestReadArticleText(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
		wrapped    bool
	}{
		{"a paragraph a line", "Title\nOne.\nTwo.\n", []string{"Title", "One.", "Two."}, false},
		{"blank lines between single lines", "Title\n\nOne.\n\n\u00a0\n\nTwo.\n", []string{"Title", "One.", "Two."}, false},
		{"hard-wrapped", "Title\n\nThe first paragraph\nwraps here.\n\nThe second\nwraps too.\n", []string{"Title", "The first paragraph wraps here.", "The second wraps too."}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.txt")
			if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			blocks, pg, sum, err := readArticle(path)
			if err != nil {
				t.Fatal(err)
			}
			got := dataset.Paragraphs(string(dataset.ArchiveCopy(blocks)))
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("paragraphs (-want +got):\n%s", diff)
			}
			if pg.wrapped != c.wrapped || sum != dataset.Hash([]byte(c.text)) {
				t.Errorf("wrapped = %v, sum = %s", pg.wrapped, sum)
			}
		})
	}
}

// Whatever a page holds, its archived copy is text the validator reads
// back paragraph for paragraph: one a line, no hidden characters, valid
// UTF-8 when the page is, and archiving it again changes nothing.
func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(`<article><h1>T</h1><p>One&nbsp;two</p><script>x</script></article>`))
	f.Add([]byte("<body><p>a<br>b</p><div hidden>c</div>\u202e<p>\x00d</p></body>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		blocks, _, err := extractHTML(page)
		if err != nil {
			return // too deeply nested: refused with that error
		}
		copy := dataset.ArchiveCopy(blocks)
		paras := dataset.Paragraphs(string(copy))
		for _, p := range paras {
			for _, r := range p {
				if dataset.Hidden(r) || r == '\n' || r == '\r' {
					t.Fatalf("paragraph %q holds %U", p, r)
				}
			}
		}
		if utf8.Valid(page) && !utf8.Valid(copy) {
			t.Fatalf("invalid UTF-8 from valid input: %q", copy)
		}
		if again := dataset.ArchiveCopy(paras); !bytes.Equal(again, copy) {
			t.Fatalf("archiving again changed %q to %q", copy, again)
		}
	})
}

// A page nested deeper than the HTML parser reads is refused, not taken
// for a page with no text.
func TestExtractHTMLTooDeep(t *testing.T) {
	page := strings.Repeat("<div>", 600) + "<p>Deep.</p>"
	if _, _, err := extractHTML([]byte(page)); err == nil || !strings.Contains(err.Error(), "cannot read the HTML") {
		t.Errorf("err = %v", err)
	}
}
