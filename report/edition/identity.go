package edition

import (
	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
)

// sourceKeys gives each source the key the editions pair sources by. A
// source is the same across editions when its archived copy has the same
// SHA-256, else when its address names the same page (dataset.SameURL),
// else when its id is the same: a source removed and added again under a
// new id (by --add-article, say), or re-identified, is a rename with its
// citations carried over, never a source gone while the edition cites it.
// A previous source's key is its id; this edition's is the id of the
// previous source it is, else its own id, or, when that id is now the key
// of another source, one no source has. A match must be unambiguous: one
// previous source for the current one.
func sourceKeys(prev, cur []*report.SourceRow) func(*report.SourceRow) string {
	keys := map[*report.SourceRow]string{}
	taken := map[*report.SourceRow]bool{}
	match := func(same func(p, c *report.SourceRow) bool) {
		for _, c := range cur {
			if _, done := keys[c]; done {
				continue
			}
			var found *report.SourceRow
			n := 0
			for _, p := range prev {
				if !taken[p] && same(p, c) {
					found, n = p, n+1
				}
			}
			if n == 1 {
				keys[c], taken[found] = found.ID, true
			}
		}
	}
	match(func(p, c *report.SourceRow) bool { return p.SHA256 != "" && p.SHA256 == c.SHA256 })
	match(func(p, c *report.SourceRow) bool {
		return p.URL != "" && c.URL != "" && dataset.SameURL(p.URL, c.URL)
	})
	claimed := map[string]bool{}
	for _, k := range keys {
		claimed[k] = true
	}
	for _, c := range cur {
		if _, ok := keys[c]; !ok && claimed[c.ID] {
			keys[c] = "\x00" + c.ID // its id is another source's key now
		}
	}
	return func(s *report.SourceRow) string {
		if k, ok := keys[s]; ok {
			return k
		}
		return s.ID
	}
}
