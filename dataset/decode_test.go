package dataset_test

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
)

// checkDecodeBoth fails when the one-pass decoder takes a document that
// go-toml or the shape check would not, or decodes it otherwise.
func checkDecodeBoth(t testing.TB, label, name string, data []byte) (wholeOK bool) {
	t.Helper()
	whole, slow, wholeOK, slowOK := dataset.DecodeBoth(name, data)
	if !wholeOK {
		return false
	}
	if !slowOK {
		t.Fatalf("%s: the one-pass decoder took a document that go-toml or the shape check refuses:\n%s", label, data)
	}
	if diff := cmp.Diff(slow, whole); diff != "" {
		t.Fatalf("%s: the one-pass decoder differs from go-toml (-go-toml +one-pass):\n%s", label, diff)
	}
	return true
}

// TestDecodeWholeAsGoTOML decodes every data file the tests hold both
// ways: the default dataset, synthetic ones and the minimal one must be
// read in one pass, and every file read so must decode as go-toml does.
func TestDecodeWholeAsGoTOML(t *testing.T) {
	must := map[string]fs.FS{"default": dataset.Default()}
	for _, seed := range []uint64{1, 2, 3} {
		fsys, err := synth.FS(synth.Config{Incidents: 300, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		must[fmt.Sprintf("synthetic %d", seed)] = fsys
	}
	minimal, _ := minimal(t)
	must["minimal"] = minimal
	for label, fsys := range must {
		for _, name := range dataset.Files {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				t.Fatal(err)
			}
			if !checkDecodeBoth(t, label+" "+name, name, data) {
				t.Errorf("%s %s: not read in one pass", label, name)
			}
		}
	}
	// The cases of the tests, valid and not: any the one-pass decoder
	// takes must decode alike.
	cases, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txtar"))
	taken := 0
	for _, path := range cases {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".toml") && checkDecodeBoth(t, path+" "+f.Name, f.Name, f.Data) {
				taken++
			}
		}
	}
	if len(cases) > 0 && taken == 0 {
		t.Errorf("none of %d cases' files read in one pass", len(cases))
	}
}

// refused are documents the one-pass decoder must leave to go-toml: each
// has something to report, or a form it does not read.
var refused = []string{
	"[[claim]]\nid = \"a\"\nid = \"b\"\n",                           // a key twice
	"[[claim]]\nid = \"a\"\nidd = \"b\"\n",                          // an unknown key
	"[[claim]]\nid = 3\n",                                           // a mistyped value
	"[[claim]]\ngrade = \"3\"\n",                                    // a mistyped value
	"[[claim]]\ngrade = 1_0\n",                                      // an integer with underscores
	"[[claim]]\ngrade = +1\n",                                       // a signed integer
	"[[claim]]\ngrade = 0x10\n",                                     // a hexadecimal integer
	"[[claim]]\ngrade = 99999999999999999999\n",                     // out of range
	"[[claim]]\ngrade = 1.0\n",                                      // a float
	"[[claim]]\nid.x = \"a\"\n",                                     // a dotted key
	"[claim]\nid = \"a\"\n",                                         // a table, not an array of tables
	"claim = []\n[[claim]]\nid = \"a\"\n",                           // the records' array set by a key-value
	"[[claim.revisions]]\nvalue = \"1\"\n",                          // a dotted header
	"[[claims]]\nid = \"a\"\n",                                      // an unknown table
	"[[claim]]\ncitations = [{ source = \"a\", source = \"b\" }]\n", // a key twice in an inline table
	"[[claim]]\ncitations = [{ source = \"a\", page = 3 }]\n",       // an unknown key in an inline table
	"[[claim]]\ncitations = [\"a\"]\n",                              // a string for a table
	"[[claim]]\nvia = [1]\n",                                        // an integer for a string
	"[[claim]]\nvia = \"a\"\n",                                      // a string for a list
	"[[claim]]\nid = 2024-01-01\n",                                  // a date
	"[[claim]]\nid = \"a\"\n[[claim]]\nid = \"b\n",                  // a syntax error at the end
	"title = \"x\"\n",                                               // a key of another file
}

func TestDecodeWholeRefuses(t *testing.T) {
	for _, doc := range refused {
		if _, _, wholeOK, _ := dataset.DecodeBoth(dataset.FileClaims, []byte(doc)); wholeOK {
			t.Errorf("the one-pass decoder took %q", doc)
		}
	}
}

// FuzzDecodeWhole: whatever the one-pass decoder takes, go-toml and the
// shape check take too, and decode alike.
func FuzzDecodeWhole(f *testing.F) {
	for i, name := range dataset.Files {
		data, err := fs.ReadFile(dataset.Default(), name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), data)
	}
	for _, doc := range refused {
		f.Add(uint8(3), []byte(doc))
	}
	f.Add(uint8(3), []byte("[[claim]]\nid = \"a\"\nvia = []\ncitations = [{ source = \"s\", para = 1 }, { source = \"s\", para = -1, excerpt = \"\"\"x\ny\"\"\" }]\n"))
	f.Add(uint8(0), []byte("title = 'a'\nsubtitle = \"\\u00e9\"\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := dataset.Files[int(which)%len(dataset.Files)]
		checkDecodeBoth(t, name, name, data)
	})
}
