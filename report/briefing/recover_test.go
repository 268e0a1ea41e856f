package briefing

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
)

// A panic inside gofpdf during a render is returned as an error, with
// nothing written: here a fallback font cut short in its glyf table after
// LoadFont accepted it (LoadFont refuses such a font).
func TestRenderRecoversFromThePDFLibrary(t *testing.T) {
	const path = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
	data, err := os.ReadFile(path)
	if err != nil {
		testtool.Missing(t, path+" is not installed (apt-get install fonts-nanum)")
	}
	good, err := LoadFont("NanumGothic.ttf", data)
	if err != nil {
		t.Fatal(err)
	}
	bad := *good
	glyf, _ := table(t, data, "glyf")
	bad.ttf = bytes.Clone(data[:glyf+16])

	fsys := fstest.MapFS{}
	for _, name := range dataset.Files {
		b, err := dataset.ReadDefault(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "incidents.toml" {
			b = bytes.Replace(b, []byte(`victim = "CoinEx"`), []byte(`victim = "CoinEx 거래소"`), 1)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	doc := composeFrom(t, fsys)
	if !strings.Contains(string(doc.Markdown), "거래소") {
		t.Fatalf("the briefing does not print the victim's name")
	}
	var out bytes.Buffer
	opt := Options{Date: time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC), Fallback: &bad}
	if _, err := Render(&out, doc, opt); err == nil || !strings.Contains(err.Error(), "the PDF library failed") {
		t.Fatalf("Render = %v, want the library's panic as an error", err)
	}
	if out.Len() != 0 {
		t.Errorf("Render wrote %d bytes before failing", out.Len())
	}
	opt.Fallback = good
	if _, err := Render(&out, doc, opt); err != nil {
		t.Fatalf("with the whole font: %v", err)
	}
}
