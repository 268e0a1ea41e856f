package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/jsonexport"
	"github.com/dprkreport/dprkreport/report/stix"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/dprkreport/dprkreport/templates"
)

// artifact is one output asked for.
type artifact struct {
	path   string // "-" for stdout
	format string // "pdf", "md", "html", "xlsx", "stix" or "json"
	size   int64
	desc   string // "6 pages"
}

// isTerminal tells whether w is a terminal, where a binary artifact must
// not go.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

var formats = map[string]string{".pdf": "pdf", ".md": "md", ".html": "html", ".xlsx": "xlsx", ".json": "json"}

// formatOf is the format an output's name asks for: by its extension, and
// .stix.json for the STIX bundle; "" when unknown.
func formatOf(path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".stix.json") {
		return "stix"
	}
	return formats[strings.ToLower(filepath.Ext(path))]
}

// textFormats may go to a terminal.
var textFormats = []string{"md", "html", "stix", "json"}

const formatHint = "name outputs with .pdf (briefing), .md (briefing as Markdown), .html (briefing as an accessible page), .xlsx (workbook), .stix.json (STIX 2.1 bundle) or .json (tables), e.g. -o brief.pdf"

// defaultOutputs are written when no -o is given.
var defaultOutputs = []string{filepath.Join("out", "briefing.pdf"), filepath.Join("out", "workbook.xlsx")}

// execute is the pipeline: the flags checked and the outputs planned, the
// inputs read, the warnings said, the summary built and the briefing
// composed; then --check prints what it found, or the artifacts are
// rendered and committed together.
func execute(cfg config, stdout io.Writer, u *ui) error {
	if err := checkFlags(cfg); err != nil {
		return err
	}
	if cfg.init != "" {
		return initDir(cfg.init, cfg.force, u)
	}
	if done, err := datasetCommand(cfg, stdout, u); done {
		return err
	}
	if cfg.archive == "" {
		cfg.archive = archiveDir(cfg)
		cfg.archiveFound = cfg.archive != ""
	}
	var arts []*artifact
	if !cfg.check {
		var err error
		if arts, err = plan(cfg, isTerminal(stdout)); err != nil {
			return err
		}
	}
	// The PDF's fonts need nothing from the data: they load on the other
	// core while the inputs are read.
	var pdf *briefing.Prepared
	if slices.ContainsFunc(arts, func(a *artifact) bool { return a.format == "pdf" }) {
		pdf = briefing.Prepare()
	}
	in, err := readInputs(cfg, u)
	if err != nil {
		return err
	}
	in.pdf = pdf
	// Workflow commands go to stdout, unless an artifact does.
	annotations := stdout
	if slices.Contains(cfg.outputs, "-") {
		annotations = u.stderr
	}
	warnings := collectWarnings(cfg, in)
	if err := u.warnings(annotations, warnings, cfg.strict); err != nil {
		return err
	}
	// --check composes the briefing as a render would, so that it rejects
	// what the render would; a workbook alone needs only the numbering.
	b, err := build(cfg, in, u, cfg.check || slices.ContainsFunc(arts, func(a *artifact) bool { return a.format == "pdf" || a.format == "md" || a.format == "html" }))
	if err != nil {
		return err
	}
	if cfg.check {
		return check(stdout, cfg, in, b, warnings.Count())
	}
	return renderAll(stdout, u, arts, in, b)
}

// inputs is everything a run reads before it computes.
type inputs struct {
	epoch    *time.Time // SOURCE_DATE_EPOCH, when set
	name     string     // the dataset's folder, as messages name it
	data     *dataset.Dataset
	base     *dataset.Dataset   // --baseline's, or nil
	fallback *briefing.Font     // --font's, or nil
	pdf      *briefing.Prepared // the briefing's document, begun early, or nil
	tmpl     *briefing.Templates
}

// readInputs reads and validates everything the flags and the environment
// name: the date, the dataset (and the baseline, the font, the archive it
// is verified against), then the templates.
func readInputs(cfg config, u *ui) (*inputs, error) {
	in := &inputs{}
	var err error
	if in.epoch, err = sourceDateEpoch(cfg.env.sourceDateEpoch); err != nil {
		return nil, usageError(err.Error(), "SOURCE_DATE_EPOCH is a count of seconds since 1970-01-01 UTC")
	}
	data, name, err := dataFS(cfg.data)
	if err != nil {
		return nil, err
	}
	in.name = name
	gcForData(data)
	if cfg.font != "" {
		if in.fallback, err = loadFont(cfg.font); err != nil {
			return nil, err
		}
	}
	opt := dataset.Options{Name: name, Glyphs: briefing.Glyphs(in.fallback)}
	if cfg.archive != "" {
		if err := isDir("--archive", cfg.archive); err != nil {
			return nil, err
		}
		opt.Archive = os.DirFS(cfg.archive)
		opt.ArchivePartial = cfg.archiveFound
	}
	if in.data, in.base, err = loadDatasets(cfg, data, opt); err != nil {
		return nil, err
	}
	if cfg.archive != "" && !cfg.check {
		u.infof("verified %d excerpts in %d articles against %s", in.data.ArchiveChecked, in.data.ArchiveArticles, cfg.archive)
	}
	tfs := templates.Default()
	if cfg.templates != "" {
		if err := isDir("--templates", cfg.templates); err != nil {
			return nil, err
		}
		tfs = os.DirFS(cfg.templates)
	}
	if in.tmpl, err = briefing.Parse(tfs); err != nil {
		return nil, failure(err, "fix the template, or run without --templates to use the embedded ones")
	}
	return in, nil
}

// loadDatasets loads the dataset and, with --baseline, the previous
// edition's; the problems of both are reported together.
func loadDatasets(cfg config, data fs.FS, opt dataset.Options) (d, base *dataset.Dataset, err error) {
	d, err = dataset.Load(data, opt)
	var baseErr error
	if cfg.baseline != "" {
		if err := isDir("--baseline", cfg.baseline); err != nil {
			return nil, nil, err
		}
		// The baseline's words reach the briefing as the "before" of a
		// change: it is held to the same glyphs. Its excerpts were
		// verified when it was current.
		base, baseErr = dataset.Load(os.DirFS(cfg.baseline), dataset.Options{Name: baselineName(cfg), Glyphs: opt.Glyphs})
	}
	if err != nil || baseErr != nil {
		inv := &invalidData{annotate: cfg.env.githubActions, stdoutArtifact: slices.Contains(cfg.outputs, "-")}
		for _, f := range []loadFailure{{"", err}, {"baseline", baseErr}} {
			if f.err != nil {
				inv.fails = append(inv.fails, f)
			}
		}
		return nil, nil, inv
	}
	return d, base, nil
}

// baselineName is how the baseline's files are named in messages: the
// path as given, cleaned, in the platform's form (C:\old on Windows).
func baselineName(cfg config) string { return filepath.Clean(cfg.baseline) }

// built is what a run computes from its inputs: the summary, the edition
// beside it (given a baseline), the bibliography's numbering and, when
// asked for, the composed briefing.
type built struct {
	sum *report.Summary
	ed  *edition.Edition
	num *report.Numbering
	doc *briefing.Doc
}

// build computes the summary and numbers its sources as the briefing
// first cites them; with compose it also writes the briefing's text.
func build(cfg config, in *inputs, u *ui, compose bool) (*built, error) {
	ropt := report.Options{From: cfg.from, To: cfg.to}
	b := &built{sum: report.Compute(in.data, ropt)}
	if in.base != nil {
		b.ed = edition.Compare(report.Compute(in.base, ropt), b.sum)
	}
	if b.sum.Empty() && !cfg.check {
		// Not an error: the artifacts say so plainly, and a scheduled job
		// for a period that has nothing yet still gets them.
		u.infof("note: the report is empty: %s; the artifacts say so", b.sum.EmptyWords())
	}
	// The briefing numbers sources in the order it first cites them; the
	// workbook uses the same numbers, so number them before rendering
	// either (report.Numbering says why a workbook alone needs this). The
	// second pass, which writes the briefing's text, runs only when a
	// briefing is asked for (or checked).
	var err error
	if compose {
		if b.doc, err = briefing.Compose(b.sum, b.ed, in.tmpl); err == nil {
			b.num = b.doc.Numbering
		}
	} else {
		b.num, err = briefing.Number(b.sum, b.ed, in.tmpl)
	}
	if err != nil {
		return nil, failure(err, "")
	}
	return b, nil
}

// renderAll renders every artifact at once, each into its staged file,
// then commits them all or none.
func renderAll(stdout io.Writer, u *ui, arts []*artifact, in *inputs, b *built) error {
	// The date the artifacts carry: SOURCE_DATE_EPOCH when set, so that CI
	// builds are dated by their commit, else the dataset's as-of date.
	// Never the clock: the same inputs give the same bytes.
	when := in.data.Meta.AsOfDate.First()
	if in.epoch != nil {
		when = *in.epoch
	}
	st := &staging{}
	defer st.discard()
	ws := make([]io.Writer, len(arts))
	for i, a := range arts {
		var err error
		if ws[i], err = st.open(a); err != nil {
			return failure(err, "")
		}
	}
	// The artifacts do not depend on each other once the sources are
	// numbered: each is rendered on a core of its own. Errors are reported
	// in the order the outputs were named.
	errs := make([]error, len(arts))
	var wg sync.WaitGroup
	for i, a := range arts {
		wg.Go(func() {
			errs[i] = render(ws[i], a, b, workbook.Options{Date: when, Version: buildVersion(), Edition: b.ed, Numbering: b.num}, in)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return failure(err, "")
	}
	if err := st.commit(stdout); err != nil {
		return failure(err, "")
	}
	for _, a := range arts {
		if a.path != "-" {
			u.infof("wrote %s (%s, %s)", a.path, size(a.size), a.desc)
		}
	}
	return nil
}

// render writes one artifact to w and sets its description.
func render(w io.Writer, a *artifact, b *built, wopt workbook.Options, in *inputs) error {
	switch a.format {
	case "pdf":
		pages, err := briefing.Render(w, b.doc, briefing.Options{Date: wopt.Date, Fallback: in.fallback, Version: wopt.Version, Prepared: in.pdf})
		if err != nil {
			return fmt.Errorf("render briefing: %w", err)
		}
		a.desc = report.Plural(pages, "page")
	case "md":
		if err := briefing.WriteMarkdown(w, b.doc); err != nil {
			return fmt.Errorf("write briefing Markdown: %w", err)
		}
		a.desc = "Markdown"
	case "html":
		if err := briefing.RenderHTML(w, b.doc, briefing.Options{Date: wopt.Date, Version: wopt.Version}); err != nil {
			return fmt.Errorf("render HTML briefing: %w", err)
		}
		a.desc = "HTML"
	case "xlsx":
		if err := workbook.Write(w, b.sum, wopt); err != nil {
			return fmt.Errorf("render workbook: %w", err)
		}
		a.desc = report.Plural(len(workbook.SheetNames(b.sum, b.ed)), "sheet")
	case "stix":
		n, err := stix.Write(w, b.sum, stix.Options{Numbering: b.num, Edition: b.ed})
		if err != nil {
			return fmt.Errorf("render STIX bundle: %w", err)
		}
		a.desc = "STIX 2.1, " + report.Plural(n, "object")
	case "json":
		if err := jsonexport.Write(w, b.sum, jsonexport.Options{Numbering: b.num, Edition: b.ed}); err != nil {
			return fmt.Errorf("render JSON tables: %w", err)
		}
		a.desc = "JSON tables; dprkreport --schema json prints their schema"
	}
	return nil
}

func checkFlags(cfg config) error {
	switch {
	case cfg.init != "" && (cfg.check || len(cfg.outputs) > 0 || cfg.data != "" || cfg.templates != "" || cfg.baseline != ""):
		return usageError("--init does not combine with --check, -o, --data, --templates or --baseline", "run --init alone, then edit the folder")
	case cfg.force && cfg.init == "":
		return usageError("--force goes with --init", "")
	case cfg.check && len(cfg.outputs) > 0:
		return usageError("--check writes nothing; drop -o or --check", "")
	case cfg.format != "" && !slices.Contains([]string{"pdf", "md", "html", "xlsx", "stix", "json"}, cfg.format):
		return usageError(fmt.Sprintf("--format %q is not pdf, md, html, xlsx, stix or json", cfg.format), "")
	case cfg.from < 0 || cfg.to < 0 || (cfg.from != 0 && (cfg.from < 1900 || cfg.from > 2999)) || (cfg.to != 0 && (cfg.to < 1900 || cfg.to > 2999)):
		return usageError("--from and --to take a year such as 2023", "")
	case cfg.from != 0 && cfg.to != 0 && cfg.from > cfg.to:
		return usageError(fmt.Sprintf("--from %d is after --to %d", cfg.from, cfg.to), "")
	}
	return nil
}

// plan turns the -o flags into artifacts, refusing anything that would fail
// later: unknown extensions, the same output twice, a directory as output.
func plan(cfg config, toTerminal bool) ([]*artifact, error) {
	outs := cfg.outputs
	if len(outs) == 0 {
		outs = defaultOutputs
	}
	if cfg.format != "" && !slices.Contains(outs, "-") {
		return nil, usageError("--format goes with -o -", "the format of a file is taken from its extension")
	}
	seen := map[string]bool{}
	var arts []*artifact
	for _, p := range outs {
		a := &artifact{path: p}
		if p == "-" {
			if cfg.format == "" {
				return nil, usageError("-o - needs --format pdf, md, html, xlsx, stix or json", "")
			}
			if toTerminal && !slices.Contains(textFormats, cfg.format) {
				return nil, usageError("-o - would write a binary "+strings.ToUpper(cfg.format)+" to the terminal", "redirect it: dprkreport -o - --format "+cfg.format+" > FILE, or pipe it")
			}
			a.format = cfg.format
		} else {
			a.format = formatOf(p)
			if a.format == "" {
				return nil, usageError(fmt.Sprintf("%s: unknown output extension %q", p, filepath.Ext(p)), formatHint)
			}
		}
		key := p
		if p != "-" {
			if abs, err := filepath.Abs(p); err == nil {
				key = sameFileKey(runtime.GOOS, abs)
			}
		}
		if seen[key] {
			return nil, usageError(fmt.Sprintf("%s: named twice as output", p), "name each output once")
		}
		seen[key] = true
		if p != "-" {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				return nil, failure(fmt.Errorf("%s: output is a directory", p), "name a file inside it, e.g. "+filepath.Join(p, "briefing.pdf"))
			}
		}
		arts = append(arts, a)
	}
	return arts, nil
}

// dataFS opens the dataset folder: --data, or the embedded one; the name
// is how its files are named in messages.
func dataFS(dir string) (fs.FS, string, error) {
	if dir == "" {
		return dataset.Default(), "dataset/data", nil
	}
	if err := isDir("--data", dir); err != nil {
		return nil, "", err
	}
	return os.DirFS(dir), filepath.Clean(dir), nil
}

// dirHints say what each directory flag wants when it names nothing.
var dirHints = map[string]string{
	"--data":      "dprkreport --init DIR writes a dataset and templates to start from",
	"--templates": "dprkreport --init DIR writes the templates into DIR/templates",
	"--archive":   "--archive takes the folder of archived article texts that sources.toml names",
	"--baseline":  "--baseline takes the dataset folder of the previous edition, e.g. one checked out with git worktree add",
}

// isDir checks that a directory flag names a directory.
func isDir(flag, dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return failure(fmt.Errorf("%s %s: no such directory", flag, dir), dirHints[flag])
	case err != nil:
		return failure(fmt.Errorf("%s %s: %w", flag, dir, err), "")
	case !fi.IsDir():
		return failure(fmt.Errorf("%s %s: not a directory", flag, dir), flag+" takes the folder that holds the files")
	}
	return nil
}

// loadFont reads the --font file: a regular file of at most
// briefing.MaxFontSize bytes that gofpdf can embed.
func loadFont(path string) (*briefing.Font, error) {
	data, err := dataset.ReadFile(os.DirFS(filepath.Dir(path)), filepath.Base(path), briefing.MaxFontSize)
	if err != nil {
		return nil, failure(fmt.Errorf("--font %s: %w", path, ioerr.Cause(err)), "give a TrueType font file, e.g. /usr/share/fonts/truetype/nanum/NanumGothic.ttf (Debian: fonts-nanum)")
	}
	f, err := briefing.LoadFont(path, data)
	if err != nil {
		return nil, failure(fmt.Errorf("--font %w", err), "give a TrueType (.ttf) font with glyf outlines, e.g. NanumGothic.ttf from Debian's fonts-nanum")
	}
	return f, nil
}

// sourceDateEpoch parses SOURCE_DATE_EPOCH (reproducible-builds.org): nil
// when it is not set.
func sourceDateEpoch(s string) (*time.Time, error) {
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
