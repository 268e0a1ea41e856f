package workbook_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/xuri/excelize/v2"
)

// Every part of the three recalculation workbooks validates against the
// ISO/IEC 29500-4 transitional and ECMA OPC schemas: Excel repairs or
// refuses a part that does not, where LibreOffice and Gnumeric say nothing.
func TestSchemaValid(t *testing.T) {
	dir := testtool.OOXML(t)
	py := testtool.Python(t, "python3-lxml", "lxml")
	for _, c := range recalcCases(t) {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), c.name+".xlsx")
			if err := os.WriteFile(path, renderCase(t, c), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, filepath.Join(dir, "validate.py"), path).CombinedOutput()
			if err != nil {
				t.Fatalf("validate.py: %v\n%s", err, out)
			}
			last := strings.TrimSpace(string(out))
			if i := strings.LastIndexByte(last, '\n'); i >= 0 {
				last = last[i+1:]
			}
			if !regexp.MustCompile(`^(\d+)/(\d+) parts valid$`).MatchString(last) {
				t.Fatalf("validate.py ended with %q", last)
			}
			t.Log(last)
		})
	}
}

// The readers that do not recalculate (openpyxl in read-only and in
// normal mode, exceljs, SheetJS) read the same value in every cell as the
// workbook holds; and every formula cell's cached value is what Gnumeric
// and LibreOffice compute. So all six agree cell by cell.
func TestReadersAgree(t *testing.T) {
	dir, node := testtool.Readers(t)
	py := testtool.Python(t, "python3-openpyxl", "openpyxl")
	for _, c := range recalcCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := renderCase(t, c)
			path := filepath.Join(t.TempDir(), c.name+".xlsx")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			want := typedCells(t, data)
			if len(want) < 500 {
				t.Fatalf("only %d cells: the workbook lost its content", len(want))
			}
			readers := map[string]map[string]any{}
			for _, cmd := range []*exec.Cmd{
				exec.Command(py, filepath.Join(dir, "read.py"), path),
				exec.Command(node, filepath.Join(dir, "read.mjs"), path),
			} {
				var got map[string]map[string]any
				out, err := cmd.Output()
				if err != nil {
					var stderr []byte
					if ee, ok := err.(*exec.ExitError); ok {
						stderr = ee.Stderr
					}
					t.Fatalf("%s: %v\n%s", cmd.Args[1], err, stderr)
				}
				if err := json.Unmarshal(out, &got); err != nil {
					t.Fatalf("%s: %v", cmd.Args[1], err)
				}
				for name, cells := range got {
					readers[name] = cells
				}
			}
			if len(readers) != 4 {
				t.Fatalf("want 4 readers, got %d", len(readers))
			}
			for _, name := range slices.Sorted(maps.Keys(readers)) {
				bad := diffCells(t, name, want, readers[name])
				t.Logf("%s reads %d cells; %d differ", name, len(readers[name]), bad)
			}
			for _, program := range []string{"Gnumeric", "LibreOffice"} {
				got := recalculated(t, program, c.name, data)
				bad, n := 0, 0
				for ref, fv := range formulaCells(t, data) {
					n++
					if !sameValue(fv, got[ref]) {
						bad++
						if bad <= 10 {
							t.Errorf("%s: %s computes %q, the readers read %v", ref, program, got[ref], want[ref])
						}
					}
				}
				t.Logf("%s agrees on %d of %d formula cells", program, n-bad, n)
			}
		})
	}
}

// diffCells reports each cell that reader reads differently from want,
// and each cell it reads that want does not hold; it returns the count.
func diffCells(t *testing.T, reader string, want, got map[string]any) int {
	t.Helper()
	bad := 0
	report := func(format string, args ...any) {
		bad++
		if bad <= 10 {
			t.Errorf(reader+": "+format, args...)
		}
	}
	for _, ref := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[ref]
		switch {
		case !ok:
			report("%s: missing, want %#v", ref, want[ref])
		case g != want[ref]:
			report("%s: %#v, want %#v", ref, g, want[ref])
		}
	}
	for ref, g := range got {
		if _, ok := want[ref]; !ok {
			report("%s: %#v, a cell the workbook leaves empty", ref, g)
		}
	}
	return bad
}

// typedCells is every non-empty cell of a workbook as the file holds it:
// numbers as float64, text as strings, formulas as their cached value.
func typedCells(t testing.TB, data []byte) map[string]any {
	t.Helper()
	f := open(t, data)
	out := map[string]any{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, err := f.GetCellType(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				switch typ {
				case excelize.CellTypeUnset, excelize.CellTypeNumber:
					n, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("%s!%s: number cell holds %q", sheet, ref, v)
					}
					out[sheet+"!"+ref] = n
				case excelize.CellTypeBool:
					out[sheet+"!"+ref] = v == "1"
				default:
					out[sheet+"!"+ref] = v
				}
			}
		}
	}
	return out
}

func open(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// functionsIn2010 are the worksheet functions that Excel 2010, LibreOffice
// and Gnumeric all have and that the workbook may use. A function added
// later (MAXIFS, IFS, XLOOKUP, TEXTJOIN, …, written with an _xlfn. prefix)
// would show #NAME? in the Excel that many governments still run.
var functionsIn2010 = map[string]bool{
	"AND": true, "COUNT": true, "COUNTA": true, "COUNTIF": true, "COUNTIFS": true,
	"IF": true, "IFERROR": true, "ISNUMBER": true, "MAX": true, "MIN": true, "OR": true, "SUM": true,
	"SUMIFS": true, "SUMPRODUCT": true, "YEAR": true, "INDEX": true, "MATCH": true,
}

var functionCall = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.]*)\(`)

func TestFunctionsInExcel2010(t *testing.T) {
	used := map[string]int{}
	for _, c := range recalcCases(t) {
		for ref, f := range formulas(t, renderCase(t, c)) {
			// String literals may hold anything, parentheses included.
			bare := regexp.MustCompile(`"(?:[^"]|"")*"`).ReplaceAllString(f, `""`)
			for _, m := range functionCall.FindAllStringSubmatch(bare, -1) {
				name := strings.ToUpper(m[1])
				used[name]++
				if !functionsIn2010[name] {
					t.Errorf("%s (%s): %s is not on the Excel 2010 allow-list: %s", ref, c.name, name, f)
				}
			}
		}
	}
	if len(used) < 5 {
		t.Fatalf("found only %v: the formula scan is broken", used)
	}
	t.Logf("functions used: %v", used)
}

// formulas is every formula of a workbook by Sheet!ref: the cells
// formulaCells finds, with their formula text.
func formulas(t testing.TB, data []byte) map[string]string {
	t.Helper()
	f := open(t, data)
	out := map[string]string{}
	for key := range formulaCells(t, data) {
		sheet, ref, _ := strings.Cut(key, "!")
		fm, err := f.GetCellFormula(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		out[key] = fm
	}
	return out
}

// The package conventions readers rely on beyond the schema: each sheet's
// <dimension> is its used range (openpyxl's read-only mode reads only
// that), <col> elements ascend, the drawing reference and the core
// properties use the conventional prefixes (exceljs needs them), and every
// zip entry carries the build date.
func TestPackageConventions(t *testing.T) {
	for _, c := range recalcCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := renderCase(t, c)
			entries := zipEntries(t, data)
			f := open(t, data)
			for i, sheet := range f.GetSheetList() {
				part := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
				xmlText := string(entries[part])
				rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				lastRow, lastCol := 0, 0
				for r, row := range rows {
					if len(row) > 0 {
						lastRow = r + 1
						lastCol = max(lastCol, len(row))
					}
				}
				want := "A1:" + cellName(lastCol, lastRow)
				dim := regexp.MustCompile(`<dimension ref="([^"]*)"`).FindStringSubmatch(xmlText)
				if dim == nil || dim[1] != want {
					t.Errorf("%s (%s): dimension %v, want %s", sheet, part, dim, want)
				}
				prev := 0
				for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllStringSubmatch(xmlText, -1) {
					n, _ := strconv.Atoi(m[1])
					if n <= prev {
						t.Errorf("%s: <col min=%d> after <col min=%d>: columns must ascend", sheet, n, prev)
					}
					prev = n
				}
				if prev == 0 {
					t.Errorf("%s: no <col> widths", sheet)
				}
				checkFit(t, f, sheet, xmlText, rows)
				if strings.Contains(xmlText, "relationships:id") {
					t.Errorf("%s: a relationships:id attribute (exceljs needs r:id)", sheet)
				}
			}
			if err := xml.Unmarshal(entries["docProps/core.xml"], new(struct{})); err != nil {
				t.Fatalf("core.xml: %v", err)
			}
			text := string(entries["docProps/core.xml"])
			for _, el := range []string{"<cp:coreProperties ", "<cp:keywords>", "<cp:lastModifiedBy>", "<dc:title>", "<dcterms:created "} {
				if !strings.Contains(text, el) {
					t.Errorf("core.xml lacks %s:\n%s", el, text)
				}
			}
			for _, el := range []string{"<keywords>", "<category>", "<lastModifiedBy>", "<cp:category>", "<cp:contentStatus>"} {
				if strings.Contains(text, el) {
					t.Errorf("core.xml has %s", el)
				}
			}
			for _, fi := range zipFiles(t, data) {
				if got := fi.Modified.UTC(); !got.Equal(buildDate) {
					t.Errorf("%s: entry date %v, want %v", fi.Name, got, buildDate)
				}
			}
		})
	}
}

func cellName(c, r int) string {
	s, _ := excelize.CoordinatesToCellName(c, r)
	return s
}

func zipFiles(t testing.TB, data []byte) []*zip.File {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return zr.File
}

// checkFit checks a sheet's layout against its <col> widths: every word of
// the header row and every formatted number fits its column (a number
// that does not shows as ###), and the print scale stays readable.
func checkFit(t *testing.T, f *excelize.File, sheet, xmlText string, rows [][]string) {
	t.Helper()
	widths := map[int]float64{}
	total := 0.0
	for _, m := range regexp.MustCompile(`<col min="(\d+)" max="(\d+)" width="([0-9.]+)"`).FindAllStringSubmatch(xmlText, -1) {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		w, _ := strconv.ParseFloat(m[3], 64)
		for c := lo; c <= hi; c++ {
			widths[c] = w
			total += (w*7 + 5) * 0.75
		}
	}
	if len(rows) > 0 && sheet != "Overview" {
		for c, h := range rows[0] {
			for _, word := range strings.Fields(h) {
				if need := float64(len([]rune(word)))*1.1 + 1; need > widths[c+1] && !strings.HasPrefix(h, "[") {
					t.Errorf("%s: header %q: %q needs width %.0f, column %s is %.0f", sheet, h, word, need, colName(c+1), widths[c+1])
				}
			}
		}
	}
	for r, row := range rows {
		for c := range row {
			ref := cellName(c+1, r+1)
			typ, _ := f.GetCellType(sheet, ref)
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				continue
			}
			shown, err := f.GetCellValue(sheet, ref)
			if err != nil || shown == "" {
				continue
			}
			if need := float64(len(shown)) + 1; need > widths[c+1] {
				t.Errorf("%s!%s: %q needs width %.0f, column is %.0f: it would show as ###", sheet, ref, shown, need, widths[c+1])
			}
		}
	}
	setup := regexp.MustCompile(`<pageSetup[^>]*>`).FindString(xmlText)
	fit := strings.Contains(xmlText, `<pageSetUpPr fitToPage="true">`)
	printable := 842 - 2*0.7*72.0
	if !strings.Contains(setup, `orientation="landscape"`) {
		printable = 595 - 2*0.7*72.0
	}
	scale := min(100, int(100*printable/total))
	switch {
	case fit && scale < 55:
		t.Errorf("%s: fitted to one page wide at %d%%, below the 55%% minimum", sheet, scale)
	case !fit && !strings.Contains(setup, `scale="55"`):
		t.Errorf("%s: not fitted to the page width, and not printed at 55%%: %s", sheet, setup)
	}
}
