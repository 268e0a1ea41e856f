package dataset_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
)

// A text field is measured as a workbook cell measures it, in UTF-16 code
// units: 16,400 characters past U+FFFF are 32,800 units, more than a cell
// holds, and refused, where a count of characters would let the workbook
// meet them first.
func TestTextLimitCountsUTF16Units(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range dataset.Files {
		b, err := dataset.ReadDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	s := string(fsys[dataset.FileIncidents].Data)
	if !strings.Contains(s, `victim = "CoinEx"`) {
		t.Fatal("no CoinEx in the default incidents")
	}
	s = strings.Replace(s, `victim = "CoinEx"`, `victim = "`+strings.Repeat("𝔘", 16400)+`"`, 1)
	fsys[dataset.FileIncidents] = &fstest.MapFile{Data: []byte(s)}
	_, err := dataset.Load(fsys, dataset.Options{})
	if err == nil || !strings.Contains(err.Error(), "victim is 32800 characters long; a workbook cell holds at most 32767") {
		t.Fatalf("Load = %v, want the victim refused at 32800 units", err)
	}
}
