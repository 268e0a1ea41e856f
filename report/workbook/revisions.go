package workbook

import (
	"fmt"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

// SheetRevisions lists every revision of every claim.
const SheetRevisions = "Revisions"

// revision is one row of the Revisions sheet: a later value a claim's
// originator published, worded as the Claims sheet words a figure (its
// own qualifier, the claim's hedge), with its date, note and sources.
type revision struct {
	claim  *report.ClaimRow
	rv     *dataset.Revision
	refs   []report.Ref
	figure string // "about $660.5 million, potentially attributed to the DPRK"
	latest bool   // the claim's latest revision (ClaimRow.LatestRevision)
}

// revisions lists a claim's revisions in the order the dataset gives them.
func revisions(c *report.ClaimRow) []revision {
	latest := c.LatestRevision()
	out := make([]revision, 0, len(c.RevisionRows))
	for _, r := range c.RevisionRows {
		out = append(out, revision{
			claim: c, rv: r.Revision, refs: r.Refs, latest: r == latest,
			figure: report.WithHedge(report.Qualified(r.Qualifier, r.Amount, c.Unit), c.Hedge),
		})
	}
	return out
}

// revisionsSheet writes one row per revision, claims in the Claims
// sheet's order.
func (b *builder) revisionsSheet() error {
	n := 0
	for _, c := range b.s.Claims {
		n += len(c.RevisionRows)
	}
	l := list{
		name: SheetRevisions, table: "RevisionsTable", count: n,
		headers: []string{"Claim", "Claim's figure, as worded", "Revised value", "Unit", "Qualifier", "Revision, as worded",
			"Revised on", "Latest", "Note", "Citations"},
		setup: sheetSetup{
			widths: []float64{24, 30, 14, 6, 14, 30, 11, 7, 40, 16},
			freeze: true, printTitles: true, landscape: true,
		},
		rows: func(put func(values ...any) error) error {
			for _, c := range b.s.Claims {
				for _, r := range revisions(c) {
					if err := put(b.revisionRow(r)...); err != nil {
						return fmt.Errorf("claim %q: %w", c.ID, err)
					}
				}
			}
			return nil
		},
	}
	if n == 0 {
		l.count, l.table = 1, ""
		l.rows = func(put func(values ...any) error) error {
			return put(text("No claim in the dataset has a revision.", b.st.aside))
		}
	}
	return b.list(l)
}

func (b *builder) revisionRow(r revision) []any {
	c := r.claim
	st := b.st.number
	if c.Unit == "USD" {
		st = b.st.usd
	}
	var cite any
	if len(r.refs) > 0 {
		// A revision's sources are not rows of the Citations sheet: its
		// labels name the Sources sheet's numbers.
		cite = text(b.num.Cite(r.refs), b.st.top)
	}
	return []any{
		text(c.ID, b.st.top), text(c.Hedged(), b.st.wrap), excelize.Cell{Value: num(r.rv.Amount), StyleID: st},
		text(c.Unit, b.st.top), text(qualifierText(r.rv.Qualifier), b.st.top), text(r.figure, b.st.wrap),
		text(r.rv.Revised.String(), b.st.top), text(yesNo(r.latest), b.st.top), text(r.rv.Note, b.st.wrap), cite,
	}
}
