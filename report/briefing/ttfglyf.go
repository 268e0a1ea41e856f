package briefing

import (
	"errors"
	"fmt"
)

// checkCmap finds the character map gofpdf uses, as gofpdf finds it (the
// first Unicode or Windows Unicode subtable of format 4), and checks that
// each character it maps goes to a glyph the font has.
func (f *ttfFile) checkCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return short("cmap", 4, len(cmap))
	}
	count := u16(cmap, 2)
	if 4+8*count > len(cmap) {
		return short("cmap", 4+8*count, len(cmap))
	}
	for i := range count {
		rec := cmap[4+8*i:]
		platform, encoding := u16(rec, 0), u16(rec, 2)
		off := int(uint32(u16(rec, 4))<<16 | uint32(u16(rec, 6)))
		if !(platform == 3 && encoding == 1) && platform != 0 {
			continue
		}
		if off+2 > len(cmap) || off < 0 {
			return errors.New("is damaged: a character map runs past the end of its table")
		}
		if u16(cmap, off) == 4 {
			return f.checkFormat4(cmap[off:])
		}
	}
	return errors.New("has no Unicode character map of format 4, the one the PDF writer reads")
}

// checkFormat4 checks a format 4 subtable: its arrays within its length,
// its segments in order, and each character mapped to a glyph the font
// has, computed as gofpdf computes it.
func (f *ttfFile) checkFormat4(sub []byte) error {
	if len(sub) < 14 {
		return short("cmap", 14, len(sub))
	}
	length, segs := u16(sub, 2), u16(sub, 6)/2
	if length > len(sub) {
		return errors.New("is damaged: its character map runs past the end of its table")
	}
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	if ranges+2*segs > length {
		return errors.New("is damaged: its character map's segments run past the end of the map")
	}
	prevEnd := -1
	for n := range segs {
		end, start := u16(sub, ends+2*n), u16(sub, starts+2*n)
		delta, rangeOff := int(int16(u16(sub, deltas+2*n))), u16(sub, ranges+2*n)
		if start > end {
			continue
		}
		if start <= prevEnd {
			return errors.New("is damaged: its character map's segments overlap or are out of order")
		}
		prevEnd = end
		for c := start; c <= end; c++ {
			g := (c + delta) & 0xFFFF
			if rangeOff != 0 {
				// gofpdf reads 0 at or past the map's end, and two bytes
				// anywhere before it.
				g = 0
				if at := ranges + 2*n + rangeOff + 2*(c-start); at+2 <= length {
					if g = u16(sub, at); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				} else if at < length {
					return errors.New("is damaged: its character map's glyph list runs past the end of the map")
				}
			}
			if g >= f.numGlyphs {
				return fmt.Errorf("is damaged: its character map sends U+%04X to glyph %d, but it has %d glyphs", c, g, f.numGlyphs)
			}
		}
	}
	return nil
}

// Composite glyph flags (the TrueType glyf table).
const (
	glyfArgWords   = 1 << 0
	glyfScale      = 1 << 3
	glyfMore       = 1 << 5
	glyfXYScale    = 1 << 6
	glyfTwoByTwo   = 1 << 7
	glyfHeaderSize = 10
	// maxGlyphVisits bounds how many glyphs gofpdf visits to embed one:
	// it follows every component of a composite glyph, and components
	// shared down a chain multiply.
	maxGlyphVisits = 1 << 12
)

// checkGlyphs checks every glyph: empty or at least a glyph header, and,
// for a composite glyph, components that lie within it and name glyphs
// the font has, without a cycle.
func (f *ttfFile) checkGlyphs() error {
	glyf := f.tables["glyf"]
	comps := make([][]int, f.numGlyphs)
	for g := range f.numGlyphs {
		data := glyf[f.offsets[g]:f.offsets[g+1]]
		if len(data) == 0 {
			continue
		}
		if len(data) < glyfHeaderSize {
			return fmt.Errorf("is damaged: glyph %d has %d bytes, fewer than a glyph header", g, len(data))
		}
		if int16(u16(data, 0)) >= 0 {
			continue
		}
		at := glyfHeaderSize
		for flags := glyfMore; flags&glyfMore != 0; {
			if at+4 > len(data) {
				return fmt.Errorf("is damaged: composite glyph %d runs past its end", g)
			}
			flags = u16(data, at)
			c := u16(data, at+2)
			if c >= f.numGlyphs {
				return fmt.Errorf("is damaged: composite glyph %d uses glyph %d, but the font has %d glyphs", g, c, f.numGlyphs)
			}
			comps[g] = append(comps[g], c)
			at += 4 + 2
			if flags&glyfArgWords != 0 {
				at += 2
			}
			switch {
			case flags&glyfScale != 0:
				at += 2
			case flags&glyfXYScale != 0:
				at += 4
			case flags&glyfTwoByTwo != 0:
				at += 8
			}
		}
		if at > len(data) {
			return fmt.Errorf("is damaged: composite glyph %d runs past its end", g)
		}
	}
	return checkComposites(comps)
}

// checkComposites refuses a composite glyph that contains itself, or that
// makes gofpdf visit more than maxGlyphVisits glyphs (it visits each
// component every time it is used, shared or not).
func checkComposites(comps [][]int) error {
	const busy = -1
	visits := make([]int, len(comps)) // 0: not yet counted
	var count func(g int) (int, error)
	count = func(g int) (int, error) {
		switch visits[g] {
		case busy:
			return 0, fmt.Errorf("is damaged: composite glyph %d contains itself", g)
		case 0:
		default:
			return visits[g], nil
		}
		visits[g] = busy
		n := 1
		for _, c := range comps[g] {
			k, err := count(c)
			if err != nil {
				return 0, err
			}
			if n += k; n > maxGlyphVisits {
				return 0, fmt.Errorf("is damaged: composite glyph %d nests more than %d components", g, maxGlyphVisits)
			}
		}
		visits[g] = n
		return n, nil
	}
	for g, c := range comps {
		if len(c) > 0 {
			if _, err := count(g); err != nil {
				return err
			}
		}
	}
	return nil
}
