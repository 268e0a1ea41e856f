package briefing

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// checkTrueType checks, before gofpdf sees a font, every part of it that
// gofpdf's own TrueType reader (utf8fontfile.go in gofpdf 1.16.2) reads
// when the font is added and when its subset is embedded. That reader does
// no bounds checking: a table that ends early panics inside it, and a font
// it does not like makes it print to the process's standard output ("get
// metrics Error", "Illegal format", "Font does not have cmap for Unicode",
// "Unknown loca table format" and five more), where a briefing written to
// -o - would carry them. Each of those paths is refused here with a
// message instead, so that gofpdf never takes it.
func checkTrueType(data []byte) error {
	if len(data) < 12 {
		return errors.New("is too short for a font (12 bytes of header)")
	}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return errCFF
	case "ttcf":
		return errors.New("is a font collection (.ttc); extract one TrueType font from it")
	default:
		return fmt.Errorf("is not a TrueType font (it begins %q)", tag)
	}
	f := &ttfFile{data: data, tables: map[string][]byte{}}
	if err := f.readDirectory(); err != nil {
		return err
	}
	for _, check := range []func() error{f.checkHead, f.checkHhea, f.checkMaxp, f.checkOS2, f.checkPost, f.checkName, f.checkHmtx, f.checkLoca, f.checkCmap, f.checkGlyphs} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// errCFF refuses an OpenType font with PostScript (CFF) outlines, which
// gofpdf cannot embed. (The caller's hint names a TrueType font to use.)
var errCFF = errors.New("is an OpenType font with PostScript (CFF) outlines, which the PDF writer cannot embed")

type ttfFile struct {
	data   []byte
	tables map[string][]byte

	numGlyphs, numHMetrics, locaFormat int
	offsets                            []int // loca: glyph g is glyf[offsets[g]:offsets[g+1]]
}

func u16(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }

// ttfRequired are the tables gofpdf reads without looking whether they
// are there.
var ttfRequired = []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "name", "post"}

func (f *ttfFile) readDirectory() error {
	n := u16(f.data, 4)
	if 12+16*n > len(f.data) {
		return fmt.Errorf("is damaged: its table directory (%d tables) runs past the end of the file", n)
	}
	for i := range n {
		rec := f.data[12+16*i:]
		tag := string(rec[:4])
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if _, dup := f.tables[tag]; dup {
			return fmt.Errorf("is damaged: it has two %q tables", tag)
		}
		if off+size > uint64(len(f.data)) {
			return fmt.Errorf("is truncated or damaged: its %q table (bytes %d to %d) runs past the end of the file (%d bytes)", tag, off, off+size, len(f.data))
		}
		f.tables[tag] = f.data[off : off+size]
	}
	for _, tag := range ttfRequired {
		if _, ok := f.tables[tag]; !ok {
			return fmt.Errorf("has no %q table, which a TrueType font needs", tag)
		}
	}
	return nil
}

// short is the error for a table shorter than what is read of it.
func short(tag string, need, have int) error {
	return fmt.Errorf("is damaged: its %q table has %d bytes where %d are needed", tag, have, need)
}

func (f *ttfFile) checkHead() error {
	head := f.tables["head"]
	if len(head) < 54 {
		return short("head", 54, len(head))
	}
	if u16(head, 18) == 0 {
		return errors.New("is damaged: its head table gives 0 units per em")
	}
	f.locaFormat = u16(head, 50)
	if f.locaFormat > 1 {
		return fmt.Errorf("is damaged: its loca format %d is not 0 or 1", f.locaFormat)
	}
	if g := u16(head, 52); g != 0 {
		return fmt.Errorf("has glyph data format %d; only 0 is known", g)
	}
	return nil
}

func (f *ttfFile) checkHhea() error {
	hhea := f.tables["hhea"]
	if len(hhea) < 36 {
		return short("hhea", 36, len(hhea))
	}
	if m := u16(hhea, 32); m != 0 {
		return fmt.Errorf("has horizontal metric format %d; only 0 is known", m)
	}
	if f.numHMetrics = u16(hhea, 34); f.numHMetrics == 0 {
		return errors.New("is damaged: it has no horizontal metrics")
	}
	return nil
}

func (f *ttfFile) checkMaxp() error {
	maxp := f.tables["maxp"]
	if len(maxp) < 6 {
		return short("maxp", 6, len(maxp))
	}
	if f.numGlyphs = u16(maxp, 4); f.numGlyphs == 0 {
		return errors.New("is damaged: it has no glyphs")
	}
	return nil
}

func (f *ttfFile) checkOS2() error {
	os2, ok := f.tables["OS/2"]
	if !ok {
		return nil
	}
	need := 72
	if len(os2) >= 2 && u16(os2, 0) > 1 {
		need = 90 // sCapHeight
	}
	if len(os2) < need {
		return short("OS/2", need, len(os2))
	}
	// gofpdf's own test of the embedding permissions.
	if fs := u16(os2, 8); fs == 0x0002 || fs&0x0300 != 0 {
		return fmt.Errorf("may not be embedded in a document: its licence bits (OS/2 fsType %#04x) forbid it", fs)
	}
	return nil
}

func (f *ttfFile) checkPost() error {
	if post := f.tables["post"]; len(post) < 16 {
		return short("post", 16, len(post))
	}
	return nil
}

// checkName checks the name records gofpdf decodes: family, style,
// unique, full and PostScript names (IDs 1, 2, 3, 4 and 6).
func (f *ttfFile) checkName() error {
	name := f.tables["name"]
	if len(name) < 6 {
		return short("name", 6, len(name))
	}
	if format := u16(name, 0); format != 0 {
		return fmt.Errorf("has name table format %d; the PDF writer reads only format 0", format)
	}
	count, store := u16(name, 2), u16(name, 4)
	if 6+12*count > len(name) {
		return short("name", 6+12*count, len(name))
	}
	for i := range count {
		rec := name[6+12*i:]
		platform, encoding, lang, id, size, off := u16(rec, 0), u16(rec, 2), u16(rec, 4), u16(rec, 6), u16(rec, 8), u16(rec, 10)
		if id != 1 && id != 2 && id != 3 && id != 4 && id != 6 {
			continue
		}
		windows := platform == 3 && encoding == 1 && lang == 0x409
		if !windows && !(platform == 1 && encoding == 0 && lang == 0) {
			continue
		}
		if windows && size%2 != 0 {
			return fmt.Errorf("is damaged: name %d is an odd number of bytes of UTF-16", id)
		}
		if store+off+size > len(name) {
			return fmt.Errorf("is damaged: name %d runs past the end of its table", id)
		}
	}
	return nil
}

func (f *ttfFile) checkHmtx() error {
	need := 4 * f.numHMetrics
	if f.numGlyphs > f.numHMetrics {
		need += 2 * (f.numGlyphs - f.numHMetrics)
	}
	if hmtx := f.tables["hmtx"]; len(hmtx) < need {
		return short("hmtx", need, len(hmtx))
	}
	return nil
}

// checkLoca reads the glyph offsets: one per glyph and one more, in order,
// none past the end of the glyf table.
func (f *ttfFile) checkLoca() error {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	width := 2 << f.locaFormat
	if need := width * (f.numGlyphs + 1); len(loca) < need {
		return short("loca", need, len(loca))
	}
	f.offsets = make([]int, f.numGlyphs+1)
	for g := range f.offsets {
		if f.locaFormat == 0 {
			f.offsets[g] = 2 * u16(loca, 2*g)
		} else {
			f.offsets[g] = int(binary.BigEndian.Uint32(loca[4*g:]))
		}
		if g > 0 && f.offsets[g] < f.offsets[g-1] {
			return fmt.Errorf("is damaged: glyph %d ends before it begins (loca)", g-1)
		}
	}
	if end := f.offsets[f.numGlyphs]; end > len(glyf) {
		return fmt.Errorf("is truncated or damaged: its glyphs run to byte %d of a glyf table of %d bytes", end, len(glyf))
	}
	return nil
}
