package briefing_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var buildDate = time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)

func load(t testing.TB, fsys fstest.MapFS) *report.Summary {
	t.Helper()
	var src = dataset.Default()
	if fsys != nil {
		src = fsys
	}
	d, err := dataset.Load(src, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return report.Compute(d, report.Options{})
}

// defaultFS returns the default dataset as a map that a test may edit.
func defaultFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range dataset.Files {
		b, err := dataset.ReadDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func compose(t testing.TB, s *report.Summary, tfs any) *briefing.Doc {
	t.Helper()
	return composeEdition(t, s, nil, tfs)
}

// composeEdition composes the briefing of s with the edition e (nil for
// none) and the templates tfs (nil for the embedded ones).
func composeEdition(t testing.TB, s *report.Summary, e *edition.Edition, tfs any) *briefing.Doc {
	t.Helper()
	var tmpl *briefing.Templates
	var err error
	switch f := tfs.(type) {
	case nil:
		tmpl, err = briefing.Parse(templates.Default())
	case fstest.MapFS:
		tmpl, err = briefing.Parse(f)
	case *briefing.Templates:
		tmpl = f
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := briefing.Compose(s, e, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func render(t testing.TB, doc *briefing.Doc, trace *bytes.Buffer) []byte {
	t.Helper()
	var buf bytes.Buffer
	opt := briefing.Options{Date: buildDate, Version: testVersion}
	if trace != nil {
		opt.Trace = trace
	}
	if _, err := briefing.Render(&buf, doc, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTrace renders a template that uses every construct the walker knows
// and compares the drawing trace with a golden file.
func TestTrace(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "constructs", "briefing.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := compose(t, load(t, nil), fstest.MapFS{templates.Main: &fstest.MapFile{Data: b}})
	var trace bytes.Buffer
	render(t, doc, &trace)
	got := trace.String()
	golden := filepath.Join("testdata", "constructs.trace")
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("trace (-want +got):\n%s", diff)
	}
	for _, construct := range []string{"H1 ", "H2 ", "H3 ", "P ", "LI •", "LI 1.", "TABLE 3 columns", "TABLE header repeated", "QUOTE", "RULE", "CODE 2 lines", "CHART years", "ANCHOR src-1", "LINK #src-1", "LINK https://example.org/a", "LINK https://example.org/b", "PAGE 2"} {
		if !strings.Contains(got, construct) {
			t.Errorf("trace lacks %q", construct)
		}
	}
}

func TestReproducible(t *testing.T) {
	a := render(t, compose(t, load(t, nil), nil), nil)
	b := render(t, compose(t, load(t, nil), nil), nil)
	if !bytes.Equal(a, b) {
		t.Fatalf("two renders differ (%d and %d bytes)", len(a), len(b))
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20241121000000")) {
		t.Errorf("creation date is not the build date")
	}
}

// Citations are numbered in order of first use, in a Numbering the
// workbook takes too; the summary itself is left as Compute made it.
func TestNumbering(t *testing.T) {
	s := load(t, nil)
	before := slices.Clone(s.Sources)
	doc := compose(t, s, nil)
	if !slices.Equal(before, s.Sources) {
		t.Error("composing the briefing reordered the summary's sources")
	}
	re := regexp.MustCompile(`\]\(#src-(\d+)\)`)
	next := 1
	for _, m := range re.FindAllSubmatch(doc.Markdown, -1) {
		var n int
		fmt.Sscan(string(m[1]), &n)
		if n > next {
			t.Fatalf("citation [%d] is used before [%d]", n, next)
		}
		if n == next {
			next++
		}
	}
	articles := 0
	for _, src := range s.Sources {
		if !src.IsReference() {
			articles++
		}
	}
	if next-1 != articles {
		t.Errorf("cited %d articles, the summary has %d", next-1, articles)
	}
	// Articles first, then references, each series numbered from 1.
	num := doc.Numbering
	if len(num.Sources()) != len(s.Sources) || num.Articles() != articles {
		t.Fatalf("the numbering has %d sources (%d articles), the summary %d (%d)", len(num.Sources()), num.Articles(), len(s.Sources), articles)
	}
	for i, src := range num.Sources() {
		want := i + 1
		if src.IsReference() {
			want = i + 1 - articles
		}
		if num.N(src) != want {
			t.Errorf("source %d (%s) is numbered %d, want %d", i, src.ID, num.N(src), want)
		}
	}
}

func TestUncitedArticleIsAnError(t *testing.T) {
	tmpl, err := briefing.Parse(fstest.MapFS{templates.Main: &fstest.MapFile{Data: []byte("# {{.Title}}\n\nOnly {{cite (index .KeyFigures 0)}}.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = briefing.Compose(load(t, nil), nil, tmpl)
	if err == nil || !strings.Contains(err.Error(), "does not cite") {
		t.Fatalf("Compose = %v, want an error naming the uncited articles", err)
	}
}

func TestMissingKeyIsAnError(t *testing.T) {
	tmpl, err := briefing.Parse(fstest.MapFS{templates.Main: &fstest.MapFile{Data: []byte("{{.Nope}}")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := briefing.Compose(load(t, nil), nil, tmpl); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Fatalf("Compose = %v, want an error naming the field", err)
	}
	if _, err := briefing.Parse(fstest.MapFS{templates.Main: &fstest.MapFile{Data: []byte("{{if}}")}}); err == nil {
		t.Fatal("Parse accepted a template that does not parse")
	}
}

// Dataset strings are escaped: Markdown syntax in a victim's name is text.
func TestEscaping(t *testing.T) {
	fsys := defaultFS(t)
	inc := strings.Replace(string(fsys[dataset.FileIncidents].Data), `victim = "CoinEx"`, `victim = "*Coin_Ex* [x](#src-9) | <b>"`, 1)
	fsys[dataset.FileIncidents] = &fstest.MapFile{Data: []byte(inc)}
	doc := compose(t, load(t, fsys), nil)
	if !bytes.Contains(doc.Markdown, []byte(`\*Coin\_Ex\* \[x\](\#src-9) \| \<b\>`)) {
		t.Fatalf("victim not escaped in the Markdown")
	}
	render(t, doc, nil) // and it renders: no link to a missing #src-9
}

// A character the font cannot draw is reported, not dropped.
func TestMissingGlyphIsReported(t *testing.T) {
	fsys := defaultFS(t)
	inc := strings.Replace(string(fsys[dataset.FileIncidents].Data), `victim = "CoinEx"`, `victim = "CoinEx 거래소"`, 1)
	fsys[dataset.FileIncidents] = &fstest.MapFile{Data: []byte(inc)}
	doc := compose(t, load(t, fsys), nil)
	_, err := briefing.Render(&bytes.Buffer{}, doc, briefing.Options{Date: buildDate})
	if err == nil || !strings.Contains(err.Error(), "U+AC70") {
		t.Fatalf("Render = %v, want an error naming U+AC70", err)
	}
}

// TestPDFWithRealReaders checks the default briefing with qpdf, pdftotext
// and pdffonts.
func TestPDFWithRealReaders(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	s := load(t, nil)
	doc := compose(t, s, nil)
	data := render(t, doc, nil)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "b.pdf")
	os.WriteFile(pdf, data, 0o644)

	if out, err := exec.Command(qpdf, "--check", pdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, src := range s.Sources {
		// A reference behind a claim that the briefing leaves to the
		// workbook is listed there, not here.
		if src.IsReference() && !bytes.Contains(doc.Markdown, []byte("](#"+doc.Numbering.Anchor(src)+")")) {
			continue
		}
		title := strings.Join(strings.Fields(strings.TrimSuffix(src.Title, ".")), " ")
		if !strings.Contains(text, fmt.Sprintf("[%s] %s", doc.Numbering.Label(src), title)) {
			t.Errorf("bibliography lacks [%s] %s", doc.Numbering.Label(src), title)
		}
	}
	for _, want := range []string{"Key judgments", "Confidence:", "Coverage.", "How the articles word it", "Reference sources", "Where the sources disagree", "How independent the sourcing is",
		"more than $750 million", "about $1 billion", "Page 1 of ", "Chainalysis", "2017–2023", "[5]"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	for _, bad := range []string{"â€", "\ufffd", "Ã"} {
		if strings.Contains(text, bad) {
			t.Errorf("mojibake %q in the text", bad)
		}
	}
	for _, f := range fontRows(t, pdffonts, pdf) {
		if len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", strings.Join(f, " "))
		}
	}
	// Every citation is a link annotation; qpdf's QDF form shows them.
	qdf := filepath.Join(dir, "qdf.pdf")
	if out, err := exec.Command(qpdf, "--qdf", "--object-streams=disable", pdf, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf: %v\n%s", err, out)
	}
	raw, _ := os.ReadFile(qdf)
	links := bytes.Count(raw, []byte("/Subtype /Link"))
	cites := bytes.Count(doc.Markdown, []byte("](#src-")) + bytes.Count(doc.Markdown, []byte("](#ref-"))
	if links < cites {
		t.Errorf("%d link annotations for %d citations", links, cites)
	}
	if outlines := bytes.Count(raw, []byte("/Title")); outlines < 8 {
		t.Errorf("only %d /Title entries: headings are not bookmarks", outlines)
	}
	t.Logf("%d link annotations, %d citations", links, cites)
}

// At any size the briefing stays a briefing: the largest incidents, the
// rest counted and cited, every article in the bibliography, URLs linked.
func TestStaysABriefingAtScale(t *testing.T) {
	s := synthSummary(t, synth.Config{Incidents: 5000, Seed: 3})
	doc := compose(t, s, nil)
	var trace bytes.Buffer
	var buf bytes.Buffer
	pages, err := briefing.Render(&buf, doc, briefing.Options{Date: buildDate, Trace: &trace})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc.Markdown, []byte(fmt.Sprintf("%d smaller incidents", 5000-briefing.MaxIncidents))) {
		t.Error("the incidents beyond the largest are not summarised")
	}
	if items := strings.Count(string(doc.Markdown), "\n- **Victim"); items != briefing.MaxIncidents {
		t.Errorf("%d incidents listed, want %d", items, briefing.MaxIncidents)
	}
	// 12 pages before the annex began on a page of its own.
	if pages > 13 {
		t.Errorf("%d pages for %d incidents", pages, len(s.Incidents))
	}
	if p := annexPage(trace.String()); p > 4 {
		t.Errorf("the annex starts on page %d for %d incidents: the main body should stay about two pages", p, len(s.Incidents))
	}
	for _, src := range s.Sources {
		if !strings.Contains(trace.String(), fmt.Sprintf("ANCHOR src-%d\n", doc.Numbering.N(src))) {
			t.Errorf("source %d has no bibliography entry", doc.Numbering.N(src))
		}
	}
	if !strings.Contains(trace.String(), "LINK https://example.org/articles/") {
		t.Error("source URLs are not links")
	}
}

// synthSummary computes the summary of a synthetic dataset.
func synthSummary(t testing.TB, cfg synth.Config) *report.Summary {
	t.Helper()
	return report.Compute(testtool.Synthetic(t, cfg), report.Options{})
}

// fontRows is pdffonts' table for the PDF at path, a row of fields per
// font; it fails the test when the table is empty.
func fontRows(t testing.TB, pdffonts, path string) [][]string {
	t.Helper()
	out, err := exec.Command(pdffonts, path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n")[2:] {
		rows = append(rows, strings.Fields(l))
	}
	if len(rows) == 0 {
		t.Fatal("pdffonts lists no fonts")
	}
	return rows
}

// A list item's marker stays with its text: when the first lines of an
// item do not fit at the foot of a page, the marker moves to the next
// page with them. The variants shift the list down a line at a time, so
// that some item meets the foot of the page at every possible point.
func TestListMarkerKeepsWithText(t *testing.T) {
	s := load(t, nil)
	item := "- " + strings.Repeat("a long item that runs over two lines of the page ", 3) + "\n"
	for k := range 12 {
		md := "# Lists\n\n" + strings.Repeat("A line.\n\n", k) + strings.Repeat(item, 40) +
			"\n{{range .Sources}}{{cite .}} {{anchor .}}{{end}}{{range .RefSources}}{{cite .}} {{anchor .}}{{end}}\n"
		doc := compose(t, s, fstest.MapFS{templates.Main: &fstest.MapFile{Data: []byte(md)}})
		var trace bytes.Buffer
		render(t, doc, &trace)
		lines := strings.Split(trace.String(), "\n")
		for i := 0; i+2 < len(lines); i++ {
			if strings.HasPrefix(lines[i], "LI ") && strings.HasPrefix(lines[i+1], "P ") && strings.HasPrefix(lines[i+2], "PAGE ") {
				t.Errorf("%d lines down: a marker stays at the foot of the page before %s", k, lines[i+2])
			}
		}
	}
}

// annexPage is the page the trace's annex heading is drawn on, 0 without one.
func annexPage(trace string) int {
	page := 0
	for _, l := range strings.Split(trace, "\n") {
		if n, ok := strings.CutPrefix(l, "PAGE "); ok {
			fmt.Sscan(n, &page)
		}
		if strings.HasPrefix(l, "H2 Annex") {
			return page
		}
	}
	return 0
}

// For the default dataset the main body (bottom line, key judgments, what
// we do not know, the sources line and the chart) ends by page 2: the
// annex starts on page 3.
func TestMainBodyTwoPages(t *testing.T) {
	doc := compose(t, load(t, nil), nil)
	var trace, buf bytes.Buffer
	if _, err := briefing.Render(&buf, doc, briefing.Options{Date: buildDate, Trace: &trace}); err != nil {
		t.Fatal(err)
	}
	if p := annexPage(trace.String()); p != 3 {
		t.Errorf("the annex starts on page %d, want 3", p)
	}
	md := string(doc.Markdown)
	for _, want := range []string{"## Bottom line", "## Key judgments", "## What we do not know", "**Sources.**"} {
		if i := strings.Index(md, want); i < 0 || i > strings.Index(md, "## Annex") {
			t.Errorf("%q is not in the main body", want)
		}
	}
}
