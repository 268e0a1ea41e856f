package briefing_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/templates"
)

// mainWith returns the default templates with text added to the main one.
func mainWith(t *testing.T, extra string) fstest.MapFS {
	t.Helper()
	main, err := fs.ReadFile(templates.Default(), templates.Main)
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{templates.Main: &fstest.MapFile{Data: append(main, extra...)}}
}

// A template that calls itself, directly or through another, is refused
// when parsed, naming the cycle.
func TestRecursiveTemplatesAreRefused(t *testing.T) {
	for name, c := range map[string]struct {
		files map[string]string
		want  string
	}{
		"self": {map[string]string{templates.Main: `{{template "briefing.md" .}}`},
			`briefing.md:1:11: templates: briefing.md calls itself (briefing.md → briefing.md)`},
		"mutual": {map[string]string{templates.Main: `{{template "a" .}}`, "a.md": `{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}{{if .}}{{template "a" .}}{{end}}{{end}}`},
			`calls itself (a → b → a)`},
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, body := range c.files {
				fsys[n] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := briefing.Parse(fsys)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Parse = %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// A template whose output explodes stops at MaxMarkdown with an error.
func TestRunawayTemplateIsBounded(t *testing.T) {
	loop := strings.Repeat(`{{range $.Sources}}`, 13) + `xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` + strings.Repeat(`{{end}}`, 13)
	tmpl, err := briefing.Parse(mainWith(t, loop))
	if err != nil {
		t.Fatal(err)
	}
	_, err = briefing.Compose(load(t, nil), nil, tmpl)
	if err == nil || !strings.Contains(err.Error(), "passed 8 MiB; a template is probably looping") {
		t.Fatalf("Compose = %v", err)
	}
}

// Only http(s) addresses and internal anchors become links: Compose (so
// --check) refuses any other, and so do both renderers, given Markdown
// that did not come through Compose.
func TestLinkSchemes(t *testing.T) {
	const refused = "only http(s) addresses of at most 2048 characters and #anchors may be links"
	good := compose(t, load(t, nil), nil)
	for _, link := range []string{
		"javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd", "data:text/html,<b>x</b>",
		"ftp://example.org/x", "//example.org/x", "https://example.org/" + strings.Repeat("a", briefing.MaxLinkLen),
	} {
		t.Run(link[:min(len(link), 20)], func(t *testing.T) {
			extra := "\n[click](" + link + ")\n\n<" + link + ">\n"
			tmpl, err := briefing.Parse(mainWith(t, extra))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := briefing.Compose(load(t, nil), nil, tmpl); err == nil || !strings.Contains(err.Error(), refused) {
				t.Fatalf("Compose = %v, want a refused link", err)
			}
			doc := *good
			doc.Markdown = append(bytes.Clone(good.Markdown), extra...)
			_, err = briefing.Render(&bytes.Buffer{}, &doc, briefing.Options{Date: buildDate})
			if err == nil || !strings.Contains(err.Error(), refused) {
				t.Errorf("Render = %v, want a refused link", err)
			}
			var page bytes.Buffer
			err = briefing.RenderHTML(&page, &doc, briefing.Options{})
			if err == nil || !strings.Contains(err.Error(), refused) || page.Len() > 0 {
				t.Errorf("RenderHTML = %v (%d bytes), want a refused link and nothing written", err, page.Len())
			}
		})
	}
	// An https link is kept.
	tmpl, err := briefing.Parse(mainWith(t, "\n[ok](https://example.org/page)\n"))
	if err != nil {
		t.Fatal(err)
	}
	var trace bytes.Buffer
	render(t, compose(t, load(t, nil), tmpl), &trace)
	if !strings.Contains(trace.String(), "LINK https://example.org/page") {
		t.Error("an https link was dropped")
	}
}
