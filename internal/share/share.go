// Package share keeps one copy of equal values that many records hold,
// such as the one-element lists most facts of a large dataset cite, for
// as long as keeping them saves more than it costs.
package share

// free is how many distinct values a Table keeps before any has been
// asked for again.
const free = 4096

// Table holds one value per key: Find the key's, and Keep a new one when
// there is none. Past the first 4,096 kept, a new value is kept only
// while the values kept are no more than the finds they served, so a
// table whose keys all differ stays bounded. The zero Table is ready; the
// values it hands out are shared and must not be changed.
type Table[K comparable, V any] struct {
	kept map[K]V
	hits int
}

// Find returns the value kept for k.
func (t *Table[K, V]) Find(k K) (V, bool) {
	v, ok := t.kept[k]
	if ok {
		t.hits++
	}
	return v, ok
}

// Keep keeps v as k's value while sharing pays, and returns it.
func (t *Table[K, V]) Keep(k K, v V) V {
	if len(t.kept) < free || len(t.kept) <= t.hits {
		if t.kept == nil {
			t.kept = map[K]V{}
		}
		t.kept[k] = v
	}
	return v
}
