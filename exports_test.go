package main

import (
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dprkreport/dprkreport/report/workbook"
)

// The STIX bundle and the JSON tables number the sources as the workbook
// does, which numbers them as the briefing first cites them.
func TestExportsNumberSourcesAsTheWorkbook(t *testing.T) {
	chdirTemp(t)
	if code := run([]string{"-o", "w.xlsx", "-o", "b.stix.json", "-o", "t.json"}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("exit %d", code)
	}
	f, err := excelize.OpenFile("w.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(workbook.SheetSources)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // source id → number
	for _, r := range rows[1:] {
		if len(r) > 1 && r[1] != "" {
			want[r[1]] = r[0]
		}
	}
	var tables struct {
		Sources []struct{ Number, ID string }
	}
	var bundle struct {
		Objects []map[string]any
	}
	for name, v := range map[string]any{"t.json": &tables, "b.stix.json": &bundle} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	if len(tables.Sources) != len(want) {
		t.Errorf("%d sources in the JSON tables, %d in the workbook", len(tables.Sources), len(want))
	}
	for _, s := range tables.Sources {
		if want[s.ID] != s.Number {
			t.Errorf("JSON: source %s is [%s], the workbook's [%s]", s.ID, s.Number, want[s.ID])
		}
	}
	n := 0
	for _, o := range bundle.Objects {
		if o["type"] != "report" {
			continue
		}
		n++
		if id := o["x_dprkreport_id"].(string); want[id] != o["x_dprkreport_number"] {
			t.Errorf("STIX: source %s is [%v], the workbook's [%s]", id, o["x_dprkreport_number"], want[id])
		}
	}
	if n != len(want) {
		t.Errorf("%d reports in the bundle, %d sources in the workbook", n, len(want))
	}
}
