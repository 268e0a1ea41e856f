package dataset_test

import (
	"bytes"
	"errors"
	"maps"
	"testing"
	"testing/fstest"

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

// BenchmarkLoadInvalid loads synthetic datasets whose every incident lacks
// its victim: the errors are capped and placed in one parse that stops
// after the last record listed.
func BenchmarkLoadInvalid(b *testing.B) {
	for _, n := range benchdata.Sizes[:2] {
		b.Run(benchdata.Name(n), func(b *testing.B) {
			fsys := maps.Clone(benchdata.FS(b, n))
			var out bytes.Buffer
			for line := range bytes.Lines(fsys[dataset.FileIncidents].Data) {
				if !bytes.HasPrefix(line, []byte("victim = ")) {
					out.Write(line)
				}
			}
			fsys[dataset.FileIncidents] = &fstest.MapFile{Data: out.Bytes()}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_, err := dataset.Load(fsys, dataset.Options{})
				var list dataset.ErrorList
				if !errors.As(err, &list) || list.Count() != n {
					b.Fatalf("Load = %v, want %d problems", err, n)
				}
			}
		})
	}
}
