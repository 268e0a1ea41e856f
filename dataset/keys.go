package dataset

import (
	"reflect"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2/unstable"
)

// shapeProblem is a key a data file holds that its record type does not,
// or (with found set) a value of the wrong TOML type.
type shapeProblem struct {
	path      string // "source.publised", as the dataset format names it
	line, col int
	found     string       // the TOML type given, for a type mismatch
	want      reflect.Type // the type the field needs
	suggest   string       // for an unknown key, the field it most likely meant
}

// shapeProblems finds the keys of a TOML document that the struct type t
// (the file's target) has no field for, and the values whose TOML type the
// field cannot take, stopping after limit of them and counting the rest.
// It is one linear pass over the parsed document that reports every
// problem: the decoder stops at the first type error, and its strict mode
// renders a context per unknown key from the whole document, which is
// quadratic in the number of keys.
func shapeProblems(data []byte, t reflect.Type, limit int) (found []shapeProblem, more int) {
	var p unstable.Parser
	p.Reset(data)
	var lines lineIndex // built at the first problem
	add := func(sp shapeProblem, n *unstable.Node) {
		if len(found) == limit {
			more++
			return
		}
		if lines == nil {
			lines = newLineIndex(data)
		}
		sp.line, sp.col = lines.at(int(valueStart(n).Offset))
		found = append(found, sp)
	}
	// descend follows the parts of a key from a struct type: a dotted key
	// (a.b = 1) or a table header ([claim], whose array it steps into). An
	// unknown part is recorded and ends the walk.
	paths := keyPaths{}
	descend := func(path string, typ reflect.Type, it unstable.Iterator, intoArrays bool) (string, reflect.Type, bool) {
		for it.Next() {
			k := it.Node()
			path = paths.join(path, k.Data)
			ft, ok := fieldType(typ, k.Data)
			if !ok {
				add(shapeProblem{path: path, suggest: nearestField(typ, string(k.Data))}, k)
				return path, nil, false
			}
			if intoArrays && ft.Kind() == reflect.Slice {
				ft = deref(ft.Elem())
			}
			typ = ft
		}
		return path, typ, true
	}
	var value func(path string, typ reflect.Type, n *unstable.Node)
	keyvals := func(path string, typ reflect.Type, kv *unstable.Node) {
		if path, typ, ok := descend(path, typ, kv.Key(), false); ok {
			value(path, typ, kv.Value())
		}
	}
	value = func(path string, typ reflect.Type, n *unstable.Node) {
		if kind := tomlKind(n.Kind); !fits(typ, n.Kind) {
			add(shapeProblem{path: path, found: kind, want: typ}, n)
			return
		}
		switch n.Kind {
		case unstable.InlineTable:
			for it := n.Children(); it.Next(); {
				if kv := it.Node(); kv.Kind == unstable.KeyValue {
					keyvals(path, typ, kv)
				}
			}
		case unstable.Array:
			for it := n.Children(); it.Next(); {
				value(path, deref(typ.Elem()), it.Node())
			}
		}
	}
	root := deref(t)
	var table reflect.Type = root
	tablePath := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.ArrayTable, unstable.Table:
			tablePath, table, _ = descend("", root, e.Key(), true) // nil for an unknown table
		case unstable.KeyValue:
			if table != nil && table.Kind() == reflect.Struct {
				keyvals(tablePath, table, e)
			}
		}
	}
	return found, more
}

// valueStart returns where a value starts. A container (an array, an
// inline table) has no range of its own: it starts where its first
// element that has one does, however deeply nested.
func valueStart(n *unstable.Node) unstable.Range {
	for n.Raw.Length == 0 {
		it := n.Children()
		if !it.Next() {
			break
		}
		n = it.Node()
	}
	return n.Raw
}

// fits reports whether a TOML value of kind k decodes into a Go type.
func fits(t reflect.Type, k unstable.Kind) bool {
	switch t.Kind() {
	case reflect.String:
		return k == unstable.String
	case reflect.Bool:
		return k == unstable.Bool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return k == unstable.Integer
	case reflect.Float32, reflect.Float64:
		return k == unstable.Float || k == unstable.Integer
	case reflect.Slice:
		return k == unstable.Array
	case reflect.Struct:
		return k == unstable.InlineTable
	}
	return true
}

// tomlKind names a TOML value's type as the TOML specification does.
func tomlKind(k unstable.Kind) string {
	switch k {
	case unstable.String:
		return "string"
	case unstable.Bool:
		return "boolean"
	case unstable.Float:
		return "float"
	case unstable.Integer:
		return "integer"
	case unstable.LocalDate:
		return "local date"
	case unstable.LocalTime:
		return "local time"
	case unstable.LocalDateTime:
		return "local date-time"
	case unstable.DateTime:
		return "offset date-time"
	case unstable.Array:
		return "array"
	case unstable.InlineTable:
		return "table"
	}
	return k.String()
}

// keyPaths makes each dotted key path of a document once: the paths are
// few and recur on every record.
type keyPaths map[string]map[string]string

// join is join(prefix, key), made once per prefix and key.
func (kp keyPaths) join(prefix string, key []byte) string {
	m := kp[prefix]
	if m == nil {
		m = map[string]string{}
		kp[prefix] = m
	}
	if joined, ok := m[string(key)]; ok {
		return joined
	}
	name := string(key)
	joined := join(prefix, name)
	m[name] = joined
	return joined
}

// fieldType returns the type of the field of struct type t whose toml tag
// is name.
func fieldType(t reflect.Type, name []byte) (reflect.Type, bool) {
	if t == nil || t.Kind() != reflect.Struct {
		return nil, false
	}
	for _, f := range tomlFields(t) {
		if f.key == string(name) {
			return deref(f.typ), true
		}
	}
	return nil, false
}

// nearestField returns the key of struct type t that a mistyped key most
// likely meant, or "".
func nearestField(t reflect.Type, name string) string {
	if t == nil || t.Kind() != reflect.Struct {
		return ""
	}
	var keys []string
	for _, f := range tomlFields(t) {
		keys = append(keys, f.key)
	}
	return nearest(name, keys)
}

// tomlField is a struct field that a data file sets.
type tomlField struct {
	index int
	key   string
	typ   reflect.Type
}

var fieldCache sync.Map // reflect.Type → []tomlField

// tomlFields lists the fields of struct type t that carry a toml key,
// computed once per type.
func tomlFields(t reflect.Type) []tomlField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]tomlField)
	}
	var fs []tomlField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if key != "" && key != "-" {
			fs = append(fs, tomlField{i, key, f.Type})
		}
	}
	fieldCache.Store(t, fs)
	return fs
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
