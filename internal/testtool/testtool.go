// Package testtool is what the tests of several packages share: the real
// programs that read dprkreport's artifacts (Gnumeric, LibreOffice,
// poppler, qpdf), which a test that needs one skips with a clear message
// when missing and fails instead when DPRKREPORT_REQUIRE_TOOLS=1, as CI sets
// after installing them; and test datasets read into memory.
package testtool

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/dataset/synth"
)

// Need returns the path of the program name, or skips (fails under
// DPRKREPORT_REQUIRE_TOOLS=1) when it is not installed. pkg names the Debian
// package that provides it.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	Missing(t, fmt.Sprintf("%s is not installed (apt-get install %s)", name, pkg))
	return ""
}

// Missing skips the test with why, or fails it when
// DPRKREPORT_REQUIRE_TOOLS=1.
func Missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("DPRKREPORT_REQUIRE_TOOLS") == "1" {
		t.Fatalf("required (DPRKREPORT_REQUIRE_TOOLS=1) but missing: %s", why)
	}
	t.Skipf("skipping: %s; set DPRKREPORT_REQUIRE_TOOLS=1 to make this a failure", why)
}

// Python returns a python3 that imports every module, preferring Debian's
// (/usr/bin/python3, where python3-lxml and python3-openpyxl install)
// over one earlier on PATH. pkgs names the Debian packages.
func Python(t testing.TB, pkgs string, modules ...string) string {
	t.Helper()
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	check := "import " + strings.Join(modules, ", ")
	for _, py := range candidates {
		if exec.Command(py, "-c", check).Run() == nil {
			return py
		}
	}
	Missing(t, fmt.Sprintf("no python3 imports %s (apt-get install %s)", strings.Join(modules, ", "), pkgs))
	return ""
}

// Root is the project's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Readers returns the folder of the independent spreadsheet readers
// (read.py for openpyxl, read.mjs for exceljs and SheetJS), with node
// and its node_modules checked.
func Readers(t testing.TB) (dir, node string) {
	t.Helper()
	node = Need(t, "node", "nodejs")
	dir = filepath.Join(Root(), "internal", "testtool", "readers")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "exceljs")); err != nil {
		Missing(t, "the npm readers are not installed (npm ci --prefix internal/testtool/readers)")
	}
	return dir, node
}

// OOXML returns the folder of the ISO/IEC 29500 and ECMA OPC schemas and
// their validate.py: $DPRKREPORT_OOXML, or ../shared/ooxml beside the
// project.
func OOXML(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("DPRKREPORT_OOXML")
	if dir == "" {
		dir = filepath.Join(Root(), "..", "shared", "ooxml")
	}
	if _, err := os.Stat(filepath.Join(dir, "validate.py")); err != nil {
		Missing(t, fmt.Sprintf("no OOXML schemas at %s (set DPRKREPORT_OOXML to the folder holding validate.py)", dir))
	}
	return dir
}

// Dataset reads a dataset folder into memory: the data files, and the
// archived articles of its archive/ subfolder apart, as --data and
// --archive take them.
func Dataset(t testing.TB, dir string) (data, archive fstest.MapFS) {
	t.Helper()
	data, archive = fstest.MapFS{}, fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		put(data, archive, filepath.ToSlash(rel), b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return data, archive
}

// Synthetic loads the synthetic dataset of c (dataset/synth), named
// synth-SEED in its messages; it fails the test when the dataset does not
// load.
func Synthetic(t testing.TB, c synth.Config) *dataset.Dataset {
	t.Helper()
	fsys, err := synth.FS(c)
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(fsys, dataset.Options{Name: fmt.Sprint("synth-", c.Seed)})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// DatasetTxtar reads a dataset kept as one txtar file, its archived
// articles named archive/….
func DatasetTxtar(t testing.TB, path string) (data, archive fstest.MapFS) {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data, archive = fstest.MapFS{}, fstest.MapFS{}
	for _, f := range ar.Files {
		put(data, archive, f.Name, f.Data)
	}
	return data, archive
}

func put(data, archive fstest.MapFS, name string, b []byte) {
	if rest, ok := strings.CutPrefix(name, "archive/"); ok {
		archive[rest] = &fstest.MapFile{Data: b}
	} else {
		data[name] = &fstest.MapFile{Data: b}
	}
}

// DefaultWith is the default dataset (base, as dataset.Default gives it)
// with the files of the txtar at path appended to the files of the same
// name: a fixture that adds a record or two to the real data.
func DefaultWith(t testing.TB, base fs.FS, path string) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data := fstest.MapFS{}
	err = fs.WalkDir(base, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		data[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		old, ok := data[f.Name]
		if !ok {
			t.Fatalf("%s: the default dataset has no %s to add to", path, f.Name)
		}
		data[f.Name] = &fstest.MapFile{Data: append(append(slices.Clone(old.Data), '\n'), f.Data...)}
	}
	return data
}

// STIX2 returns the folder of the OASIS STIX 2.1 JSON schemas
// (cti-stix2-json-schemas, with schemas/ inside): $DPRKREPORT_STIX2, or
// ../shared/stix2 beside the project.
func STIX2(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("DPRKREPORT_STIX2")
	if dir == "" {
		dir = filepath.Join(Root(), "..", "shared", "stix2")
	}
	if _, err := os.Stat(filepath.Join(dir, "schemas", "common", "core.json")); err != nil {
		Missing(t, fmt.Sprintf("no STIX 2.1 JSON schemas at %s (set DPRKREPORT_STIX2 to the folder holding schemas/)", dir))
	}
	return dir
}
