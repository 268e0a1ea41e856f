package dataset_test

import (
	"strings"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/google/go-cmp/cmp"
)

// An archived copy has one paragraph per block kept, each as the validator
// reads it back: white space collapsed, hidden characters dropped, blank
// blocks (a no-break space alone among them) left out, quotes kept.
func TestArchiveCopyParagraphs(t *testing.T) {
	blocks := []string{
		"  The \u201cheadline\u201d\t of it  ",
		"\u00a0",
		"",
		"Line one\nwrapped\r\nhere.",
		"A bidi control\u202e dropped, a zero-width\u200b space kept.",
		" \u2009 ",
	}
	copy := dataset.ArchiveCopy(blocks)
	want := []string{
		"The \u201cheadline\u201d of it",
		"Line one wrapped here.",
		"A bidi control dropped, a zero-width\u200b space kept.",
	}
	got := dataset.Paragraphs(string(copy))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
	if string(copy) != strings.Join(want, "\n")+"\n" {
		t.Errorf("copy = %q", copy)
	}
	// The copy of a copy is itself: archiving is idempotent.
	if again := dataset.ArchiveCopy(dataset.Paragraphs(string(copy))); string(again) != string(copy) {
		t.Errorf("re-archived copy differs: %q", again)
	}
}

func TestFindExcerpt(t *testing.T) {
	paras := []string{"Headline", "North Korea\u2019s hackers \u2014 it says \u2014 stole it.", "They stole it again."}
	for _, c := range []struct {
		excerpt string
		want    []int
	}{
		{"North Korea's hackers - it says", []int{2}},
		{"stole  it", []int{2, 3}},
		{"absent", nil},
	} {
		if got := dataset.FindExcerpt(paras, c.excerpt); !cmp.Equal(got, c.want) {
			t.Errorf("FindExcerpt(%q) = %v, want %v", c.excerpt, got, c.want)
		}
	}
}

func TestHash(t *testing.T) {
	// sha256sum of an empty file.
	if got := dataset.Hash(nil); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("Hash(nil) = %s", got)
	}
}

func TestSameURL(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"https://News.Example.com/a/b/", "http://news.example.com/a/b#top", true},
		{"https://example.com/a?id=1", "https://example.com/a?id=2", false},
		{"https://example.com/A", "https://example.com/a", false},
	} {
		if got := dataset.SameURL(c.a, c.b); got != c.want {
			t.Errorf("SameURL(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
