package briefing

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

// The Liberation fonts (SIL Open Font License 1.1, which allows embedding),
// taken from the github.com/go-fonts/liberation module: no font files in the
// repository. Liberation Sans has the metrics of Arial, the face readers
// expect in a printed briefing, a hyphen that is visibly shorter than an en
// dash, and Latin, Greek and Cyrillic coverage.
const (
	familySans = "liberationsans"
	familyMono = "liberationmono"
)

var fontFiles = []struct {
	family, style string
	ttf           []byte
}{
	{familySans, "", liberationsansregular.TTF},
	{familySans, "B", liberationsansbold.TTF},
	{familySans, "I", liberationsansitalic.TTF},
	{familySans, "BI", liberationsansbolditalic.TTF},
	{familyMono, "", liberationmonoregular.TTF},
}

// coverage tells which runes the fonts can draw. It is parsed once per
// process.
var coverage = sync.OnceValues(func() (*sfnt.Font, error) {
	return sfnt.Parse(liberationsansregular.TTF)
})

// glyphCheck collects the characters that the font lacks, with where they
// occur, so that none is silently dropped from the page.
type glyphCheck struct {
	covers  func(rune) bool
	names   string          // the fonts, for the message
	known   map[rune]bool   // Covers, remembered
	missing map[rune]string // rune → the first text it occurs in
}

func newGlyphCheck(fallback *Font) (*glyphCheck, error) {
	if _, err := coverage(); err != nil {
		return nil, fmt.Errorf("parse font: %w", err)
	}
	names := "Liberation Sans"
	if fallback != nil {
		names += " and " + fallback.Name()
	}
	return &glyphCheck{covers: Glyphs(fallback), names: names, known: map[rune]bool{}, missing: map[rune]string{}}, nil
}

func (g *glyphCheck) check(s string) {
	for _, r := range s {
		if r < 0x80 && r >= 0x20 {
			continue
		}
		ok, seen := g.known[r]
		if !seen {
			ok = g.covers(r)
			g.known[r] = ok
		}
		if _, dup := g.missing[r]; !ok && !dup {
			g.missing[r] = s
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
	// Name a few, each with a little of the text it is in: a field of
	// thousands of such characters gives one short line, not megabytes.
	const shown = 5
	var parts []string
	for _, r := range runes[:min(len(runes), shown)] {
		parts = append(parts, fmt.Sprintf("%q (U+%04X) in %q", r, r, shortText(g.missing[r], 40)))
	}
	if len(runes) > shown {
		parts = append(parts, fmt.Sprintf("and %d more", len(runes)-shown))
	}
	return fmt.Errorf("the briefing's fonts (%s) lack %d character(s): %s", g.names, len(runes), strings.Join(parts, "; "))
}

// Covers reports whether the briefing's fonts can draw r. The dataset's
// validator asks it of every text field, so that --check rejects what a
// render would.
func Covers(r rune) bool {
	if r < 0x80 {
		return r >= 0x20
	}
	f, err := coverage()
	if err != nil {
		return false
	}
	var buf sfnt.Buffer
	idx, err := f.GlyphIndex(&buf, r)
	return err == nil && idx != 0
}
