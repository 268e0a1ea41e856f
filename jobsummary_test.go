package main

import (
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/report/edition"
)

// Dataset text in a job summary's table is shown, never acted on: no
// column break, HTML, emphasis, link, code span or terminal escape.
func TestMarkdownCellInert(t *testing.T) {
	for in, want := range map[string]string{
		"plain words, $3 billion":        "plain words, $3 billion",
		"a|b":                            `a\|b`,
		"<script>alert(1)</script>":      "&lt;script&gt;alert(1)&lt;/script&gt;",
		"*bold* _it_ `code` [l](http:x)": "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](http:x)",
		"line\nbreak":                    "line break",
		"\x1b]0;PWNED\x07":               `\\x1b\]0;PWNED\\a`,
		"&amp; # ~~x~~ !":                `&amp;amp; \# \~\~x\~\~ \!`,
	} {
		if got := mdCell(in); got != want {
			t.Errorf("mdCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// A write that fails is the summary's error, not a silent success.
func TestSummaryWriteError(t *testing.T) {
	e := &edition.Edition{Fingerprint: strings.Repeat("0", 64)}
	if err := writeSummary(failingWriter{}, e, "base"); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("writeSummary to a failing writer: %v, want disk full", err)
	}
}
