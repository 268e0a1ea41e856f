package report_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/rogpeppe/go-internal/txtar"
)

// fixture loads testdata/datasets/NAME.txtar, a whole dataset with its
// archived articles under archive/, and computes its summary.
func fixture(t *testing.T, name string, opt report.Options) *report.Summary {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "datasets", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	data, archive := fstest.MapFS{}, fstest.MapFS{}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "archive/"); ok {
			archive[rest] = &fstest.MapFile{Data: f.Data}
		} else {
			data[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	var afs fs.FS = archive
	d, err := dataset.Load(data, dataset.Options{Name: name, Archive: afs})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return report.Compute(d, opt)
}
