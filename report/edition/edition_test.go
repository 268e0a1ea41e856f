package edition_test

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/google/go-cmp/cmp"
)

// edit replaces old by new in one file of a dataset; an empty old appends.
type edit struct{ file, old, new string }

func apply(t *testing.T, fsys fstest.MapFS, edits []edit) {
	t.Helper()
	for _, e := range edits {
		f := fsys[e.file]
		s := string(f.Data)
		switch {
		case e.old == "":
			s += e.new
		case strings.Count(s, e.old) != 1:
			t.Fatalf("%s: %q occurs %d times, want once", e.file, e.old, strings.Count(s, e.old))
		default:
			s = strings.Replace(s, e.old, e.new, 1)
		}
		fsys[e.file] = &fstest.MapFile{Data: []byte(s)}
	}
}

// editions loads the base dataset twice, edits each copy, and compares:
// the current summary and what changed since the base.
func editions(t *testing.T, base, cur []edit, opt report.Options) (*report.Summary, *edition.Edition) {
	t.Helper()
	load := func(edits []edit) *report.Summary {
		data, _ := testtool.DatasetTxtar(t, filepath.Join("testdata", "base.txtar"))
		apply(t, data, edits)
		d, err := dataset.Load(data, dataset.Options{Name: "editions"})
		if err != nil {
			t.Fatal(err)
		}
		return report.Compute(d, opt)
	}
	prev, s := load(base), load(cur)
	return s, edition.Compare(prev, s)
}

func lines(e *edition.Edition) []string {
	var out []string
	for _, c := range e.Changes {
		out = append(out, c.Line())
	}
	return out
}

const newClaim = `
[[claim]]
id = "c-2023"
statement = "Agency B's later count: 20 attacks in 2023."
metric = "attack-count"
value = "20"
qualifier = "exact"
period = "2023"
scope = "dprk"
originator = "agency-b"
grade = 3
citations = [{ source = "wire-two", para = 3 }]
`

const newSource = `
[[source]]
id = "wire-three"
title = "Third wire story"
outlet = "Wire Three"
published = "2024-01-25"
archive = "three.txt"
paragraphs = 2
reliability = "B"
reliability_reason = "Names its sources."
`

// coinexAs is the base's incident again under another id.
func coinexAs(id string) string {
	return `
[[incident]]
id = "` + id + `"
victim = "CoinEx"
victim_type = "exchange"
date = "2023-09-12"
amount = "55000000"
qualifier = "exact"
actor = "Lazarus Group"
attribution_basis = "technical"
confidence = "moderate"
citations = [{ source = "wire-one", para = 4 }]
date_citations = [{ source = "ref-x" }]
`
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		name      string
		base, cur []edit
		opt       report.Options
		want      []string
	}{
		{name: "nothing changed"},
		{
			name: "a revised figure resolves the conflict",
			cur: []edit{
				{"claims.toml", `value = "700000000"
qualifier = "more-than"`, `value = "1000000000"
qualifier = "approximately"`},
			},
			want: []string{
				"changed claim b-2023 figure: more than $700 million → about $1 billion",
				"conflict resolved conflict stolen-usd dprk 2023: was more than $700 million per Agency B against about $1 billion per Lab A",
				"independence claim a-2023: 1 → 2",
				"independence claim b-2023: 1 → 2",
			},
		},
		{
			name: "a conflict appears",
			base: []edit{
				{"claims.toml", `value = "700000000"
qualifier = "more-than"`, `value = "1000000000"
qualifier = "approximately"`},
			},
			want: []string{
				"changed claim b-2023 figure: about $1 billion → more than $700 million",
				"conflict appeared conflict stolen-usd dprk 2023: more than $700 million per Agency B against about $1 billion per Lab A",
				"independence claim a-2023: 2 → 1",
				"independence claim b-2023: 2 → 1",
			},
		},
		{
			name: "a third figure changes the conflict",
			cur: []edit{{"claims.toml", "", strings.NewReplacer(`id = "c-2023"`, `id = "poe-2023"`, "attack-count", "stolen-usd", `"20"`, `"750000000"`,
				`"exact"`, `"more-than"`, `"agency-b"`, `"un-poe"`).Replace(newClaim)}},
			want: []string{
				"added claim poe-2023: more than $750 million",
				"conflict changed conflict stolen-usd dprk 2023: more than $700 million per Agency B against about $1 billion per Lab A → more than $700 million per Agency B against more than $750 million per UN Panel of Experts against about $1 billion per Lab A",
			},
		},
		{
			name: "records added and removed",
			base: []edit{{"claims.toml", "", newClaim}},
			cur: []edit{
				{"claims.toml", `id = "poe-note"`, `id = "poe-note"
note = "Kept."`},
				{"incidents.toml", "", `
[[incident]]
id = "atomic"
victim = "Atomic Wallet"
victim_type = "wallet"
date = "2023-06-03"
amount = "100000000"
qualifier = "more-than"
actor = "Lazarus Group"
attribution_basis = "technical"
confidence = "moderate"
citations = [{ source = "wire-two", para = 4 }]
date_citations = [{ source = "wire-two", para = 4 }]
`},
			},
			want: []string{
				"removed claim c-2023: was 20 attacks",
				"added incident atomic: more than $100 million",
				`changed claim poe-note note: none → Kept.`,
			},
		},
		{
			name: "the fields of a figure and an incident",
			cur: []edit{
				{"claims.toml", `hedge = "suspected"`, `hedge = "potentially attributed to the DPRK"`},
				{"claims.toml", `period = "2017/2023"`, `period = "2017/2024"`},
				{"claims.toml", `originator = "lab-a"
grade = 2`, `originator = "lab-a"
grade = 3`},
				{"incidents.toml", `amount = "55000000"
qualifier = "exact"`, `amount = "54000000"
qualifier = "approximately"
low = "54000000"
high = "55000000"
range_citations = [{ source = "ref-x" }]`},
				{"incidents.toml", `confidence = "moderate"`, `confidence = "high"`},
				{"incidents.toml", `victim = "CoinEx"`, `victim = "CoinEx exchange"`},
			},
			want: []string{
				"changed claim poe-total hedge: suspected → potentially attributed to the DPRK",
				"changed claim poe-total period: 2017–2023 → 2017–2024",
				"changed incident coinex amount: $55 million → about $54 million",
				"changed claim a-2023 grade: B2 → B3",
				"changed incident coinex range: none → $54 million to $55 million",
				"changed incident coinex confidence: moderate → high",
				"changed incident coinex victim: CoinEx → CoinEx exchange",
			},
		},
		{
			name: "a new revision and a dropped one",
			base: []edit{{"claims.toml", `grade = 2
citations = [{ source = "wire-one", para = 1 }]`, `grade = 2
revisions = [{ value = "1100000000", qualifier = "approximately", date = "2024-01-05", citations = [{ source = "wire-one", para = 5 }] }]
citations = [{ source = "wire-one", para = 1 }]`}},
			cur: []edit{
				{"claims.toml", `hedge = "suspected"`, `hedge = "suspected"
revisions = [{ value = "3600000000", qualifier = "approximately", date = "2024-12-19", citations = [{ source = "ref-x" }] }]`},
				{"claims.toml", `id = "poe-note"`, `id = "poe-note"
note_citations = [{ source = "wire-one", para = 5 }]`},
			},
			want: []string{
				"revision removed claim a-2023 revision: was about $1.1 billion on 5 Jan 2024",
				"revised claim poe-total revision: about $3.6 billion, suspected on 19 Dec 2024",
			},
		},
		{
			name: "a relay changes the independent count",
			base: []edit{{"claims.toml", `value = "700000000"
qualifier = "more-than"`, `value = "1000000000"
qualifier = "approximately"`}},
			cur: []edit{
				{"claims.toml", `value = "700000000"
qualifier = "more-than"`, `value = "1000000000"
qualifier = "approximately"`},
				{"claims.toml", `originator = "agency-b"`, `originator = "lab-a"
via = ["agency-b"]`},
			},
			want: []string{
				"independence claim a-2023: 2 → 1",
				"changed claim b-2023 originator: Agency B → Lab A",
				"changed claim b-2023 via: none → Agency B",
				"independence claim b-2023: 2 → 1",
			},
		},
		{
			name: "sources and citations",
			base: []edit{
				{"sources.toml", "", newSource},
				{"claims.toml", `citations = [{ source = "wire-two", para = 2 }]`, `citations = [{ source = "wire-two", para = 2 }, { source = "wire-three", para = 1 }]`},
			},
			cur: []edit{
				{"sources.toml", `reliability = "C"`, `reliability = "B"`},
				{"claims.toml", `citations = [{ source = "wire-one", para = 1 }]`, `citations = [{ source = "wire-one", para = 1 }, { source = "wire-two", para = 5 }]`},
			},
			want: []string{
				"changed source wire-two reliability: C → B",
				"removed source wire-three",
				"citation added claim a-2023 citations: Wire Two, “Second wire story” (20 Jan 2024), paragraph 5",
				"citation removed claim poe-note citations: was Wire Three, “Third wire story” (25 Jan 2024), paragraph 1",
			},
		},
		{
			name: "renamed ids",
			cur: []edit{
				{"claims.toml", `id = "a-2023"`, `id = "lab-a-2023"`},
				{"sources.toml", `id = "wire-one"`, `id = "wire-1"`},
				{"claims.toml", `source = "wire-one", para = 1`, `source = "wire-1", para = 1`},
				{"claims.toml", `source = "wire-one", para = 2`, `source = "wire-1", para = 2`},
				{"claims.toml", `source = "wire-one", para = 3`, `source = "wire-1", para = 3`},
				{"incidents.toml", `source = "wire-one"`, `source = "wire-1"`},
				{"originators.toml", `id = "agency-b"`, `id = "agency-bee"`},
				{"claims.toml", `originator = "agency-b"`, `originator = "agency-bee"`},
			},
			want: []string{
				"renamed originator agency-bee: agency-b → agency-bee",
				"renamed source wire-1: wire-one → wire-1",
				"renamed claim lab-a-2023: a-2023 → lab-a-2023",
			},
		},
		{
			name: "a new id with new content is no rename",
			cur: []edit{
				{"claims.toml", `id = "a-2023"`, `id = "lab-a-2023"`},
				{"claims.toml", `grade = 2
citations = [{ source = "wire-one", para = 1 }]`, `grade = 1
citations = [{ source = "wire-one", para = 1 }]`},
			},
			want: []string{
				"added claim lab-a-2023: about $1 billion",
				"removed claim a-2023: was about $1 billion",
			},
		},
		{
			name: "two records with one content are no rename",
			base: []edit{{"incidents.toml", "", coinexAs("coinex-copy")}},
			cur:  []edit{{"incidents.toml", `id = "coinex"`, `id = "coinex-2023"`}, {"incidents.toml", "", coinexAs("coinex-again")}},
			want: []string{
				"added incident coinex-2023: $55 million",
				"added incident coinex-again: $55 million",
				"removed incident coinex: was $55 million",
				"removed incident coinex-copy: was $55 million",
			},
		},
		{
			name: "a period filter compares what both editions show",
			opt:  report.Options{From: 2023, To: 2023},
			cur:  []edit{{"claims.toml", `period = "2017/2023"`, `period = "2017/2022"`}},
			want: []string{"removed claim poe-total: was about $3 billion, suspected"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, e := editions(t, c.base, c.cur, c.opt)
			if diff := cmp.Diff(c.want, lines(e)); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
		})
	}
}

// The briefing's sentences: a record's changes in place said in one
// sentence, and a removed record whose sources went with it names them.
func TestSentences(t *testing.T) {
	_, e := editions(t, []edit{
		{"sources.toml", "", newSource},
		{"claims.toml", "", strings.ReplaceAll(newClaim, `source = "wire-two", para = 3`, `source = "wire-three", para = 1`)},
	}, []edit{
		{"incidents.toml", `confidence = "moderate"`, `confidence = "high"`},
		{"incidents.toml", `actor = "Lazarus Group"`, `actor = "TraderTraitor"`},
	}, report.Options{})
	var got []string
	for _, g := range edition.Group(e.Changes) {
		got = append(got, edition.Sentence(g))
	}
	want := []string{
		"Removed claim, Number of attacks, 2023, per Agency B: 20 attacks (its sources are no longer in the dataset: Wire Three, “Third wire story” (25 Jan 2024)).",
		"CoinEx, 12 Sep 2023: actor changed from Lazarus Group to TraderTraitor; confidence changed from moderate to high.",
		"Removed source, Wire Three, “Third wire story” (25 Jan 2024).",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

// A changed field is cited to the sources of that field where the record
// has them apart: a claim's note to the note's, an incident's date to the
// date's; other fields to the record's own.
func TestChangeCitesItsField(t *testing.T) {
	s, e := editions(t, nil, []edit{
		{"claims.toml", `grade = 2
citations = [{ source = "wire-one", para = 1 }]`, `grade = 2
note = "Lab A later explained its method."
note_citations = [{ source = "wire-two", para = 5 }]
citations = [{ source = "wire-one", para = 1 }]`},
		{"incidents.toml", `date = "2023-09-12"`, `date = "2023-09-13"`},
		{"incidents.toml", `confidence = "moderate"`, `confidence = "high"`},
	}, report.Options{})
	got := map[string]string{}
	num := report.DefaultNumbering(s)
	for _, c := range e.Changes {
		got[c.ID+" "+c.Field] = num.Cite(c.Refs)
	}
	want := map[string]string{
		"a-2023 note":       "[2 ¶5]",
		"coinex date":       "[R1]",
		"coinex confidence": "[1 ¶4]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("citations by change (-want +got):\n%s", diff)
	}
}
