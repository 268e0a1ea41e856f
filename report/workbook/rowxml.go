package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// appendRow appends the <row> element that excelize's StreamWriter.SetRow
// writes for values starting at column A of row r, byte for byte: the long
// lists are encoded here, straight into their compressed zip entry, while
// excelize writes the rest of the package. TestRowXMLMatchesExcelize and
// FuzzRowXML hold the two encodings equal.
//
// A value is nil (no cell), an excelize.Cell whose Value is nil, a
// string, an int, a float64 or a time.Time (what the sheets write), or a
// link, whose text cell is written here and its hyperlink with the
// sheet's <hyperlinks>.
func appendRow(dst []byte, r int, height float64, values []any) ([]byte, error) {
	if height > excelize.MaxRowHeight {
		return dst, excelize.ErrMaxRowHeight
	}
	dst = append(dst, `<row r="`...)
	dst = strconv.AppendInt(dst, int64(r), 10)
	dst = append(dst, '"')
	if height > 0 {
		dst = append(dst, ` ht="`...)
		dst = strconv.AppendFloat(dst, height, 'f', -1, 64)
		dst = append(dst, `" customHeight="1"`...)
	}
	dst = append(dst, '>')
	for i, v := range values {
		if v == nil {
			continue
		}
		c, ok := asCell(v)
		if !ok {
			return dst, fmt.Errorf("row %d, column %d: a %T where a cell was expected", r, i+1, v)
		}
		var err error
		if dst, err = appendCell(dst, i+1, r, c); err != nil {
			return dst, err
		}
	}
	return append(dst, `</row>`...), nil
}

// appendCell appends one <c>: the reference, the style, the type, then the
// formula, the value or the inline string, as excelize's writeCell orders
// them.
func appendCell(dst []byte, col, row int, c excelize.Cell) ([]byte, error) {
	var (
		typ, value string // t attribute and <v> text (escaped on output)
		inline     string // <is><t> text, escaped on output
		hasInline  bool
		preserve   bool // xml:space="preserve" on <t>, or on <c> for a formula's text
	)
	if c.Formula != "" {
		typ = "str"
	}
	switch v := c.Value.(type) {
	case nil:
	case int:
		typ, value = "", strconv.Itoa(v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			typ, hasInline = "inlineStr", true
			inline = cutCell(fmt.Sprint(v))
			preserve = spaced(inline)
			break
		}
		typ, value = "", formatFloat(v)
	case string:
		if c.Formula != "" {
			typ = "str"
			v = cutCell(v)
			value, preserve = escapeLiteralEscapes(v), spaced(v)
			break
		}
		typ, hasInline = "inlineStr", true
		inline = cutCell(v)
		preserve = spaced(inline)
	case time.Time:
		if c.StyleID == 0 {
			// excelize would add a date style of its own to the workbook.
			return dst, fmt.Errorf("cell %s: a date without a number format", cell(col, row))
		}
		typ, value, inline, hasInline, preserve = timeValue(v)
	default:
		return dst, fmt.Errorf("cell %s: a %T value", cell(col, row), v)
	}
	dst = append(dst, `<c`...)
	if preserve && !hasInline {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, ` r="`...)
	dst = appendRef(dst, col, row)
	dst = append(dst, '"')
	if c.StyleID != 0 {
		dst = append(dst, ` s="`...)
		dst = strconv.AppendInt(dst, int64(c.StyleID), 10)
		dst = append(dst, '"')
	}
	if typ != "" {
		dst = append(dst, ` t="`...)
		dst = append(dst, typ...)
		dst = append(dst, '"')
	}
	dst = append(dst, '>')
	if c.Formula != "" {
		dst = append(dst, `<f>`...)
		dst = appendEscaped(dst, c.Formula)
		dst = append(dst, `</f>`...)
	}
	if value != "" {
		dst = append(dst, `<v>`...)
		dst = appendEscaped(dst, value)
		dst = append(dst, `</v>`...)
	}
	if hasInline {
		dst = append(dst, `<is><t`...)
		if preserve {
			dst = append(dst, ` xml:space="preserve"`...)
		}
		dst = append(dst, '>')
		dst = appendInline(dst, inline)
		dst = append(dst, `</t></is>`...)
	}
	return append(dst, `</c>`...), nil
}

// timeValue is a date cell as excelize writes it: the serial day number
// of the 1900 date system, or, for a time before it, the time as RFC 3339
// text (excelize's rule: RFC 3339 text never begins or ends with a space).
func timeValue(t time.Time) (typ, value, inline string, hasInline, preserve bool) {
	_, offset := t.Zone()
	t = t.Add(time.Duration(offset) * time.Second)
	if serial := excelSerial(t); serial > 0 {
		return "", strconv.FormatFloat(serial, 'f', -1, 64), "", false, false
	}
	return "inlineStr", "", t.Format(time.RFC3339Nano), true, false
}

var (
	excelDay0      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelLeapBug   = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
	excelStep      = 290 * 364 * 24 * time.Hour // under time.Duration's range
	nanosPerDayDur = 24 * time.Hour
)

// excelSerial counts days from 1899-12-31 as Excel does (0 before it), in
// steps a time.Duration can hold, and with Excel's 29 February 1900, which
// never was, counted.
func excelSerial(t time.Time) float64 {
	if t.Before(excelDay0) {
		return 0
	}
	rest, diff, days := t, t.Sub(excelDay0), 0.0
	for diff >= excelStep {
		days += float64(excelStep / nanosPerDayDur)
		rest = rest.Add(-excelStep)
		diff = rest.Sub(excelDay0)
	}
	frac := diff % nanosPerDayDur
	days += float64(diff-frac)/float64(nanosPerDayDur) + float64(frac)/float64(nanosPerDayDur)
	if t.After(excelLeapBug) {
		days++
	}
	return days
}

// formatFloat writes a number with at most the 15 significant digits
// Excel keeps, cutting (not rounding) the rest.
func formatFloat(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return s
	}
	point := strings.IndexByte(s, '.')
	digits := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch < '0' || ch > '9' || digits == 0 && ch == '0' {
			continue
		}
		if digits++; digits <= 15 {
			continue
		}
		if point >= 0 && i > point {
			return strings.TrimSuffix(s[:i], ".")
		}
		if point < 0 {
			point = len(s)
		}
		b := []byte(s[:point])
		for ; i < len(b); i++ {
			b[i] = '0'
		}
		return string(b)
	}
	return s
}

// maxCellUnits is the most UTF-16 code units a cell holds; excelize cuts
// longer text there.
const maxCellUnits = excelize.TotalCellChars

// cutCell cuts a cell's text to the cell limit, as excelize does.
func cutCell(s string) string {
	if len(s) > maxCellUnits { // no more bytes than that, no more units
		return cutUTF16(s, maxCellUnits)
	}
	return s
}

// spaced tells whether text begins or ends with white space, which
// excelize marks xml:space="preserve".
func spaced(s string) bool {
	if s == "" {
		return false
	}
	for _, b := range [...]byte{s[0], s[len(s)-1]} {
		if b == '\t' || b == '\n' || b == '\r' || b == ' ' {
			return true
		}
	}
	return false
}

// appendInline appends the text of an inline string as excelize prepares
// it: XML-escaped with line feeds kept as they are, and any literal
// "_xHHHH_" escaped so that readers do not decode it. (Escaping neither
// makes nor breaks a "_xHHHH_", so the two steps commute.)
func appendInline(dst []byte, s string) []byte {
	if !strings.Contains(s, "_x") {
		return appendEscapedText(dst, s, false)
	}
	return append(dst, escapeLiteralEscapes(string(appendEscapedText(nil, s, false)))...)
}

// cutUTF16 cuts s to at most n UTF-16 code units, at a character boundary.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// escapeLiteralEscapes writes each "_xHHHH_" in s so that it reads back
// as itself, as excelize does: "_x005F_" before it, and "_x005F_x005F_"
// (or, when another "xHHHH_" follows, "_x005F_x005F_x005F_") for a
// literal "_x005F_". A "_xHHHH_" naming half of a UTF-16 surrogate pair is
// dropped, as excelize drops it.
func escapeLiteralEscapes(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+7 <= len(s); {
		if !isLiteralEscape(s[i:]) {
			i++
			continue
		}
		b.WriteString(s[last:i])
		m := s[i : i+7]
		last = i + 7
		i += 7
		if m == "_x005F_" {
			if next := s[last:]; len(next) >= 6 && next[0] == 'x' && isHex4(next[1:5]) && next[5] == '_' && !isSurrogate(next[1:5]) {
				b.WriteString("_x005F_x005F_x005F_")
			} else {
				b.WriteString("_x005F_x005F_")
			}
			continue
		}
		if !isSurrogate(m[2:6]) {
			b.WriteString("_x005F")
			b.WriteString(m)
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

func isLiteralEscape(s string) bool {
	return len(s) >= 7 && s[0] == '_' && s[1] == 'x' && isHex4(s[2:6]) && s[6] == '_'
}

func isHex4(s string) bool {
	for i := range 4 {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isSurrogate tells whether four hex digits name a UTF-16 surrogate, which
// a Go "\uHHHH" escape (and so excelize's check) refuses.
func isSurrogate(hex string) bool {
	n, _ := strconv.ParseUint(hex, 16, 32)
	return n >= 0xD800 && n <= 0xDFFF
}

// appendEscaped appends s escaped as encoding/xml's EscapeText escapes it:
// the five markup characters, tab, line feed and carriage return as
// character references, and each character XML cannot hold (or byte that
// is not UTF-8) as U+FFFD.
func appendEscaped(dst []byte, s string) []byte { return appendEscapedText(dst, s, true) }

// appendEscapedText is appendEscaped, with line feeds written as they are
// unless lf is set.
func appendEscapedText(dst []byte, s string, lf bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
				dst = append(dst, s[last:i]...)
				dst = append(dst, "\uFFFD"...)
				i += n
				last = i
				continue
			}
			i += n
			continue
		}
		var esc string
		switch c {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			if !lf {
				i++
				continue
			}
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if c < 0x20 {
				esc = "\uFFFD"
			} else {
				i++
				continue
			}
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		i++
		last = i
	}
	return append(dst, s[last:]...)
}

// xmlChar is XML 1.0's Char production, for characters from U+0080.
func xmlChar(r rune) bool {
	return r >= 0x80 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendRef appends a cell reference such as "AB12".
func appendRef(dst []byte, col, row int) []byte {
	var letters [3]byte
	n := 0
	for c := col; c > 0; c = (c - 1) / 26 {
		letters[n] = byte('A' + (c-1)%26)
		n++
	}
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, letters[i])
	}
	return strconv.AppendInt(dst, int64(row), 10)
}
