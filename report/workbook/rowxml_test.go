package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// excelizeRow is what excelize's StreamWriter writes for the row: the
// reference appendRow must match byte for byte.
func excelizeRow(t testing.TB, r int, height float64, values []any) (string, error) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	if err := sw.SetRow(cell(1, r), values, opts...); err != nil {
		return "", err
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		s := string(data)
		from := strings.Index(s, "<sheetData>") + len("<sheetData>")
		to := strings.Index(s, "</sheetData>")
		return s[from:to], nil
	}
	t.Fatal("no sheet1.xml")
	return "", nil
}

func checkRow(t *testing.T, r int, height float64, values []any) {
	t.Helper()
	want, werr := excelizeRow(t, r, height, values)
	got, gerr := appendRow(nil, r, height, values)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("row %v: excelize error %v, appendRow error %v", values, werr, gerr)
	}
	if werr != nil {
		return
	}
	if string(got) != want {
		t.Errorf("row %q:\n got %s\nwant %s", values, got, want)
	}
}

var hostileTexts = []string{
	"", " ", "plain", " lead", "trail ", "\ttab", "line\nfeed", "cr\r", "a\r\nb",
	`<b>&"quotes'</b>`, "=HYPERLINK(\"x\")", "\x00\x01\x1f", "\x7f", "bad \xff utf-8", "\uFFFE\uFFFF",
	"\uFFFD", "한국어 ✓ 𝔘", "_x0041_", "_x005F_", "_x005F_x0041_", "_x005F_xZZZZ_", "_xD800_", "a_x0041_b_x004", "__x0041__",
	"_x005f_x0041_", "_X0041_", "x0041_", strings.Repeat("é", 20000), strings.Repeat("𝔘", 17000) + "end",
	strings.Repeat("a", 32767) + "b",
}

func TestRowXMLMatchesExcelize(t *testing.T) {
	when := []time.Time{
		time.Date(2023, 9, 12, 0, 0, 0, 0, time.UTC), time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2999, 12, 31, 13, 14, 15, 16, time.UTC),
		time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("KST", 9*3600)),
	}
	nums := []any{0, 1, -7, 2023, math.MaxInt64, 0.0, 55e6, 1.5, -0.25, 1e21, 1e-7, 123456789012345678.0,
		0.1 + 0.2, math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	for _, s := range hostileTexts {
		checkRow(t, 2, 0, []any{excelize.Cell{Value: s, StyleID: 3}})
		checkRow(t, 2, 0, []any{excelize.Cell{Value: s, StyleID: 13, Formula: `HYPERLINK("#Sources!A2",` + strLit(s) + `)`}})
		checkRow(t, 7, 0, []any{nil, excelize.Cell{Formula: s, Value: 1}})
	}
	for _, w := range when {
		checkRow(t, 3, 0, []any{excelize.Cell{Value: w, StyleID: 10}, excelize.Cell{Formula: "YEAR(A3)", Value: w, StyleID: 12}})
	}
	for _, n := range nums {
		checkRow(t, 4, 0, []any{excelize.Cell{Value: n, StyleID: 8}, excelize.Cell{Value: n, Formula: "A4"}})
	}
	for _, h := range []float64{0, 15, 32.5, 409, 409.5, 410} {
		checkRow(t, 5, h, []any{excelize.Cell{Value: "x"}, nil, excelize.Cell{StyleID: 4}, excelize.Cell{}, excelize.Cell{Formula: "A1"}})
	}
	row := make([]any, 30)
	for i := range row {
		row[i] = excelize.Cell{Value: i}
	}
	checkRow(t, 1048576, 0, row)
	checkRow(t, 26, 0, nil)
	if _, err := appendRow(nil, 2, 0, []any{excelize.Cell{Value: when[0]}}); err == nil {
		t.Error("a date without a style: no error")
	}
	if _, err := appendRow(nil, 2, 0, []any{"bare"}); err == nil {
		t.Error("a bare string where a cell was expected: no error")
	}
}

func FuzzRowXML(f *testing.F) {
	for _, s := range hostileTexts[:27] {
		f.Add(s, s, 1.5, 2, int64(0), 14.5)
	}
	f.Fuzz(func(t *testing.T, text, formula string, x float64, n int, unix int64, height float64) {
		when := time.Unix(unix%(1<<36), 0).UTC()
		checkRow(t, 2, height, []any{
			excelize.Cell{Value: text, StyleID: 3}, excelize.Cell{Value: text, Formula: formula},
			excelize.Cell{Value: x, StyleID: 8}, excelize.Cell{Value: n, Formula: formula},
			excelize.Cell{Value: when, StyleID: 10}, excelize.Cell{Value: when, StyleID: 11, Formula: formula}, nil, excelize.Cell{Formula: formula},
		})
	})
}

// A list sheet's rows must fill the extent it declared before they were
// written: fewer rows, or fewer columns, is an error, not a workbook whose
// <dimension> and table lie.
func TestListBodyChecksItsExtent(t *testing.T) {
	rows := func(n, cols int) func(put func(values ...any) error) error {
		return func(put func(values ...any) error) error {
			for range n {
				vals := make([]any, cols)
				for i := range vals {
					vals[i] = excelize.Cell{Value: i}
				}
				if err := put(vals...); err != nil {
					return err
				}
			}
			return nil
		}
	}
	for _, c := range []struct {
		n, cols int
		err     string
	}{
		{3, 2, ""},
		{2, 2, "sheet L: declared A1:B4, wrote A1:B3"},
		{4, 2, "sheet L: declared A1:B4, wrote A1:B5"},
		{3, 1, ""}, // the header reaches B
		{3, 3, "sheet L: declared A1:B4, wrote A1:C4"},
	} {
		sh := &sheet{name: "L", setup: sheetSetup{rows: 4}, widths: []float64{5, 5}, wrap: map[int]bool{}}
		var buf bytes.Buffer
		err := sh.body(&buf, 2, rows(c.n, c.cols))
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%d rows of %d: %v", c.n, c.cols, err)
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("%d rows of %d: got %v, want %q", c.n, c.cols, err, c.err)
		}
		if c.err == "" && !strings.HasPrefix(buf.String(), `<row r="2">`) {
			t.Errorf("rows start %.40q, not at row 2", buf.String())
		}
	}
}
