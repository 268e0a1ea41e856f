package main

import (
	"fmt"
	"io"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/workbook"
)

// check finishes a --check run: the job summary, then the summary of what
// was found on stdout.
func check(stdout io.Writer, cfg config, in *inputs, b *built, warnings int) error {
	if err := workbook.Check(b.sum, workbook.Options{Edition: b.ed, Numbering: b.num}); err != nil { // what a render would refuse
		return failure(err, "")
	}
	if e := b.ed; e != nil && cfg.env.githubActions && cfg.env.stepSummary != "" {
		if err := stepSummary(cfg.env.stepSummary, e, cfg.baseline); err != nil {
			return failure(err, "GITHUB_STEP_SUMMARY names the file a GitHub Actions step appends its summary to")
		}
	}
	printCheck(stdout, in.data, b.sum, b.ed, cfg, warnings)
	return nil
}

// printCheck prints what --check found.
func printCheck(w io.Writer, d *dataset.Dataset, s *report.Summary, e *edition.Edition, cfg config, warnings int) {
	n := s.Counts
	fmt.Fprintf(w, "dataset:     %s\n", d.Meta.Title)
	fmt.Fprintf(w, "as of:       %s (fingerprint %s)\n", d.Meta.AsOf, d.Fingerprint[:12])
	fmt.Fprintf(w, "sources:     %d articles, %d references\n", n.Articles, n.References)
	fmt.Fprintf(w, "originators: %d\n", n.Originators)
	fmt.Fprintf(w, "claims:      %d (%d figures, %d statements)\n", len(s.Claims), n.Figures, len(s.Claims)-n.Figures)
	fmt.Fprintf(w, "incidents:   %d\n", len(s.Incidents))
	fmt.Fprintf(w, "citations:   %d\n", n.Citations)
	if p := s.Asked.Words(); p != "" {
		fmt.Fprintf(w, "period:      %s (asked for)\n", p)
	}
	if !s.Shown.IsZero() {
		fmt.Fprintf(w, "years shown: %s", s.Shown)
		if r := s.Coverage.Reported; r != s.Shown {
			fmt.Fprintf(w, "; the figures kept report on %s", r)
		}
		fmt.Fprintln(w)
	}
	if s.Empty() {
		fmt.Fprintf(w, "empty:       %s\n", s.EmptyWords())
	}
	fmt.Fprintf(w, "conflicts:   %d quantities reported with different values\n", len(s.Conflicts))
	if cfg.archive != "" {
		fmt.Fprintf(w, "archive:     %d excerpts verified in %d articles from %s\n", d.ArchiveChecked, d.ArchiveArticles, cfg.archive)
	}
	if e != nil {
		n := e.Counts()
		fmt.Fprintf(w, "changes:     %d since %s (fingerprint %s): %d figures and conflicts, %d standing, %d sourcing, %d wording\n",
			len(e.Changes), e.Since, e.Fingerprint[:12], n[edition.RankFigure], n[edition.RankStanding], n[edition.RankSourcing], n[edition.RankWording])
		for _, c := range e.Changes {
			fmt.Fprintf(w, "  %s\n", safe(c.Line()))
		}
	}
	if warnings > 0 {
		fmt.Fprintf(w, "warnings:    %d, on stderr; --strict makes them errors\n", warnings)
	}
	fmt.Fprintln(w, "ok")
}
