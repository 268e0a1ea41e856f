package main

import (
	"bytes"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/workbook"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The default briefing and workbook, read back as a reader sees them: every
// figure of a claim keeps its qualifier and hedge wherever it is printed,
// and every grade letter is the best reliability among the sources in the
// dataset that state the figure.
func TestDefaultFiguresFaithful(t *testing.T) {
	pdftotext := testtool.Need(t, "pdftotext", "poppler-utils")
	out := t.TempDir()
	pdf, xlsx := filepath.Join(out, "b.pdf"), filepath.Join(out, "w.xlsx")
	var stderr bytes.Buffer
	if code := run([]string{"-o", pdf, "-o", xlsx}, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	d, err := dataset.Load(dataset.Default(), dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := exec.Command(pdftotext, "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	var figures []*figureClaim
	for _, c := range d.Claims {
		if c.HasValue() {
			figures = append(figures, newFigureClaim(d, c))
		}
	}
	checkBriefingFigures(t, string(raw), figures)
	checkWorkbookFigures(t, f, figures)
}

// figureClaim is a claim with a figure and what a reader must see with it.
type figureClaim struct {
	*dataset.Claim
	unit      string
	label     string   // the measure's label ("Value stolen")
	qualifier string   // the words before the figure ("more than")
	forms     []string // the figure as printed, without its qualifier
	hedged    string   // qualifier, figure and hedge, as the tables print it
	letter    string   // the best reliability among the sources stating it
	by        []string // those sources
}

func newFigureClaim(d *dataset.Dataset, c *dataset.Claim) *figureClaim {
	m, _ := dataset.MetricByID(c.Metric)
	fc := &figureClaim{Claim: c, unit: m.Unit, label: m.Label, qualifier: report.QualifierWords(c.Qualifier)}
	fc.forms = []string{report.Value(c.Amount, m.Unit)}
	if m.Unit == "USD" {
		fc.forms = append(fc.forms, report.MoneyShort(c.Amount))
	}
	fc.hedged = report.WithHedge(report.Qualified(c.Qualifier, c.Amount, m.Unit), c.Hedge)
	reliability := map[string]string{}
	for _, s := range d.Sources {
		reliability[s.ID] = s.Reliability
	}
	for _, id := range statingSources(d, c, m.Unit) {
		r := reliability[id]
		if fc.letter == "" || r < fc.letter {
			fc.letter = r
		}
		fc.by = append(fc.by, id+" ("+r+")")
	}
	return fc
}

// statingSources are the sources in the dataset that state a claim's
// figure: those cited for it, and any source whose excerpt, anywhere among
// the same originator's claims (their notes included), gives the same
// number in the same unit. The second half is what makes this an oracle
// rather than a copy of the rule: a better source cited only for a note
// still states the figure.
func statingSources(d *dataset.Dataset, c *dataset.Claim, unit string) []string {
	var ids []string
	add := func(id string) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, ci := range c.Citations {
		add(ci.Source)
	}
	for _, o := range d.Claims {
		if o.Originator != c.Originator {
			continue
		}
		cites := append(slices.Clone(o.Citations), o.NoteCitations...)
		for _, r := range o.Revisions {
			cites = append(cites, r.Citations...)
		}
		for _, ci := range cites {
			if ci.Excerpt != "" && statesNumber(ci.Excerpt, c.Amount, unit) {
				add(ci.Source)
			}
		}
	}
	return ids
}

var (
	usdRE     = regexp.MustCompile(`(?:US)?\$\s?(\d[\d,]*(?:\.\d+)?)\s*(billion|million|bn|mln)?|(\d[\d,]*(?:\.\d+)?)\s*(billion|million) dollars`)
	percentRE = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(?:%|percent)|\b(half)\b`)
	countRE   = regexp.MustCompile(`(?:^|[^\d$.,])(\d+|three|seven|nine)\b(\s*(?:%|percent|million|billion))?`)
	numWords  = map[string]string{"three": "3", "seven": "7", "nine": "9", "half": "50"}
)

// statesNumber reports whether text gives v in unit: "$1.7 billion", "3.6
// billion dollars", "40 percent", "half", "58 suspected", "nine ballistic".
// Years (four digits from 1900) are not counts.
func statesNumber(text string, v decimal.Decimal, unit string) bool {
	eq := func(digits string, scale float64) bool {
		if w, ok := numWords[digits]; ok {
			digits = w
		}
		x, err := decimal.NewFromString(strings.ReplaceAll(digits, ",", ""))
		return err == nil && x.Mul(decimal.NewFromFloat(scale)).Equal(v)
	}
	switch unit {
	case "USD":
		for _, m := range usdRE.FindAllStringSubmatch(text, -1) {
			digits, scale := m[1], m[2]
			if digits == "" {
				digits, scale = m[3], m[4]
			}
			if eq(digits, map[string]float64{"billion": 1e9, "bn": 1e9, "million": 1e6, "mln": 1e6, "": 1}[scale]) {
				return true
			}
		}
	case "percent":
		for _, m := range percentRE.FindAllStringSubmatch(text, -1) {
			if eq(m[1]+m[2], 1) {
				return true
			}
		}
	default:
		for _, m := range countRE.FindAllStringSubmatch(text, -1) {
			if m[2] != "" || (len(m[1]) == 4 && m[1] >= "1900") {
				continue
			}
			if eq(m[1], 1) {
				return true
			}
		}
	}
	return false
}

var (
	gradeRE = regexp.MustCompile(`\s([A-F])[1-6]\s`)
	wsRE    = regexp.MustCompile(`\s+`)
	marks   = "†‡§"
)

// checkBriefingFigures reads the briefing's text in drawing order (pdftotext
// -raw, so a table cell's lines stay together) up to the bibliography.
func checkBriefingFigures(t *testing.T, raw string, figures []*figureClaim) {
	t.Helper()
	body, _, ok := strings.Cut(raw, "\nSources\nArticles\n")
	if !ok {
		t.Fatal("briefing has no Sources heading: the check would read the bibliography's titles")
	}
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "As of ") {
			continue
		}
		// A line that is only a short money figure is an axis tick.
		if regexp.MustCompile(`^\$[\d.]+[BM]?$`).MatchString(l) {
			continue
		}
		lines = append(lines, l)
	}
	text := wsRE.ReplaceAllString(strings.Join(lines, " "), " ")

	rows := 0
	for _, fc := range figures {
		// The Key figures row: figure (and its latest revision), measure,
		// period, originator, articles, grade.
		row := regexp.MustCompile(regexp.QuoteMeta(fc.hedged) + `(?:; revised to [^\]]*\](?: \[R\d+\])*)? ` + regexp.QuoteMeta(fc.label) + " ")
		if loc := row.FindStringIndex(text); loc != nil {
			rows++
			m := gradeRE.FindStringSubmatch(text[loc[1]-1 : min(len(text), loc[1]+300)])
			switch {
			case m == nil:
				t.Errorf("briefing: no grade after the Key figures row %q", fc.hedged)
			case m[1] != fc.letter:
				t.Errorf("briefing: %s (%s) is graded %s…, but the best source stating it is %s: %v", fc.ID, fc.hedged, m[1], fc.letter, fc.by)
			}
		}
	}
	if rows < 10 {
		t.Errorf("briefing: found %d Key figures rows, want at least 10: the check read too little", rows)
	}

	seen := 0
	for _, form := range uniqueForms(figures) {
		for i := 0; ; {
			j := strings.Index(text[i:], form)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(form)
			if !figureBoundary(text, at, i) || sourceWording(text, at) {
				continue
			}
			seen++
			if !anyClaimHolds(figures, form, text[:at], text[i:]) {
				t.Errorf("briefing: %q printed without the qualifier or hedge of any claim giving it: …%s…", form, text[max(0, at-80):min(len(text), i+80)])
			}
		}
	}
	if seen < 20 {
		t.Errorf("briefing: checked %d printed figures, want at least 20", seen)
	}
}

// figureBoundary reports whether text[at:end] is a whole figure, not part
// of "$13 billion" or "58.5%".
func figureBoundary(text string, at, end int) bool {
	if at > 0 && strings.ContainsAny(text[at-1:at], "0123456789.,$") {
		return false
	}
	if end < len(text) && strings.ContainsAny(text[end:end+1], "0123456789") {
		return false
	}
	if end+1 < len(text) && text[end] == '.' && strings.ContainsAny(text[end+1:end+2], "0123456789") {
		return false
	}
	return true
}

// sourceWording reports whether the figure at text[at:] is a source's own
// wording rather than the claim's: inside a quoted excerpt, after a
// citation at the start of a "How the articles word it" item ("[1 ¶6]
// almost $3 billion"), or in a "worded otherwise by its sources" list.
// Each source's wording is checked against its excerpt by --check.
func sourceWording(text string, at int) bool {
	before := text[:at]
	if strings.Count(before, "“") > strings.Count(before, "”") {
		return true
	}
	bullet := strings.LastIndex(before, "•")
	if w := strings.LastIndex(before, "worded otherwise by its sources:"); w > bullet {
		return true
	}
	// An item of "How the articles word it" starts with its citation; the
	// rest of it is that source's wording and what it says.
	return bullet >= 0 && strings.HasPrefix(strings.TrimSpace(before[bullet+len("•"):]), "[")
}

func uniqueForms(figures []*figureClaim) []string {
	var forms []string
	for _, fc := range figures {
		for _, f := range fc.forms {
			if !slices.Contains(forms, f) {
				forms = append(forms, f)
			}
		}
	}
	return forms
}

// anyClaimHolds reports whether some claim printed as form has its
// qualifier right before it and its hedge (or a chart's hedge mark) right
// after it, within the same sentence.
func anyClaimHolds(figures []*figureClaim, form, before, after string) bool {
	for _, fc := range figures {
		if !slices.Contains(fc.forms, form) {
			continue
		}
		if fc.qualifier != "" && !strings.HasSuffix(before, fc.qualifier+" ") {
			continue
		}
		if fc.Hedge == "" {
			return true
		}
		window := after[:min(len(after), len(fc.Hedge)+40)]
		if strings.Contains(window, fc.Hedge) || strings.ContainsAny(strings.TrimSpace(window)[:min(3, len(strings.TrimSpace(window)))], marks) {
			return true
		}
	}
	return false
}

// checkWorkbookFigures reads the Claims sheet: the grade letter of each
// figure, and its qualifier wherever its statement, "As a figure" cell or
// note prints its number.
func checkWorkbookFigures(t *testing.T, f *excelize.File, figures []*figureClaim) {
	t.Helper()
	rows, err := f.GetRows(workbook.SheetClaims)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"ID", "Statement", "Grade", "As a figure", "Note", "Grade from"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("Claims sheet has no %q column", h)
		}
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		r = append(r, make([]string, len(rows[0]))...)
		byID[r[col["ID"]]] = r
	}
	for _, fc := range figures {
		r, ok := byID[fc.ID]
		if !ok {
			t.Errorf("workbook: no Claims row for %s", fc.ID)
			continue
		}
		name := func(h string) string {
			n, _ := excelize.CoordinatesToCellName(col[h]+1, 1)
			return workbook.SheetClaims + "!" + strings.TrimSuffix(n, "1") + "[" + fc.ID + "]"
		}
		if g := r[col["Grade"]]; !strings.HasPrefix(g, fc.letter) {
			t.Errorf("workbook: %s = %q, but the best source stating %s is %s: %v", name("Grade"), g, fc.hedged, fc.letter, fc.by)
		}
		if g := r[col["Grade from"]]; !strings.HasSuffix(g, "reliability "+fc.letter) {
			t.Errorf("workbook: %s = %q, want a source of reliability %s", name("Grade from"), g, fc.letter)
		}
		if got := r[col["As a figure"]]; got != fc.hedged {
			t.Errorf("workbook: %s = %q, want %q", name("As a figure"), got, fc.hedged)
		}
		for _, h := range []string{"Statement", "Note"} {
			cell := r[col[h]]
			for _, n := range numberForms(fc) {
				for _, at := range indexAll(cell, n) {
					if !figureBoundary(cell, at, at+len(n)) {
						continue
					}
					if fc.qualifier != "" && !strings.HasSuffix(cell[:at], fc.qualifier+" ") {
						t.Errorf("workbook: %s prints %q without %q: %q", name(h), n, fc.qualifier, cell)
					}
				}
			}
		}
	}
}

// numberForms are the ways a statement or note writes the figure's number:
// "$2 billion", "$2B", "40%", "58".
func numberForms(fc *figureClaim) []string {
	switch fc.unit {
	case "USD":
		return fc.forms
	case "percent":
		return []string{fc.Amount.String() + "%"}
	}
	return []string{fc.Amount.String() + " "}
}

func indexAll(s, sub string) []int {
	var out []int
	for i := 0; ; {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return out
		}
		out = append(out, i+j)
		i += j + len(sub)
	}
}
