package briefing

import (
	"bytes"
	"fmt"
	"strconv"
)

// A small model of the PDF gofpdf writes, enough for finish to edit it the
// way pdfcpu does: every object is read as tokens (ISO 32000-1 §7.2, §7.3),
// a stream's data is skipped by its /Length and never looked into, and an
// edit is made only at the position of a dictionary token the model found.
// Dataset text reaches the file only inside strings and stream data, so no
// text of the dataset can be taken for a key, a name or an object boundary.

// pdfValue is one parsed value: its kind and where it lies in the file.
type pdfValue struct {
	kind       byte       // '/' name, '(' string, '<' hex string, 'd' dictionary, '[' array, 'k' number or keyword
	start, end int        // in[start:end] is the value
	pairs      []pdfPair  // a dictionary's entries, in order
	items      []pdfValue // an array's dictionaries and arrays, what walk visits; not its other elements
}

type pdfPair struct {
	key string // without the slash
	val pdfValue
}

// get is the value of key in a dictionary.
func (v *pdfValue) get(key string) (pdfValue, bool) {
	for _, p := range v.pairs {
		if p.key == key {
			return p.val, true
		}
	}
	return pdfValue{}, false
}

// is tells whether a dictionary's entry key is the name want.
func (v *pdfValue) is(in []byte, key, want string) bool {
	n, ok := v.get(key)
	return ok && n.kind == '/' && string(in[n.start+1:n.end]) == want
}

// pdfObject is one indirect object: "n 0 obj", its value, the data of its
// stream (if it has one) and "endobj".
type pdfObject struct {
	num        int
	start, end int // from the object number to the end of "endobj"
	val        pdfValue
	stream     span // the stream's data; empty when it has none
}

type pdfLexer struct {
	in  []byte
	pos int
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *pdfLexer) errorf(format string, args ...any) error {
	return fmt.Errorf("finish PDF: byte %d: %s", l.pos, fmt.Sprintf(format, args...))
}

// skip passes white space and comments.
func (l *pdfLexer) skip() {
	for l.pos < len(l.in) {
		c := l.in[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.in) && l.in[l.pos] != '\n' && l.in[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// value reads one value: a name, a string, a dictionary, an array, or a
// number or keyword (an indirect reference is read as three values).
func (l *pdfLexer) value(depth int) (pdfValue, error) {
	if depth > 32 {
		return pdfValue{}, l.errorf("values nested too deep")
	}
	l.skip()
	if l.pos >= len(l.in) {
		return pdfValue{}, l.errorf("unexpected end of file")
	}
	start := l.pos
	switch c := l.in[l.pos]; {
	case c == '/':
		l.pos++
		l.regular()
		return pdfValue{kind: '/', start: start, end: l.pos}, nil
	case c == '(':
		if err := l.literal(); err != nil {
			return pdfValue{}, err
		}
		return pdfValue{kind: '(', start: start, end: l.pos}, nil
	case c == '<' && l.pos+1 < len(l.in) && l.in[l.pos+1] == '<':
		return l.dict(depth)
	case c == '<':
		end := bytes.IndexByte(l.in[l.pos:], '>')
		if end < 0 {
			return pdfValue{}, l.errorf("unterminated hex string")
		}
		l.pos += end + 1
		return pdfValue{kind: '<', start: start, end: l.pos}, nil
	case c == '[':
		l.pos++
		v := pdfValue{kind: '[', start: start}
		for {
			l.skip()
			if l.pos < len(l.in) && l.in[l.pos] == ']' {
				l.pos++
				v.end = l.pos
				return v, nil
			}
			item, err := l.value(depth + 1)
			if err != nil {
				return pdfValue{}, err
			}
			// A font's widths are thousands of numbers: only what
			// walk visits is kept.
			if item.kind == 'd' || item.kind == '[' {
				v.items = append(v.items, item)
			}
		}
	case isPDFDelim(c):
		return pdfValue{}, l.errorf("unexpected %q", c)
	default:
		l.regular()
		return pdfValue{kind: 'k', start: start, end: l.pos}, nil
	}
}

// regular passes a run of regular characters.
func (l *pdfLexer) regular() {
	for l.pos < len(l.in) && !isPDFSpace(l.in[l.pos]) && !isPDFDelim(l.in[l.pos]) {
		l.pos++
	}
}

// literal passes a literal string: balanced parentheses, a backslash
// escaping the byte after it.
func (l *pdfLexer) literal() error {
	depth := 0
	for ; l.pos < len(l.in); l.pos++ {
		switch l.in[l.pos] {
		case '\\':
			l.pos++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				l.pos++
				return nil
			}
		}
	}
	return l.errorf("unterminated string")
}

func (l *pdfLexer) dict(depth int) (pdfValue, error) {
	v := pdfValue{kind: 'd', start: l.pos}
	l.pos += 2
	for {
		l.skip()
		if bytes.HasPrefix(l.in[l.pos:], []byte(">>")) {
			l.pos += 2
			v.end = l.pos
			return v, nil
		}
		key, err := l.value(depth + 1)
		if err != nil {
			return pdfValue{}, err
		}
		if key.kind != '/' {
			return pdfValue{}, l.errorf("a dictionary key that is not a name")
		}
		val, err := l.value(depth + 1)
		if err != nil {
			return pdfValue{}, err
		}
		// An indirect reference: "n g R".
		if val.kind == 'k' {
			save := l.pos
			g, errG := l.value(depth + 1)
			r, errR := l.value(depth + 1)
			if errG == nil && errR == nil && g.kind == 'k' && r.kind == 'k' && string(l.in[r.start:r.end]) == "R" {
				val.end = r.end
			} else {
				l.pos = save
			}
		}
		v.pairs = append(v.pairs, pdfPair{key: string(l.in[key.start+1 : key.end]), val: val})
	}
}

// keyword reads a keyword and says whether it is want.
func (l *pdfLexer) keyword(want string) bool {
	l.skip()
	start := l.pos
	l.regular()
	return string(l.in[start:l.pos]) == want
}

// readObject reads the object that begins at offset off and is numbered n.
func readObject(in []byte, off, n int) (pdfObject, error) {
	l := &pdfLexer{in: in, pos: off}
	num, err := l.value(0)
	if err != nil || num.kind != 'k' || string(in[num.start:num.end]) != strconv.Itoa(n) || !l.keyword("0") || !l.keyword("obj") {
		return pdfObject{}, fmt.Errorf("finish PDF: the cross-reference table puts object %d at byte %d, where no such object begins", n, off)
	}
	o := pdfObject{num: n, start: off}
	if o.val, err = l.value(0); err != nil {
		return pdfObject{}, fmt.Errorf("object %d: %w", n, err)
	}
	l.skip()
	if bytes.HasPrefix(in[l.pos:], []byte("stream")) {
		if err := l.stream(&o); err != nil {
			return pdfObject{}, fmt.Errorf("object %d: %w", n, err)
		}
	}
	if !l.keyword("endobj") {
		return pdfObject{}, fmt.Errorf("finish PDF: object %d does not end with endobj", n)
	}
	o.end = l.pos
	return o, nil
}

// stream skips a stream's data by its /Length, which gofpdf writes as a
// number: the data is never searched.
func (l *pdfLexer) stream(o *pdfObject) error {
	length, ok := o.val.get("Length")
	if o.val.kind != 'd' || !ok || length.kind != 'k' {
		return l.errorf("a stream without a direct /Length")
	}
	n, err := strconv.Atoi(string(l.in[length.start:length.end]))
	if err != nil || n < 0 {
		return l.errorf("a stream /Length that is not a length")
	}
	l.pos += len("stream")
	switch {
	case bytes.HasPrefix(l.in[l.pos:], []byte("\r\n")):
		l.pos += 2
	case bytes.HasPrefix(l.in[l.pos:], []byte("\n")):
		l.pos++
	default:
		return l.errorf("no end of line after stream")
	}
	if n > len(l.in)-l.pos {
		return l.errorf("the stream's /Length runs past the end of the file")
	}
	o.stream = span{l.pos, l.pos + n}
	l.pos += n
	if !l.keyword("endstream") {
		return l.errorf("the stream's data is not /Length bytes long")
	}
	return nil
}

// walk calls f on v and on every dictionary inside it.
func (v *pdfValue) walk(f func(*pdfValue)) {
	if v.kind == 'd' {
		f(v)
		for i := range v.pairs {
			v.pairs[i].val.walk(f)
		}
	}
	for i := range v.items {
		v.items[i].walk(f)
	}
}
