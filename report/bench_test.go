package report_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report"
)

func BenchmarkCompute(b *testing.B) {
	for _, n := range benchdata.Sizes {
		b.Run(benchdata.Name(n), func(b *testing.B) {
			d := benchdata.Dataset(b, n)
			b.ReportAllocs()
			for b.Loop() {
				report.Compute(d, report.Options{})
			}
		})
	}
}
