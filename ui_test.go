package main

import (
	"bytes"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
)

// A warning is printed positioned as an error is, with "warning:" before
// its message; on GitHub Actions it is also a ::warning command.
func TestWarningLines(t *testing.T) {
	ws := dataset.ErrorList{
		{Msg: "about the run", Hint: "do this"},
		{File: "d/claims.toml", Line: 4, Col: 7, Msg: "claim \"c1\": no excerpt", Hint: "quote the words"},
		{File: "d/templates", Msg: "not read"},
	}
	var stderr, stdout bytes.Buffer
	u := &ui{stderr: &stderr, annotate: true}
	if err := u.warnings(&stdout, ws, false); err != nil {
		t.Fatalf("without --strict: %v", err)
	}
	want := `dprkreport: warning: about the run (hint: do this)
d/claims.toml:4:7: warning: claim "c1": no excerpt (hint: quote the words)
d/templates: warning: not read
`
	if got := stderr.String(); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
	wantAnn := `::warning::about the run (hint: do this)
::warning file=d/claims.toml,line=4,col=7::claim "c1": no excerpt (hint: quote the words)
::warning file=d/templates::not read
`
	if got := stdout.String(); got != wantAnn {
		t.Errorf("annotations:\n%s\nwant:\n%s", got, wantAnn)
	}
	err := u.warnings(&stdout, ws, true)
	if code := exit(err, &stdout, &stderr); code != exitFail || err.Error() != "3 warnings with --strict; nothing was written" {
		t.Errorf("with --strict: %v, exit %d", err, code)
	}
	if err := u.warnings(&stdout, nil, true); err != nil {
		t.Errorf("no warnings, --strict: %v", err)
	}
}
