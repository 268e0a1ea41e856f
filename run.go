package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/ioerr"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/dprkreport/dprkreport/templates"
)

// artifact is one output asked for.
type artifact struct {
	path   string // "-" for stdout
	format string // "pdf" or "xlsx"
	size   int64
	desc   string // "6 pages"
}

// isTerminal tells whether w is a terminal, where a binary artifact must
// not go.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

var formats = map[string]string{".pdf": "pdf", ".xlsx": "xlsx"}

const formatHint = "name outputs with .pdf (briefing) or .xlsx (workbook), e.g. -o brief.pdf"

// defaultOutputs are written when no -o is given.
var defaultOutputs = []string{filepath.Join("out", "briefing.pdf"), filepath.Join("out", "workbook.xlsx")}

func execute(cfg config, stdout io.Writer, u *ui) int {
	u.quiet = cfg.quiet
	if code, ok := checkFlags(cfg, u); !ok {
		return code
	}
	if cfg.init != "" {
		return initDir(cfg.init, cfg.force, u)
	}
	var arts []*artifact
	if !cfg.check {
		var code int
		if arts, code = plan(cfg, isTerminal(stdout), u); arts == nil {
			return code
		}
	}

	epoch, err := sourceDateEpoch()
	if err != nil {
		return u.usage(err.Error(), "SOURCE_DATE_EPOCH is a count of seconds since 1970-01-01 UTC")
	}

	data, name, code := dataFS(cfg.data, u)
	if data == nil {
		return code
	}
	var fallback *briefing.Font
	if cfg.font != "" {
		if fallback, code = loadFont(cfg.font, u); fallback == nil {
			return code
		}
	}
	opt := dataset.Options{Name: name, Glyphs: briefing.Glyphs(fallback)}
	if cfg.archive != "" {
		if code := isDir("--archive", cfg.archive, u); code != 0 {
			return code
		}
		opt.Archive = os.DirFS(cfg.archive)
	}
	d, err := dataset.Load(data, opt)
	var base *dataset.Dataset
	var baseErr error
	if cfg.baseline != "" {
		if code := isDir("--baseline", cfg.baseline, u); code != 0 {
			return code
		}
		// The baseline's words reach the briefing as the "before" of a
		// change: it is held to the same glyphs. Its excerpts were
		// verified when it was current.
		base, baseErr = dataset.Load(os.DirFS(cfg.baseline), dataset.Options{Name: filepath.ToSlash(filepath.Clean(cfg.baseline)), Glyphs: opt.Glyphs})
	}
	if err != nil || baseErr != nil {
		return u.datasetErrors(stdout, loadFailure{"", err}, loadFailure{"baseline", baseErr})
	}
	ropt := report.Options{From: cfg.from, To: cfg.to}
	sum := report.Compute(d, ropt)
	if base != nil {
		sum.Edition = report.Compare(report.Compute(base, ropt), sum)
	}
	if cfg.archive != "" && !cfg.check {
		u.infof("verified %d excerpts in %d articles against %s", d.ArchiveChecked, d.ArchiveArticles, cfg.archive)
	}
	if cfg.check {
		printCheck(stdout, d, sum, cfg)
		if sum.Edition != nil {
			if err := stepSummary(sum.Edition, cfg.baseline); err != nil {
				return u.fail(err, "")
			}
		}
		return exitOK
	}
	if sum.Empty() {
		// Not an error: the artifacts say so plainly, and a scheduled job
		// for a period that has nothing yet still gets them.
		u.infof("note: nothing in the dataset falls in %s; the artifacts say so", sum.Period())
	}

	tfs := templates.Default()
	if cfg.templates != "" {
		if code := isDir("--templates", cfg.templates, u); code != 0 {
			return code
		}
		tfs = os.DirFS(cfg.templates)
	}
	tmpl, err := briefing.Parse(tfs)
	if err != nil {
		return u.fail(err, "fix the template, or run without --templates to use the embedded ones")
	}
	// The briefing numbers sources in the order it first cites them; the
	// workbook uses the same numbers, so number them before rendering
	// either. The second pass, which writes the briefing's text, runs only
	// when a briefing is asked for.
	var doc *briefing.Doc
	if slices.ContainsFunc(arts, func(a *artifact) bool { return a.format == "pdf" }) {
		doc, err = briefing.Compose(sum, tmpl)
	} else {
		_, err = briefing.Number(sum, tmpl)
	}
	if err != nil {
		return u.fail(err, "")
	}
	// The date the artifacts carry: SOURCE_DATE_EPOCH when set, so that CI
	// builds are dated by their commit, else the dataset's as-of date.
	// Never the clock: the same inputs give the same bytes.
	when := d.Meta.AsOfDate.First()
	if epoch != nil {
		when = *epoch
	}
	st := &staging{}
	defer st.discard()
	ws := make([]io.Writer, len(arts))
	for i, a := range arts {
		if ws[i], err = st.open(a); err != nil {
			return u.fail(err, "")
		}
	}
	// The artifacts do not depend on each other once the sources are
	// numbered: each is rendered on a core of its own. Errors are reported
	// in the order the outputs were named.
	errs := make([]error, len(arts))
	var wg sync.WaitGroup
	for i, a := range arts {
		wg.Go(func() { errs[i] = render(ws[i], a, doc, sum, when, fallback) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return u.fail(err, "")
	}
	if err := st.commit(stdout); err != nil {
		return u.fail(err, "")
	}
	for _, a := range arts {
		if a.path != "-" {
			u.infof("wrote %s (%s, %s)", a.path, size(a.size), a.desc)
		}
	}
	return exitOK
}

// render writes one artifact to w and sets its description.
func render(w io.Writer, a *artifact, doc *briefing.Doc, sum *report.Summary, when time.Time, fallback *briefing.Font) error {
	switch a.format {
	case "pdf":
		pages, err := briefing.Render(w, doc, briefing.Options{Date: when, Fallback: fallback})
		if err != nil {
			return fmt.Errorf("render briefing: %w", err)
		}
		a.desc = report.Plural(pages, "page")
	case "xlsx":
		if err := workbook.Write(w, sum, workbook.Options{Date: when}); err != nil {
			return fmt.Errorf("render workbook: %w", err)
		}
		a.desc = report.Plural(len(workbook.SheetNames(sum)), "sheet")
	}
	return nil
}

func checkFlags(cfg config, u *ui) (int, bool) {
	switch {
	case cfg.init != "" && (cfg.check || len(cfg.outputs) > 0 || cfg.data != "" || cfg.templates != "" || cfg.baseline != ""):
		return u.usage("--init does not combine with --check, -o, --data, --templates or --baseline", "run --init alone, then edit the folder"), false
	case cfg.force && cfg.init == "":
		return u.usage("--force goes with --init", ""), false
	case cfg.check && len(cfg.outputs) > 0:
		return u.usage("--check writes nothing; drop -o or --check", ""), false
	case cfg.format != "" && cfg.format != "pdf" && cfg.format != "xlsx":
		return u.usage(fmt.Sprintf("--format %q is not pdf or xlsx", cfg.format), ""), false
	case cfg.from < 0 || cfg.to < 0 || (cfg.from != 0 && (cfg.from < 1900 || cfg.from > 2999)) || (cfg.to != 0 && (cfg.to < 1900 || cfg.to > 2999)):
		return u.usage("--from and --to take a year such as 2023", ""), false
	case cfg.from != 0 && cfg.to != 0 && cfg.from > cfg.to:
		return u.usage(fmt.Sprintf("--from %d is after --to %d", cfg.from, cfg.to), ""), false
	}
	return 0, true
}

// plan turns the -o flags into artifacts, refusing anything that would fail
// later: unknown extensions, the same output twice, a directory as output.
func plan(cfg config, toTerminal bool, u *ui) ([]*artifact, int) {
	outs := cfg.outputs
	if len(outs) == 0 {
		outs = defaultOutputs
	}
	if cfg.format != "" && !slices.Contains(outs, "-") {
		return nil, u.usage("--format goes with -o -", "the format of a file is taken from its extension")
	}
	seen := map[string]bool{}
	var arts []*artifact
	for _, p := range outs {
		a := &artifact{path: p}
		if p == "-" {
			if cfg.format == "" {
				return nil, u.usage("-o - needs --format pdf or --format xlsx", "")
			}
			if toTerminal {
				return nil, u.usage("-o - would write a binary "+strings.ToUpper(cfg.format)+" to the terminal", "redirect it: dprkreport -o - --format "+cfg.format+" > FILE, or pipe it")
			}
			a.format = cfg.format
		} else {
			a.format = formats[strings.ToLower(filepath.Ext(p))]
			if a.format == "" {
				return nil, u.usage(fmt.Sprintf("%s: unknown output extension %q", p, filepath.Ext(p)), formatHint)
			}
		}
		key := p
		if p != "-" {
			if abs, err := filepath.Abs(p); err == nil {
				key = abs
			}
		}
		if seen[key] {
			return nil, u.usage(fmt.Sprintf("%s: named twice as output", p), "name each output once")
		}
		seen[key] = true
		if p != "-" {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				return nil, u.fail(fmt.Errorf("%s: output is a directory", p), "name a file inside it, e.g. "+filepath.Join(p, "briefing.pdf"))
			}
		}
		arts = append(arts, a)
	}
	return arts, 0
}

// dataFS opens the dataset folder: --data, or the embedded one.
func dataFS(dir string, u *ui) (fs.FS, string, int) {
	if dir == "" {
		return dataset.Default(), "dataset/data", 0
	}
	if code := isDir("--data", dir, u); code != 0 {
		return nil, "", code
	}
	return os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)), 0
}

// dirHints say what each directory flag wants when it names nothing.
var dirHints = map[string]string{
	"--data":      "dprkreport --init DIR writes a dataset and templates to start from",
	"--templates": "dprkreport --init DIR writes the templates into DIR/templates",
	"--archive":   "--archive takes the folder of archived article texts that sources.toml names",
	"--baseline":  "--baseline takes the dataset folder of the previous edition, e.g. one checked out with git worktree add",
}

func isDir(flag, dir string, u *ui) int {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return u.fail(fmt.Errorf("%s %s: no such directory", flag, dir), dirHints[flag])
	case err != nil:
		return u.fail(fmt.Errorf("%s %s: %w", flag, dir, err), "")
	case !fi.IsDir():
		return u.fail(fmt.Errorf("%s %s: not a directory", flag, dir), flag+" takes the folder that holds the files")
	}
	return 0
}

// loadFont reads the --font file: a regular file of at most
// briefing.MaxFontSize bytes that gofpdf can embed.
func loadFont(path string, u *ui) (*briefing.Font, int) {
	data, err := dataset.ReadFile(os.DirFS(filepath.Dir(path)), filepath.Base(path), briefing.MaxFontSize)
	if err != nil {
		return nil, u.fail(fmt.Errorf("--font %s: %w", path, ioerr.Cause(err)), "give a TrueType font file, e.g. /usr/share/fonts/truetype/nanum/NanumGothic.ttf (Debian: fonts-nanum)")
	}
	f, err := briefing.LoadFont(path, data)
	if err != nil {
		return nil, u.fail(fmt.Errorf("--font %w", err), "give a TrueType (.ttf) font with glyf outlines, e.g. NanumGothic.ttf from Debian's fonts-nanum")
	}
	return f, 0
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): nil
// when it is not set.
func sourceDateEpoch() (*time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds", s)
	}
	// PDF and OOXML dates have four-digit years, and a ZIP entry's date
	// starts in 1980: outside those an artifact's dates would be malformed.
	t := time.Unix(n, 0).UTC()
	if t.Year() < 1980 || t.Year() > 9999 {
		return nil, fmt.Errorf("SOURCE_DATE_EPOCH=%s is in the year %d; artifacts can carry dates from 1980 to 9999", s, t.Year())
	}
	return &t, nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func printCheck(w io.Writer, d *dataset.Dataset, s *report.Summary, cfg config) {
	n := s.Counts
	fmt.Fprintf(w, "dataset:     %s\n", d.Meta.Title)
	fmt.Fprintf(w, "as of:       %s (fingerprint %s)\n", d.Meta.AsOf, d.Fingerprint[:12])
	fmt.Fprintf(w, "sources:     %d articles, %d references\n", n.Articles, n.References)
	fmt.Fprintf(w, "originators: %d\n", n.Originators)
	fmt.Fprintf(w, "claims:      %d (%d figures, %d statements)\n", len(s.Claims), n.Figures, len(s.Claims)-n.Figures)
	fmt.Fprintf(w, "incidents:   %d\n", len(s.Incidents))
	fmt.Fprintf(w, "citations:   %d\n", n.Citations)
	if s.YearFrom != 0 {
		fmt.Fprintf(w, "years:       %d–%d\n", s.YearFrom, s.YearTo)
	}
	if s.Empty() {
		fmt.Fprintf(w, "period:      nothing falls in %s\n", s.Period())
	}
	fmt.Fprintf(w, "conflicts:   %d quantities reported with different values\n", len(s.Conflicts))
	if cfg.archive != "" {
		fmt.Fprintf(w, "archive:     %d excerpts verified in %d articles from %s\n", d.ArchiveChecked, d.ArchiveArticles, cfg.archive)
	}
	if e := s.Edition; e != nil {
		n := e.Counts()
		fmt.Fprintf(w, "changes:     %d since %s (fingerprint %s): %d figures and conflicts, %d standing, %d sourcing, %d wording\n",
			len(e.Changes), e.Since, e.Fingerprint[:12], n[report.RankFigure], n[report.RankStanding], n[report.RankSourcing], n[report.RankWording])
		for _, c := range e.Changes {
			fmt.Fprintf(w, "  %s\n", safe(c.Line()))
		}
	}
	fmt.Fprintln(w, "ok")
}
