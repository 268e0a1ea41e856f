package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/templates"
)

// writeAll writes every artifact or none: each goes to a temporary file
// beside its destination, and only when all are written are they renamed
// into place. A failed run leaves existing files as they were.
func writeAll(arts []*artifact, stdout io.Writer) error {
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, a := range arts {
		if a.path == "-" {
			continue
		}
		dir := filepath.Dir(a.path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			cleanup()
			return fmt.Errorf("%s: cannot create the output directory: %w", a.path, unwrapPath(err))
		}
		f, err := os.CreateTemp(dir, "."+filepath.Base(a.path)+".tmp*")
		if err != nil {
			cleanup()
			return fmt.Errorf("%s: cannot write to %s: %w", a.path, dir, unwrapPath(err))
		}
		temps = append(temps, f.Name())
		_, err = f.Write(a.data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(f.Name(), 0o644)
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", a.path, unwrapPath(err))
		}
	}
	i := 0
	for _, a := range arts {
		if a.path == "-" {
			continue
		}
		if err := os.Rename(temps[i], a.path); err != nil {
			cleanup()
			return fmt.Errorf("%s: %w", a.path, unwrapPath(err))
		}
		i++
	}
	for _, a := range arts {
		if a.path == "-" {
			if _, err := stdout.Write(a.data); err != nil {
				return fmt.Errorf("write to stdout: %w", err)
			}
		}
	}
	return nil
}

// unwrapPath drops the *fs.PathError's own copy of the path, which the
// message names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// initDir writes the embedded dataset and templates into dir, refusing to
// overwrite a file unless force is set. It checks every file before it
// writes any.
func initDir(dir string, force bool, u *ui) int {
	type file struct {
		rel  string
		data []byte
	}
	var files []file
	collect := func(fsys fs.FS, prefix string) error {
		return fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			files = append(files, file{path.Join(prefix, p), b})
			return err
		})
	}
	if err := collect(dataset.Default(), ""); err != nil {
		return u.fail(err, "")
	}
	if err := collect(templates.Default(), "templates"); err != nil {
		return u.fail(err, "")
	}
	if !force {
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.rel))
			if _, err := os.Lstat(p); err == nil {
				return u.fail(fmt.Errorf("%s: file exists", p), "use --force to overwrite, or --init a new folder")
			}
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return u.fail(fmt.Errorf("%s: %w", filepath.Dir(p), unwrapPath(err)), "")
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return u.fail(fmt.Errorf("%s: %w", p, unwrapPath(err)), "")
		}
	}
	u.infof("wrote %d files into %s: edit them, then run dprkreport --data %s --check", len(files), dir, dir)
	return exitOK
}
