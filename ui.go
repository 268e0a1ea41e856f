package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/dataset"
)

// ui is the one voice in which dprkreport speaks to a person: errors and
// hints on stderr, in age's style, and a line per artifact written.
type ui struct {
	stderr io.Writer
	quiet  bool
}

// usage reports a misuse and returns the usage exit code.
func (u *ui) usage(msg, hint string) int {
	u.errorf(msg, hint)
	return exitUsage
}

// fail reports an error and returns exitFail.
func (u *ui) fail(err error, hint string) int {
	u.errorf(err.Error(), hint)
	return exitFail
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

// datasetErrors prints every dataset problem, one a line, then the count;
// the baseline's problems are prefixed "baseline: ", so that the user knows
// which of the two folders to fix. On GitHub Actions it also prints each as
// a workflow annotation, so that the problems show on the pull request.
func (u *ui) datasetErrors(stdout io.Writer, fails ...loadFailure) int {
	total := 0
	var where []string
	for _, f := range fails {
		if f.err == nil {
			continue
		}
		var list dataset.ErrorList
		if !errors.As(f.err, &list) {
			if f.which != "" {
				return u.fail(fmt.Errorf("%s: %w", f.which, f.err), "")
			}
			return u.fail(f.err, "")
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
		if os.Getenv("GITHUB_ACTIONS") == "true" {
			for _, e := range list {
				fmt.Fprintln(stdout, annotation(e, prefix))
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

// annotation formats a dataset error as a GitHub workflow command.
func annotation(e *dataset.Error, prefix string) string {
	var b strings.Builder
	b.WriteString("::error file=")
	b.WriteString(escapeProperty(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ",line=%d,col=%d", e.Line, e.Col)
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
