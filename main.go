package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/dprkreport/dprkreport/report/jsonexport"
)

func main() {
	handleSignals()
	tuneGC = true
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	for _, f := range atExit {
		f()
	}
	os.Exit(code)
}

// atExit runs before a normal exit: the profiles of a binary built with
// -tags profile (profile.go). Empty otherwise.
var atExit []func()

// handleSignals makes an interrupt or a termination request remove every
// temporary file and put back every file a commit had replaced, then exit
// 130 or 143, as a shell reports a death by SIGINT or SIGTERM.
func handleSignals() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		msg := "stopped"
		if abandonAll() {
			msg += "; temporary files removed, existing outputs left as they were"
		}
		fmt.Fprintf(os.Stderr, "dprkreport: %s: %s\n", sig, msg)
		if sig == syscall.SIGTERM {
			os.Exit(exitTerm)
		}
		os.Exit(exitInterrupt)
	}()
}

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // invalid data, failed render or write
	exitUsage = 2

	exitInterrupt = 130 // 128 + SIGINT
	exitTerm      = 143 // 128 + SIGTERM
)

// config is what the flags and the environment ask for.
type config struct {
	outputs   []string
	format    string
	data      string
	templates string
	font      string
	archive   string
	// archiveFound is set when archive is the --data folder's own
	// archive/, found rather than named: a copy missing from it is a
	// warning, not an error (a dataset started with --init holds copies
	// only of the articles its curators added).
	archiveFound bool
	baseline     string
	check        bool
	strict       bool
	init         string
	force        bool
	from, to     int
	quiet        bool
	help         bool
	version      bool
	schema       string // print this export's schema: "json"
	env          environment

	addArticle, paragraphs, impact string
	article                        articleMeta
}

// environment is what dprkreport reads from its environment, read once
// when the run starts.
type environment struct {
	githubActions   bool   // GITHUB_ACTIONS=true: annotations and a job summary
	stepSummary     string // GITHUB_STEP_SUMMARY: the job summary's file
	sourceDateEpoch string // SOURCE_DATE_EPOCH, parsed by sourceDateEpoch
}

func readEnvironment() environment {
	return environment{
		githubActions:   os.Getenv("GITHUB_ACTIONS") == "true",
		stepSummary:     os.Getenv("GITHUB_STEP_SUMMARY"),
		sourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"),
	}
}

// run is Run with its outcome turned into an exit status: the one place
// where an error becomes a message, a hint and a code.
func run(args []string, stdout, stderr io.Writer) int {
	return exit(Run(args, stdout, stderr), stdout, stderr)
}

// Run is the whole command: flags, then the pipeline. Its error says what
// went wrong and, through its type, which exit status that is (see exit).
func Run(args []string, stdout, stderr io.Writer) error {
	cfg, fs, err := parseFlags(args)
	if err != nil {
		return err
	}
	switch {
	case cfg.help:
		fmt.Fprint(stdout, usage(fs))
		return nil
	case cfg.version:
		fmt.Fprintln(stdout, "dprkreport", buildVersion())
		return nil
	case cfg.schema != "":
		if cfg.schema != "json" {
			return usageError(fmt.Sprintf("--schema %q: the JSON export is the only one with a schema of its own", cfg.schema), "dprkreport --schema json; the STIX bundle follows the OASIS STIX 2.1 schemas")
		}
		_, err := stdout.Write(jsonexport.Schema())
		return err
	}
	cfg.env = readEnvironment()
	u := &ui{stderr: stderr, quiet: cfg.quiet, annotate: cfg.env.githubActions}
	return execute(cfg, stdout, u)
}

// parseFlags reads the command line into a config; the flag set is for
// --help.
func parseFlags(args []string) (config, *pflag.FlagSet, error) {
	var cfg config
	fs := pflag.NewFlagSet("dprkreport", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.StringArrayVarP(&cfg.outputs, "output", "o", nil, "write an artifact to `FILE`: .pdf (briefing), .md (its Markdown), .html (its accessible page), .xlsx (workbook), .stix.json (STIX 2.1 bundle) or .json (tables); repeatable; - for stdout (with --format)")
	fs.StringVar(&cfg.format, "format", "", "write -o - as `FMT`: pdf, md, html, xlsx, stix or json")
	fs.StringVarP(&cfg.data, "data", "d", "", "read the dataset from `DIR` (default: the embedded dataset)")
	fs.StringVar(&cfg.templates, "templates", "", "read the briefing templates from `DIR` (default: the embedded templates)")
	fs.StringVar(&cfg.font, "font", "", "draw what the built-in fonts lack (Hangul, say) with the TrueType font `FILE`")
	fs.StringVar(&cfg.archive, "archive", "", "verify excerpts, paragraph counts and sha256 against the archived articles in `DIR` (default: the --data folder's archive/, when it has one)")
	fs.StringVar(&cfg.baseline, "baseline", "", "compare with the previous edition's dataset in `DIR`: the changes lead the briefing, fill a Changes sheet and follow --check")
	fs.BoolVar(&cfg.check, "check", false, "validate the dataset and compose the briefing; print a summary; write nothing")
	fs.BoolVar(&cfg.strict, "strict", false, "treat warnings as errors: print them, exit 1 and write nothing")
	fs.StringVar(&cfg.init, "init", "", "write the embedded dataset and templates into `DIR` as a starting point")
	fs.BoolVar(&cfg.force, "force", false, "with --init, overwrite files that exist")
	datasetFlags(fs, &cfg)
	fs.IntVar(&cfg.from, "from", 0, "keep claims and incidents from `YEAR` on")
	fs.IntVar(&cfg.to, "to", 0, "keep claims and incidents up to `YEAR`")
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "do not report what was written")
	fs.StringVar(&cfg.schema, "schema", "", "print the JSON Schema of an export (`KIND`: json) and exit")
	fs.BoolVar(&cfg.version, "version", false, "print the version and exit")
	fs.BoolVarP(&cfg.help, "help", "h", false, "print this help and exit")

	if err := fs.Parse(args); err != nil {
		return cfg, nil, usageError(err.Error(), "run dprkreport --help for the options")
	}
	// An empty value never means "the default": --data "" is a mistake
	// (an unset variable), not a request for the embedded dataset.
	for _, name := range append([]string{"output", "format", "data", "templates", "font", "archive", "baseline", "init", "schema"}, datasetFlagNames...) {
		f := fs.Lookup(name)
		if !f.Changed {
			continue
		}
		empty := f.Value.String() == ""
		if name == "output" {
			empty = slices.Contains(cfg.outputs, "")
		}
		if empty {
			return cfg, nil, usageError(fmt.Sprintf("--%s was given an empty value", name), "leave the flag out for its default, or check the variable that should have filled it")
		}
	}
	if fs.NArg() > 0 && !cfg.help && !cfg.version {
		return cfg, nil, usageError(fmt.Sprintf("unexpected argument %q", fs.Arg(0)), "name outputs with -o FILE")
	}
	return cfg, fs, nil
}

func usage(fs *pflag.FlagSet) string {
	var b strings.Builder
	b.WriteString(`Usage: dprkreport [options]

dprkreport compiles a curated dataset on North Korean (DPRK) theft of
cryptocurrency into an analyst's workbook (.xlsx) and a cited briefing (.pdf,
or an accessible .html page). With no -o it writes the .pdf and the .xlsx
into out/. For threat-intelligence platforms it also writes a STIX 2.1
bundle (.stix.json, for OpenCTI or MISP) and the workbook's tables as JSON
(.json, described by --schema json), and the briefing's own Markdown (.md),
for pandoc and diffs.

Options:
`)
	b.WriteString(fs.FlagUsagesWrapped(80))
	b.WriteString(`
Examples:
  $ dprkreport -o brief.pdf                  # the briefing, from the embedded dataset
  $ dprkreport -o brief.html                 # the accessible briefing, one HTML file
  $ dprkreport                               # out/briefing.pdf and out/workbook.xlsx
  $ dprkreport -o - --format pdf > brief.pdf # to stdout, for pipes
  $ dprkreport --init mydata                 # a dataset and templates to edit
  $ dprkreport --data mydata --check         # validate; every problem as file:line:col
  $ dprkreport --data mydata --check --strict         # and fail on warnings too
  $ dprkreport --data mydata --check --baseline old   # and what changed since old
  $ dprkreport --data mydata --templates mydata/templates -o brief.pdf -o book.xlsx
  $ dprkreport --data mydata --add-article page.html --url https://…  # archive a new source
  $ dprkreport --data mydata --paragraphs yonhap-2025-02   # its paragraphs, numbered to cite
  $ dprkreport --data mydata --impact yonhap-2025-02       # what removing it would take
  $ dprkreport --from 2022 --to 2023 -o recent.pdf
  $ dprkreport -o dprk.stix.json             # a STIX 2.1 bundle for OpenCTI or MISP
  $ dprkreport -o tables.json                # the tables as JSON
  $ dprkreport -o brief.md                   # the briefing's Markdown, for pandoc
  $ dprkreport --schema json                 # the JSON Schema of tables.json

Exit status: 0 ok, 1 invalid data (or a warning, with --strict) or a failed
render or write, 2 usage.
Reproducible builds: set SOURCE_DATE_EPOCH to fix the artifacts' dates.
`)
	return b.String()
}
