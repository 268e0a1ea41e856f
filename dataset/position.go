package dataset

import (
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// A place names a spot in a data file by its path, the way the decoder sees
// it: "claim[3].citations[1].source" (arrays of tables and inline arrays
// both indexed from 0), or "" for the whole file. A place is built for every
// check, so it holds the parts and makes the path string only when there is
// an error to report; positions are then resolved from the file, so a valid
// dataset costs nothing here.
type place struct {
	file, table string
	index       int    // element of the array of tables, when table is set
	key         string // a key of the table (or of the file)
	elem        int    // element of the key's array, or -1
	sub         string // a key within that element or within key's table
	tail        string // deeper steps, written out: ".citations[2]"
}

// at names table[index].key[elem].sub, given as up to three keys: a
// string key, then an optional int element, then an optional string key.
func at(file, table string, index int, keys ...any) place {
	p := place{file: file, table: table, index: index, elem: -1}
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			if p.key == "" {
				p.key = k
			} else {
				p.sub = k
			}
		case int:
			p.elem = k
		}
	}
	return p
}

// with returns the place of a key inside this one.
func (p place) with(sub string) place {
	if p.tail != "" {
		p.tail += "." + sub
		return p
	}
	p.sub = sub
	return p
}

// item returns the place of element i of the array key inside this one.
func (p place) item(key string, i int) place {
	p.tail += "." + key + "[" + strconv.Itoa(i) + "]"
	return p
}

func (p place) path() string {
	var b strings.Builder
	if p.table != "" {
		b.WriteString(p.table)
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(p.index))
		b.WriteByte(']')
	}
	if p.key != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.key)
	}
	if p.elem >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(p.elem))
		b.WriteByte(']')
	}
	if p.sub != "" {
		b.WriteByte('.')
		b.WriteString(p.sub)
	}
	b.WriteString(p.tail)
	return b.String()
}

// positions finds the line and column of each wanted path in a TOML file.
// A path that names a key-value resolves to its value; one that names a table
// or an array element resolves to where it starts. A path that is not in the
// file (a missing key) resolves to its nearest ancestor that is.
func positions(data []byte, wanted map[string]bool) map[string]unstable.Position {
	found := make(map[string]unstable.Position, len(wanted))
	var p unstable.Parser
	p.Reset(data)
	counts := map[string]int{}
	table := ""
	record := func(path string, r unstable.Range) {
		if wanted[path] {
			if _, ok := found[path]; !ok {
				found[path] = p.Shape(r).Start
			}
		}
	}
	var walk func(path string, n *unstable.Node)
	walk = func(path string, n *unstable.Node) {
		record(path, n.Raw)
		switch n.Kind {
		case unstable.Array:
			i := 0
			for it := n.Children(); it.Next(); {
				c := it.Node()
				if c.Kind == unstable.Comment {
					continue
				}
				walk(path+"["+strconv.Itoa(i)+"]", c)
				i++
			}
		case unstable.InlineTable:
			for it := n.Children(); it.Next(); {
				kv := it.Node()
				if kv.Kind != unstable.KeyValue {
					continue
				}
				walk(join(path, keyOf(kv)), kv.Value())
			}
		}
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.ArrayTable, unstable.Table:
			name := keyOf(e)
			if e.Kind == unstable.ArrayTable {
				table = name + "[" + strconv.Itoa(counts[name]) + "]"
				counts[name]++
			} else {
				table = name
			}
			k := e.Key()
			k.Next()
			record(table, k.Node().Raw)
		case unstable.KeyValue:
			k := e.Key()
			k.Next()
			path := join(table, keyOf(e))
			if wanted[path] {
				// A value error points at the value; keep the key's
				// position as a fallback for values without a range.
				record(path, e.Value().Raw)
				record(path, k.Node().Raw)
			}
			walk(path, e.Value())
		}
	}
	return found
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func keyOf(n *unstable.Node) string {
	var parts []string
	for it := n.Key(); it.Next(); {
		parts = append(parts, string(it.Node().Data))
	}
	return strings.Join(parts, ".")
}

// resolve turns every wanted place of one file into a line and column,
// falling back to the nearest ancestor path that exists in the file.
func resolve(data []byte, paths []string) map[string][2]int {
	wanted := map[string]bool{}
	for _, p := range paths {
		for q := p; q != ""; q = parent(q) {
			wanted[q] = true
		}
	}
	found := positions(data, wanted)
	out := make(map[string][2]int, len(paths))
	for _, p := range paths {
		for q := p; ; q = parent(q) {
			if pos, ok := found[q]; ok {
				out[p] = [2]int{pos.Line, pos.Column}
				break
			}
			if q == "" {
				break
			}
		}
	}
	return out
}

// parent strips the last step of a path: "a[1].b" → "a[1]" → "a" → "".
func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}
