package share

import "testing"

func TestTableShares(t *testing.T) {
	var tb Table[int, []int]
	a := tb.Keep(7, []int{7})
	b, ok := tb.Find(7)
	if !ok || &a[0] != &b[0] {
		t.Error("the value kept for a key is not the one found")
	}
}

// A table whose keys all differ stops keeping at the free allowance; one
// whose keys recur keeps growing while the values kept serve as many
// requests.
func TestTableBounded(t *testing.T) {
	var distinct Table[int, int]
	get := func(tb *Table[int, int], k int) {
		if _, ok := tb.Find(k); !ok {
			tb.Keep(k, k)
		}
	}
	for i := range 10 * free {
		get(&distinct, i)
	}
	if n := len(distinct.kept); n != free {
		t.Errorf("distinct keys: kept %d, want %d", n, free)
	}
	var recurring Table[int, int]
	for i := range 10 * free {
		get(&recurring, i/2)
	}
	if n := len(recurring.kept); n != 5*free {
		t.Errorf("each key asked twice: kept %d, want %d", n, 5*free)
	}
}
