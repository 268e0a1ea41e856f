package dataset

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// openRegular opens a data file after checking that it is a regular file
// within MaxFileSize: a FIFO would block, a device never end.
func openRegular(fsys fs.FS, name string) (fs.File, fs.FileInfo, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(fi); err != nil {
		return nil, nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, fi, nil
}

// regular checks that fi is a regular file no larger than MaxFileSize.
func regular(fi fs.FileInfo) error {
	if err := kind(fi); err != nil {
		return err
	}
	if fi.Size() > MaxFileSize {
		return fmt.Errorf("is %d MiB; a data file may hold at most %d MiB", fi.Size()>>20, MaxFileSize>>20)
	}
	return nil
}

// kind checks that fi is a regular file.
func kind(fi fs.FileInfo) error {
	switch m := fi.Mode(); {
	case m.IsDir():
		return errors.New("is a directory")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a regular file")
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return errors.New("is a device, not a regular file")
	case !m.IsRegular():
		return errors.New("is not a regular file")
	}
	return nil
}

// readRegular reads a whole file that regular accepts.
func readRegular(fsys fs.FS, name string) ([]byte, error) {
	f, _, err := openRegular(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAtMost(f, MaxFileSize)
}

func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("grew past %d MiB while being read", limit>>20)
	}
	return data, err
}

// ReadFile reads a whole regular file of at most limit bytes, for the
// files besides the dataset that a run reads (a --font file): a FIFO
// would block, a device never end.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := kind(fi); err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("is %d MiB; at most %d MiB is read", fi.Size()>>20, limit>>20)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAtMost(f, limit)
}

// errStop ends a decode at the first byte that is not text.
var errStop = errors.New("not text")

// textReader passes a data file through to the decoder, stopping at the
// first thing that is not UTF-8 text: a byte-order mark, an invalid byte, a
// control character other than tab and line ends, or a bidirectional
// control. It names the problem and its line and column, where the decoder
// would see only odd characters, and reads nothing beyond it.
type textReader struct {
	r         io.Reader
	carry     []byte // the start of a character split across reads
	line, col int
	off       int64
	problem   *Error
}

func newTextReader(r io.Reader) *textReader {
	return &textReader{r: io.LimitReader(r, MaxFileSize+1), line: 1, col: 1}
}

func (t *textReader) Read(p []byte) (int, error) {
	if t.problem != nil {
		return 0, errStop
	}
	n, err := t.r.Read(p)
	t.scan(p[:n], err != nil)
	if t.problem == nil && t.off > MaxFileSize {
		t.problem = &Error{Msg: fmt.Sprintf("grew past %d MiB while being read", MaxFileSize>>20)}
	}
	if t.problem != nil {
		return 0, errStop
	}
	return n, err
}

// scan checks the characters of b, keeping a character split at its end
// for the next call; final says no more bytes follow.
func (t *textReader) scan(b []byte, final bool) {
	buf := b
	if len(t.carry) > 0 {
		buf = append(t.carry, b...)
		t.carry = nil
	}
	for i := 0; i < len(buf); {
		// Printable ASCII, the bulk of any data file, needs no decoding.
		if c := buf[i]; c >= 0x20 && c < 0x7f {
			i++
			t.off++
			t.col++
			continue
		}
		if !final && !utf8.FullRune(buf[i:]) {
			t.carry = append([]byte(nil), buf[i:]...)
			return
		}
		r, size := utf8.DecodeRune(buf[i:])
		if msg, hint := t.check(r, size, buf[i]); msg != "" {
			t.problem = &Error{Line: t.line, Col: t.col, Msg: msg, Hint: hint}
			return
		}
		t.off += int64(size)
		if r == '\n' {
			t.line, t.col = t.line+1, 1
		} else {
			t.col++
		}
		i += size
	}
}

func (t *textReader) check(r rune, size int, b byte) (msg, hint string) {
	switch {
	case r == utf8.RuneError && size <= 1:
		return fmt.Sprintf("invalid UTF-8 byte 0x%02X", b), "save the file as UTF-8"
	case r == '\uFEFF' && t.off == 0:
		return "the file starts with a byte-order mark (U+FEFF)", "save the file as UTF-8 without a byte-order mark"
	}
	if msg := badRune(r); msg != "" {
		return msg, "remove it; data files hold plain text"
	}
	return "", ""
}

// Hidden reports whether a terminal or a reader would act on r rather than
// show it: a control character, a bidirectional control or a byte-order
// mark. Tab and line ends are not hidden.
func Hidden(r rune) bool { return badRune(r) != "" }

// badRune names a character no text field may hold: a control character
// other than tab and line ends, or a bidirectional control, which could
// make text read differently from what it says.
func badRune(r rune) string {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return ""
	case unicode.IsControl(r):
		return fmt.Sprintf("control character %U", r)
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069', r == '\u200E', r == '\u200F', r == '\u061C':
		return fmt.Sprintf("bidirectional control character %U", r)
	case r == '\uFEFF':
		return "byte-order mark (U+FEFF) inside the text"
	}
	return ""
}

// Glyphs tells which characters the briefing can draw; nil when the
// caller does not render one.
type Glyphs func(r rune) bool

// texts checks every text field of every record: characters no field may
// hold, lengths a workbook cell cannot take, addresses too long to link,
// and characters the briefing's fonts cannot draw.
func (v *validator) texts(d *Dataset, glyphs Glyphs) {
	v.walk(place{file: FileMeta, elem: -1}, reflect.ValueOf(&d.Meta).Elem(), glyphs)
	tables := []struct {
		file, table string
		rows        reflect.Value
	}{
		{FileSources, "source", reflect.ValueOf(d.Sources)},
		{FileOriginators, "originator", reflect.ValueOf(d.Originators)},
		{FileClaims, "claim", reflect.ValueOf(d.Claims)},
		{FileIncidents, "incident", reflect.ValueOf(d.Incidents)},
	}
	for _, t := range tables {
		for i := 0; i < t.rows.Len(); i++ {
			v.walk(at(t.file, t.table, i), t.rows.Index(i).Elem(), glyphs)
		}
	}
}

// walk checks the string fields of a decoded struct, with the place each
// came from.
func (v *validator) walk(here place, rv reflect.Value, glyphs Glyphs) {
	for _, f := range tomlFields(rv.Type()) {
		key := f.key
		fv := rv.Field(f.index)
		switch fv.Kind() {
		case reflect.String:
			if s := fv.String(); s != "" {
				v.text(here.step(key), key, s, glyphs)
			}
		case reflect.Slice:
			for j := 0; j < fv.Len(); j++ {
				e := fv.Index(j)
				if e.Kind() == reflect.Pointer {
					e = e.Elem()
				}
				switch e.Kind() {
				case reflect.String:
					if s := e.String(); s != "" {
						v.text(here.elemOf(key, j), key, s, glyphs)
					}
				case reflect.Struct:
					v.walk(here.elemOf(key, j), e, glyphs)
				case reflect.Slice: // via = [["x"]] is a type error already
				}
			}
		case reflect.Struct:
			v.walk(here.step(key), fv, glyphs)
		}
	}
}

func (v *validator) text(here place, key, s string, glyphs Glyphs) {
	if s == "" {
		return
	}
	// Most text is printable ASCII: one UTF-16 unit a byte, no character
	// that is refused or that a font may lack.
	plain := printableASCII(s)
	// A cell counts UTF-16 code units: a character past U+FFFF is two.
	n := len(s)
	if !plain {
		n = utf16Len(s)
	}
	if n > MaxTextLen {
		v.add(here, "shorten it, or move the text to the archived article and cite it", "%s is %d characters long; a workbook cell holds at most %d", key, n, MaxTextLen)
	}
	if key == "url" && len(s) > MaxURLLen {
		v.add(here, "link a shorter address to the same page", "url is %d characters long; a workbook link holds at most %d", len(s), MaxURLLen)
	}
	if strings.TrimSpace(s) == "" {
		v.add(here, "write the text, or leave the field out", "%s holds only white space", key)
	}
	if plain {
		return
	}
	var missing []rune
	for _, r := range s {
		if msg := badRune(r); msg != "" {
			v.add(here, "remove it; text fields hold plain text", "%s holds a %s", key, msg)
			return
		}
		if glyphs != nil && r >= 0x80 && !glyphs(r) && len(missing) < 5 && !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		names := make([]string, len(missing))
		for i, r := range missing {
			names[i] = fmt.Sprintf("%q (%U)", r, r)
		}
		v.add(here, "use characters the fonts cover (Latin, Greek, Cyrillic), transliterate, or give --font a TrueType font that has them (Hangul: NanumGothic.ttf from Debian's fonts-nanum)", "%s holds characters the briefing's fonts cannot draw: %s", key, strings.Join(names, ", "))
	}
}

// step and elemOf extend a place by one key or one element of an array,
// however deep it already is.
func (p place) step(key string) place {
	if p.key == "" {
		p.key = key
		return p
	}
	return p.with(key)
}

func (p place) elemOf(key string, i int) place {
	if p.key == "" {
		p.key, p.elem = key, i
		return p
	}
	return p.item(key, i)
}

// printableASCII reports whether s holds only the characters from space
// to tilde.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
