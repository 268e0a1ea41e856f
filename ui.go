package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

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
	fmt.Fprintf(u.stderr, "dprkreport: error: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(u.stderr, "dprkreport: hint: %s\n", hint)
	}
}

func (u *ui) infof(format string, args ...any) {
	if !u.quiet {
		fmt.Fprintf(u.stderr, format+"\n", args...)
	}
}

// datasetErrors prints every dataset problem, one a line, then the count. On
// GitHub Actions it also prints each as a workflow annotation, so that the
// problems show on the pull request.
func (u *ui) datasetErrors(err error, stdout io.Writer) int {
	var list dataset.ErrorList
	if !errors.As(err, &list) {
		return u.fail(err, "")
	}
	for _, e := range list {
		fmt.Fprintln(u.stderr, e)
	}
	n := "1 error"
	if len(list) != 1 {
		n = fmt.Sprintf("%d errors", len(list))
	}
	fmt.Fprintf(u.stderr, "dprkreport: %s in the dataset; nothing was written\n", n)
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		for _, e := range list {
			fmt.Fprintln(stdout, annotation(e))
		}
	}
	return exitFail
}

// annotation formats a dataset error as a GitHub workflow command.
func annotation(e *dataset.Error) string {
	var b strings.Builder
	b.WriteString("::error file=")
	b.WriteString(escapeProperty(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ",line=%d,col=%d", e.Line, e.Col)
	}
	b.WriteString("::")
	msg := e.Msg
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
