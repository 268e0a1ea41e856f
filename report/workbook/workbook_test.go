package workbook_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/workbook"
)

var (
	update = flag.Bool("update", false, "rewrite the golden files")
	large  = flag.Bool("large", false, "also check a 100k-incident workbook with every reader and recalculation (takes minutes; run by hand)")
)

var buildDate = time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)

func defaultSummary(t testing.TB) *report.Summary {
	t.Helper()
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	return report.Compute(d, report.Options{})
}

func render(t testing.TB, s *report.Summary) []byte {
	t.Helper()
	return renderCase(t, wbCase{s: s})
}

// wbCase is a workbook to build: a summary and, for an edition, what
// changed since its baseline.
type wbCase struct {
	name string
	s    *report.Summary
	e    *edition.Edition
}

func renderCase(t testing.TB, c wbCase) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := workbook.Write(&buf, c.s, workbook.Options{Date: buildDate, Edition: c.e}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dump reads a workbook back as text: every non-empty cell with its value
// and, for formula cells, the formula.
func dump(t testing.TB, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				v := row[c]
				fm, _ := f.GetCellFormula(sheet, ref)
				if v == "" && fm == "" {
					continue
				}
				fmt.Fprintf(&b, "%s = %q", ref, v)
				if fm != "" {
					fmt.Fprintf(&b, "  ƒ %s", fm)
				}
				if ok, target, _ := f.GetCellHyperLink(sheet, ref); ok {
					fmt.Fprintf(&b, "  → %s", target)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	got := dump(t, render(t, defaultSummary(t)))
	golden := filepath.Join("testdata", "default.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("workbook differs from %s (-want +got):\n%s", golden, diff)
	}
}

func TestSheetsAndStructure(t *testing.T) {
	data := render(t, defaultSummary(t))
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff(workbook.Sheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	for _, sheet := range []string{workbook.SheetIncidents, workbook.SheetClaims, workbook.SheetSources, workbook.SheetYears} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 {
			t.Errorf("%s: want one Excel table, got %v (%v)", sheet, tables, err)
		}
	}
	charts := 0
	for name := range zipEntries(t, data) {
		if strings.HasPrefix(name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 1 {
		t.Errorf("want 1 chart, got %d", charts)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title == "" || props.Created != "2024-11-21T00:00:00Z" {
		t.Errorf("doc props: title %q created %q", props.Title, props.Created)
	}
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	if app.Application != "dprkreport" {
		t.Errorf("application = %q, want dprkreport (never Microsoft Excel: LibreOffice would trust the caches)", app.Application)
	}
	// Amounts are numbers in a USD format, dates are dates.
	for _, c := range []struct{ sheet, cell, fmt string }{
		{workbook.SheetIncidents, "F2", `"$"#,##0`},
		{workbook.SheetIncidents, "D2", "yyyy-mm-dd"},
	} {
		style, err := f.GetCellStyle(c.sheet, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(style)
		if err != nil {
			t.Fatal(err)
		}
		if st.CustomNumFmt == nil || *st.CustomNumFmt != c.fmt {
			t.Errorf("%s!%s: number format %v, want %s", c.sheet, c.cell, st.CustomNumFmt, c.fmt)
		}
	}
	if v, _ := f.GetCellValue(workbook.SheetIncidents, "D2", excelize.Options{RawCellValue: true}); v != "45181" {
		t.Errorf("Incidents!D2 = %q, want the serial date 45181 (2023-09-12)", v)
	}
}

func zipEntries(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range zipFiles(t, data) {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
	}
	return out
}

func TestReproducible(t *testing.T) {
	s := defaultSummary(t)
	first := render(t, s)
	for i := range 5 {
		if again := render(t, defaultSummary(t)); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first (%d vs %d bytes)", i+2, len(again), len(first))
		}
	}
}

// A victim or statement that looks like a formula must stay text.
func TestFormulaInjection(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range dataset.Files {
		b, err := dataset.ReadDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	inc := string(fsys[dataset.FileIncidents].Data)
	inc = strings.Replace(inc, `victim = "CoinEx"`, `victim = "=HYPERLINK(\"http://x.invalid\",\"CoinEx\")"`, 1)
	inc = strings.Replace(inc, `victim = "Poloniex"`, `victim = "+1+2"`, 1)
	fsys[dataset.FileIncidents] = &fstest.MapFile{Data: []byte(inc)}
	d, err := dataset.Load(fsys, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(render(t, report.Compute(d, report.Options{}))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"B2": `=HYPERLINK("http://x.invalid","CoinEx")`, "B3": "+1+2"} {
		fm, _ := f.GetCellFormula(workbook.SheetIncidents, cell)
		v, _ := f.GetCellValue(workbook.SheetIncidents, cell)
		typ, _ := f.GetCellType(workbook.SheetIncidents, cell)
		if fm != "" || v != want || typ != excelize.CellTypeInlineString {
			t.Errorf("Incidents!%s: formula %q value %q type %v; want plain text %q", cell, fm, v, typ, want)
		}
	}
}

// cells reads a workbook's cell values by "Sheet!A1"; with formulasOnly,
// only the formula cells, whose values are then the cached ones.
func cells(t testing.TB, f *excelize.File, formulasOnly bool) map[string]string {
	t.Helper()
	defer f.Close()
	out := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		maxCol := 0
		for _, r := range rows {
			maxCol = max(maxCol, len(r))
		}
		for r, row := range rows {
			for c := range maxCol {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formulasOnly {
					if fm, _ := f.GetCellFormula(sheet, ref); fm == "" {
						continue
					}
				}
				if c < len(row) {
					out[sheet+"!"+ref] = row[c]
				} else if formulasOnly {
					out[sheet+"!"+ref] = ""
				}
			}
		}
	}
	return out
}

// formulaCells returns every formula cell of a workbook with its cached value.
func formulaCells(t testing.TB, data []byte) map[string]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return cells(t, f, true)
}

// values reads every cell value of a workbook written by another program.
func values(t testing.TB, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return cells(t, f, false)
}

func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	d := x - y
	return d < 1e-6 && d > -1e-6
}

// compareRecalc checks that every formula's value as another program
// computed it equals the value we cached.
func compareRecalc(t *testing.T, program string, cached map[string]string, recalced map[string]string) {
	t.Helper()
	if len(cached) < 100 {
		t.Fatalf("only %d formula cells: the workbook lost its formulas", len(cached))
	}
	bad := 0
	for ref, want := range cached {
		got := recalced[ref]
		if !sameValue(want, got) {
			bad++
			if bad <= 20 {
				t.Errorf("%s: %s computes %q, cached value is %q", ref, program, got, want)
			}
		}
	}
	t.Logf("%s agrees with %d of %d cached formula values", program, len(cached)-bad, len(cached))
}

// checkTotals checks the recomputed yearly totals and matrix counts against
// what Go computed from the dataset.
func checkTotals(t *testing.T, program string, s *report.Summary, got map[string]string) {
	t.Helper()
	for i, y := range s.Years {
		r := i + 2
		want := map[string]string{
			fmt.Sprintf("A%d", r): strconv.Itoa(y.Year),
			fmt.Sprintf("B%d", r): strconv.Itoa(y.Incidents),
		}
		for j, rep := range y.ByOriginator {
			ref := fmt.Sprintf("%s%d", colName(3+2*j), r)
			want[ref] = ""
			if rep.Claim != nil {
				want[ref] = rep.Claim.LatestAmount().String()
			}
		}
		lo, hi := "", ""
		if y.HasReports {
			lo, hi = y.Low.LatestAmount().String(), y.High.LatestAmount().String()
		}
		n := max(len(s.YearOriginators)*2, 1)
		want[fmt.Sprintf("%s%d", colName(3+n), r)] = lo
		want[fmt.Sprintf("%s%d", colName(4+n), r)] = hi
		for ref, w := range want {
			if g := got[workbook.SheetYears+"!"+ref]; !sameValue(w, g) {
				t.Errorf("%s: %s!%s = %q, Go computes %q", program, workbook.SheetYears, ref, g, w)
			}
		}
	}
	nSrc := 0
	for _, src := range s.Sources {
		if !src.IsReference() {
			nSrc++
		}
	}
	for i, c := range s.Claims {
		r := i + 2
		arts := got[fmt.Sprintf("%s!%s%d", workbook.SheetMatrix, colName(4+nSrc), r)]
		ind := got[fmt.Sprintf("%s!%s%d", workbook.SheetMatrix, colName(5+nSrc), r)]
		if arts != strconv.Itoa(c.Articles()) || ind != strconv.Itoa(c.Independent) {
			t.Errorf("%s: matrix row %d (%s): articles %q independent %q; Go computes %d and %d", program, r, c.ID, arts, ind, c.Articles(), c.Independent)
		}
	}
	for i, src := range s.Sources[:nSrc] {
		ref := fmt.Sprintf("%s!%s%d", workbook.SheetMatrix, colName(4+i), len(s.Claims)+2)
		if g := got[ref]; g != strconv.Itoa(src.Claims) {
			t.Errorf("%s: %s (claims citing %s) = %q, Go computes %d", program, ref, src.ID, g, src.Claims)
		}
	}
}

func colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// recalcCases are the workbooks whose cached values a recalculating reader
// must reproduce: the default data, a period filter, a synthetic dataset
// large enough to give one originator several figures for a year, an
// edition, and the default data with a second undated share (which the
// report and the formulas must both count as confirmed) and with revisions
// listed out of date order;
// with -large, also the 100k-incident synthetic dataset the benchmarks use.
func recalcCases(t *testing.T) []wbCase {
	t.Helper()
	big := report.Compute(testtool.Synthetic(t, synth.Config{Incidents: 2000, Seed: 7}), report.Options{})
	repeated := 0
	for _, y := range big.Years {
		for _, r := range y.ByOriginator {
			if r.Count > 1 {
				repeated++
			}
		}
	}
	if repeated == 0 {
		t.Fatal("the synthetic dataset has no originator with two figures for a year")
	}
	def, err := dataset.Load(dataset.Default(), dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	es, e := editionSummary(t, 300)
	cases := []wbCase{
		{"default", defaultSummary(t), nil},
		{"from-2022-to-2023", report.Compute(def, report.Options{From: 2022, To: 2023}), nil},
		{"synthetic-2000", big, nil},
		{"edition-300", es, e},
		{"undated-share", overlaySummary(t, "undated-share"), nil},
		{"revisions-out-of-order", overlaySummary(t, "revisions-out-of-order"), nil},
		{"revision-reorders-highest", overlaySummary(t, "revision-reorders-highest"), nil},
	}
	if *large {
		cases = append(cases, wbCase{"synthetic-100k", benchdata.Summary(t, 100_000), nil})
	}
	return cases
}

// recalc renders each case, has program compute it, and checks every
// cached value and the yearly and matrix totals against Go's.
func recalc(t *testing.T, program string) {
	for _, c := range recalcCases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := renderCase(t, c)
			got := recalculated(t, program, c.name, data)
			compareRecalc(t, program, formulaCells(t, data), got)
			checkTotals(t, program, c.s, got)
		})
	}
}

// recalcs holds each program's recalculation of each case, read back as
// values: the recalculation tests and the reader agreement test share
// them (a LibreOffice run takes seconds).
var recalcs sync.Map

// recalculated returns every cell value of case name as program computes
// it: Gnumeric from the workbook as written, LibreOffice from a copy with
// every cached value stripped, so that it must compute the formulas.
func recalculated(t *testing.T, program, name string, data []byte) map[string]string {
	t.Helper()
	key := program + "/" + name
	if v, ok := recalcs.Load(key); ok {
		return v.(map[string]string)
	}
	var out string
	dir := t.TempDir()
	switch program {
	case "Gnumeric":
		ssconvert := testtool.Need(t, "ssconvert", "gnumeric")
		in := filepath.Join(dir, "in.xlsx")
		out = filepath.Join(dir, "out.xlsx")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(ssconvert, "--recalc", "--export-type=Gnumeric_Excel:xlsx2", in, out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("ssconvert: %v\n%s", err, b)
		}
	case "LibreOffice":
		soffice := testtool.Need(t, "soffice", "libreoffice-calc-nogui")
		in := filepath.Join(dir, "stripped.xlsx")
		if err := os.WriteFile(in, stripCaches(t, data), 0o644); err != nil {
			t.Fatal(err)
		}
		outDir := filepath.Join(dir, "out")
		cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, in)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		out = filepath.Join(outDir, "stripped.xlsx")
	default:
		t.Fatalf("no recalculating reader %q", program)
	}
	v := values(t, out)
	recalcs.Store(key, v)
	return v
}

func TestGnumericRecalc(t *testing.T) { recalc(t, "Gnumeric") }

var cachedValue = regexp.MustCompile(`(</f>)<v>[^<]*</v>`)

// stripCaches removes every formula's cached value, so that a reader must
// compute the formulas itself to show anything.
func stripCaches(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, b := range zipEntries(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			b = cachedValue.ReplaceAll(b, []byte("$1"))
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLibreOfficeRecalc(t *testing.T) { recalc(t, "LibreOffice") }
