package edition

import (
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
)

func row(id, sha, url string) *report.SourceRow {
	return &report.SourceRow{Source: &dataset.Source{ID: id, SHA256: sha, URL: url}}
}

// Sources pair by the SHA-256 of their copy, then by address, then by id;
// an id taken over by another source does not pair with its old owner.
func TestSourceKeys(t *testing.T) {
	a := row("a", "x1", "https://example.org/a")
	b := row("b", "", "https://example.org/b")
	d1 := row("d1", "", "https://example.org/d")
	d2 := row("d2", "", "https://example.org/d")
	prev := []*report.SourceRow{a, b, d1, d2}

	readded := row("a-2024", "x1", "")                  // a's copy, a new id
	moved := row("b-new", "", "HTTPS://example.org/b/") // b's address
	reused := row("a", "x9", "")                        // a's old id, another copy
	dup := row("d3", "", "https://example.org/d")       // two previous sources have its address
	cur := []*report.SourceRow{reused, readded, moved, dup}

	key := sourceKeys(prev, cur)
	for _, c := range []struct {
		s    *report.SourceRow
		want string
	}{
		{readded, "a"}, {moved, "b"}, {reused, "\x00a"}, {dup, "d3"},
		{a, "a"}, {b, "b"}, {d1, "d1"},
	} {
		if got := key(c.s); got != c.want {
			t.Errorf("key(%s) = %q, want %q", c.s.ID, got, c.want)
		}
	}
}
