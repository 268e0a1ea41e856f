package briefing

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The Go fonts, embedded from the module: no font files in the repository.
const (
	familySans = "go"
	familyMono = "gomono"
)

var fontFiles = []struct {
	family, style string
	ttf           []byte
}{
	{familySans, "", goregular.TTF},
	{familySans, "B", gobold.TTF},
	{familySans, "I", goitalic.TTF},
	{familySans, "BI", gobolditalic.TTF},
	{familyMono, "", gomono.TTF},
}

// coverage tells which runes the Go fonts can draw. It is parsed once per
// process.
var coverage = sync.OnceValues(func() (*sfnt.Font, error) {
	return sfnt.Parse(goregular.TTF)
})

// glyphCheck collects the characters that the font lacks, with where they
// occur, so that none is silently dropped from the page.
type glyphCheck struct {
	font    *sfnt.Font
	buf     sfnt.Buffer
	known   map[rune]bool
	missing map[rune]string // rune → the first text it occurs in
}

func newGlyphCheck() (*glyphCheck, error) {
	f, err := coverage()
	if err != nil {
		return nil, fmt.Errorf("parse font: %w", err)
	}
	return &glyphCheck{font: f, known: map[rune]bool{}, missing: map[rune]string{}}, nil
}

func (g *glyphCheck) check(s string) {
	for _, r := range s {
		if r < 0x80 && r >= 0x20 {
			continue
		}
		ok, seen := g.known[r]
		if !seen {
			idx, err := g.font.GlyphIndex(&g.buf, r)
			ok = err == nil && idx != 0
			g.known[r] = ok
		}
		if !ok {
			if _, dup := g.missing[r]; !dup {
				g.missing[r] = s
			}
		}
	}
}

func (g *glyphCheck) err() error {
	if len(g.missing) == 0 {
		return nil
	}
	runes := make([]rune, 0, len(g.missing))
	for r := range g.missing {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	var parts []string
	for _, r := range runes {
		parts = append(parts, fmt.Sprintf("%q (U+%04X) in %q", r, r, g.missing[r]))
	}
	return fmt.Errorf("the Go fonts lack %d character(s): %s", len(runes), strings.Join(parts, "; "))
}
