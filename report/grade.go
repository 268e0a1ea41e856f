package report

import "fmt"

// The grade rule: one home for the Admiralty code a claim carries, which
// the briefing, the workbook (Grade and Grade from) and editions all show.
//
// A claim's letter is the best reliability (A before F) among the sources
// in the dataset that state its figure or statement, references included,
// so that it does not depend on which relay an article happens to be.
// "States it" means cited in the claim's own citations: those are the
// sources the curators record as giving the figure, each with the words it
// uses. Two kinds of citation do not count:
//   - a revision's citations state a later, different value (the revision
//     carries its own sources and date; a revised figure does not lend its
//     source's standing to the figure as first reported);
//   - note citations support the note, not the figure. A source that does
//     state the figure belongs in citations, with an excerpt that says so.
//
// The digit is the claim's credibility, set by the curators. A claim cited
// by no source (which validation rejects) gets F, "cannot be judged".

// GradeSource is the source that earns the claim's letter: the most
// reliable of the sources that state it, the first in num's bibliography
// order among equals (in the data's order when num is nil: the letter is
// the same either way); nil when none does.
func (c *ClaimRow) GradeSource(num *Numbering) *SourceRow {
	var best *SourceRow
	for _, s := range c.Sources {
		if best == nil || s.Reliability < best.Reliability ||
			(num != nil && s.Reliability == best.Reliability && num.compare(s, best) < 0) {
			best = s
		}
	}
	return best
}

// Admiralty is the claim's grade as the Admiralty code: the letter of
// GradeSource and the claim's credibility ("B3").
func (c *ClaimRow) Admiralty() string {
	letter := "F"
	if s := c.GradeSource(nil); s != nil {
		letter = s.Reliability
	}
	return fmt.Sprintf("%s%d", letter, c.Grade)
}

// GradeFrom says which source earned the claim's letter, numbered by num,
// for a reader who asks why a figure is graded as it is: "[R1] Yonhap News
// Agency (copy at indiatips.in), reliability B". It is "" when no source
// states the claim.
func (c *ClaimRow) GradeFrom(num *Numbering) string {
	s := c.GradeSource(num)
	if s == nil {
		return ""
	}
	return fmt.Sprintf("[%s] %s, reliability %s", num.Label(s), s.Outlet, s.Reliability)
}
