package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/templates"
)

// collectWarnings returns the dataset's warnings and those only the command
// line can know: a SOURCE_DATE_EPOCH before the dates the dataset cites, an
// as_of not after the baseline's, and templates beside --data that this run
// does not read. The baseline's own warnings are not repeated: they were
// the previous edition's to fix.
func collectWarnings(cfg config, in *inputs) dataset.ErrorList {
	var ws dataset.ErrorList
	if in.epoch != nil {
		if w := epochWarning(*in.epoch, cfg.env.sourceDateEpoch, in.data); w != nil {
			ws = append(ws, w)
		}
	}
	if in.base != nil {
		if w := asOfWarning(in.data, in.base, filepath.Join(in.name, dataset.FileMeta), filepath.Join(baselineName(cfg), dataset.FileMeta)); w != nil {
			ws = append(ws, w)
		}
	}
	if cfg.data != "" && cfg.templates == "" {
		if w := unusedTemplates(cfg.data); w != nil {
			ws = append(ws, w)
		}
	}
	// The dataset's own come first, as Load sorted and capped them.
	ws.Sort()
	return append(slices.Clone(in.data.Warnings), ws...)
}

// epochWarning: artifacts dated by SOURCE_DATE_EPOCH before a date they
// cite would say they were built before what they report.
func epochWarning(epoch time.Time, raw string, d *dataset.Dataset) *dataset.Error {
	newest, what := d.NewestDate()
	if newest.IsZero() || !epoch.Before(newest.First()) {
		return nil
	}
	return &dataset.Error{
		Msg: fmt.Sprintf("SOURCE_DATE_EPOCH=%s dates the artifacts %s, before %s (%s), the newest date the dataset cites",
			raw, epoch.Format(time.DateOnly), newest, what),
		Hint: "set SOURCE_DATE_EPOCH to a later time, such as the last commit's, or leave it unset to date the artifacts by as_of",
	}
}

// asOfWarning: an edition whose data changed since the baseline must be
// dated after it, or the briefing calls an edition of the same date, or a
// later one, "previous". The same data again (a weekly rebuild) is not a
// new edition and keeps its date.
func asOfWarning(d, base *dataset.Dataset, file, baseFile string) *dataset.Error {
	if d.Fingerprint == base.Fingerprint || d.Meta.AsOfDate.First().After(base.Meta.AsOfDate.First()) {
		return nil
	}
	return &dataset.Error{
		File: file,
		Msg: fmt.Sprintf("as_of %s is not after the baseline's as_of %s (%s): the briefing would call an edition that is not older %q",
			d.Meta.AsOf, base.Meta.AsOf, baseFile, "the previous edition"),
		Hint: "set as_of to the date of this edition, or check that --baseline names the previous one",
	}
}

// unusedTemplates: --init writes the templates into DIR/templates, and
// --data DIR does not read them. When they differ from the embedded ones
// that this run uses, say so once.
func unusedTemplates(data string) *dataset.Error {
	dir := filepath.Join(data, "templates")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || !differ(os.DirFS(dir), templates.Default()) {
		return nil
	}
	return &dataset.Error{
		File: dir,
		Msg:  "holds briefing templates that differ from the embedded ones, which this run uses: --data reads no templates",
		Hint: "add --templates " + shellArg(runtime.GOOS, dir) + " to use them",
	}
}

// differ reports whether the templates (*.md) of a and b differ in their
// names or their bytes; a template that cannot be read differs.
func differ(a, b fs.FS) bool {
	na, errA := fs.Glob(a, "*.md")
	nb, errB := fs.Glob(b, "*.md")
	if errA != nil || errB != nil || !slices.Equal(na, nb) {
		return true
	}
	for _, name := range na {
		x, errA := dataset.ReadFile(a, name, dataset.MaxFileSize)
		y, errB := dataset.ReadFile(b, name, dataset.MaxFileSize)
		if errA != nil || errB != nil || !bytes.Equal(x, y) {
			return true
		}
	}
	return false
}

// warnings prints each warning, positioned as errors are, and on GitHub
// Actions as a workflow command on annotations. With strict, warnings are
// errors: the run ends before anything is written.
func (u *ui) warnings(annotations io.Writer, ws dataset.ErrorList, strict bool) error {
	for _, w := range ws {
		fmt.Fprintln(u.stderr, safe(warningLine(w)))
		if u.annotate {
			fmt.Fprintln(annotations, annotation("warning", w, ""))
		}
	}
	if strict && len(ws) > 0 {
		return failure(fmt.Errorf("%s with --strict; nothing was written", report.Plural(ws.Count(), "warning")), "fix what each says, or run without --strict")
	}
	return nil
}

// warningLine writes a warning as "FILE:LINE:COL: warning: MSG (hint:
// HINT)", or "dprkreport: warning: …" for one that concerns no file.
func warningLine(e *dataset.Error) string {
	w := *e
	w.Msg = "warning: " + e.Msg
	if w.File == "" {
		w.File = "dprkreport"
	}
	return w.Error()
}
