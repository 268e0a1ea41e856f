package workbook

import (
	"fmt"

	"github.com/dprkreport/dprkreport/report"
	"github.com/xuri/excelize/v2"
)

// sourceMatrix writes claims × articles: 1 where an article reports the
// claim; per-claim article counts and independent originators, per-article
// claim counts; shading by how a claim is sourced.
func (b *builder) sourceMatrix() error {
	m := b.matrix
	widths := []float64{28, 30, 34}
	for range max(b.articles, 1) {
		widths = append(widths, 7)
	}
	widths = append(widths, 9, 12, 44, 10)
	sh := b.stream(SheetMatrix, sheetSetup{widths: widths, freeze: true, printTitles: true, landscape: true})
	if err := b.matrixHeader(sh); err != nil {
		return err
	}
	// Go's own count of first reports, to cache the helper column.
	firstSeen := map[string]bool{}
	// One row buffer for all claims: a row is as wide as the bibliography,
	// but only the articles a claim cites are set (sources are in number
	// order, so source N is column firstSrc+N-1).
	nSrc := max(b.articles, 1)
	buf := make([]any, 3+nSrc, 3+nSrc+4)
	one := excelize.Cell{Value: 1, StyleID: b.st.top}
	for _, c := range b.s.Claims {
		r := sh.row + 1
		row := buf[:3+nSrc]
		clear(row)
		row[0], row[1], row[2] = text(c.ID, b.st.top), text(c.Hedged(), b.st.wrap), text(c.By.Name, b.st.wrap)
		for _, src := range c.Sources {
			if i := b.srcIndex[src]; i < b.articles {
				row[3+i] = one
			}
		}
		// The key is report.ValueKey: SUMIFS over it counts the
		// independent originators as Independent does.
		key := report.ValueKey(c)
		pair := key + "\x00" + c.By.ID
		first := 0
		if !firstSeen[pair] {
			first = 1
			firstSeen[pair] = true
		}
		row = append(row,
			formula(fmt.Sprintf("SUM(%s:%s)", cell(m.firstSrc, r), cell(m.lastSrc, r)), c.Articles(), b.st.top),
			formula(fmt.Sprintf("SUMIFS(MatrixFirst,MatrixKey,%s)", cell(m.key, r)), c.Independent, b.st.top),
			text(key, b.st.wrap),
			// The originator by id (Claims!L, the same row), as the
			// report counts it: two originators may share a name.
			formula(fmt.Sprintf("IF(COUNTIFS($%s$2:%s,%s,%s!$%s$2:$%s%d,%s!$%s%d)=1,1,0)",
				col(m.key), cell(m.key, r), cell(m.key, r), quote(SheetClaims), claimColOriginator, claimColOriginator, r,
				quote(SheetClaims), claimColOriginator, r), first, b.st.top),
		)
		if err := sh.put(row...); err != nil {
			return err
		}
	}
	if err := b.matrixFooter(sh); err != nil {
		return err
	}
	return sh.Flush()
}

// matrixHeader writes the Source matrix's header: the claim columns, one
// rotated column per article, and the count and key columns.
func (b *builder) matrixHeader(sh *sheet) error {
	head := []any{text("Claim", b.st.header), text("As a figure", b.st.header), text("Originator", b.st.header)}
	longest := 0
	for _, src := range b.num.Sources()[:b.articles] {
		label := fmt.Sprintf("[%s] %s", b.num.Label(src), src.ID)
		longest = max(longest, len(label))
		head = append(head, text(label, b.st.rotated))
	}
	if b.articles == 0 {
		head = append(head, text("(no sources)", b.st.rotated))
	}
	for _, h := range []string{"Articles", "Independent originators", "Quantity (metric | scope | period | value)", "First of its originator"} {
		head = append(head, text(h, b.st.header))
	}
	for i, h := range head {
		if c := h.(excelize.Cell); c.StyleID == b.st.header {
			sh.widen(i, c.Value.(string))
		}
	}
	sh.row++
	return sh.SetRow("A1", head, excelize.RowOpts{Height: min(float64(longest)*7.2+10, 409)})
}

// matrixFooter writes the per-article totals, the shading legend and the
// conditional formats that shade the matrix.
func (b *builder) matrixFooter(sh *sheet) error {
	m := b.matrix
	last := b.lastClaim
	totals := []any{text("Claims citing the article", b.st.bold), nil, nil}
	for i, src := range b.num.Sources()[:b.articles] {
		c := col(m.firstSrc + i)
		totals = append(totals, formula(fmt.Sprintf("SUM(%s2:%s%d)", c, c, last), src.Claims, b.st.bold))
	}
	sh.row = max(sh.row, last)
	if err := sh.put(totals...); err != nil {
		return err
	}
	sh.skip(1)
	for _, l := range []struct{ fill, text string }{
		{fillGreen, "Confirmed: two or more independent originators report the same value."},
		{fillAmber, "Relayed: several articles repeat one originator's figure; repetition is not corroboration."},
		{fillBlue, "Reported by one article."},
	} {
		style, err := b.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{l.fill}}})
		if err != nil {
			return err
		}
		if err := sh.put(excelize.Cell{Value: "1", StyleID: style}, text(l.text, b.st.top)); err != nil {
			return err
		}
	}
	rng := fmt.Sprintf("%s:%s", cell(m.firstSrc, 2), cell(m.lastSrc, last))
	tl := cell(m.firstSrc, 2)
	arts, ind := "$"+col(m.articles)+"2", "$"+col(m.independent)+"2"
	return b.f.SetConditionalFormat(SheetMatrix, rng, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: fmt.Sprintf("AND(%s=1,%s>=2)", tl, ind), Format: &b.st.hiGreen, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("AND(%s=1,%s>=2)", tl, arts), Format: &b.st.hiAmber, StopIfTrue: true},
		{Type: "formula", Criteria: fmt.Sprintf("%s=1", tl), Format: &b.st.hiBlue, StopIfTrue: true},
	})
}
