// Package report computes what the artifacts show from a dataset. Compute
// is pure and deterministic, and nothing changes the Summary it returns:
// the bibliography's numbers (Numbering) and what changed since a baseline
// (package report/edition) are values built beside it.
//
// Each rule a reader can see has one home here, and every consumer (the
// briefing, the workbook's cached values and the criteria of its formulas,
// editions, --check) calls it:
//
//   - which figures measure the same quantity, and which confirm each
//     other: QuantityOf and ValueKey, with groups, corroboration and
//     conflicts (quantity.go);
//   - which revision is a claim's latest: ClaimRow.LatestRevision;
//   - what counts as a DPRK theft figure: IsTheft and IsMultiYear, and the
//     constants TheftMetric and DPRKScope the workbook's formulas spell;
//   - the period asked for, the years shown and the years the figures
//     report on: Period, Summary.Shown and Coverage (years.go);
//   - how an empty report is worded: Summary.EmptyWords;
//   - the bibliography's numbers and how refs are cited: Numbering;
//   - how figures, qualifiers and records are written for a reader:
//     words.go and figures.go.
//
// The key judgments (judgments.go) are analysis over the Summary.
package report
