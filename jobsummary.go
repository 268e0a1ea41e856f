package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/ioerr"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// maxSummaryRows bounds the change table of a job summary: GitHub keeps 1
// MiB of each step's summary, and a reviewer reads the first rows; the
// workbook's Changes sheet has them all.
const maxSummaryRows = 200

// stepSummary appends the change list to the job summary of a GitHub
// Actions step: the file GITHUB_STEP_SUMMARY names. It must be a regular
// file, as the data files must: a named pipe or a device is refused before
// anything waits on it. Any failed write is an error naming the file.
func stepSummary(path string, e *edition.Edition, baseline string) error {
	f, err := openSummary(path)
	if err != nil {
		return fmt.Errorf("job summary %s: %w", path, ioerr.Cause(err))
	}
	err = writeSummary(f, e, baseline)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("job summary %s: %w", path, ioerr.Cause(err))
	}
	return nil
}

// openSummary opens the job summary for appending, creating it if need
// be. It checks the kind of file before opening it and again on what was
// opened; the open does not block, so a named pipe swapped in between
// cannot hang the run.
func openSummary(path string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil {
		if err := dataset.RegularFile(fi); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NONBLOCK, 0o644)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = dataset.RegularFile(fi)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// writeSummary writes the change list to w, returning the first write
// error.
func writeSummary(w io.Writer, e *edition.Edition, baseline string) error {
	bw := bufio.NewWriter(w)
	writeChanges(bw, e, baseline)
	return bw.Flush()
}

// writeChanges writes the change list as GitHub Markdown: a heading, the
// counts by rank, and a table, one change a row, every cell escaped.
func writeChanges(w io.Writer, e *edition.Edition, baseline string) {
	n := e.Counts()
	fmt.Fprintf(w, "## Changes since the edition as of %s\n\n", e.Since)
	fmt.Fprintf(w, "Baseline %s, dataset fingerprint `%s`. %s: %d to figures and conflicts, %d to standing (grades, attribution, independence), %d to sourcing, %d to wording.\n\n",
		mdCode(baseline), e.Fingerprint[:12], report.Capital(report.Plural(len(e.Changes), "change")),
		n[edition.RankFigure], n[edition.RankStanding], n[edition.RankSourcing], n[edition.RankWording])
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
