package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/dprkreport/dprkreport/templates"
)

// minimalDir is the smallest valid dataset, the fuzzer's starting point.
var minimalDir = filepath.Join("dataset", "testdata", "minimal")

var (
	uriRE      = regexp.MustCompile(`/URI \(([^)]*)\)`)
	formulaRE  = regexp.MustCompile(`<f>([^<]*)</f>`)
	functionRE = regexp.MustCompile(`([A-Z][A-Z0-9.]*)\(`)
	// The functions the workbook's formulas use: all in Excel 2007 and
	// later, LibreOffice and Gnumeric.
	knownInBook = map[string]bool{"AND": true, "COUNT": true, "COUNTA": true, "COUNTIF": true, "COUNTIFS": true, "HYPERLINK": true,
		"IF": true, "ISNUMBER": true, "MAX": true, "MIN": true, "SUM": true, "SUMIFS": true, "YEAR": true}
)

// FuzzDataset feeds whole datasets (the meta, claims and incidents files)
// through load, compute, a comparison with the unfuzzed dataset and both
// renders, in memory. A dataset is either
// refused with positioned errors inside its files, or it gives artifacts
// that pass the checks the default ones pass: no Inf or NaN, no link but
// http(s) and internal ones, no formula but the program's own.
func FuzzDataset(f *testing.F) {
	data, _ := testtool.Dataset(f, minimalDir)
	f.Add(data[dataset.FileMeta].Data, data[dataset.FileClaims].Data, data[dataset.FileIncidents].Data)
	f.Add([]byte("title = \"=HYPERLINK(\\\"javascript:x\\\")\"\nas_of = \"2024-06-30\"\n"), data[dataset.FileClaims].Data, data[dataset.FileIncidents].Data)
	f.Add(data[dataset.FileMeta].Data, bytes.Replace(data[dataset.FileClaims].Data, []byte(`"3000000000"`), []byte(`"1e400"`), 1), data[dataset.FileIncidents].Data)
	f.Add(data[dataset.FileMeta].Data, bytes.Replace(data[dataset.FileClaims].Data, []byte(`Total stolen.`), []byte(`[x](javascript:alert(1)) <file:///etc/passwd> *a* | b`), 1), data[dataset.FileIncidents].Data)
	tmpl, err := briefing.Parse(templates.Default())
	if err != nil {
		f.Fatal(err)
	}
	base, err := dataset.Load(data, dataset.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, meta, claims, incidents []byte) {
		fsys, archive := testtool.Dataset(t, minimalDir)
		files := map[string][]byte{dataset.FileMeta: meta, dataset.FileClaims: claims, dataset.FileIncidents: incidents}
		for name, b := range files {
			fsys[name] = &fstest.MapFile{Data: b}
		}
		d, err := dataset.Load(fsys, dataset.Options{Archive: archive, Glyphs: briefing.Covers})
		if err != nil {
			var list dataset.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("not an ErrorList: %v", err)
			}
			for _, e := range list {
				if b, ok := files[e.File]; ok && e.Line > bytes.Count(b, []byte("\n"))+1 {
					t.Fatalf("error past the end of %s: %v", e.File, e)
				}
			}
			return
		}
		s := report.Compute(d, report.Options{})
		// Compared with the unfuzzed dataset as the previous edition, the
		// fuzzed text also reaches the changes section and sheet.
		e := edition.Compare(report.Compute(base, report.Options{}), s)
		doc, err := briefing.Compose(s, e, tmpl)
		if err != nil {
			t.Fatalf("a valid dataset the briefing cannot compose: %v", err)
		}
		var pdf bytes.Buffer
		if _, err := briefing.Render(&pdf, doc, briefing.Options{Date: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("a valid dataset the briefing cannot render: %v", err)
		}
		for _, m := range uriRE.FindAllSubmatch(pdf.Bytes(), -1) {
			if !bytes.HasPrefix(m[1], []byte("http://")) && !bytes.HasPrefix(m[1], []byte("https://")) {
				t.Fatalf("PDF link to %q", m[1])
			}
		}
		var page bytes.Buffer
		if err := briefing.RenderHTML(&page, doc, briefing.Options{}); err != nil {
			t.Fatalf("a valid dataset the HTML briefing cannot render: %v", err)
		}
		for _, m := range hrefRE.FindAllSubmatch(page.Bytes(), -1) {
			if !bytes.HasPrefix(m[1], []byte("#")) && !bytes.HasPrefix(m[1], []byte("http://")) && !bytes.HasPrefix(m[1], []byte("https://")) {
				t.Fatalf("HTML link to %q", m[1])
			}
		}
		if m := activeRE.Find(page.Bytes()); m != nil {
			t.Fatalf("the HTML page has %q", m)
		}
		var xlsx bytes.Buffer
		if err := workbook.Write(&xlsx, s, workbook.Options{Date: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), Edition: e, Numbering: doc.Numbering}); err != nil {
			t.Fatalf("a valid dataset the workbook cannot hold: %v", err)
		}
		zr, err := zip.NewReader(bytes.NewReader(xlsx.Bytes()), int64(xlsx.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(part, []byte(">NaN<")) || bytes.Contains(part, []byte("Inf<")) {
				t.Fatalf("%s holds NaN or Inf", zf.Name)
			}
			for _, m := range formulaRE.FindAllSubmatch(part, -1) {
				for _, fn := range functionRE.FindAllSubmatch(m[1], -1) {
					// Function names inside string literals are text, not
					// calls; only count those outside quotes.
					if !knownInBook[string(fn[1])] && !inString(m[1], fn[0]) {
						t.Fatalf("%s: formula %q calls %s", zf.Name, m[1], fn[1])
					}
				}
			}
		}
	})
}

var (
	hrefRE = regexp.MustCompile(`href="([^"]*)"`)
	// What in the page could load or run something.
	activeRE = regexp.MustCompile(`<(script|img|iframe|object|embed|link|base|form)\b|<[^>]*\s(src|on[a-z]+|style)=`)
)

// inString reports whether the first occurrence of sub in formula lies
// inside a string literal.
func inString(formula, sub []byte) bool {
	i := bytes.Index(formula, sub)
	return i >= 0 && bytes.Count(formula[:i], []byte(`&quot;`))%2 == 1
}
