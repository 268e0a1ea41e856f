package report_test

import (
	"path/filepath"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
)

// fixture loads testdata/datasets/NAME.txtar, a whole dataset with its
// archived articles under archive/, and computes its summary.
func fixture(t *testing.T, name string, opt report.Options) *report.Summary {
	t.Helper()
	data, archive := testtool.DatasetTxtar(t, filepath.Join("testdata", "datasets", name+".txtar"))
	d, err := dataset.Load(data, dataset.Options{Name: name, Archive: archive})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return report.Compute(d, opt)
}
