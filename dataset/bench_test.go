package dataset_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/benchdata"
)

func BenchmarkLoad(b *testing.B) {
	for _, n := range benchdata.Sizes {
		b.Run(benchdata.Name(n), func(b *testing.B) {
			fsys := benchdata.FS(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dataset.Load(fsys, dataset.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
