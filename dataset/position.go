package dataset

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

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

// positions finds the byte offset of each wanted path in a TOML file, in
// one parse. A path that names a key-value resolves to its value; one that
// names a table or an array element resolves to where it starts. A path
// that is not in the file (a missing key) resolves to its nearest ancestor
// that is. Offsets, not lines: the parser's own Shape counts lines from the
// start of the file on every call, which made placing 100,000 errors in a
// 30 MB file quadratic.
func positions(data []byte, wanted map[string]bool) map[string]int {
	placeParses.Add(1)
	// The keys of the tables that hold no wanted path are skipped without
	// building their paths, and once past the last record wanted the rest
	// of the file is not parsed.
	tables, left := recordsOf(wanted)
	f := finder{wanted: wanted, found: make(map[string]int, len(wanted))}
	var p unstable.Parser
	p.Reset(data)
	counts := map[string]int{}
	table := ""
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.ArrayTable, unstable.Table:
			if left == 0 {
				return f.found
			}
			placeTables.Add(1)
			name := keyOf(e)
			if e.Kind == unstable.ArrayTable {
				table = name + "[" + strconv.Itoa(counts[name]) + "]"
				counts[name]++
			} else {
				table = name
			}
			if tables[table] && strings.HasSuffix(table, "]") {
				left--
			}
			k := e.Key()
			k.Next()
			f.record(table, k.Node().Raw)
		case unstable.KeyValue:
			if strings.HasSuffix(table, "]") && !tables[table] {
				continue // a record with nothing to place
			}
			k := e.Key()
			k.Next()
			path := join(table, keyOf(e))
			if wanted[path] {
				// A value error points at the value; keep the key's
				// position as a fallback for values without a range.
				f.record(path, valueStart(e.Value()))
				f.record(path, k.Node().Raw)
			}
			f.walk(path, e.Value())
		}
	}
	return f.found
}

// finder records the offsets of the wanted paths it meets.
type finder struct {
	wanted map[string]bool
	found  map[string]int
}

// record keeps the first offset met for a wanted path.
func (f *finder) record(path string, r unstable.Range) {
	if r.Length == 0 {
		return // an empty container: its key or parent places it
	}
	if f.wanted[path] {
		if _, ok := f.found[path]; !ok {
			f.found[path] = int(r.Offset)
		}
	}
}

// walk records a value and, inside arrays and inline tables, its parts.
func (f *finder) walk(path string, n *unstable.Node) {
	f.record(path, valueStart(n))
	switch n.Kind {
	case unstable.Array:
		i := 0
		for it := n.Children(); it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			f.walk(path+"["+strconv.Itoa(i)+"]", c)
			i++
		}
	case unstable.InlineTable:
		for it := n.Children(); it.Next(); {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			f.walk(join(path, keyOf(kv)), kv.Value())
		}
	}
}

// recordsOf returns the tables that hold a wanted path ("" among them),
// and how many of them are records of an array of tables.
func recordsOf(wanted map[string]bool) (tables map[string]bool, records int) {
	tables = map[string]bool{"": true}
	for w := range wanted {
		tables[tableOf(w)] = true
	}
	for t := range tables {
		if strings.HasSuffix(t, "]") {
			records++
		}
	}
	return tables, records
}

// tableOf returns the table part of a path: "claim[3]" of
// "claim[3].citations[1].source", "" of a top-level key.
func tableOf(path string) string {
	if i := strings.Index(path, "]"); i >= 0 && !strings.Contains(path[:i], ".") {
		return path[:i+1]
	}
	return ""
}

// placeParses counts the parses positions makes, and placeTables the table
// headers they read, so a test can hold the placement to one parse per
// file, stopped after the last record it needs.
var placeParses, placeTables atomic.Int64

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
// falling back to the nearest ancestor path that exists in the file; a
// place with no such ancestor gets line 0 (the whole file). One parse finds
// the offsets, one index of line starts turns them into lines.
func resolve(data []byte, paths []string) [][2]int {
	wanted := map[string]bool{}
	for _, p := range paths {
		for q := p; q != ""; q = parent(q) {
			wanted[q] = true
		}
	}
	found := positions(data, wanted)
	lines := newLineIndex(data)
	out := make([][2]int, len(paths))
	for i, p := range paths {
		for q := p; ; q = parent(q) {
			if off, ok := found[q]; ok {
				out[i][0], out[i][1] = lines.at(off)
				break
			}
			if q == "" {
				break
			}
		}
	}
	return out
}

// lineIndex holds the offset at which each line of a document starts.
type lineIndex []int

func newLineIndex(data []byte) lineIndex {
	l := lineIndex{0}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return l
		}
		i += j + 1
		l = append(l, i)
	}
}

// at returns the 1-based line and byte column of an offset, as the TOML
// parser counts them.
func (l lineIndex) at(off int) (line, col int) {
	i, found := slices.BinarySearch(l, off)
	if !found {
		i-- // off lies inside line i (0-based), after its start
	}
	return i + 1, off - l[i] + 1
}

// parent strips the last step of a path: "a[1].b" → "a[1]" → "a" → "".
func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}
