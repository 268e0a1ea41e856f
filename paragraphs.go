package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/ioerr"
)

// printParagraphs writes an archived copy's paragraphs, numbered as
// citations number them.
func printParagraphs(w io.Writer, paras []string) {
	width := len(fmt.Sprint(len(paras)))
	for i, p := range paras {
		fmt.Fprintf(w, "%*d  %s\n", width, i+1, safe(p))
	}
}

// archiveDir is the folder of archived copies a run verifies against:
// --archive, else the dataset's own archive/ folder when it has one.
func archiveDir(cfg config) string {
	if cfg.archive != "" || cfg.data == "" {
		return cfg.archive
	}
	dir := filepath.Join(cfg.data, "archive")
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return dir
	}
	return ""
}

// showParagraphs prints the archived copy of source id with its paragraph
// numbers, and says so when the copy is not the one recorded.
func showParagraphs(data fs.FS, name string, cfg config, stdout io.Writer, u *ui) error {
	srcName := name + "/" + dataset.FileSources
	raw, err := dataset.ReadFile(data, dataset.FileSources, dataset.MaxFileSize)
	if err != nil {
		return fmt.Errorf("%s: %w", srcName, ioerr.Cause(err))
	}
	sources, err := dataset.DecodeSources(raw)
	if err != nil {
		return failure(fmt.Errorf("%s:%w", srcName, err), "run --check for every problem")
	}
	i := slices.IndexFunc(sources, func(s *dataset.Source) bool { return s.ID == cfg.paragraphs })
	if i < 0 {
		var ids []string
		for _, s := range sources {
			if !s.IsReference() {
				ids = append(ids, s.ID)
			}
		}
		return failure(fmt.Errorf("--paragraphs %s: no such source in %s", cfg.paragraphs, srcName), "the articles are "+strings.Join(ids, ", "))
	}
	s := sources[i]
	if s.IsReference() || s.Archive == "" {
		return failure(fmt.Errorf("--paragraphs %s: source %q has no archived copy", cfg.paragraphs, s.ID), "a reference is cited as a whole, without paragraphs")
	}
	dir := archiveDir(cfg)
	if dir == "" {
		hint := "--archive DIR names the folder of archived copies"
		if cfg.data == "" {
			hint += "; this repository's default articles are in ../shared/seeds"
		}
		return failure(fmt.Errorf("--paragraphs %s: no archive folder (%s has no archive/)", cfg.paragraphs, name), hint)
	}
	text, err := dataset.ReadFile(os.DirFS(dir), s.Archive, dataset.MaxFileSize)
	if err != nil {
		return failure(fmt.Errorf("source %q: archived copy %s: %w", s.ID, filepath.Join(dir, s.Archive), ioerr.Cause(err)), "check --archive and the source's archive field")
	}
	paras := dataset.Paragraphs(string(text))
	printParagraphs(stdout, paras)
	if sum, changed := s.ChangedCopy(text); changed {
		u.infof("note: archived copy changed since it was recorded: sha256 %s, but %s has %s; its citations were made against another text", s.SHA256[:12]+"…", s.Archive, sum[:12]+"…")
	}
	if len(paras) != s.Paragraphs {
		u.infof("note: source %q records paragraphs = %d, but the copy has %d", s.ID, s.Paragraphs, len(paras))
	}
	return nil
}
