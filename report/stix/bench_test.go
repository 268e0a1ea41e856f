package stix_test

import (
	"io"
	"testing"

	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report/stix"
)

func BenchmarkSTIX(b *testing.B) {
	benchdata.Run(b, func(b *testing.B, n int) {
		s := benchdata.Summary(b, n)
		for b.Loop() {
			if _, err := stix.Write(io.Discard, s, stix.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
