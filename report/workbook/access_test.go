package workbook_test

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/google/go-cmp/cmp"
)

var (
	sheetEntry = regexp.MustCompile(`<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"`)
	relEntry   = regexp.MustCompile(`<Relationship Id="(rId\d+)" Target="([^"]*)"`)
	firstRow   = regexp.MustCompile(`<row r="1"[ >].*?</row>`)
	rowCell    = regexp.MustCompile(`<c r="([A-Z]+)1"([^>]*)>(.*?)</c>`)
	chartFrame = regexp.MustCompile(`<xdr:cNvPr [^>]*>`)
	attr       = func(name string) *regexp.Regexp { return regexp.MustCompile(` ` + name + `="([^"]*)"`) }
)

// The workbook passes what Excel's Accessibility Checker and the UK
// Analysis Function's checklist ask of a spreadsheet, read from its XML:
// sheet names that say what they hold (no "Sheet1"), no merged cells, a
// title in the Overview's A1 and a header row of text cells, from column
// A on, as every other sheet's first row, and alternative text
// (a name and a description) on every chart.
func TestAccessibleWorkbook(t *testing.T) {
	s, e := editionSummary(t, 200)
	for _, c := range []wbCase{{name: "default", s: defaultSummary(t)}, {name: "edition", s: s, e: e}} {
		t.Run(c.name, func(t *testing.T) {
			parts := map[string]string{}
			for _, f := range zipFiles(t, renderCase(t, c)) {
				r, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(r)
				r.Close()
				if err != nil {
					t.Fatal(err)
				}
				parts[f.Name] = string(b)
			}
			targets := map[string]string{}
			for _, m := range relEntry.FindAllStringSubmatch(parts["xl/_rels/workbook.xml.rels"], -1) {
				targets[m[1]] = "xl/" + strings.TrimPrefix(m[2], "/xl/")
			}
			var names []string
			for _, m := range sheetEntry.FindAllStringSubmatch(parts["xl/workbook.xml"], -1) {
				name, xml := m[1], parts[targets[m[2]]]
				names = append(names, name)
				if xml == "" {
					t.Fatalf("sheet %q: no part %s", name, targets[m[2]])
				}
				checkSheet(t, name, xml, c.s.Meta.Title)
			}
			if diff := cmp.Diff(workbook.SheetNames(c.s, c.e), names); diff != "" {
				t.Errorf("sheet names (-want +got):\n%s", diff)
			}
			for _, n := range names {
				if regexp.MustCompile(`(?i)^sheet ?\d*$`).MatchString(n) {
					t.Errorf("sheet %q is named by default", n)
				}
			}
			charts := 0
			for name, xml := range parts {
				if !strings.HasPrefix(name, "xl/drawings/drawing") {
					continue
				}
				for _, pr := range chartFrame.FindAllString(xml, -1) {
					charts++
					descr, label := attr("descr").FindStringSubmatch(pr), attr("name").FindStringSubmatch(pr)
					if descr == nil || len(descr[1]) < 80 || label == nil || strings.HasPrefix(label[1], "Chart ") {
						t.Errorf("%s: a chart without alternative text: %s", name, pr)
					}
				}
			}
			// The synthetic edition has no single-year figure, so no chart.
			if charts == 0 && c.name == "default" {
				t.Error("no chart found")
			}
		})
	}
}

func checkSheet(t *testing.T, name, xml, title string) {
	t.Helper()
	if strings.Contains(xml, "<mergeCell") {
		t.Errorf("sheet %q merges cells", name)
	}
	row := firstRow.FindString(xml)
	cells := rowCell.FindAllStringSubmatch(row, -1)
	if len(cells) == 0 {
		t.Fatalf("sheet %q: row 1 is empty", name)
	}
	if name == workbook.SheetOverview {
		if len(cells) != 1 || !strings.Contains(cells[0][3], ">"+title+"<") {
			t.Errorf("the Overview's row 1 is not its title alone: %s", row)
		}
		return
	}
	for i, c := range cells {
		if want := colName(i + 1); c[1] != want {
			t.Errorf("sheet %q: the header row skips column %s", name, want)
			break
		}
		typ := attr("t").FindStringSubmatch(c[2])
		if typ == nil || typ[1] != "inlineStr" && typ[1] != "s" || !regexp.MustCompile(`<t[^>]*>[^<]+</t>`).MatchString(c[3]) {
			t.Errorf("sheet %q: header cell %s1 is not text: %s", name, c[1], c[0])
		}
	}
	if len(cells) < 2 {
		t.Errorf("sheet %q: row 1 is not a header row: %s", name, row)
	}
}
