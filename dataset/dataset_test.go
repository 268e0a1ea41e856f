package dataset_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/invalid and testdata/warnings")

// seeds is where the archived articles live beside the project.
const seeds = "../../shared/seeds"

func TestDefaultDatasetIsValid(t *testing.T) {
	opt := dataset.Options{Name: "dataset/data"}
	if _, err := os.Stat(seeds); err == nil {
		opt.Archive = os.DirFS(seeds)
	} else {
		t.Logf("%s not found: excerpts are not verified against the archived articles", seeds)
	}
	d, err := dataset.Load(dataset.Default(), opt)
	if err != nil {
		var list dataset.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				t.Error(e)
			}
		}
		t.Fatal(err)
	}
	if opt.Archive != nil {
		excerpts, articles := 0, 0
		for ci := range d.Citations() {
			if ci.Excerpt != "" && !d.Source(ci.Source).IsReference() {
				excerpts++
			}
		}
		for _, s := range d.Sources {
			if !s.IsReference() {
				articles++
			}
		}
		if d.ArchiveChecked != excerpts || d.ArchiveArticles != articles {
			t.Errorf("verified %d of %d excerpts in %d of %d articles", d.ArchiveChecked, excerpts, d.ArchiveArticles, articles)
		}
	}
	// Every article is cited, every figure has a period, and the
	// disagreements the research found are present, side by side.
	want := map[string]string{
		"poe-2023-heists-value":  "750000000",
		"chainalysis-2023-value": "1000000000",
		"nis-2022-value":         "700000000",
		"chainalysis-2022-dprk":  "1700000000",
		"poe-2017-2023-value":    "3000000000",
	}
	for _, c := range d.Claims {
		if v, ok := want[c.ID]; ok {
			if c.Amount.String() != v {
				t.Errorf("%s = %s, want %s", c.ID, c.Amount, v)
			}
			delete(want, c.ID)
		}
	}
	if len(want) > 0 {
		t.Errorf("claims missing from the default dataset: %v", want)
	}
}

// minimal returns the small valid dataset the invalid cases start from.
func minimal(t testing.TB) (fstest.MapFS, fstest.MapFS) {
	t.Helper()
	return testtool.Dataset(t, filepath.Join("testdata", "minimal"))
}

func TestMinimalIsValid(t *testing.T) {
	data, archive := minimal(t)
	d, err := dataset.Load(data, dataset.Options{Name: "m", Archive: archive})
	if err != nil {
		t.Fatal(err)
	}
	if d.ArchiveChecked != 2 {
		t.Errorf("checked %d excerpts, want 2", d.ArchiveChecked)
	}
	for _, w := range d.Warnings {
		t.Errorf("warning: %v", w)
	}
}

// TestInvalid runs each case of testdata/invalid: a txtar archive whose
// files replace those of the minimal dataset (a file named "delete" lists
// files to remove) and whose "want" file holds the exact error output.
func TestInvalid(t *testing.T) {
	golden(t, "invalid", func(t *testing.T, data, archive fstest.MapFS) dataset.ErrorList {
		_, err := dataset.Load(data, dataset.Options{Name: "m", Archive: archive})
		var list dataset.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Load = %v, want an ErrorList", err)
		}
		return list
	})
}

// TestWarnings runs each case of testdata/warnings, as TestInvalid does:
// each dataset is valid, and "want" holds its warnings.
func TestWarnings(t *testing.T) {
	golden(t, "warnings", func(t *testing.T, data, archive fstest.MapFS) dataset.ErrorList {
		d, err := dataset.Load(data, dataset.Options{Name: "m", Archive: archive})
		if err != nil {
			t.Fatalf("Load = %v, want a valid dataset", err)
		}
		if len(d.Warnings) == 0 {
			t.Error("no warnings")
		}
		return d.Warnings
	})
}

// golden runs the txtar cases of testdata/dir against load, comparing
// (or, with -update, writing) the problems it returns, one a line.
func golden(t *testing.T, dir string, load func(t *testing.T, data, archive fstest.MapFS) dataset.ErrorList) {
	cases, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			data, archive := minimal(t)
			want := ""
			wantIdx := -1
			for i, f := range ar.Files {
				switch {
				case f.Name == "want":
					want, wantIdx = string(f.Data), i
				case f.Name == "delete":
					for _, n := range strings.Fields(string(f.Data)) {
						delete(data, n)
					}
				case strings.HasPrefix(f.Name, "archive/"):
					archive[strings.TrimPrefix(f.Name, "archive/")] = &fstest.MapFile{Data: f.Data}
				default:
					data[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			var b strings.Builder
			for _, e := range load(t, data, archive) {
				b.WriteString(e.Error())
				b.WriteByte('\n')
			}
			got := b.String()
			if *update {
				if wantIdx < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantIdx = len(ar.Files) - 1
				}
				ar.Files[wantIdx].Data = []byte(got)
				if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSpanContainsYear(t *testing.T) {
	for _, c := range []struct {
		span string
		year int
		want bool
	}{
		{"2017/2023", 2017, true},
		{"2017/2023", 2023, true},
		{"2017/2023", 2024, false},
		{"2020-06/2023", 2020, false}, // starts mid-year: 2020 is only partly inside
		{"2020-06/2023", 2021, true},
		{"2020/2021-06", 2021, false},
		{"2020-01/2020-12", 2020, true},
		{"../2019-07", 2018, false}, // an open start contains nothing for sure
		{"2023", 2023, true},
	} {
		sp, err := dataset.ParseSpan(c.span)
		if err != nil {
			t.Fatal(err)
		}
		if got := sp.ContainsYear(c.year); got != c.want {
			t.Errorf("%s contains %d = %v, want %v", c.span, c.year, got, c.want)
		}
	}
}
