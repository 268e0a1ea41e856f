package main

import (
	"bytes"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/xuri/excelize/v2"
)

// writeFixture writes report/testdata/datasets/NAME.txtar into a folder
// that --data accepts, with its archived articles in a folder --archive
// accepts, and returns the two.
func writeFixture(t *testing.T, name string) (data, archive string) {
	t.Helper()
	dfs, afs := testtool.DatasetTxtar(t, filepath.Join("report", "testdata", "datasets", name+".txtar"))
	root := t.TempDir()
	data, archive = filepath.Join(root, "data"), filepath.Join(root, "archive")
	for dir, fsys := range map[string]fs.FS{data: dfs, archive: afs} {
		if err := os.CopyFS(dir, fsys); err != nil {
			t.Fatal(err)
		}
	}
	return data, archive
}

// figureRE finds printed numbers with an optional scale word after them:
// "$1,388 million", "$1.56B", "1560000000".
var figureRE = regexp.MustCompile(`(\d[\d,]*(?:\.\d+)?)\s*(billion|million|B\b|M\b)?`)

// sumsIn returns the printed figures in text that equal one of sums (in
// dollars) at the precision they are printed with. A figure with one
// significant digit ("$2B") is too coarse to tell and is skipped.
func sumsIn(text string, sums []float64) []string {
	var found []string
	for _, m := range figureRE.FindAllStringSubmatch(text, -1) {
		digits := strings.ReplaceAll(m[1], ",", "")
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		if sig := strings.Trim(strings.ReplaceAll(digits, ".", ""), "0"); len(sig) < 2 {
			continue
		}
		decimals := 0
		if i := strings.IndexByte(digits, '.'); i >= 0 {
			decimals = len(digits) - i - 1
		}
		units := []float64{1, 1e6} // a bare number: dollars, or a column in millions
		switch m[2] {
		case "billion", "B":
			units = []float64{1e9}
		case "million", "M":
			units = []float64{1e6}
		}
		for _, u := range units {
			for _, s := range sums {
				p := math.Pow(10, float64(decimals))
				if math.Round(s/u*p)/p == v {
					found = append(found, m[0])
				}
			}
		}
	}
	return found
}

// Figures from different originators for consecutive years, and a third
// originator's whole for both years, are never added up: no sum of any two
// or all three appears in the briefing's text or in any workbook cell.
func TestNoSumOfOriginators(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	data, archive := writeFixture(t, "consecutive")
	out := t.TempDir()
	pdf, xlsx := filepath.Join(out, "b.pdf"), filepath.Join(out, "w.xlsx")
	var stderr bytes.Buffer
	if code := run([]string{"--data", data, "--archive", archive, "-o", pdf, "-o", xlsx}, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	figures := []float64{613e6, 947e6, 1388e6}
	var sums []float64
	for i := 1; i < 1<<len(figures); i++ {
		if i&(i-1) == 0 {
			continue // a single figure is not a sum
		}
		s := 0.0
		for j, f := range figures {
			if i&(1<<j) != 0 {
				s += f
			}
		}
		sums = append(sums, s)
	}

	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The test would see a sum if there were one: the inputs are there.
	for _, want := range []string{"$613 million", "$947 million", "$1,388 million"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("briefing lacks %q", want)
		}
	}
	if found := sumsIn(string(text), sums); len(found) > 0 {
		t.Errorf("briefing prints sums of different originators' figures: %q", found)
	}
	for _, phrase := range []string{"add up to", "adds up", "in total", "combined", "sum of", "more than the whole", "together"} {
		if strings.Contains(strings.ToLower(string(text)), phrase) {
			t.Errorf("briefing says %q", phrase)
		}
	}

	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, cell := range row {
				if strings.Contains(cell, "613000000") {
					seen++
				}
				if found := sumsIn(cell, sums); len(found) > 0 {
					name, _ := excelize.CoordinatesToCellName(c+1, r+1)
					t.Errorf("%s!%s = %q holds a sum of different originators' figures", sheet, name, cell)
				}
			}
		}
	}
	if seen == 0 {
		t.Error("workbook lacks the 2022 figure, 613000000: the check read nothing")
	}
}

func TestSumsIn(t *testing.T) {
	sums := []float64{1560e6, 2335e6}
	for text, want := range map[string]int{
		"$1,560 million": 1, "$1.56B": 1, "$1.6 billion": 1, "1560000000": 1, "2,335": 1, "$2.3B": 1,
		"$2B": 0, "$1,388 million": 0, "2023": 0, "$613 million and $947 million": 0,
	} {
		if got := len(sumsIn(text, sums)); got != want {
			t.Errorf("sumsIn(%q) found %d, want %d", text, got, want)
		}
	}
}
