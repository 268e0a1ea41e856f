package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
)

// ui is the one voice in which dprkreport speaks to a person: errors and
// hints on stderr, in age's style, and a line per artifact written.
type ui struct {
	stderr   io.Writer
	quiet    bool
	annotate bool // on GitHub Actions: problems also as workflow commands
}

// exitError is an error that ends a run with the given exit status, and
// what the user can do about it.
type exitError struct {
	code int
	err  error
	hint string
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a misuse of the command: exit 2.
func usageError(msg, hint string) error {
	return &exitError{exitUsage, errors.New(msg), hint}
}

// failure is an error of the data, the render or the file system: exit 1.
func failure(err error, hint string) error {
	return &exitError{exitFail, err, hint}
}

// exit prints what err says, in the one voice, and returns the exit
// status it stands for: a usage or another failure with its hint, or
// every problem of an invalid dataset.
func exit(err error, stdout, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	u := &ui{stderr: stderr}
	var inv *invalidData
	if errors.As(err, &inv) {
		return u.datasetErrors(stdout, inv)
	}
	code, hint := exitFail, ""
	var e *exitError
	if errors.As(err, &e) {
		code, hint = e.code, e.hint
	}
	u.errorf(err.Error(), hint)
	return code
}

func (u *ui) errorf(msg, hint string) {
	fmt.Fprintf(u.stderr, "dprkreport: error: %s\n", safe(msg))
	if hint != "" {
		fmt.Fprintf(u.stderr, "dprkreport: hint: %s\n", safe(hint))
	}
}

func (u *ui) infof(format string, args ...any) {
	if !u.quiet {
		fmt.Fprintln(u.stderr, safe(fmt.Sprintf(format, args...)))
	}
}

// safe escapes what a terminal would act on rather than show: control
// characters, bidirectional controls and invalid UTF-8 become Go escapes
// ("\x1b", "\u202e"), as %q writes them. Every message that may quote
// data passes through it.
func safe(s string) string {
	if !strings.ContainsFunc(s, needsEscape) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[0])
		case needsEscape(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		s = s[size:]
	}
	return b.String()
}

// needsEscape: the characters the dataset refuses in text, and any other
// control character (tab and line ends included) a message could carry.
func needsEscape(r rune) bool { return unicode.IsControl(r) || dataset.Hidden(r) }

// loadFailure is a dataset that did not load: which one ("" for --data,
// "baseline" for --baseline) and why.
type loadFailure struct {
	which string
	err   error
}

// invalidData is the error of a run whose dataset, or baseline, did not
// load; annotate asks for the problems as workflow commands too, on stdout
// unless an artifact was to go there.
type invalidData struct {
	fails          []loadFailure
	annotate       bool
	stdoutArtifact bool
}

func (e *invalidData) Error() string {
	var errs []error
	for _, f := range e.fails {
		errs = append(errs, f.err)
	}
	return errors.Join(errs...).Error()
}

// datasetErrors prints every dataset problem, one a line, then the count;
// the baseline's problems are prefixed "baseline: ", so that the user knows
// which of the two folders to fix. On GitHub Actions it also prints each as
// a workflow annotation, so that the problems show on the pull request.
func (u *ui) datasetErrors(stdout io.Writer, inv *invalidData) int {
	total := 0
	var where []string
	for _, f := range inv.fails {
		var list dataset.ErrorList
		if !errors.As(f.err, &list) {
			if f.which != "" {
				u.errorf(fmt.Sprintf("%s: %s", f.which, f.err), "")
			} else {
				u.errorf(f.err.Error(), "")
			}
			return exitFail
		}
		prefix := ""
		if f.which != "" {
			prefix = f.which + ": "
			where = append(where, "the "+f.which)
		} else {
			where = append(where, "the dataset")
		}
		for _, e := range list {
			fmt.Fprintln(u.stderr, prefix+safe(e.Error()))
		}
		total += list.Count() // the "and N more" entry stands for N
		if inv.annotate {
			w := stdout
			if inv.stdoutArtifact {
				w = u.stderr
			}
			for _, e := range list {
				fmt.Fprintln(w, annotation("error", e, prefix))
			}
		}
	}
	n := "1 error"
	if total != 1 {
		n = fmt.Sprintf("%d errors", total)
	}
	fmt.Fprintf(u.stderr, "dprkreport: %s in %s; nothing was written\n", n, strings.Join(where, " and "))
	return exitFail
}

// annotation formats a dataset problem as a GitHub workflow command of
// the given kind: "error" or "warning".
func annotation(kind string, e *dataset.Error, prefix string) string {
	var b strings.Builder
	b.WriteString("::" + kind)
	if e.File != "" {
		b.WriteString(" file=")
		b.WriteString(escapeProperty(e.File))
		if e.Line > 0 {
			fmt.Fprintf(&b, ",line=%d,col=%d", e.Line, e.Col)
		}
	}
	b.WriteString("::")
	msg := prefix + e.Msg
	if e.Hint != "" {
		msg += " (hint: " + e.Hint + ")"
	}
	b.WriteString(escapeData(msg))
	return b.String()
}

// The escapes of GitHub's workflow commands (actions/toolkit, command.ts).
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
