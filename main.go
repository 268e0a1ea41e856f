package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
)

func main() {
	handleSignals()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

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

// config is what the flags ask for.
type config struct {
	outputs   []string
	format    string
	data      string
	templates string
	font      string
	archive   string
	baseline  string
	check     bool
	init      string
	force     bool
	from, to  int
	quiet     bool
}

func run(args []string, stdout, stderr io.Writer) int {
	ui := &ui{stderr: stderr}
	var cfg config
	var version, help bool
	fs := pflag.NewFlagSet("dprkreport", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.StringArrayVarP(&cfg.outputs, "output", "o", nil, "write an artifact to `FILE`; .pdf or .xlsx; repeatable; - for stdout (with --format)")
	fs.StringVar(&cfg.format, "format", "", "write -o - as `FMT`: pdf or xlsx")
	fs.StringVarP(&cfg.data, "data", "d", "", "read the dataset from `DIR` (default: the embedded dataset)")
	fs.StringVar(&cfg.templates, "templates", "", "read the briefing templates from `DIR` (default: the embedded templates)")
	fs.StringVar(&cfg.font, "font", "", "draw what the built-in fonts lack (Hangul, say) with the TrueType font `FILE`")
	fs.StringVar(&cfg.archive, "archive", "", "verify citation excerpts against the archived articles in `DIR`")
	fs.StringVar(&cfg.baseline, "baseline", "", "compare with the previous edition's dataset in `DIR`: the changes lead the briefing, fill a Changes sheet and follow --check")
	fs.BoolVar(&cfg.check, "check", false, "validate the dataset and print a summary; write nothing")
	fs.StringVar(&cfg.init, "init", "", "write the embedded dataset and templates into `DIR` as a starting point")
	fs.BoolVar(&cfg.force, "force", false, "with --init, overwrite files that exist")
	fs.IntVar(&cfg.from, "from", 0, "keep claims and incidents from `YEAR` on")
	fs.IntVar(&cfg.to, "to", 0, "keep claims and incidents up to `YEAR`")
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "do not report what was written")
	fs.BoolVar(&version, "version", false, "print the version and exit")
	fs.BoolVarP(&help, "help", "h", false, "print this help and exit")

	if err := fs.Parse(args); err != nil {
		return ui.usage(err.Error(), "run dprkreport --help for the options")
	}
	// An empty value never means "the default": --data "" is a mistake
	// (an unset variable), not a request for the embedded dataset.
	for _, name := range []string{"output", "format", "data", "templates", "font", "archive", "baseline", "init"} {
		f := fs.Lookup(name)
		if !f.Changed {
			continue
		}
		empty := f.Value.String() == ""
		if name == "output" {
			empty = slices.Contains(cfg.outputs, "")
		}
		if empty {
			return ui.usage(fmt.Sprintf("--%s was given an empty value", name), "leave the flag out for its default, or check the variable that should have filled it")
		}
	}
	switch {
	case help:
		fmt.Fprint(stdout, usage(fs))
		return exitOK
	case version:
		fmt.Fprintln(stdout, "dprkreport", buildVersion())
		return exitOK
	case fs.NArg() > 0:
		return ui.usage(fmt.Sprintf("unexpected argument %q", fs.Arg(0)), "name outputs with -o FILE")
	}
	return execute(cfg, stdout, ui)
}

func usage(fs *pflag.FlagSet) string {
	var b strings.Builder
	b.WriteString(`Usage: dprkreport [options]

dprkreport compiles a curated dataset on North Korean (DPRK) theft of
cryptocurrency into an analyst's workbook (.xlsx) and a cited briefing (.pdf).
With no -o it writes both into out/.

Options:
`)
	b.WriteString(fs.FlagUsagesWrapped(80))
	b.WriteString(`
Examples:
  $ dprkreport -o brief.pdf                  # the briefing, from the embedded dataset
  $ dprkreport                               # out/briefing.pdf and out/workbook.xlsx
  $ dprkreport -o - --format pdf > brief.pdf # to stdout, for pipes
  $ dprkreport --init mydata                 # a dataset and templates to edit
  $ dprkreport --data mydata --check         # validate; every problem as file:line:col
  $ dprkreport --data mydata --check --baseline old   # and what changed since old
  $ dprkreport --data mydata --templates mydata/templates -o brief.pdf -o book.xlsx
  $ dprkreport --from 2022 --to 2023 -o recent.pdf

Exit status: 0 ok, 1 invalid data or a failed render or write, 2 usage.
Reproducible builds: set SOURCE_DATE_EPOCH to fix the artifacts' dates.
`)
	return b.String()
}

func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
			v = "devel " + s.Value[:12]
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}
