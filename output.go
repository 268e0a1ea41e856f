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
	"runtime"
	"sync"
	"syscall"

	"github.com/dprkreport/dprkreport/internal/ioerr"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/templates"
)

// staging writes every artifact or none. Each is rendered straight into a
// temporary file beside its destination (or, for stdout, into memory). Only
// when all have rendered is stdout written and are the files renamed into
// place, each existing file first moved aside so that a failure part-way
// puts back every file already replaced: a failed or interrupted run leaves
// existing files as they were, and no temporary file or folder it created.
type staging struct {
	files   []*stagedFile
	created []string // folders made for outputs, outermost first
}

type stagedFile struct {
	a      *artifact
	f      *os.File      // the temporary file; nil for stdout or once renamed
	bw     *bufio.Writer // buffers writes to f
	buf    *bytes.Buffer // stdout's bytes
	backup string        // where the replaced file waits until commit ends
	placed bool          // renamed into place
}

// live holds the stagings in progress, for the signal handler.
var live struct {
	sync.Mutex
	set map[*staging]bool
}

func track(s *staging, on bool) {
	live.Lock()
	defer live.Unlock()
	if live.set == nil {
		live.set = map[*staging]bool{}
	}
	if on {
		live.set[s] = true
	} else {
		delete(live.set, s)
	}
}

// abandonAll rolls back every staging in progress; the signal handler calls
// it before exiting. It keeps the lock, so no staging starts or commits
// after it.
func abandonAll() bool {
	live.Lock()
	any := len(live.set) > 0
	for s := range live.set {
		s.rollback()
	}
	return any
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
	track(s, true)
	sf := &stagedFile{a: a}
	if a.path == "-" {
		sf.buf = &bytes.Buffer{}
		s.add(sf)
		return countingWriter{sf.buf, &a.size}, nil
	}
	dir := filepath.Dir(a.path)
	if err := s.mkdirAll(dir); err != nil {
		return nil, fmt.Errorf("%s: cannot create the output directory: %w", a.path, ioerr.Cause(err))
	}
	// Created and recorded under the lock the signal handler takes, so
	// that a signal between the two cannot leave the file unknown to it.
	live.Lock()
	f, err := os.CreateTemp(dir, "."+filepath.Base(a.path)+".tmp*")
	if err == nil {
		sf.f, sf.bw = f, bufio.NewWriterSize(f, 1<<16)
		s.files = append(s.files, sf)
	}
	live.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot write to %s: %w", a.path, dir, ioerr.Cause(err))
	}
	return countingWriter{sf.bw, &a.size}, nil
}

func (s *staging) add(sf *stagedFile) {
	live.Lock()
	defer live.Unlock()
	s.files = append(s.files, sf)
}

// mkdirAll makes dir and its missing parents, remembering which it made.
func (s *staging) mkdirAll(dir string) error {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	live.Lock() // as for the temporary file: made and recorded at once
	defer live.Unlock()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := len(missing) - 1; i >= 0; i-- {
		s.created = append(s.created, missing[i])
	}
	return nil
}

// commit finishes the temporary files, writes stdout, then renames the
// files into place. Any failure undoes what was done.
func (s *staging) commit(stdout io.Writer) (err error) {
	defer func() {
		if err != nil {
			s.discard()
		}
	}()
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
			return fmt.Errorf("%s: %w", sf.a.path, ioerr.Cause(err))
		}
	}
	// Stdout first: once it has failed nothing has been replaced yet.
	for _, sf := range s.files {
		if sf.buf != nil {
			if _, err := stdout.Write(sf.buf.Bytes()); err != nil {
				return fmt.Errorf("write to stdout: %w", err)
			}
		}
	}
	live.Lock()
	defer live.Unlock()
	for _, sf := range s.files {
		if sf.f == nil {
			continue
		}
		if err := sf.place(); err != nil {
			return fmt.Errorf("%s: %w", sf.a.path, ioerr.Cause(err))
		}
	}
	// Every file is in place: the replaced ones can go.
	for _, sf := range s.files {
		if sf.backup != "" {
			os.Remove(sf.backup)
			sf.backup = ""
		}
	}
	s.files, s.created = nil, nil
	delete(live.set, s)
	return nil
}

// place moves an existing destination aside, then renames the temporary
// file into place.
func (sf *stagedFile) place() error {
	if fi, err := os.Lstat(sf.a.path); err == nil {
		if fi.IsDir() {
			return errors.New("output is a directory")
		}
		backup := sf.f.Name() + ".old"
		if err := rename(sf.a.path, backup); err != nil {
			return fmt.Errorf("cannot replace it: %w", err)
		}
		sf.backup = backup
	}
	if err := rename(sf.f.Name(), sf.a.path); err != nil {
		return err
	}
	sf.placed = true
	return nil
}

// rename moves the file from to to, replacing to when it exists: the one
// way a staging puts a new file in place, moves an existing output aside
// and puts it back.
//
// On Unix it is rename(2): atomic, and it replaces to even while another
// program has it open (that program keeps reading the old file).
//
// On Windows os.Rename calls MoveFileEx(from, to, MOVEFILE_REPLACE_EXISTING)
// (Go 1.26: os/file_windows.go, internal/syscall/windows.Rename). That
// replaces an existing file, but os.Rename promises no atomicity off Unix,
// and Windows refuses to move or replace a file that a program holds open
// without sharing it for deletion (Excel does so with an open workbook):
// the call fails with ERROR_SHARING_VIOLATION or ERROR_ACCESS_DENIED and
// both files stay as they were. The staging never relies on the
// replacement: place first moves an existing output aside (a rename to a
// new name), then renames the new file to a name that is free, and a
// rollback renames the old file back over nothing. Copying across volumes
// is not allowed (no MOVEFILE_COPY_ALLOWED): the temporary file is made in
// the destination's folder. Not run on Windows here; inUse's error codes
// are the Windows API's.
func rename(from, to string) error {
	err := os.Rename(from, to)
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err // the caller names the output
	}
	if inUse(runtime.GOOS, err) {
		return fmt.Errorf("%w (is it open in another program? close it there and run again)", err)
	}
	return err
}

// inUse tells whether err is Windows refusing to move a file that a program
// has open: ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION (32) or
// ERROR_LOCK_VIOLATION (33). The same numbers mean other things on Unix.
func inUse(goos string, err error) bool {
	var errno syscall.Errno
	return goos == "windows" && errors.As(err, &errno) && (errno == 5 || errno == 32 || errno == 33)
}

// discard undoes an unfinished staging: temporary files removed, replaced
// files put back, created folders removed when empty.
func (s *staging) discard() {
	live.Lock()
	defer live.Unlock()
	s.rollback()
	delete(live.set, s)
}

// rollback does discard's work; the caller holds live's lock.
func (s *staging) rollback() {
	for i := len(s.files) - 1; i >= 0; i-- {
		sf := s.files[i]
		if sf.f != nil {
			sf.f.Close()
			if sf.placed {
				if sf.backup != "" {
					rename(sf.backup, sf.a.path)
				} else {
					os.Remove(sf.a.path)
				}
			} else {
				os.Remove(sf.f.Name())
				if sf.backup != "" {
					rename(sf.backup, sf.a.path)
				}
			}
		}
	}
	for i := len(s.created) - 1; i >= 0; i-- {
		os.Remove(s.created[i]) // only if empty
	}
	s.files, s.created = nil, nil
}

// initDir writes the embedded dataset and templates into dir, refusing to
// overwrite a file unless force is set. It checks every file before it
// writes any.
func initDir(dir string, force bool, u *ui) error {
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
		return failure(err, "")
	}
	if err := collect(templates.Default(), "templates"); err != nil {
		return failure(err, "")
	}
	if !force {
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.rel))
			if _, err := os.Lstat(p); err == nil {
				return failure(fmt.Errorf("%s: file exists", p), "use --force to overwrite, or --init a new folder")
			}
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return failure(fmt.Errorf("%s: %w", filepath.Dir(p), ioerr.Cause(err)), "")
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return failure(fmt.Errorf("%s: %w", p, ioerr.Cause(err)), "")
		}
	}
	u.infof("wrote %d files into %s: edit them, then run dprkreport --data %s --check", len(files), dir, shellArg(runtime.GOOS, dir))
	return nil
}
