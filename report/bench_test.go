package report_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report"
)

func BenchmarkCompute(b *testing.B) {
	benchdata.Run(b, func(b *testing.B, n int) {
		d := benchdata.Dataset(b, n)
		for b.Loop() {
			report.Compute(d, report.Options{})
		}
	})
}
