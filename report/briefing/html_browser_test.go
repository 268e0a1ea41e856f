package briefing_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/edition"
)

var screenshots = flag.String("screenshots", "", "write PNG screenshots of the HTML briefing at desktop and print widths to `DIR`")

// axeTags are the rule sets the HTML briefing must pass with no violation:
// WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Section 508.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "section508"}

// htmlCases are the four briefings the browser checks: the default, a
// filtered period, an edition (with a baseline) and a period with nothing.
func htmlCases(t *testing.T) map[string]*briefing.Doc {
	t.Helper()
	d := loadDataset(t, nil)
	base := defaultFS(t)
	replaceIn(t, base, "incidents.toml", `attribution_basis = "technical"
confidence = "low"`, `attribution_basis = "media"
confidence = "moderate"`)
	s := report.Compute(d, report.Options{})
	e := edition.Compare(report.Compute(loadDataset(t, base), report.Options{}), s)
	return map[string]*briefing.Doc{
		"default":  compose(t, report.Compute(d, report.Options{}), nil),
		"filtered": compose(t, report.Compute(d, report.Options{From: 2022, To: 2023}), nil),
		"edition":  composeEdition(t, s, e, nil),
		"empty":    compose(t, report.Compute(d, report.Options{From: 2030}), nil),
	}
}

// browser starts headless Chromium for the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	chrome := testtool.Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", chrome, err)
	}
	return ctx
}

// TestHTMLInChromium loads each briefing's HTML in Chromium and checks it
// with axe-core (no violation of axeTags), compares its text with the
// PDF's, resolves its links, and prints it to a tagged PDF.
func TestHTMLInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	axe := testtool.Axe(t)
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	ctx := browser(t)
	for name, doc := range htmlCases(t) {
		t.Run(name, func(t *testing.T) {
			var page bytes.Buffer
			if err := briefing.RenderHTML(&page, doc, briefing.Options{}); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, name+".html")
			if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			if err := chromedp.Do(tab, chromedp.Navigate("file://"+file)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(tab, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
				t.Fatalf("load axe-core: %v", err)
			}
			// A desktop and a phone: at 390 px the tables scroll sideways.
			for _, width := range []int64{1280, 390} {
				if err := chromedp.Do(tab, chromedp.EmulateViewport(width, 900)); err != nil {
					t.Fatal(err)
				}
				checkAxe(t, tab, width)
			}
			checkLinks(t, tab)
			pdfText := pdfToText(t, pdftotext, render(t, doc, nil))
			checkSameText(t, domBlocks(t, tab), pdfText)
			checkTaggedPrint(t, tab, pdfinfo, dir)
			if *screenshots != "" && name == "default" {
				shoot(t, tab, *screenshots)
			}
		})
	}
}

// checkAxe runs axe-core (loaded in the tab) with axeTags.
func checkAxe(t *testing.T, tab context.Context, width int64) {
	t.Helper()
	tags, _ := json.Marshal(axeTags)
	type result struct {
		Violations []struct {
			ID, Help string
			Nodes    []string
		}
		Passes int
	}
	res, err := chromedp.Run(tab, chromedp.Evaluate[result](`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`}}).then(r => ({
		passes: r.passes.length,
		violations: r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.html.slice(0, 160))}))}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe: %v", err)
	}
	for _, v := range res.Violations {
		t.Errorf("axe at %d px: %s (%s), %d elements, e.g. %s", width, v.ID, v.Help, len(v.Nodes), v.Nodes[0])
	}
	// A page axe could not read passes nothing: make sure the rules ran.
	if res.Passes < 10 {
		t.Errorf("axe passed only %d rules; did it check the page?", res.Passes)
	}
	t.Logf("axe at %d px: %d rules passed, %d violated", width, res.Passes, len(res.Violations))
}

// checkLinks requires every #link to name an id of the page, and every
// other link to be http(s).
func checkLinks(t *testing.T, tab context.Context) {
	t.Helper()
	bad, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href")).filter(h =>
		h.startsWith("#") ? !document.getElementById(decodeURIComponent(h.slice(1))) : !/^https?:\/\//i.test(h))`))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range bad {
		t.Errorf("link %q resolves to nothing on the page, or is not http(s)", h)
	}
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('a[href^="#src-"]').length`))
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 && !strings.Contains(t.Name(), "empty") {
		t.Errorf("no citation links")
	}
}

func pdfToText(t *testing.T, pdftotext string, pdf []byte) string {
	t.Helper()
	cmd := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// block is a paragraph, heading, list item's own text, code block or
// table cell of the page, in reading order.
type block struct {
	Text       string
	Header     string // a table cell's: the table's header row
	AfterChart bool   // the first block after the chart
}

// domBlocks reads the page's text blocks in <main>, leaving out what the
// PDF does not have as text: the contents list, the hidden table captions,
// and the chart block (the PDF draws the chart; the page has it as SVG and
// tables).
func domBlocks(t *testing.T, tab context.Context) []block {
	t.Helper()
	bs, err := chromedp.Run(tab, chromedp.Evaluate[[]block](`(() => {
		const out = []; let afterChart = false;
		const sel = "h1,h2,h3,h4,h5,h6,p,li,th,td,pre,.chart-block";
		for (const el of document.querySelector("main").querySelectorAll(sel)) {
			if (el.closest("nav")) continue;
			if (el.matches(".chart-block")) { afterChart = true; continue; }
			if (el.closest(".chart-block")) continue;
			const c = el.cloneNode(true);
			c.querySelectorAll("ul,ol,p,pre,table,div,caption").forEach(x => x.remove());
			const text = c.textContent;
			if (!text.trim()) continue;
			let header = "";
			if (el.matches("td") || el.matches("tbody th")) {
				header = [...el.closest("table").querySelectorAll("thead th")].map(h => h.textContent).join("");
			}
			out.push({text, header, afterChart});
			afterChart = false;
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// norm drops white space: lines wrap differently in the two artifacts.
func norm(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

var (
	listMarker = regexp.MustCompile(`^(•|[0-9]+\.)`)
	pdfFooter  = regexp.MustCompile(`(?m)^As of .* · dataset [0-9a-f]{12} ?Page [0-9]+ of [0-9]+\n`)
	pdfHeader  = regexp.MustCompile(`(?m)^.*Open-source briefing\n`)
)

// checkSameText requires the PDF's text, without its page headers and
// footers, to be the page's blocks in order, and nothing else but what the
// PDF draws only: list markers, a table's header row repeated on a new
// page, and the chart's labels (the page has them as SVG and tables).
func checkSameText(t *testing.T, blocks []block, pdf string) {
	t.Helper()
	pdf = pdfFooter.ReplaceAllString(pdf, "")
	pdf = pdfHeader.ReplaceAllStringFunc(pdf, func(l string) string {
		if strings.HasPrefix(l, "*") {
			return l // the first page's line that names the briefing
		}
		return ""
	})
	rest := norm(pdf)
	if len(blocks) < 5 {
		t.Fatalf("only %d blocks of text on the page", len(blocks))
	}
	for i, b := range blocks {
		want := norm(b.Text)
		if b.AfterChart {
			j := strings.Index(rest, want)
			if j < 0 {
				t.Fatalf("block %d after the chart not in the PDF: %q", i, b.Text)
			}
			rest = rest[j:]
		}
		for !strings.HasPrefix(rest, want) {
			if m := listMarker.FindString(rest); m != "" {
				rest = rest[len(m):]
			} else if h := norm(b.Header); h != "" && strings.HasPrefix(rest, h) {
				rest = rest[len(h):]
			} else {
				t.Fatalf("block %d differs:\n page: %q\n PDF:  %q", i, want, shorten(rest, len(want)+40))
			}
		}
		rest = rest[len(want):]
	}
	if rest != "" {
		t.Errorf("the PDF has text after the page's last block: %q", shorten(rest, 200))
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// checkTaggedPrint prints the page to PDF as Chromium does and requires
// the PDF to be tagged: the page's structure survives into print.
func checkTaggedPrint(t *testing.T, tab context.Context, pdfinfo, dir string) {
	t.Helper()
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFOutlineAndTagged()))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "printed.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdfinfo, file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(out) {
		t.Errorf("Chromium's print of the page is not tagged:\n%s", out)
	}
}

// shoot writes screenshots of the page at a desktop width and at the
// width of an A4 page with the print stylesheet: the top, the chart and
// the bibliography.
func shoot(t *testing.T, tab context.Context, dir string) {
	t.Helper()
	for _, v := range []struct {
		name  string
		width int64
		media string
	}{{"desktop", 1280, ""}, {"print", 794, "print"}} {
		for _, at := range []struct{ name, js string }{
			{"top", "window.scrollTo(0, 0)"},
			{"chart", `document.querySelector(".chart-block").scrollIntoView()`},
			{"sources", `document.querySelector(".entry").scrollIntoView()`},
		} {
			png, err := chromedp.Run(tab, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
				if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(v.width, 900)); err != nil {
					return nil, err
				}
				if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: v.media}); err != nil {
					return nil, err
				}
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](at.js)); err != nil {
					return nil, err
				}
				return chromedp.Run(ctx, chromedp.CaptureScreenshot())
			})
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "briefing-"+v.name+"-"+at.name+".png")
			if err := os.WriteFile(file, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", file)
		}
	}
}

func loadDataset(t *testing.T, fsys fstest.MapFS) *dataset.Dataset {
	t.Helper()
	var src fs.FS = dataset.Default()
	if fsys != nil {
		src = fsys
	}
	d, err := dataset.Load(src, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}
