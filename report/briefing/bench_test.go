package briefing_test

import (
	"io"
	"testing"

	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/templates"
)

func BenchmarkBriefing(b *testing.B) {
	tmpl, err := briefing.Parse(templates.Default())
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchdata.Sizes {
		b.Run(benchdata.Name(n), func(b *testing.B) {
			s := benchdata.Summary(b, n)
			b.ReportAllocs()
			for b.Loop() {
				doc, err := briefing.Compose(s, tmpl)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := briefing.Render(io.Discard, doc, briefing.Options{Date: buildDate}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
