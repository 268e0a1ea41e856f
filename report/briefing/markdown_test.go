package briefing_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/templates"
	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

func writeMarkdown(t *testing.T, doc *briefing.Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := briefing.WriteMarkdown(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	mdLink   = regexp.MustCompile(`\]\(#([A-Za-z0-9_-]+)\)`)
	mdAnchor = regexp.MustCompile(`<a id="([A-Za-z0-9_-]+)"></a>`)
)

// The Markdown artifact is the composed text with the chart as a table:
// the same bytes twice, every internal link resolves to an anchor in it,
// no chart block is left, everything but the chart is the text the PDF is
// drawn from, and the table has a row per year with each originator's
// figure in its column. (No golden: the composed text follows the data.)
func TestMarkdownArtifact(t *testing.T) {
	doc := compose(t, load(t, nil), nil)
	got := writeMarkdown(t, doc)
	if again := writeMarkdown(t, compose(t, load(t, nil), nil)); !bytes.Equal(got, again) {
		t.Fatal("two writes differ")
	}
	if bytes.Contains(got, []byte("```chart")) {
		t.Error("a chart block is left in the Markdown")
	}
	anchors := map[string]bool{}
	for _, m := range mdAnchor.FindAllSubmatch(got, -1) {
		anchors[string(m[1])] = true
	}
	links := mdLink.FindAllSubmatch(got, -1)
	if len(links) == 0 || len(anchors) == 0 {
		t.Fatalf("%d internal links and %d anchors; want some of each", len(links), len(anchors))
	}
	for _, m := range links {
		if !anchors[string(m[1])] {
			t.Errorf("link to #%s, which the Markdown never sets", m[1])
		}
	}
	// Outside the chart, the bytes are the composed text's.
	const fence = "```chart\nyears\n```\n"
	i := bytes.Index(doc.Markdown, []byte(fence))
	if i < 0 {
		t.Fatal("the composed briefing has no chart block")
	}
	head, tail := doc.Markdown[:i], doc.Markdown[i+len(fence):]
	if !bytes.HasPrefix(got, head) || !bytes.HasSuffix(got, tail) {
		t.Error("the Markdown differs from the composed text outside the chart")
	}
	chart := string(got[len(head) : len(got)-len(tail)])
	s := doc.Summary
	if n := strings.Count(chart, "\n| 20"); n != len(s.Years) {
		t.Errorf("chart table has %d year rows, want %d:\n%s", n, len(s.Years), chart)
	}
	for _, o := range s.YearOriginators {
		if !strings.Contains(chart, o.Name) {
			t.Errorf("chart table lacks the originator %q", o.Name)
		}
	}
	for _, c := range s.Spans[:min(len(s.Spans), briefing.MaxSpans)] {
		if !regexp.MustCompile(`(?m)^- ` + regexp.QuoteMeta(c.Span.Human()+": ") + `.*` + regexp.QuoteMeta(", "+c.By.Name) + `$`).MatchString(chart) {
			t.Errorf("chart lacks the multi-year figure %s of %s", c.Span.Human(), c.By.Name)
		}
	}
	// Each year's row: its figures in the originators' columns, in the
	// order of the header.
	for _, y := range s.Years {
		i := strings.Index(chart, fmt.Sprintf("\n| %d |", y.Year))
		row := chart[i+1 : i+1+strings.Index(chart[i+1:], "\n")]
		cells := strings.Split(strings.Trim(row, "| "), " | ")
		if len(cells) != len(s.YearOriginators)+3 {
			t.Errorf("row %q has %d cells, want %d", row, len(cells), len(s.YearOriginators)+3)
			continue
		}
		for j, rep := range y.ByOriginator {
			if rep.Claim != nil && !strings.Contains(cells[1+j], report.MoneyShort(rep.Claim.Amount)) {
				t.Errorf("%d, %s: cell %q lacks %s", y.Year, s.YearOriginators[j].Name, cells[1+j], report.MoneyShort(rep.Claim.Amount))
			}
		}
		if cells[len(cells)-1] != fmt.Sprint(y.Incidents) {
			t.Errorf("%d: %s named incidents, want %d", y.Year, cells[len(cells)-1], y.Incidents)
		}
	}
}

// A hedged yearly figure carries its mark in the table, and the mark is
// spelled out under it; dataset text in a cell is escaped.
func TestMarkdownChartHedges(t *testing.T) {
	fsys := defaultFS(t)
	replaceIn(t, fsys, "claims.toml", "qualifier = \"approximately\"\nperiod = \"2023\"\nscope = \"dprk\"\noriginator = \"chainalysis\"", "qualifier = \"approximately\"\nhedge = \"estimated | *in part*\"\nperiod = \"2023\"\nscope = \"dprk\"\noriginator = \"chainalysis\"")
	got := string(writeMarkdown(t, compose(t, load(t, fsys), nil)))
	for _, want := range []string{"| 2023 | $660.5M †; first published about $1B, Jan 2024 |", "\n† estimated \\| \\*in part\\*\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
}

// A chart block inside a list item or a quote (written as a fence, as
// {{chart}} writes one at the top level) becomes a table inside it.
func TestMarkdownChartInContainers(t *testing.T) {
	tmpl := "# T\n\n- item\n\n  ```chart\n  years\n  ```\n- next\n\n> ~~~~chart\n> years\n> ~~~~\n\nafter {{cite .KeyFigures}}\n\n{{range .Sources}}{{anchor .}}{{.Title}}\n\n{{end}}{{range .RefSources}}{{anchor .}}{{.Title}}\n\n{{end}}"
	doc := compose(t, load(t, nil), fstest.MapFS{templates.Main: &fstest.MapFile{Data: []byte(tmpl)}})
	got := writeMarkdown(t, doc)
	root := goldmark.New(goldmark.WithExtensions(extension.Table)).Parser().Parse(text.NewReader(got))
	var parents []string
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*east.Table); ok && entering {
			parents = append(parents, n.Parent().Kind().String())
		}
		if _, ok := n.(*ast.FencedCodeBlock); ok && entering {
			t.Errorf("a fenced block is left: %s", n.Lines().Value(got))
		}
		return ast.WalkContinue, nil
	})
	if diff := cmp.Diff([]string{"ListItem", "Blockquote"}, parents); diff != "" {
		t.Errorf("tables' parents (-want +got):\n%s\n%s", diff, got)
	}
	if !bytes.Contains(got, []byte("\n- next\n")) || !bytes.Contains(got, []byte("\nafter ")) {
		t.Errorf("the text around the charts is lost:\n%s", got)
	}
}
