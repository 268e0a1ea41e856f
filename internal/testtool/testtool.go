// Package testtool is what the tests of several packages share: the real
// programs that read dprkreport's artifacts (Gnumeric, LibreOffice,
// poppler, qpdf), which a test that needs one skips with a clear message
// when missing and fails instead when DPRKREPORT_REQUIRE_TOOLS=1, as CI sets
// after installing them; and test datasets read into memory.
package testtool

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
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
	if os.Getenv("DPRKREPORT_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is required (DPRKREPORT_REQUIRE_TOOLS=1) but not installed: apt-get install %s", name, pkg)
	}
	t.Skipf("skipping: %s is not installed (apt-get install %s; set DPRKREPORT_REQUIRE_TOOLS=1 to make this a failure)", name, pkg)
	return ""
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
