package jsonexport_test

import (
	"io"
	"testing"

	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report/jsonexport"
)

func BenchmarkJSON(b *testing.B) {
	benchdata.Run(b, func(b *testing.B, n int) {
		s := benchdata.Summary(b, n)
		for b.Loop() {
			if err := jsonexport.Write(io.Discard, s, jsonexport.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
