package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const epoch = 1765046640 // 2025-12-06T18:44:00Z

// files writes the same three files into a new folder, with the given file
// modes and modification time, and returns their paths in the given order.
func files(t *testing.T, exe, doc fs.FileMode, mtime time.Time, reversed bool) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, f := range []struct {
		name string
		mode fs.FileMode
	}{{"dprkreport", exe}, {"README.md", doc}, {"LICENSE", doc}} {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte("contents of "+f.name), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, f.mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if reversed {
		paths[0], paths[2] = paths[2], paths[0]
	}
	return paths
}

// The same files give the same bytes whatever their order on the command
// line, their dates and their permissions beyond the executable bit; the
// entries are sorted, dated SOURCE_DATE_EPOCH and owned by 0.
func TestReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", fmt.Sprint(epoch))
	want := []string{
		"x/ 755 2025-12-06T18:44:00Z",
		"x/LICENSE 644 2025-12-06T18:44:00Z contents of LICENSE",
		"x/README.md 644 2025-12-06T18:44:00Z contents of README.md",
		"x/dprkreport 755 2025-12-06T18:44:00Z contents of dprkreport",
	}
	for _, ext := range []string{".tar.gz", ".zip"} {
		t.Run(ext, func(t *testing.T) {
			out := t.TempDir()
			a, b := filepath.Join(out, "a"+ext), filepath.Join(out, "b"+ext)
			if err := run(a, "x", files(t, 0o755, 0o644, time.Now(), false)); err != nil {
				t.Fatal(err)
			}
			if err := run(b, "x", files(t, 0o700, 0o600, time.Unix(0, 0), true)); err != nil {
				t.Fatal(err)
			}
			da, _ := os.ReadFile(a)
			db, _ := os.ReadFile(b)
			if !bytes.Equal(da, db) {
				t.Errorf("%s differs from %s", a, b)
			}
			var got []string
			if ext == ".zip" {
				got = listZip(t, da)
			} else {
				got = listTarGz(t, da)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
		})
	}
}

func listTarGz(t *testing.T, data []byte) []string {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header: name %q, date %v; want neither", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var list []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return list
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d/%d (%q/%q), want 0/0", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		b, _ := io.ReadAll(tr)
		list = append(list, strings.TrimSpace(fmt.Sprintf("%s %o %s %s", h.Name, h.Mode, h.ModTime.UTC().Format(time.RFC3339), b)))
	}
}

func listZip(t *testing.T, data []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		list = append(list, strings.TrimSpace(fmt.Sprintf("%s %o %s %s", f.Name, f.Mode().Perm(), f.Modified.UTC().Format(time.RFC3339), b)))
	}
	return list
}

func TestRefuses(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", fmt.Sprint(epoch))
	in := files(t, 0o755, 0o644, time.Now(), false)
	out := t.TempDir()
	for _, c := range []struct {
		name, out string
		files     []string
		want      string
	}{
		{"no date", "a.zip", in, "SOURCE_DATE_EPOCH"},
		{"unknown format", "a.tar.xz", in, "name the archive .tar.gz or .zip"},
		{"same name twice", "a.zip", append(in, in[0]), "named twice"},
		{"a folder", "a.zip", []string{out}, "not a regular file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "no date" {
				t.Setenv("SOURCE_DATE_EPOCH", "")
			}
			err := run(filepath.Join(out, c.out), "x", c.files)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want one that says %q", err, c.want)
			}
			if _, err := os.Stat(filepath.Join(out, c.out)); err == nil {
				t.Errorf("%s was written", c.out)
			}
		})
	}
}
