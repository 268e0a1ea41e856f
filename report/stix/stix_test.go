package stix_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/stix"
)

var update = flagUpdate()

func defaultData(t testing.TB) *dataset.Dataset {
	t.Helper()
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cases are the bundles every check runs on: the default data, a period
// of it, 2,000 synthetic incidents, and a period with nothing in it.
func cases(t *testing.T) []struct {
	name string
	sum  *report.Summary
} {
	d := defaultData(t)
	return []struct {
		name string
		sum  *report.Summary
	}{
		{"default", report.Compute(d, report.Options{})},
		{"2023-2024", report.Compute(d, report.Options{From: 2023, To: 2024})},
		{"synthetic-2000", report.Compute(benchdata.Dataset(t, 2000), report.Options{})},
		{"2030-onwards (empty)", report.Compute(d, report.Options{From: 2030})},
	}
}

func write(t testing.TB, s *report.Summary) []byte {
	t.Helper()
	return writeWith(t, s, stix.Options{})
}

func writeWith(t testing.TB, s *report.Summary, opt stix.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := stix.Write(&buf, s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(decode(t, buf.Bytes()).Objects); got != n {
		t.Errorf("Write says %d objects, the bundle has %d", n, got)
	}
	return buf.Bytes()
}

type bundle struct {
	Type    string           `json:"type"`
	ID      string           `json:"id"`
	Objects []map[string]any `json:"objects"`
}

func decode(t testing.TB, data []byte) bundle {
	t.Helper()
	var b bundle
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&b); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSchemas(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) { validate(t, write(t, c.sum)) })
	}
}

// refs yields every id an object refers to: the values of its *_ref and
// *_refs properties, at any depth.
func refs(v any, yield func(key, id string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch {
			case strings.HasSuffix(k, "_ref"):
				yield(k, x.(string))
			case strings.HasSuffix(k, "_refs"):
				for _, id := range x.([]any) {
					yield(k, id.(string))
				}
			default:
				refs(x, yield)
			}
		}
	case []any:
		for _, x := range v {
			refs(x, yield)
		}
	}
}

func TestIntegrity(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			b := decode(t, write(t, c.sum))
			if b.Type != "bundle" || !strings.HasPrefix(b.ID, "bundle--") {
				t.Errorf("envelope: type %q id %q", b.Type, b.ID)
			}
			at := map[string]int{}
			types := map[string]int{}
			for i, o := range b.Objects {
				id := o["id"].(string)
				if _, dup := at[id]; dup {
					t.Errorf("duplicate id %s", id)
				}
				at[id] = i
				types[o["type"].(string)]++
			}
			tlp := b.Objects[0]["id"].(string)
			for i, o := range b.Objects {
				id := o["id"].(string)
				refs(o, func(key, ref string) {
					j, ok := at[ref]
					switch {
					case !ok:
						t.Errorf("%s: %s %s does not resolve in the bundle", id, key, ref)
					case j >= i && ref != id && !(o["type"] == "report" && strings.HasPrefix(ref, "note--")):
						// Reports and notes refer to each other: the notes
						// come last, and only a report's refs to them point
						// forward.
						t.Errorf("%s: %s %s comes after it (importers need dependencies first)", id, key, ref)
					case ref == id:
						t.Errorf("%s: %s refers to itself", id, key)
					}
				})
				if refs, ok := o["object_refs"]; ok && len(refs.([]any)) == 0 {
					t.Errorf("%s: empty object_refs", id)
				}
				if (o["type"] == "report" || o["type"] == "note") && o["object_refs"] == nil {
					t.Errorf("%s: no object_refs", id)
				}
				if cr, md := o["created"].(string), o["modified"]; md != nil && md.(string) < cr {
					t.Errorf("%s: modified %s before created %s", id, md, cr)
				}
				if i > 0 && !slices.Contains(anys(o["object_marking_refs"]), tlp) {
					t.Errorf("%s: not marked %s", id, tlp)
				}
			}
			s := c.sum
			victims, actors := map[string]bool{}, map[string]bool{}
			attributed := 0
			for _, in := range s.Incidents {
				victims[in.Victim] = true
				if in.Actor != "" && in.Basis != "none" {
					actors[in.Actor] = true
					attributed++
				}
			}
			want := map[string]int{
				"marking-definition": 1, "report": len(s.Sources), "note": len(s.Claims), "incident": len(s.Incidents),
				"identity":      1 + len(s.Originators) + len(victims),
				"intrusion-set": len(actors), "relationship": len(s.Incidents) + attributed,
			}
			for typ, n := range want {
				if types[typ] != n {
					t.Errorf("%d %s objects, want %d", types[typ], typ, n)
				}
			}
		})
	}
}

func anys(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// byRecord indexes the bundle's objects by type and the dataset's id.
func byRecord(b bundle) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, o := range b.Objects {
		if rid, ok := o["x_dprkreport_id"].(string); ok {
			out[o["type"].(string)+":"+rid] = o
		}
		if o["relationship_type"] == "attributed-to" {
			out["relationship:attributed-to:"+o["source_ref"].(string)] = o
		}
	}
	return out
}

func TestConfidence(t *testing.T) {
	want := map[int]any{1: "90", 2: "70", 3: "50", 4: "30", 5: "10", 6: nil}
	s := report.Compute(defaultData(t), report.Options{})
	recs := byRecord(decode(t, write(t, s)))
	grades := map[int]int{}
	for _, c := range s.Claims {
		o := recs["note:"+c.ID]
		got, ok := o["confidence"]
		if w := want[c.Grade]; (w == nil) == ok || (ok && got.(json.Number).String() != w) {
			t.Errorf("claim %s, grade %d: confidence %v, want %v", c.ID, c.Grade, got, w)
		}
		grades[c.Grade]++
	}
	if len(grades) < 3 {
		t.Errorf("the default data has grades %v: too few to test the mapping", grades)
	}
}

// TestSourceReports checks each source's report: its number, reliability,
// address, and the objects it supports.
func TestSourceReports(t *testing.T) {
	s := report.Compute(defaultData(t), report.Options{})
	recs := byRecord(decode(t, write(t, s)))
	num := report.DefaultNumbering(s)
	for _, src := range s.Sources {
		o := recs["report:"+src.ID]
		if o == nil {
			t.Errorf("source %s has no report", src.ID)
			continue
		}
		if o["x_dprkreport_number"] != num.Label(src) || o["name"] != src.Title {
			t.Errorf("source %s: number %v name %v", src.ID, o["x_dprkreport_number"], o["name"])
		}
		if src.Reliability != "" && !strings.HasPrefix(o["x_opencti_reliability"].(string), src.Reliability+" - ") {
			t.Errorf("source %s: x_opencti_reliability %v", src.ID, o["x_opencti_reliability"])
		}
		self := o["external_references"].([]any)[0].(map[string]any)
		if src.URL != "" && self["url"] != src.URL {
			t.Errorf("source %s: url %v, want %s", src.ID, self["url"], src.URL)
		}
	}
}

// A note's object_refs are the reports of the sources that state the
// claim: cited for its figure, statement or revisions.
func TestNoteRefs(t *testing.T) {
	s := report.Compute(defaultData(t), report.Options{})
	recs := byRecord(decode(t, write(t, s)))
	want := map[string]map[string]bool{}
	for _, c := range s.Citations {
		if c.Kind != "claim" || c.Field == "note" {
			continue
		}
		if want[c.Subject] == nil {
			want[c.Subject] = map[string]bool{}
		}
		want[c.Subject][recs["report:"+c.SourceRow.ID]["id"].(string)] = true
	}
	for _, c := range s.Claims {
		got := anys(recs["note:"+c.ID]["object_refs"])
		if len(got) != len(want[c.ID]) {
			t.Errorf("claim %s: %d reports, want %d", c.ID, len(got), len(want[c.ID]))
		}
		for _, id := range got {
			if !want[c.ID][id] {
				t.Errorf("claim %s: %s does not state it", c.ID, id)
			}
		}
	}
}

func TestReproducible(t *testing.T) {
	s := report.Compute(defaultData(t), report.Options{})
	a, b := write(t, s), write(t, report.Compute(defaultData(t), report.Options{}))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs over the same data differ")
	}
	golden := filepath.Join("testdata", "default.stix.json")
	if *update {
		if err := os.WriteFile(golden, a, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, want) {
		t.Errorf("the bundle differs from %s (go test -update to rewrite it, then read the diff)", golden)
	}
}

func number(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return d
}

var _ = fmt.Sprint

// A record has one id and one created in every bundle of the dataset,
// whatever period is asked for: an importer sees one object, not versions
// that disagree.
func TestStableAcrossPeriods(t *testing.T) {
	d := defaultData(t)
	full := map[string]map[string]any{}
	for _, o := range decode(t, write(t, report.Compute(d, report.Options{}))).Objects {
		full[o["id"].(string)] = o
	}
	n := 0
	for _, opt := range []report.Options{{From: 2023, To: 2024}, {From: 2030}, {To: 2019}} {
		for _, o := range decode(t, write(t, report.Compute(d, opt))).Objects {
			f := full[o["id"].(string)]
			if f == nil {
				t.Errorf("%v: %s is not in the full bundle", opt, o["id"])
				continue
			}
			n++
			if f["created"] != o["created"] || f["modified"] != o["modified"] {
				t.Errorf("%v: %s created %v modified %v, in the full bundle %v %v", opt, o["id"], o["created"], o["modified"], f["created"], f["modified"])
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d objects compared", n)
	}
}
