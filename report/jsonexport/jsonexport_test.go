package jsonexport_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/benchdata"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/jsonexport"
)

type offline struct{}

func (offline) Load(url string) (any, error) {
	return nil, errors.New("not loaded: the schema is compiled from its embedded copy only, not " + url)
}

func compiled(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(jsonexport.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(offline{})
	c.AssertFormat()
	if err := c.AddResource(jsonexport.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(jsonexport.SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type testCase struct {
	name string
	sum  *report.Summary
	ed   *edition.Edition
}

func cases(t *testing.T) []testCase {
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	cur := report.Compute(testtool.Synthetic(t, synth.Config{Incidents: 300, Seed: 7}), report.Options{})
	ed := edition.Compare(report.Compute(testtool.Synthetic(t, synth.Config{Incidents: 270, Claims: 18, Seed: 8}), report.Options{}), cur)
	return []testCase{
		{"default", report.Compute(d, report.Options{}), nil},
		{"2023-2024", report.Compute(d, report.Options{From: 2023, To: 2024}), nil},
		{"synthetic-2000", report.Compute(benchdata.Dataset(t, 2000), report.Options{}), nil},
		{"edition", cur, ed},
	}
}

func export(t testing.TB, s *report.Summary, ed *edition.Edition) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonexport.Write(&buf, s, jsonexport.Options{Edition: ed}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSchema(t *testing.T) {
	sch := compiled(t)
	for _, c := range cases(t) {
		t.Run(c.name, func(t *testing.T) {
			data := export(t, c.sum, c.ed)
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(v); err != nil {
				t.Error(err)
			}
			if !bytes.Equal(data, export(t, c.sum, c.ed)) {
				t.Error("two exports of one summary differ")
			}
		})
	}
}

// TestSchemaCatches makes sure the schema is strict: a float amount, an
// unknown key and a missing table are each refused.
func TestSchemaCatches(t *testing.T) {
	sch := compiled(t)
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	good := export(t, report.Compute(d, report.Options{}), nil)
	for name, edit := range map[string]func(map[string]any){
		"float amount":  func(m map[string]any) { m["incidents"].([]any)[0].(map[string]any)["amount_usd"] = 5.5e7 },
		"unknown key":   func(m map[string]any) { m["claims"].([]any)[0].(map[string]any)["extra"] = "x" },
		"missing table": func(m map[string]any) { delete(m, "citations") },
	} {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		if err := sch.Validate(m); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// rows decodes one table of an export.
func rows(t *testing.T, data []byte, table string) []map[string]any {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if m[table] == nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(m[table]))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

var buildDate = time.Date(2024, 11, 21, 0, 0, 0, 0, time.UTC)
