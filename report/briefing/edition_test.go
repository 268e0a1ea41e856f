package briefing_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/report/briefing"
	"github.com/dprkreport/dprkreport/report/edition"
)

// replaceIn edits one file of a dataset map, failing unless old occurs
// exactly once.
func replaceIn(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	s := string(fsys[name].Data)
	if strings.Count(s, old) != 1 {
		t.Fatalf("%s: %q occurs %d times", name, old, strings.Count(s, old))
	}
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// section returns the "Since the previous edition" section of a composed
// briefing, or "".
func section(md string) string {
	i := strings.Index(md, "## Since the previous edition")
	if i < 0 {
		return ""
	}
	rest := md[i:]
	if j := strings.Index(rest[2:], "\n## "); j >= 0 {
		rest = rest[:j+2]
	}
	return rest
}

var citeLink = regexp.MustCompile(`\]\(#(src|ref)-\d+\)`)

// With a baseline the briefing's main body says what changed: the changes to
// figures and standing, a record's changes in one sentence, each cited,
// then a count of the rest. Without one it has no such section.
func TestEditionSection(t *testing.T) {
	base := defaultFS(t)
	replaceIn(t, base, "incidents.toml", `id = "coinex-2023"`, `id = "coinex"`)
	replaceIn(t, base, "incidents.toml", `attribution_basis = "technical"
confidence = "low"`, `attribution_basis = "media"
confidence = "moderate"`)
	replaceIn(t, base, "claims.toml", `originator = "un-poe"
grade = 3
note = "A valuation`, `originator = "un-poe"
grade = 4
note = "A valuation`)
	s := load(t, nil)
	e := edition.Compare(load(t, base), s)

	md := string(composeEdition(t, s, e, nil).Markdown)
	sec := section(md)
	// Page 1 belongs to the bottom line and the key judgments; what
	// changed follows them, before the annex.
	if at := strings.Index(md, sec); sec == "" || at < strings.Index(md, "## Key judgments") || at > strings.Index(md, "## Annex") {
		t.Fatalf("no section between the key judgments and the annex:\n%s", md)
	}
	for _, want := range []string{
		"## Since the previous edition (as of 6 Dec 2026)",
		"- Poloniex, 10 Nov 2023: attribution basis changed from media to technical; confidence changed from moderate to low. [",
		"- Value of suspected attacks, 2017–2023, per the UN Panel of Experts: grade changed from B4 to B3. [",
		"- 1 further change (1 to wording) is listed in the workbook's Changes sheet.",
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("section lacks %q:\n%s", want, sec)
		}
	}
	for _, line := range strings.Split(sec, "\n") {
		if strings.HasPrefix(line, "- ") && !strings.Contains(line, "further change") && !citeLink.MatchString(line) {
			t.Errorf("uncited change: %s", line)
		}
	}

	if md := string(compose(t, load(t, nil), nil).Markdown); strings.Contains(md, "Since the previous edition") {
		t.Error("a briefing without a baseline has the section")
	}
}

// Thousands of changes: the briefing lists at most MaxChanges sentences,
// figures and conflicts first, and counts the rest exactly.
func TestEditionSectionBounded(t *testing.T) {
	s := synthSummary(t, synth.Config{Incidents: 300, Seed: 7})
	e := edition.Compare(synthSummary(t, synth.Config{Incidents: 270, Claims: 18, Seed: 8}), s)
	sec := section(string(composeEdition(t, s, e, nil).Markdown))
	items := strings.Count(sec, "\n- ") - 1
	if items != briefing.MaxChanges {
		t.Fatalf("%d items, want %d:\n%s", items, briefing.MaxChanges, sec)
	}
	shown := 0
	for _, g := range edition.Group(e.Changes)[:items] {
		if g[0].Rank != edition.RankFigure {
			t.Errorf("a change of rank %d is listed before every figure change", g[0].Rank)
		}
		shown += len(g)
	}
	want := fmt.Sprintf("- %d further changes (", len(e.Changes)-shown)
	if !strings.Contains(sec, want) {
		t.Errorf("section lacks %q:\n%s", want, sec)
	}
}
