package briefing

import (
	"io/fs"
	"testing"

	"github.com/dprkreport/dprkreport/dataset"
	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/templates"
)

// The renderers take Compose's parse of the Markdown only while the
// Markdown holds the bytes Compose parsed: an edit in place, or new bytes,
// is parsed anew.
func TestRootFollowsMarkdown(t *testing.T) {
	doc := composeFrom(t, dataset.Default())
	if doc.root() != doc.parsed {
		t.Fatal("a renderer parses the Markdown Compose has just parsed")
	}
	copy(doc.Markdown, "# Edited in place\n")
	if doc.root() == doc.parsed {
		t.Fatal("an edit in place reuses the tree of the text before it")
	}
	doc.Markdown = []byte("# New text\n")
	root := doc.root()
	if root == doc.parsed || root.FirstChild() == nil || string(root.FirstChild().Lines().Value(doc.Markdown)) != "New text" {
		t.Fatal("new Markdown is not what the renderer reads")
	}
}

// composeFrom composes the briefing of a dataset with the embedded
// templates.
func composeFrom(t *testing.T, fsys fs.FS) *Doc {
	t.Helper()
	d, err := dataset.Load(fsys, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := Parse(templates.Default())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Compose(report.Compute(d, report.Options{}), nil, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
