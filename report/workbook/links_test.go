package workbook_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// hyperlinks reads every cell's link from an xlsx file: "Sheet!A1" → the
// place in the workbook ("Sources!A2", without a leading #) or the web
// address.
func hyperlinks(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if ok, target, _ := f.GetCellHyperLink(sheet, ref); ok {
					out[sheet+"!"+ref] = strings.TrimPrefix(target, "#")
				}
			}
		}
	}
	return out
}

const openpyxlLinks = `
import json, sys, openpyxl
out = {}
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.hyperlink is not None:
                out[ws.title + "!" + c.coordinate] = c.hyperlink.target or c.hyperlink.location
print(json.dumps(out))
`

// Every link of the workbook (the Citations sheet's sources, the
// citation cells, the Sources sheet's addresses, the Overview's sheets) is
// a cell hyperlink that openpyxl, Gnumeric and LibreOffice read, to the
// same place.
func TestReadersFollowLinks(t *testing.T) {
	py := testtool.Python(t, "python3-openpyxl", "openpyxl")
	dir := t.TempDir()
	path := filepath.Join(dir, "w.xlsx")
	if err := os.WriteFile(path, render(t, defaultSummary(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	want := hyperlinks(t, path)
	if len(want) < 100 {
		t.Fatalf("only %d links", len(want))
	}
	out, err := exec.Command(py, "-c", openpyxlLinks, path).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("openpyxl reads other links (-want +got):\n%s", d)
	}
	for _, program := range []string{"Gnumeric", "LibreOffice"} {
		got := hyperlinks(t, converted(t, program, path))
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s reads other links (-want +got):\n%s", program, d)
		}
	}
}

// converted is the workbook at path as program writes it back (xlsx).
func converted(t *testing.T, program, path string) string {
	t.Helper()
	dir := t.TempDir()
	var cmd *exec.Cmd
	out := filepath.Join(dir, "w.xlsx")
	switch program {
	case "Gnumeric":
		cmd = exec.Command(testtool.Need(t, "ssconvert", "gnumeric"), "--export-type=Gnumeric_Excel:xlsx2", path, out)
	case "LibreOffice":
		cmd = exec.Command(testtool.Need(t, "soffice", "libreoffice-calc-nogui"), "--headless", "--norestore",
			"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, path)
	}
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", program, err, b)
	}
	return out
}
