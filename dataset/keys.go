package dataset

import (
	"reflect"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2/unstable"
)

// unknownKey is a key a data file holds that its record type does not.
type unknownKey struct {
	path      string // "source.publised", as the dataset format names it
	line, col int
}

// unknownKeys finds the keys of a TOML document that the struct type t
// (the file's target) has no field for, stopping after limit of them and
// counting the rest. It is one linear pass over the parsed document: the
// decoder's own strict mode renders a context per unknown key from the
// whole document, which is quadratic in the number of keys.
func unknownKeys(data []byte, t reflect.Type, limit int) (found []unknownKey, more int) {
	var p unstable.Parser
	p.Reset(data)
	add := func(path string, n *unstable.Node) {
		if len(found) == limit {
			more++
			return
		}
		pos := p.Shape(n.Raw).Start
		found = append(found, unknownKey{path, pos.Line, pos.Column})
	}
	var value func(path string, typ reflect.Type, n *unstable.Node)
	keyvals := func(path string, typ reflect.Type, kv *unstable.Node) {
		// A dotted key walks through tables: a.b = 1.
		it := kv.Key()
		cur := typ
		for it.Next() {
			k := it.Node()
			name := string(k.Data)
			path = join(path, name)
			ft, ok := fieldType(cur, name)
			if !ok {
				add(path, k)
				return
			}
			cur = ft
		}
		value(path, cur, kv.Value())
	}
	value = func(path string, typ reflect.Type, n *unstable.Node) {
		switch n.Kind {
		case unstable.InlineTable:
			if typ.Kind() != reflect.Struct {
				return // a type error, which the decoder reports
			}
			for it := n.Children(); it.Next(); {
				if kv := it.Node(); kv.Kind == unstable.KeyValue {
					keyvals(path, typ, kv)
				}
			}
		case unstable.Array:
			if typ.Kind() != reflect.Slice {
				return
			}
			for it := n.Children(); it.Next(); {
				value(path, deref(typ.Elem()), it.Node())
			}
		}
	}
	root := deref(t)
	table, tablePath := root, ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.ArrayTable, unstable.Table:
			table, tablePath = root, ""
			for it := e.Key(); it.Next(); {
				k := it.Node()
				name := string(k.Data)
				tablePath = join(tablePath, name)
				ft, ok := fieldType(table, name)
				if !ok {
					add(tablePath, k)
					table = nil
					break
				}
				if ft.Kind() == reflect.Slice {
					ft = deref(ft.Elem())
				}
				table = ft
			}
		case unstable.KeyValue:
			if table != nil && table.Kind() == reflect.Struct {
				keyvals(tablePath, table, e)
			}
		}
	}
	return found, more
}

// fieldType returns the type of the field of struct type t whose toml tag
// is name.
func fieldType(t reflect.Type, name string) (reflect.Type, bool) {
	if t == nil || t.Kind() != reflect.Struct {
		return nil, false
	}
	for _, f := range tomlFields(t) {
		if f.key == name {
			return deref(f.typ), true
		}
	}
	return nil, false
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
