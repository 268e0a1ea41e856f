package dataset_test

import (
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/benchdata"
)

func BenchmarkLoad(b *testing.B) {
	benchdata.Run(b, func(b *testing.B, n int) {
		fsys := benchdata.FS(b, n)
		b.ResetTimer()
		for b.Loop() {
			if _, err := dataset.Load(fsys, dataset.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
