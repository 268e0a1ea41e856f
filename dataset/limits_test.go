package dataset

import (
	"testing"
	"testing/fstest"
)

// Records past what a worksheet holds are refused at the first one that
// does not fit (here with a limit of 2, for MaxRecords' 1,048,575).
func TestRecordsPastASheet(t *testing.T) {
	fsys := fstest.MapFS{FileIncidents: {Data: []byte("[[incident]]\nid = \"a\"\n\n[[incident]]\nid = \"b\"\n\n[[incident]]\nid = \"c\"\n")}}
	v := &validator{name: "d", fsys: fsys}
	v.fits(FileIncidents, "incident", 3, 2)
	v.fits(FileIncidents, "incident", 2, 2)
	errs := v.problems()
	if len(errs) != 1 {
		t.Fatalf("got %d errors: %v", len(errs), errs)
	}
	want := "d/incidents.toml:7:3: 3 incidents: the workbook's sheet holds 2 under its header (hint: split the dataset by period, or move the oldest records to an archive dataset)"
	if got := errs[0].Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
