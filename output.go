package main

import (
	"bufio"
	"bytes"
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

// staging writes every artifact or none. Each is rendered straight into a
// temporary file beside its destination (or, for stdout, into memory), and
// only when all have rendered are the files renamed into place: a failed run
// leaves existing files as they were and no partial file behind.
type staging struct {
	files []*stagedFile
}

type stagedFile struct {
	a   *artifact
	f   *os.File      // the temporary file; nil for stdout
	bw  *bufio.Writer // buffers writes to f
	buf *bytes.Buffer // stdout's bytes
}

type countingWriter struct {
	w io.Writer
	n *int64
}

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// open returns the writer an artifact is rendered into.
func (s *staging) open(a *artifact) (io.Writer, error) {
	sf := &stagedFile{a: a}
	if a.path == "-" {
		sf.buf = &bytes.Buffer{}
		s.files = append(s.files, sf)
		return countingWriter{sf.buf, &a.size}, nil
	}
	dir := filepath.Dir(a.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: cannot create the output directory: %w", a.path, unwrapPath(err))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(a.path)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write to %s: %w", a.path, dir, unwrapPath(err))
	}
	sf.f, sf.bw = f, bufio.NewWriterSize(f, 1<<16)
	s.files = append(s.files, sf)
	return countingWriter{sf.bw, &a.size}, nil
}

// commit finishes the temporary files and renames them into place, then
// writes what goes to stdout.
func (s *staging) commit(stdout io.Writer) error {
	for _, sf := range s.files {
		if sf.f == nil {
			continue
		}
		err := sf.bw.Flush()
		if cerr := sf.f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(sf.f.Name(), 0o644)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", sf.a.path, unwrapPath(err))
		}
	}
	for _, sf := range s.files {
		if sf.f == nil {
			continue
		}
		if err := os.Rename(sf.f.Name(), sf.a.path); err != nil {
			return fmt.Errorf("%s: %w", sf.a.path, unwrapPath(err))
		}
		sf.f = nil // committed: discard leaves it alone
	}
	for _, sf := range s.files {
		if sf.buf != nil {
			if _, err := stdout.Write(sf.buf.Bytes()); err != nil {
				return fmt.Errorf("write to stdout: %w", err)
			}
		}
	}
	return nil
}

// discard removes every temporary file not renamed into place.
func (s *staging) discard() {
	for _, sf := range s.files {
		if sf.f != nil {
			sf.f.Close()
			os.Remove(sf.f.Name())
		}
	}
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
