package dataset_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
)

// loadErrors loads data (over the minimal dataset's archive) and returns
// its error lines.
func loadErrors(t *testing.T, data fs.FS, glyphs dataset.Glyphs) []string {
	t.Helper()
	_, archive := minimal(t)
	_, err := dataset.Load(data, dataset.Options{Name: "m", Archive: archive, Glyphs: glyphs})
	var list dataset.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load = %v, want an ErrorList", err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

// with returns the minimal dataset with one file replaced.
func with(t *testing.T, name, body string) fstest.MapFS {
	data, _ := minimal(t)
	data[name] = &fstest.MapFile{Data: []byte(body)}
	return data
}

// Bytes that are not UTF-8 text are named, with their position, before the
// decoder sees them.
func TestNotText(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"bom", "\uFEFFtitle = \"x\"\nas_of = \"2024-06-30\"\n",
			"m/dataset.toml:1:1: the file starts with a byte-order mark (U+FEFF) (hint: save the file as UTF-8 without a byte-order mark)"},
		{"latin-1", "title = \"caf\xe9\"\nas_of = \"2024-06-30\"\n",
			"m/dataset.toml:1:13: invalid UTF-8 byte 0xE9 (hint: save the file as UTF-8)"},
		{"nul", "title = \"x\"\n\x00\x00\x00",
			"m/dataset.toml:2:1: control character U+0000 (hint: remove it; data files hold plain text)"},
		{"raw escape", "title = \"\x1b[2J\"\n",
			"m/dataset.toml:1:10: control character U+001B (hint: remove it; data files hold plain text)"},
		{"bidi in a comment", "# \u202Eevil\ntitle = \"x\"\n",
			"m/dataset.toml:1:3: bidirectional control character U+202E (hint: remove it; data files hold plain text)"},
		{"truncated character", "title = \"x\"\n# \xe2\x82",
			"m/dataset.toml:2:3: invalid UTF-8 byte 0xE2 (hint: save the file as UTF-8)"},
		{"non-ASCII bare key", "titlé = \"x\"\n",
			"m/dataset.toml:1:5: invalid character é in a bare key (hint: quote the key, or spell it as the dataset format in README.md does)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := loadErrors(t, with(t, "dataset.toml", c.body), nil)
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// A data file must be a regular file within the size limit: a FIFO, a
// device or a folder is refused by name without being read.
func TestOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	data, _ := minimal(t)
	for name, f := range data {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name, want string
		make       func(p string) error
	}{
		{"fifo", "is a named pipe, not a regular file", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"device", "is a device, not a regular file", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"folder", "is a directory", func(p string) error { return os.Mkdir(p, 0o755) }},
		{"too large", "is 600 MiB; a data file may hold at most 512 MiB", func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(600 << 20) // sparse: no disk used
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, "claims.toml")
			os.RemoveAll(p)
			if err := c.make(p); err != nil {
				t.Skip(err)
			}
			got := loadErrors(t, os.DirFS(dir), nil)
			want := "m/claims.toml: " + c.want
			if len(got) != 1 || got[0] != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

// Thousands of problems are reported as the first MaxErrors and a count,
// in memory that grows with the file, not with its square.
func TestManyErrorsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("title = \"x\"\nas_of = \"2024-06-30\"\n")
	for i := range 10000 {
		fmt.Fprintf(&b, "unknown%d = 1\n", i)
	}
	_, err := dataset.Load(with(t, "dataset.toml", b.String()), dataset.Options{})
	if list, ok := err.(dataset.ErrorList); !ok || list.Count() != 10000 {
		t.Errorf("Load = %v, want an ErrorList counting 10000 problems", err)
	}
	got := loadErrors(t, with(t, "dataset.toml", b.String()), nil)
	if len(got) != dataset.MaxErrors+1 {
		t.Fatalf("%d lines, want %d", len(got), dataset.MaxErrors+1)
	}
	if want := "m/dataset.toml: and 9900 more unknown fields or mistyped values (hint: check the spelling against the dataset format in README.md)"; got[0] != want {
		t.Errorf("first line %q, want %q", got[0], want)
	}
	if want := `m/dataset.toml:3:1: unknown field "unknown0"`; !strings.HasPrefix(got[1], want) {
		t.Errorf("second line %q, want %q…", got[1], want)
	}
}

// Text longer than a workbook cell, an address longer than a workbook
// link, and characters the briefing cannot draw are errors at their place.
func TestRendererLimitsAreKnown(t *testing.T) {
	long := strings.Repeat("x", dataset.MaxTextLen+1)
	claims := `[[claim]]
id = "total"
statement = "Total stolen."
metric = "stolen-usd"
value = "3000000000"
qualifier = "approximately"
period = "2017/2023"
scope = "dprk"
originator = "un-poe"
grade = 3
note = "` + long + `"
citations = [
  { source = "wire", para = 2, excerpt = "valued at about $3 billion", note = "한국어" },
]
`
	data := with(t, "claims.toml", claims)
	src := data["sources.toml"]
	data["sources.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(src.Data), "https://example.org/story", "https://example.org/"+strings.Repeat("a", 300), 1))}
	ascii := func(r rune) bool { return r < 0x80 }
	got := loadErrors(t, data, ascii)
	want := []string{
		"m/claims.toml:11:8: note is 32768 characters long; a workbook cell holds at most 32767 (hint: shorten it, or move the text to the archived article and cite it)",
		"m/claims.toml:13:79: note holds characters the briefing's fonts cannot draw: '한' (U+D55C), '국' (U+AD6D), '어' (U+C5B4) (hint: use characters the fonts cover (Latin, Greek, Cyrillic), transliterate, or give --font a TrueType font that has them (Hangul: NanumGothic.ttf from Debian's fonts-nanum))",
		"m/sources.toml:6:7: url is 320 characters long; a workbook link holds at most 255 (hint: link a shorter address to the same page)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Thousands of records each missing a required field: the first MaxErrors
// are listed and the count line holds the true total, and the file is
// parsed once to place them, only as far as the last one listed (placing
// each from the start of the file made 100,000 of them run for minutes).
func TestManyRecordErrorsArePlacedOnce(t *testing.T) {
	const n = 3000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `[[incident]]
id = "i%d"
victim_type = "exchange"
date = "2023-09-12"
amount = "55000000"
qualifier = "exact"
actor = "Lazarus Group"
attribution_basis = "technical"
confidence = "moderate"
citations = [{ source = "wire", para = 3, excerpt = "A thief took $55 million from CoinEx." }]
date_citations = [{ source = "wire", para = 3 }]

`, i)
	}
	files0, tables0 := dataset.PlaceParses()
	_, err := dataset.Load(with(t, "incidents.toml", b.String()), dataset.Options{Name: "m"})
	files, tables := dataset.PlaceParses()
	parses, read := files-files0, tables-tables0
	var list dataset.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load = %v, want an ErrorList", err)
	}
	if parses != 1 {
		t.Errorf("placing the errors parsed %d files, want 1", parses)
	}
	// The first MaxErrors+1 records hold every problem listed and the
	// one the count line names; the parse stops at the record after.
	if read > dataset.MaxErrors+2 {
		t.Errorf("placing the errors read %d of %d records, want at most %d", read, n, dataset.MaxErrors+2)
	}
	if len(list) != dataset.MaxErrors+1 || list.Count() != n {
		t.Fatalf("%d entries standing for %d problems, want %d standing for %d", len(list), list.Count(), dataset.MaxErrors+1, n)
	}
	for i, e := range list[:dataset.MaxErrors] {
		want := fmt.Sprintf(`m/incidents.toml:%d:3: incident "i%d" has no victim`, 1+12*i, i)
		if got := e.Error(); !strings.HasPrefix(got, want) {
			t.Fatalf("entry %d = %q, want %q…", i, got, want)
		}
	}
	if got, want := list[dataset.MaxErrors].Error(), fmt.Sprintf("m/incidents.toml: and %d more problems (hint: fix these and run --check again)", n-dataset.MaxErrors); got != want {
		t.Errorf("last entry %q, want %q", got, want)
	}
	if got, want := list.Error(), fmt.Sprintf(`%s (and %d more errors)`, list[0], n-1); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
