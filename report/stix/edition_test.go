package stix_test

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/report/stix"
)

func synthetic(t testing.TB, c synth.Config) *report.Summary {
	t.Helper()
	return report.Compute(testtool.Synthetic(t, c), report.Options{})
}

// With a baseline, a record keeps its id and created; modified moves to
// the as-of date only for the records the edition says changed.
func TestEditionModified(t *testing.T) {
	base := synthetic(t, synth.Config{Incidents: 270, Claims: 18, Seed: 8})
	s := synthetic(t, synth.Config{Incidents: 300, Seed: 7})
	plain := byRecord(decode(t, write(t, s)))
	ed := edition.Compare(base, s)
	changed := map[string]bool{}
	for _, c := range ed.Changes {
		changed[c.Record+":"+c.ID] = true
	}
	asOf := s.Meta.AsOfDate.First().Format("2006-01-02T15:04:05.000Z")
	kinds := map[string]string{"note": "claim", "incident": "incident", "report": "source", "identity": "originator"}
	moved, kept := 0, 0
	for key, o := range byRecord(decode(t, writeWith(t, s, stix.Options{Edition: ed}))) {
		typ, rid, _ := strings.Cut(key, ":")
		if strings.HasPrefix(rid, "attributed-to:") || kinds[typ] == "" {
			continue
		}
		p := plain[key]
		if p == nil || p["id"] != o["id"] || p["created"] != o["created"] {
			t.Errorf("%s: id or created differs from the bundle without a baseline", key)
			continue
		}
		switch {
		case changed[kinds[typ]+":"+rid] && o["created"].(string) < asOf:
			moved++
			if o["modified"] != asOf {
				t.Errorf("%s changed: modified %v, want %s", key, o["modified"], asOf)
			}
		default:
			kept++
			if o["modified"] != o["created"] {
				t.Errorf("%s unchanged: modified %v, created %v", key, o["modified"], o["created"])
			}
		}
	}
	if moved == 0 || kept == 0 {
		t.Errorf("%d records moved and %d kept: the synthetic editions should have both", moved, kept)
	}
}

// Text that means something in JSON or HTML, or that a terminal or a
// browser treats specially, arrives in the bundle exactly as written; a
// control character never gets that far (the dataset refuses it).
func TestHostileText(t *testing.T) {
	hostile := `Quote " backslash \ <script>&amp; line separator ` + "\u2028" + ` ¶ “curly” ` + strings.Repeat("long ", 3000) + "end."
	fsys := fstest.MapFS{}
	err := fsysCopy(fsys, func(name string, data []byte) []byte {
		if name != "claims.toml" {
			return data
		}
		quoted, _ := json.Marshal(hostile) // a TOML basic string takes JSON's escapes
		return []byte(strings.Replace(string(data),
			`statement = "The UN Panel of Experts is investigating 58 suspected DPRK cyberattacks on cryptocurrency-related companies between 2017 and 2023."`,
			"statement = "+string(quoted), 1))
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(fsys, dataset.Options{Name: "hostile"})
	if err != nil {
		t.Fatal(err)
	}
	b := decode(t, write(t, report.Compute(d, report.Options{})))
	found := false
	for _, o := range b.Objects {
		if o["type"] == "note" && strings.HasPrefix(o["content"].(string), hostile+" Figure: ") {
			found = true
		}
	}
	if !found {
		t.Error("the hostile statement is not in the bundle as written")
	}

	bell := fstest.MapFS{}
	if err := fsysCopy(bell, func(name string, data []byte) []byte {
		if name == "dataset.toml" {
			return []byte(strings.Replace(string(data), `author = "`, `author = "\u0007`, 1))
		}
		return data
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(bell, dataset.Options{Name: "bell"}); err == nil || !strings.Contains(err.Error(), "control character") {
		t.Errorf("a control character in the author: %v, want the dataset refused", err)
	}
}

// The dataset's tlp marks every object instead of TLP:CLEAR.
func TestTLP(t *testing.T) {
	fsys := fstest.MapFS{}
	if err := fsysCopy(fsys, func(name string, data []byte) []byte {
		if name == "dataset.toml" {
			return append([]byte("tlp = \"amber+strict\"\n"), data...)
		}
		return data
	}); err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(fsys, dataset.Options{Name: "amber"})
	if err != nil {
		t.Fatal(err)
	}
	b := decode(t, write(t, report.Compute(d, report.Options{})))
	const amberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
	if m := b.Objects[0]; m["id"] != amberStrict || m["name"] != "TLP:AMBER+STRICT" {
		t.Errorf("marking %v %v, want TLP:AMBER+STRICT", m["id"], m["name"])
	}
	for _, o := range b.Objects[1:] {
		if refs := anys(o["object_marking_refs"]); len(refs) != 1 || refs[0] != amberStrict {
			t.Errorf("%s: marked %v", o["id"], refs)
		}
	}
	validate(t, write(t, report.Compute(d, report.Options{})))
}

// fsysCopy copies the default dataset into m, each file through edit.
func fsysCopy(m fstest.MapFS, edit func(name string, data []byte) []byte) error {
	src := dataset.Default()
	entries, err := fsReadDir(src)
	if err != nil {
		return err
	}
	for _, name := range entries {
		data, err := fsReadFile(src, name)
		if err != nil {
			return err
		}
		m[name] = &fstest.MapFile{Data: edit(name, data)}
	}
	return nil
}
