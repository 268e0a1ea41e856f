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
	benchdata.Run(b, func(b *testing.B, n int) {
		s := benchdata.Summary(b, n)
		for b.Loop() {
			doc, err := briefing.Compose(s, nil, tmpl)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := briefing.Render(io.Discard, doc, briefing.Options{Date: buildDate}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
