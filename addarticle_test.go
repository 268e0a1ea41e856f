package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/internal/testtool"
)

// seedsDir holds the default dataset's archived articles, beside the
// project: they are not ours to redistribute.
var seedsDir = filepath.Join("..", "shared", "seeds")

var numbered = regexp.MustCompile(`^ *(\d+)  (.*)$`)

// Re-adding each curated article with --add-article reproduces its curated
// paragraphs count, and every excerpt cited from it is in the paragraph its
// citation names, in the numbering --add-article prints. Article 001 is
// the one the journey audit removed and re-added by hand.
func TestAddArticleReproducesCuratedNumbers(t *testing.T) {
	if _, err := os.Stat(seedsDir); err != nil {
		testtool.Missing(t, seedsDir+" is missing: the default dataset's archived articles live there")
	}
	d, err := dataset.Load(dataset.Default(), dataset.Options{Name: "dataset/data"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.Sources {
		if s.IsReference() {
			continue
		}
		t.Run(s.Archive, func(t *testing.T) {
			dir := t.TempDir()
			var stdout, stderr bytes.Buffer
			args := []string{"--data", dir, "--add-article", filepath.Join(seedsDir, s.Archive), "--outlet", s.Outlet, "--published", s.Published}
			if code := run(args, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			var paras []string
			for i, line := range strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n") {
				m := numbered.FindStringSubmatch(line)
				if m == nil || m[1] != strconv.Itoa(i+1) {
					t.Fatalf("line %d of the output is not paragraph %d: %q", i+1, i+1, line)
				}
				paras = append(paras, m[2])
			}
			if len(paras) != s.Paragraphs {
				t.Errorf("printed %d paragraphs, the curated paragraphs = %d", len(paras), s.Paragraphs)
			}
			for c := range d.Citations() {
				if c.Source != s.ID || c.Excerpt == "" {
					continue
				}
				if at := dataset.FindExcerpt(paras, c.Excerpt); !slices.Contains(at, c.Para) {
					t.Errorf("excerpt %q: curated para = %d, found in paragraphs %v", c.Excerpt, c.Para, at)
				}
			}
			raw, err := os.ReadFile(filepath.Join(dir, dataset.FileSources))
			if err != nil {
				t.Fatal(err)
			}
			added, err := dataset.DecodeSources(raw)
			if err != nil || len(added) != 1 {
				t.Fatalf("sources.toml: %d sources, %v", len(added), err)
			}
			copy, err := os.ReadFile(filepath.Join(dir, "archive", added[0].Archive))
			if err != nil {
				t.Fatal(err)
			}
			if added[0].Paragraphs != s.Paragraphs || added[0].SHA256 != dataset.Hash(copy) {
				t.Errorf("record: paragraphs = %d, sha256 = %s; want %d and %s", added[0].Paragraphs, added[0].SHA256, s.Paragraphs, dataset.Hash(copy))
			}
		})
	}
}

// Adding a curated article to a dataset that holds it is refused, naming
// the source, whether the file is the archived copy itself or not.
func TestAddArticleRefusesCuratedArticle(t *testing.T) {
	seed := filepath.Join(seedsDir, "001_455621a6354b89aa.txt")
	if _, err := os.Stat(seed); err != nil {
		testtool.Missing(t, seed+" is missing: the default dataset's archived articles live there")
	}
	dir := filepath.Join(t.TempDir(), "ds")
	if code := run([]string{"--init", dir, "-q"}, &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
		t.Fatal("--init failed")
	}
	before, _ := os.ReadFile(filepath.Join(dir, dataset.FileSources))
	var stderr bytes.Buffer
	code := run([]string{"--data", dir, "--add-article", seed, "--outlet", "Unknown", "--published", "2024-03"}, &bytes.Buffer{}, &stderr)
	if code != exitFail || !strings.Contains(stderr.String(), `the article is in the dataset already: source "unknown-2024-03-un-report"`) {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	after, _ := os.ReadFile(filepath.Join(dir, dataset.FileSources))
	if !bytes.Equal(before, after) {
		t.Error("sources.toml changed")
	}
	if _, err := os.Stat(filepath.Join(dir, "archive")); err == nil {
		t.Error("an archive folder was made")
	}
}

// An id is built from the outlet's name and the date's year and month.
func TestSlugAndIDDate(t *testing.T) {
	for name, want := range map[string]string{
		"Bitcoin.com News":                     "bitcoincom-news",
		"Yonhap News Agency":                   "yonhap-news-agency",
		"  The Block  ":                        "the-block",
		"연합뉴스":                                 "source",
		"A very long outlet name that goes on": "a-very-long-outlet-name-that",
	} {
		if got := slug(name); got != want || !dataset.ValidID(got+"-2024") {
			t.Errorf("slug(%q) = %q, want %q", name, got, want)
		}
	}
	for date, want := range map[string]string{"2024": "2024", "2024-03": "2024-03", "2024-03-21": "2024-03", "mid-2021": "2021"} {
		if got := idDate(date); got != want {
			t.Errorf("idDate(%q) = %q, want %q", date, got, want)
		}
	}
}
