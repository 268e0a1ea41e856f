package jsonexport_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
)

// Text that means something in JSON or HTML arrives in the export exactly
// as written, however long.
func TestHostileText(t *testing.T) {
	hostile := `Quote " backslash \ <script>&amp; line separator ` + "\u2028" + ` ¶ “curly” ` + strings.Repeat("long ", 3000) + "end."
	quoted, _ := json.Marshal(hostile) // a TOML basic string takes JSON's escapes
	fsys := fstest.MapFS{}
	src := dataset.Default()
	names, err := fs.Glob(src, "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "incidents.toml" {
			data = []byte(strings.Replace(string(data), `technique = "Compromised hot-wallet private keys"`, "technique = "+string(quoted), 1))
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	d, err := dataset.Load(fsys, dataset.Options{Name: "hostile"})
	if err != nil {
		t.Fatal(err)
	}
	got := rows(t, export(t, report.Compute(d, report.Options{}), nil), "incidents")
	for _, in := range got {
		if in["id"] == "coinex-2023" {
			if in["technique"] != hostile {
				t.Errorf("technique %.80q…, want the hostile text as written", in["technique"])
			}
			return
		}
	}
	t.Error("no coinex-2023 incident")
}
