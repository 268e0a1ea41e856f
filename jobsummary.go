package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dprkreport/dprkreport/report"
)

// maxSummaryRows bounds the change table of a job summary: GitHub keeps 1
// MiB of each step's summary, and a reviewer reads the first rows; the
// workbook's Changes sheet has them all.
const maxSummaryRows = 200

// stepSummary appends the change list to the job summary of a GitHub
// Actions step ($GITHUB_STEP_SUMMARY), when dprkreport runs in one.
func stepSummary(e *report.Edition, baseline string) error {
	path := os.Getenv("GITHUB_STEP_SUMMARY")
	if os.Getenv("GITHUB_ACTIONS") != "true" || path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	writeChanges(f, e, baseline)
	if err := f.Close(); err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	return nil
}

// writeChanges writes the change list as GitHub Markdown: a heading, the
// counts by rank, and a table, one change a row, every cell escaped.
func writeChanges(w io.Writer, e *report.Edition, baseline string) {
	n := e.Counts()
	fmt.Fprintf(w, "## Changes since the edition as of %s\n\n", e.Since)
	fmt.Fprintf(w, "Baseline %s, dataset fingerprint `%s`. %s: %d to figures and conflicts, %d to standing (grades, attribution, independence), %d to sourcing, %d to wording.\n\n",
		mdCode(baseline), e.Fingerprint[:12], report.Capital(report.Plural(len(e.Changes), "change")),
		n[report.RankFigure], n[report.RankStanding], n[report.RankSourcing], n[report.RankWording])
	if len(e.Changes) == 0 {
		return
	}
	fmt.Fprintln(w, "| Change | Record | Field | Before | After |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for i, c := range e.Changes {
		if i == maxSummaryRows {
			fmt.Fprintf(w, "\n%d more in the workbook's Changes sheet.\n", len(e.Changes)-maxSummaryRows)
			break
		}
		fmt.Fprintf(w, "| %s | %s %s | %s | %s | %s |\n", mdCell(c.Kind), mdCell(c.Record), mdCode(c.ID), mdCell(c.Field), mdCell(c.Before), mdCell(c.After))
	}
	fmt.Fprintln(w)
}

// mdEscaper makes dataset text inert in a GitHub Markdown table cell: no
// column break, no HTML, no emphasis, link or code span of its own.
var mdEscaper = strings.NewReplacer(
	"|", `\|`, "\\", `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "~", `\~`, "!", `\!`,
)

// lineBreaks become spaces before control characters are escaped.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

func mdCell(s string) string { return mdEscaper.Replace(safe(lineBreaks.Replace(s))) }

// mdCode writes an id or a path as code, with any backtick, which would
// end the span, made a quote.
func mdCode(s string) string { return "`" + strings.ReplaceAll(safe(s), "`", "'") + "`" }
