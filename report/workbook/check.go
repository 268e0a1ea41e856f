package workbook

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
)

// Cells that join several fields or values (a figure and its hedge, a
// source's date note and its sources, relays, a change's words, a
// record's citations) can
// pass the cell limit although each field is within it. Check composes
// each such cell as the sheets do, with the numbering and edition of opt,
// without writing, and refuses one that would not fit; Write calls it
// first, and --check calls it with the numbering the briefing made, so
// --check refuses exactly what a render would, and no cell is ever cut.
func Check(s *report.Summary, opt Options) error {
	b := &builder{s: s, num: opt.Numbering}
	if b.num == nil {
		b.num = report.DefaultNumbering(s)
	}
	c := &cellCheck{}
	for _, src := range s.Sources {
		rec := fmt.Sprintf("%s: source %q", dataset.FileSources, src.ID)
		c.fit(rec, "date note with its citations", units(src.DateNote+b.dateRefs(src)))
		c.fit(rec, "relays", units(relays(src)))
	}
	for _, cl := range s.Claims {
		rec := fmt.Sprintf("%s: claim %q", dataset.FileClaims, cl.ID)
		c.fit(rec, "figure with its hedge", units(cl.Hedged()))
		c.fit(rec, "relaying organisations", units(via(cl)))
		c.fit(rec, "citations", units(b.num.Cite(cl.Refs)))
		for i, r := range revisions(cl) {
			where := fmt.Sprintf("revision %d", i+1)
			c.fit(rec, where+"'s figure with its hedge", units(r.figure))
			c.fit(rec, where+"'s citations", units(b.num.Cite(r.refs)))
		}
	}
	for _, y := range s.Years {
		rec := fmt.Sprintf("year %d", y.Year)
		for i, o := range s.YearOriginators {
			c.fit(rec, o.Name+"'s figure as worded", units(reportWords(y.ByOriginator[i])))
		}
		c.fit(rec, "lowest to highest figure as worded", units(rangeWords(y)))
	}
	for _, in := range s.Incidents {
		rec := fmt.Sprintf("%s: incident %q", dataset.FileIncidents, in.ID)
		c.fit(rec, "citations", units(b.num.Cite(in.Refs)))
	}
	if e := opt.Edition; e != nil {
		for i, ch := range e.Changes {
			rec := fmt.Sprintf("change %d (%s %s %q)", i+1, ch.Kind, ch.Record, ch.ID)
			c.fit(rec, "words", units(ch.What))
			c.fit(rec, "before", units(ch.Before))
			c.fit(rec, "after", units(ch.After))
			c.fit(rec, "sources no longer in the dataset", units(strings.Join(ch.Gone, "; ")))
			c.fit(rec, "citations", units(b.num.Cite(ch.Refs)))
		}
	}
	return c.err()
}

// err is the first cell too long, with a count of the others: one line,
// as the command prints an error.
func (c *cellCheck) err() error {
	if c.first == "" {
		return nil
	}
	if c.more > 0 {
		return fmt.Errorf("%s (and %s too long)", c.first, report.Plural(c.more, "more cell"))
	}
	return errors.New(c.first)
}

type cellCheck struct {
	first string // the first cell too long
	more  int    // how many others
}

func (c *cellCheck) fit(record, cell string, n int) {
	switch {
	case n <= maxCellUnits:
	case c.first == "":
		c.first = fmt.Sprintf("%s: the workbook's cell for its %s would hold %d characters; a cell holds %d (shorten the fields it joins)", record, cell, n, maxCellUnits)
	default:
		c.more++
	}
}

// units counts the UTF-16 code units of s, what a cell's limit counts.
func units(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += utf16.RuneLen(r)
		i += size - 1
	}
	return n
}

// relays is a source's relayed originators, as the Sources sheet lists
// them.
func relays(src *report.SourceRow) string {
	var names []string
	for _, o := range src.Relayed {
		names = append(names, o.Name)
	}
	return strings.Join(names, "; ")
}

// via is the organisations that relayed a claim, as the Claims sheet
// lists them.
func via(c *report.ClaimRow) string {
	var names []string
	for _, v := range c.RelayedVia {
		names = append(names, v.Name)
	}
	return strings.Join(names, "; ")
}

// overflow refuses a row with a text cell past the cell limit, which
// excelize and appendRow would cut: the last guard behind Check, naming
// the cell.
func overflow(row int, values []any) error {
	for i, v := range values {
		c, _ := asCell(v)
		if s, ok := c.Value.(string); ok && len(s) > maxCellUnits {
			if n := units(s); n > maxCellUnits {
				return fmt.Errorf("cell %s: %d characters; a cell holds %d", cell(i+1, row), n, maxCellUnits)
			}
		}
	}
	return nil
}
