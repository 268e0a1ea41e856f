package gofpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSliceCompressPooled: a compressor from the pool writes what a new
// one writes, whatever it compressed before.
func TestSliceCompressPooled(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	inputs := [][]byte{nil, []byte("BT /F1 12.00 Tf ET"), bytes.Repeat([]byte("0 0 1 rg "), 50000)}
	for i := 0; i < 20; i++ {
		b := make([]byte, rng.Intn(200000))
		for j := range b {
			b[j] = byte('a' + rng.Intn(4))
		}
		inputs = append(inputs, b)
	}
	for i, in := range inputs {
		var want bytes.Buffer
		w, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
		w.Write(in)
		w.Close()
		if got := sliceCompress(in); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("input %d (%d bytes): the pooled compressor wrote %d bytes, a new one %d", i, len(in), len(got), want.Len())
		}
	}
}

// TestFontIDAsBefore: the ID is the SHA-1 of json.Marshal's bytes, as in
// upstream's generateFontID, for UTF-8 fonts and for a definition whose
// strings hold what the widths' marker looks like.
func TestFontIDAsBefore(t *testing.T) {
	upstream := func(fdt fontDefType) string {
		fdt.File = ""
		b, err := json.Marshal(&fdt)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha1.Sum(b))
	}
	defs := []fontDefType{
		{Tp: "Core", Name: "Helvetica"},
		{Tp: "TrueType", Name: `odd "Cw":null name`, Cw: []int{}, Enc: `"Cw":null`, File: "x.z"},
		{Tp: "UTF8", Name: "n", Cw: []int{0, 500, -3, 65535}, Up: -100, Ut: 50, usedRunes: map[int]int{1: 2}},
	}
	fonts := testFonts(t)
	for _, name := range fonts {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		pdf := New("P", "mm", "A4", "")
		pdf.AddUTF8FontFromBytes("f", "", data)
		if err := pdf.Error(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, def := range pdf.fonts {
			defs = append(defs, def)
		}
	}
	for i, def := range defs {
		got, err := generateFontID(def)
		if err != nil {
			t.Fatal(err)
		}
		if want := upstream(def); got != want {
			t.Errorf("definition %d (%s, %d widths): ID %s, upstream's %s", i, def.Name, len(def.Cw), got, want)
		}
	}
}

// testFonts are the Liberation fonts the briefing embeds (from the Go
// module cache, where building dprkreport put them) and the system's
// DejaVu fonts. None found fails under DPRKREPORT_REQUIRE_TOOLS=1.
func testFonts(t *testing.T) []string {
	var fonts []string
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		dir := strings.TrimSpace(string(out))
		fonts, _ = filepath.Glob(filepath.Join(dir, "github.com", "go-fonts", "liberation@*", "*", "*.ttf"))
	}
	dejavu, _ := filepath.Glob("/usr/share/fonts/truetype/dejavu/*.ttf")
	fonts = append(fonts, dejavu...)
	if len(fonts) == 0 {
		msg := "no TrueType font found (the Liberation fonts in the Go module cache, or /usr/share/fonts/truetype/dejavu); synthetic definitions only"
		if os.Getenv("DPRKREPORT_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Log(msg)
	}
	return fonts
}

// TestAppendfAsFmt: appendf writes what fmt.Sprintf writes, for the verbs
// it formats itself and for those it hands to fmt.
func TestAppendfAsFmt(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	floats := []float64{0, -0.0, 1, -1, 0.005, 0.015, 2.675, -2.675, 1e21, -1e-9, 595.2756, 841.8898,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	for i := 0; i < 2000; i++ {
		floats = append(floats, (rng.Float64()-0.5)*math.Pow(10, float64(rng.Intn(12)-4)))
	}
	ints := []int{0, -1, 1, math.MaxInt64, math.MinInt64, 65535}
	for i := 0; i < 200; i++ {
		ints = append(ints, rng.Int()-rng.Int())
	}
	cases := []struct {
		format string
		args   []interface{}
	}{
		{"BT /F%s %.2f Tf ET", []interface{}{"1a2b", 10.5}},
		{"%d 0 obj", []interface{}{12}},
		{"100%% (%s)", []interface{}{"x"}},
		{"%x", []interface{}{255}},
		{"%v %s", []interface{}{[]int{1}, "s"}},
		{"%40s|", []interface{}{"right"}},
		{"%5.2f", []interface{}{3.14159}},
		{"%.2f", []interface{}{float32(1.5)}},
		{"%s", []interface{}{3}},
		{"%d", []interface{}{"3"}},
		{"%.2f %.2f", []interface{}{1.0}},
		{"%s", []interface{}{"a", "extra"}},
		{"trailing %", nil},
		{"%.f", []interface{}{1.5}},
		{"%.12345f", []interface{}{1.5}},
		{"%.2", []interface{}{1.5}},
	}
	for _, f := range floats {
		cases = append(cases,
			struct {
				format string
				args   []interface{}
			}{"%.2f %.3f %.5f re", []interface{}{f, f, f}})
	}
	for _, n := range ints {
		cases = append(cases, struct {
			format string
			args   []interface{}
		}{"/Length %d>>", []interface{}{n}})
	}
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		if got := string(appendf([]byte("kept "), c.format, c.args...)); got != "kept "+want {
			t.Errorf("appendf(%q, %v) = %q, fmt.Sprintf: %q", c.format, c.args, got, "kept "+want)
		}
	}
}

// TestEscapeAsBefore: the one-pass escape writes what upstream's four
// strings.Replace passes wrote, on random strings of the bytes that matter
// (UTF-16 text holds any byte).
func TestEscapeAsBefore(t *testing.T) {
	upstream := func(s string) string {
		s = strings.Replace(s, "\\", "\\\\", -1)
		s = strings.Replace(s, "(", "\\(", -1)
		s = strings.Replace(s, ")", "\\)", -1)
		s = strings.Replace(s, "\r", "\\r", -1)
		return s
	}
	f := New("P", "mm", "A4", "")
	rng := rand.New(rand.NewSource(3))
	alphabet := []byte("\\()\rr a\x00\xfe\xff")
	cases := []string{"", "plain", `\(`, "\r\n", utf8toutf16("(€) \\ x", false)}
	for i := 0; i < 5000; i++ {
		b := make([]byte, rng.Intn(12))
		for j := range b {
			b[j] = alphabet[rng.Intn(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := f.escape(s), upstream(s); got != want {
			t.Fatalf("escape(%q) = %q, upstream: %q", s, got, want)
		}
	}
}
