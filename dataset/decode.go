package dataset

import (
	"reflect"
	"strconv"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/dprkreport/dprkreport/internal/share"
)

// decodeWhole decodes a data file into target (a pointer to Meta or to
// one of the files' structs) in one pass over the parsed document: the
// common case, a file with nothing to report, is then parsed once rather
// than by both go-toml's decoder and the shape check. It takes only what
// it can place without question: records as [[table]] headers of the
// file's array, keys of one part, each once per table, that name a field,
// and values of the field's type (strings, plain decimal integers,
// booleans, arrays of them and of inline tables). Anything else (a syntax
// error, an unknown, repeated or dotted key, a value of another type, any
// other table) makes it report false, with target partly filled: the
// caller then clears target and decodes with go-toml and the shape check,
// which report each problem at its place.
//
// For a document it takes, target holds what toml.Unmarshal gives
// (FuzzDecodeWhole checks it on every document the two read). Two things
// differ only in memory: the values of a field that holds few distinct
// values (victim types, qualifiers, source ids) share one string each, and
// lists of one citation that are equal share one array, which nothing may
// then change in place.
func decodeWhole(data []byte, target any) bool {
	root := reflect.ValueOf(target).Elem()
	if root.Kind() != reflect.Struct {
		return false
	}
	d := &wholeDecoder{layouts: map[reflect.Type]*layout{}}
	d.p.Reset(data)
	table, tl := root, d.layout(root.Type())
	var seen uint64 // the fields of table already set
	for d.p.NextExpression() {
		e := d.p.Expression()
		switch e.Kind {
		case unstable.ArrayTable:
			rec, ok := d.record(root, e)
			if !ok {
				return false
			}
			table, tl, seen = rec, d.layout(rec.Type()), 0
		case unstable.KeyValue:
			if !d.keyValue(table, tl, &seen, e) {
				return false
			}
		default:
			return false
		}
	}
	return d.p.Error() == nil
}

// wholeDecoder holds the state of one decodeWhole.
type wholeDecoder struct {
	p       unstable.Parser
	layouts map[reflect.Type]*layout
	// cites holds the one-citation lists made so far, by their citation.
	cites share.Table[Citation, []Citation]
}

// layout is how the keys of a struct type are placed, with this decode's
// interned strings for each of its fields.
type layout struct {
	fields []layoutField
	byKey  map[string]int
}

type layoutField struct {
	tomlField
	// interned maps each value the field has held to one string, until
	// it has held more than internLimit distinct values: it is then nil
	// and off, the field being one of names or ids rather than of a
	// vocabulary.
	interned map[string]string
	off      bool
}

// internLimit is how many distinct values a field may take and still
// have them interned.
const internLimit = 256

var citationType = reflect.TypeFor[Citation]()

func (d *wholeDecoder) layout(t reflect.Type) *layout {
	if l, ok := d.layouts[t]; ok {
		return l
	}
	fs := tomlFields(t)
	l := &layout{fields: make([]layoutField, len(fs)), byKey: make(map[string]int, len(fs))}
	for i, f := range fs {
		l.fields[i].tomlField = f
		l.byKey[f.key] = i
	}
	d.layouts[t] = l
	return l
}

// record starts the next element of the array that a [[key]] header
// names: a field of root holding a list of pointers to structs, as each
// file's records are. keyValue never sets such a field, so no key-value
// has made the array one that a header may not extend.
func (d *wholeDecoder) record(root reflect.Value, e *unstable.Node) (reflect.Value, bool) {
	it := e.Key()
	if !it.Next() {
		return reflect.Value{}, false
	}
	key := it.Node().Data
	if it.Next() {
		return reflect.Value{}, false
	}
	l := d.layout(root.Type())
	i, ok := l.byKey[string(key)]
	if !ok {
		return reflect.Value{}, false
	}
	f := root.Field(l.fields[i].index)
	if f.Kind() != reflect.Slice {
		return reflect.Value{}, false
	}
	elem := f.Type().Elem()
	if elem.Kind() != reflect.Pointer || elem.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	rec := reflect.New(elem.Elem())
	f.Set(reflect.Append(f, rec))
	return rec.Elem(), true
}

// keyValue sets the field of table (laid out as l) that kv names, once.
func (d *wholeDecoder) keyValue(table reflect.Value, l *layout, seen *uint64, kv *unstable.Node) bool {
	it := kv.Key()
	if !it.Next() {
		return false
	}
	key := it.Node().Data
	if it.Next() {
		return false // a dotted key
	}
	i, ok := l.byKey[string(key)]
	if !ok || i >= 64 || *seen&(1<<i) != 0 {
		return false
	}
	*seen |= 1 << i
	f := &l.fields[i]
	dst := table.Field(f.index)
	if dst.Kind() == reflect.Slice && dst.Type().Elem().Kind() == reflect.Pointer {
		// The array of a file's records, given as a value rather
		// than by headers.
		return false
	}
	return d.value(dst, f, kv.Value())
}

// value sets dst to the value n, of the type dst needs.
func (d *wholeDecoder) value(dst reflect.Value, f *layoutField, n *unstable.Node) bool {
	switch dst.Kind() {
	case reflect.String:
		if n.Kind != unstable.String {
			return false
		}
		dst.SetString(f.intern(n.Data))
		return true
	case reflect.Bool:
		if n.Kind != unstable.Bool {
			return false
		}
		dst.SetBool(string(n.Data) == "true")
		return true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Kind != unstable.Integer {
			return false
		}
		v, ok := plainInt(n.Data)
		if !ok || dst.OverflowInt(v) {
			return false
		}
		dst.SetInt(v)
		return true
	case reflect.Slice:
		if n.Kind != unstable.Array {
			return false
		}
		return d.array(dst, f, n)
	}
	return false
}

// array sets dst, a slice, to the elements of the array n.
func (d *wholeDecoder) array(dst reflect.Value, f *layoutField, n *unstable.Node) bool {
	count := 0
	for it := n.Children(); it.Next(); {
		if it.Node().Kind != unstable.Comment {
			count++
		}
	}
	et := dst.Type().Elem()
	if et == citationType && count == 1 {
		return d.oneCitation(dst, n)
	}
	s := reflect.MakeSlice(dst.Type(), count, count)
	i := 0
	for it := n.Children(); it.Next(); {
		c := it.Node()
		if c.Kind == unstable.Comment {
			continue
		}
		if et.Kind() == reflect.Struct {
			if c.Kind != unstable.InlineTable || !d.inlineTable(s.Index(i), c) {
				return false
			}
		} else if !d.value(s.Index(i), f, c) {
			return false
		}
		i++
	}
	dst.Set(s)
	return true
}

// oneCitation sets dst to a list of the one citation in n, the same array
// as an earlier list of an equal citation.
func (d *wholeDecoder) oneCitation(dst reflect.Value, n *unstable.Node) bool {
	var c Citation
	for it := n.Children(); it.Next(); {
		if e := it.Node(); e.Kind != unstable.Comment {
			if e.Kind != unstable.InlineTable || !d.inlineTable(reflect.ValueOf(&c).Elem(), e) {
				return false
			}
		}
	}
	list, ok := d.cites.Find(c)
	if !ok {
		list = d.cites.Keep(c, []Citation{c})
	}
	dst.Set(reflect.ValueOf(list))
	return true
}

// inlineTable sets the fields of dst, a struct, from the inline table n.
func (d *wholeDecoder) inlineTable(dst reflect.Value, n *unstable.Node) bool {
	l := d.layout(dst.Type())
	var seen uint64
	for it := n.Children(); it.Next(); {
		kv := it.Node()
		if kv.Kind == unstable.Comment {
			continue
		}
		if kv.Kind != unstable.KeyValue || !d.keyValue(dst, l, &seen, kv) {
			return false
		}
	}
	return true
}

// intern returns b as a string, the same string for the same bytes while
// the field holds few distinct values.
func (f *layoutField) intern(b []byte) string {
	if f.off {
		return string(b)
	}
	if s, ok := f.interned[string(b)]; ok {
		return s
	}
	if len(f.interned) == internLimit {
		f.interned, f.off = nil, true
		return string(b)
	}
	if f.interned == nil {
		f.interned = map[string]string{}
	}
	s := string(b)
	f.interned[s] = s
	return s
}

// plainInt reads a decimal integer written without sign, underscores or
// leading zeros, or a negative one; anything else, such as +1, 1_000 or
// 0x10, is left to go-toml.
func plainInt(b []byte) (int64, bool) {
	digits := b
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	return v, err == nil
}
