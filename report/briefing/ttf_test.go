package briefing

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/jung-kurt/gofpdf"
)

// The fonts the briefing embeds, and Debian's NanumGothic when it is
// installed, pass the check that guards gofpdf's reader.
func TestGoodFontsPassCheck(t *testing.T) {
	for _, f := range fontFiles {
		if err := checkTrueType(f.ttf); err != nil {
			t.Errorf("%s%s: %v", f.family, f.style, err)
		}
	}
	if data, err := os.ReadFile("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"); err == nil {
		if _, err := LoadFont("NanumGothic.ttf", data); err != nil {
			t.Errorf("NanumGothic: %v", err)
		}
	}
}

// table is the byte range of one table of font.
func table(t *testing.T, font []byte, tag string) (int, int) {
	t.Helper()
	for i := range int(binary.BigEndian.Uint16(font[4:])) {
		rec := font[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		}
	}
	t.Fatalf("no %s table", tag)
	return 0, 0
}

// setLength sets the length the table directory gives a table.
func setLength(t *testing.T, font []byte, tag string, n int) {
	t.Helper()
	for i := range int(binary.BigEndian.Uint16(font[4:])) {
		if rec := font[12+16*i:]; string(rec[:4]) == tag {
			binary.BigEndian.PutUint32(rec[12:], uint32(n))
			return
		}
	}
	t.Fatalf("no %s table", tag)
}

func put16(b []byte, at, v int) { binary.BigEndian.PutUint16(b[at:], uint16(v)) }

// Each way gofpdf's reader fails on a damaged font (a panic, or a line on
// standard output) is refused by LoadFont with a message, and so by
// --check, before gofpdf sees the font.
func TestDamagedFontsAreRefused(t *testing.T) {
	good := liberationmonoregular.TTF
	glyfOff, glyfLen := table(t, good, "glyf")
	locaOff, _ := table(t, good, "loca")
	headOff, _ := table(t, good, "head")
	hheaOff, _ := table(t, good, "hhea")
	nameOff, _ := table(t, good, "name")
	os2Off, _ := table(t, good, "OS/2")
	f := &ttfFile{data: good, tables: map[string][]byte{}}
	if err := f.readDirectory(); err != nil {
		t.Fatal(err)
	}
	if err := f.checkHead(); err != nil {
		t.Fatal(err)
	}
	if err := f.checkMaxp(); err != nil {
		t.Fatal(err)
	}
	if err := f.checkLoca(); err != nil {
		t.Fatal(err)
	}
	if f.locaFormat != 1 {
		t.Fatalf("Liberation Mono's loca format is %d; the cases below expect 1", f.locaFormat)
	}
	composite := -1
	for g := range f.numGlyphs {
		if d := f.tables["glyf"][f.offsets[g]:f.offsets[g+1]]; len(d) > 0 && int16(u16(d, 0)) < 0 {
			composite = g
			break
		}
	}
	if composite < 0 {
		t.Fatal("Liberation Mono has no composite glyph")
	}
	for name, c := range map[string]struct {
		edit func(b []byte) []byte
		want string
	}{
		"file ends in glyf": {func(b []byte) []byte { return b[:glyfOff+glyfLen/2] }, "runs past the end of the file"},
		"glyf ends early":   {func(b []byte) []byte { setLength(t, b, "glyf", glyfLen/2); return b }, "its glyphs run to byte"},
		"directory cut":     {func(b []byte) []byte { return b[:20] }, "table directory"},
		"CFF outlines":      {func(b []byte) []byte { copy(b, "OTTO"); return b }, "(CFF) outlines"},
		"collection":        {func(b []byte) []byte { copy(b, "ttcf"); return b }, "font collection"},
		"loca past glyf": {func(b []byte) []byte {
			binary.BigEndian.PutUint32(b[locaOff+4*f.numGlyphs:], uint32(glyfLen+4))
			return b
		}, "run to byte"},
		"loca backwards":      {func(b []byte) []byte { binary.BigEndian.PutUint32(b[locaOff+4:], uint32(glyfLen)); return b }, "ends before it begins"},
		"loca format 2":       {func(b []byte) []byte { put16(b, headOff+50, 2); return b }, "loca format 2"},
		"glyph data format":   {func(b []byte) []byte { put16(b, headOff+52, 1); return b }, "glyph data format 1"},
		"no metrics":          {func(b []byte) []byte { put16(b, hheaOff+34, 0); return b }, "no horizontal metrics"},
		"metric format":       {func(b []byte) []byte { put16(b, hheaOff+32, 1); return b }, "horizontal metric format 1"},
		"name format 1":       {func(b []byte) []byte { put16(b, nameOff, 1); return b }, "name table format 1"},
		"no embedding":        {func(b []byte) []byte { put16(b, os2Off+8, 2); return b }, "may not be embedded"},
		"component cycle":     {func(b []byte) []byte { put16(b, glyfOff+f.offsets[composite]+12, composite); return b }, "contains itself"},
		"component too large": {func(b []byte) []byte { put16(b, glyfOff+f.offsets[composite]+12, 0xFFF0); return b }, "uses glyph 65520"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := LoadFont("bad.ttf", c.edit(bytes.Clone(good)))
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "bad.ttf ") {
				t.Fatalf("LoadFont = %v, want an error naming bad.ttf and containing %q", err, c.want)
			}
		})
	}
}

// A font that passes LoadFont is embedded by gofpdf without a panic and
// without a byte on standard output: damage at random in the tables gofpdf
// reads (everything but the outlines) is either refused or harmless.
func TestCheckedFontsEmbedQuietly(t *testing.T) {
	good := liberationmonoregular.TTF
	var ranges [][2]int
	for _, tag := range []string{"head", "hhea", "maxp", "OS/2", "post", "name", "cmap", "hmtx", "loca"} {
		off, n := table(t, good, tag)
		ranges = append(ranges, [2]int{off, off + n})
	}
	ranges = append(ranges, [2]int{0, 12 + 16*int(binary.BigEndian.Uint16(good[4:]))})
	stdout := captureStdout(t)
	rng := rand.New(rand.NewPCG(7, 25))
	accepted, tries := 0, 100
	if testing.Short() {
		tries = 20
	}
	for i := range tries {
		b := bytes.Clone(good)
		r := ranges[rng.IntN(len(ranges))]
		for range 1 + rng.IntN(3) {
			at := r[0] + rng.IntN(max(1, r[1]-r[0]-1))
			put16(b, at, rng.IntN(1<<16))
		}
		if _, err := LoadFont("fuzz.ttf", b); err != nil {
			continue
		}
		accepted++
		if err := embed(b); err != nil {
			t.Fatalf("mutation %d passed LoadFont, then %v", i, err)
		}
	}
	if out := stdout(); out != "" {
		t.Errorf("gofpdf wrote to standard output:\n%.500s", out)
	}
	t.Logf("%d of %d damaged fonts passed the check and embedded cleanly", accepted, tries)
}

// embed has gofpdf embed a subset of font holding the characters it maps
// below U+0180, as a render does.
func embed(font []byte) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("gofpdf panicked")
		}
	}()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", font)
	pdf.AddPage()
	pdf.SetFont("f", "", 10)
	var text strings.Builder
	for r := rune(0x20); r < 0x180; r++ {
		text.WriteRune(r)
	}
	pdf.MultiCell(180, 5, text.String(), "", "L", false)
	return pdf.Output(io.Discard)
}

// captureStdout sends os.Stdout to a pipe until the returned function is
// called, which returns what was written.
func captureStdout(t *testing.T) func() string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	restore := func() string {
		if os.Stdout != w {
			return ""
		}
		os.Stdout = saved
		w.Close()
		return <-done
	}
	t.Cleanup(func() { restore() })
	return restore
}
