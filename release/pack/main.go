// Command pack writes one release archive, the same bytes for the same
// files and date: entries sorted by name under one folder, every date
// SOURCE_DATE_EPOCH, owner and group 0, mode 0755 for executables and 0644
// for the rest, no gzip name or date. release/build.sh runs it.
//
// Usage:
//
//	SOURCE_DATE_EPOCH=N go run ./release/pack -o NAME.tar.gz|NAME.zip -dir FOLDER FILE...
//
// Each FILE is stored as FOLDER/its base name.
package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "write the archive to `FILE`: .tar.gz or .zip")
	dir := flag.String("dir", "", "store the files under `FOLDER`")
	flag.Parse()
	if err := run(*out, *dir, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

// entry is one file to store.
type entry struct {
	name string // FOLDER/base
	mode fs.FileMode
	data []byte
}

func run(out, dir string, files []string) error {
	if out == "" || dir == "" || len(files) == 0 {
		return errors.New("usage: SOURCE_DATE_EPOCH=N pack -o NAME.tar.gz|NAME.zip -dir FOLDER FILE…")
	}
	epoch, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64)
	if err != nil {
		return fmt.Errorf("SOURCE_DATE_EPOCH=%q: want the commit's date in seconds", os.Getenv("SOURCE_DATE_EPOCH"))
	}
	when := time.Unix(epoch, 0).UTC()
	var entries []entry
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			return err
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if fi.Mode()&0o111 != 0 {
			mode = 0o755
		}
		entries = append(entries, entry{path.Join(dir, filepath.Base(f)), mode, data})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(entries); i++ {
		if entries[i].name == entries[i-1].name {
			return fmt.Errorf("%s named twice", entries[i].name)
		}
	}

	var write func(io.Writer, string, []entry, time.Time) error
	switch {
	case strings.HasSuffix(out, ".tar.gz"):
		write = writeTarGz
	case strings.HasSuffix(out, ".zip"):
		write = writeZip
	default:
		return fmt.Errorf("%s: name the archive .tar.gz or .zip", out)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f, dir, entries, when); err != nil {
		f.Close()
		os.Remove(out)
		return fmt.Errorf("%s: %w", out, err)
	}
	return f.Close()
}

// writeTarGz writes a ustar archive, gzipped with no name and no date in
// the gzip header.
func writeTarGz(w io.Writer, dir string, entries []entry, when time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	hdr := func(name string, mode fs.FileMode, size int64, typ byte) *tar.Header {
		return &tar.Header{Typeflag: typ, Name: name, Mode: int64(mode), Size: size, ModTime: when, Format: tar.FormatUSTAR}
	}
	if err := tw.WriteHeader(hdr(dir+"/", 0o755, 0, tar.TypeDir)); err != nil {
		return err
	}
	for _, e := range entries {
		if err := tw.WriteHeader(hdr(e.name, e.mode, int64(len(e.data)), tar.TypeReg)); err != nil {
			return err
		}
		if _, err := tw.Write(e.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes a zip archive whose entries carry Unix modes and the
// date in UTC (the DOS date field has no zone; the extended timestamp
// that Go adds says UTC).
func writeZip(w io.Writer, dir string, entries []entry, when time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	d := &zip.FileHeader{Name: dir + "/", Method: zip.Store, Modified: when}
	d.SetMode(fs.ModeDir | 0o755)
	if _, err := zw.CreateHeader(d); err != nil {
		return err
	}
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: when}
		h.SetMode(e.mode)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
