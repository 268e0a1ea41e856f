package workbook

import (
	"fmt"
	"strings"

	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/xuri/excelize/v2"
)

// SheetChanges lists what changed since the previous edition; the
// workbook has it only when a baseline was given.
const SheetChanges = "Changes"

// changes writes one row per change since the previous edition, most
// important first.
func (b *builder) changes() error {
	e := b.opt.Edition
	if e == nil {
		return nil
	}
	l := list{
		name: SheetChanges, table: "ChangesTable", count: len(e.Changes),
		headers: []string{"No.", "Importance", "Change", "Record", "Record ID", "What", "Field", "Before", "After",
			"Citations", "Sources no longer in the dataset"},
		setup: sheetSetup{
			widths: []float64{6, 14, 13, 9, 20, 30, 10, 26, 26, 14, 22},
			freeze: true, printTitles: true, landscape: true,
		},
		rows: func(put func(values ...any) error) error {
			for i, c := range e.Changes {
				var cite any
				switch {
				case c.FirstCite > 0 && len(c.Refs) > 0:
					cite = b.citeLink(c.Refs, c.FirstCite)
				case len(c.Refs) > 0:
					cite = text(b.num.Cite(c.Refs), b.st.top)
				}
				gone := strings.Join(c.Gone, "; ")
				if err := put(
					excelize.Cell{Value: i + 1, StyleID: b.st.top}, text(edition.RankNames[c.Rank], b.st.wrap), text(c.Kind, b.st.top),
					text(c.Record, b.st.top), text(c.ID, b.st.wrap), text(c.What, b.st.wrap), text(c.Field, b.st.top),
					text(c.Before, b.st.wrap), text(c.After, b.st.wrap), cite, text(gone, b.st.wrap),
				); err != nil {
					return err
				}
			}
			return nil
		},
	}
	if len(e.Changes) == 0 {
		// One line that runs across the empty cells, and no table.
		l.count, l.table = 1, ""
		l.rows = func(put func(values ...any) error) error {
			return put(text(fmt.Sprintf("Nothing changed since the edition as of %s.", e.Since.Human()), b.st.aside))
		}
	}
	return b.list(l)
}

// changedHeader is the header of the column that tells, on Claims and
// Incidents, what moved since the previous edition.
func (b *builder) changedHeader() string {
	return "Since " + b.opt.Edition.Since.String()
}

// withChanged returns the column widths of Claims or Incidents, with the
// changed column's when there is an edition.
func (b *builder) withChanged(widths ...float64) []float64 {
	if b.opt.Edition != nil {
		return append(widths, 11)
	}
	return widths
}
