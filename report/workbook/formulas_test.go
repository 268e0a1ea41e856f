package workbook_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/workbook"
)

// freeText are the dataset's keys whose values are free text, as opposed
// to identifiers, dates, numbers, addresses and words from a fixed list.
var freeText = []string{"title", "subtitle", "author", "description", "statement", "note", "reliability_reason",
	"outlet", "name", "hedge", "date_note", "victim", "technique", "range_note", "actor", "attribution_note",
	"excerpt", "wording", "mismatch"}

// longText is the default dataset with every free-text value made about n
// characters long: the value as it was (an excerpt must still state its
// figure), then a word of a marker of its own (T00001) and padding (not
// for an excerpt of 25 words already, the most an excerpt holds); with
// keys, only those keys' values.
func longText(t *testing.T, n int, keys ...string) (fstest.MapFS, int) {
	t.Helper()
	if len(keys) == 0 {
		keys = freeText
	}
	fsys := fstest.MapFS{}
	fields := 0
	value := regexp.MustCompile(`(?m)(^|[{,]\s*)(` + strings.Join(keys, "|") + `) = "((?:[^"\\]|\\.)+)"`)
	for _, name := range dataset.Files {
		b, err := dataset.ReadDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		b = value.ReplaceAllFunc(b, func(m []byte) []byte {
			sub := value.FindSubmatch(m)
			if string(sub[2]) == "excerpt" && len(strings.Fields(string(sub[3]))) >= 25 {
				return m
			}
			fields++
			head := fmt.Sprintf("%s T%05d", sub[3], fields)
			return fmt.Appendf(nil, `%s%s = "%s%s"`, sub[1], sub[2], head, strings.Repeat("w", n-len(head)))
		})
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys, fields
}

var formulaElem = regexp.MustCompile(`<f[ >][^<]*</f>|<c:f>[^<]*</c:f>`)

// No formula holds dataset text: every free-text field of the dataset
// 4,000 characters long (far past the 255 a formula's text constant
// holds, and short enough that the names of all of a source's relays,
// joined in one cell, still fit) gives a workbook whose formulas name
// cells, ranges and fixed words only. Links are properties of text cells.
func TestNoDatasetTextInFormulas(t *testing.T) {
	fsys, fields := longText(t, 4000)
	d, err := dataset.Load(fsys, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	data := render(t, report.Compute(d, report.Options{}))
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	formulas, seen := 0, 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		seen += bytes.Count(part, []byte("wwwwwwwwwwwwwwww"))
		for _, fm := range formulaElem.FindAll(part, -1) {
			formulas++
			if bytes.Contains(fm, []byte("www")) || regexp.MustCompile(`T\d{5}w`).Match(fm) {
				t.Errorf("%s: a formula holds dataset text: %.200s…", f.Name, fm)
			}
		}
	}
	if formulas == 0 || seen < fields {
		t.Fatalf("%d formulas, %d long texts in the package for %d fields: the test saw nothing", formulas, seen, fields)
	}
}

// A cell that joins fields each within the cell limit (a figure and its
// hedge, a source's number and its title, a revision's figure) is refused
// with the record it comes from, never cut: Check, which --check calls,
// and Write refuse the same.
func TestComposedCellsAreRefused(t *testing.T) {
	for name, c := range map[string]struct {
		keys []string
		want []string
	}{
		"hedge": {[]string{"hedge"}, []string{`claims.toml: claim "`, "figure with its hedge would hold", "; a cell holds 32767"}},
		"names": {[]string{"name"}, []string{`sources.toml: source "`, "relays would hold"}},
		"all":   {nil, []string{"more cells too long"}},
	} {
		t.Run(name, func(t *testing.T) {
			fsys, _ := longText(t, dataset.MaxTextLen, c.keys...)
			d, err := dataset.Load(fsys, dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			s := report.Compute(d, report.Options{})
			checkErr := workbook.Check(s, workbook.Options{})
			if checkErr == nil {
				t.Fatal("Check passed fields of 32,767 characters joined with more")
			}
			for _, want := range c.want {
				if !strings.Contains(checkErr.Error(), want) {
					t.Errorf("Check: no %q in\n%.1000s", want, checkErr)
				}
			}
			var buf bytes.Buffer
			writeErr := workbook.Write(&buf, s, workbook.Options{})
			if writeErr == nil || writeErr.Error() != checkErr.Error() || buf.Len() != 0 {
				t.Errorf("Write = %.300v (%d bytes written), want Check's error and nothing written", writeErr, buf.Len())
			}
		})
	}
}
