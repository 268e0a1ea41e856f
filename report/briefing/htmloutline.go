package briefing

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// outline is what the HTML page knows of the document before it writes
// it: each heading's level, id and text, and each table's caption.
type outline struct {
	heads    map[ast.Node]*head
	order    []*head
	captions map[ast.Node]string
	sections int
	title    string // the first heading's text
}

type head struct {
	level int
	id    string
	text  string
}

// newOutline walks the document once. Heading levels follow the PDF's
// bookmark rule: none deeper than one below the one before, so the page's
// headings have no gaps; the first heading is the page's one h1, and a
// later level-1 heading becomes a level-2 one.
func newOutline(root ast.Node, src []byte) *outline {
	o := &outline{heads: map[ast.Node]*head{}, captions: map[ast.Node]string{}}
	ids := map[string]int{}
	prev := 0
	var last *head
	tables := map[*head]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			level := min(n.Level, prev+1)
			if level == 1 && prev != 0 {
				level = 2
			}
			prev = level
			text := nodeText(n, src)
			hd := &head{level: level, text: text, id: uniqueID(ids, "sec-"+slug(text))}
			if level == 1 && o.title == "" {
				o.title = text
			}
			if level == 2 {
				o.sections++
			}
			o.heads[n] = hd
			o.order = append(o.order, hd)
			last = hd
			return ast.WalkSkipChildren, nil
		case *east.Table:
			caption := "Table"
			if last != nil {
				caption = last.text
			}
			tables[last]++
			if k := tables[last]; k > 1 {
				caption += fmt.Sprintf(" (table %d)", k)
			}
			o.captions[n] = caption
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return o
}

// nodeText is the text of n's inlines as a reader sees it: escapes
// resolved, no markup, white space collapsed.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(src)
				if _, code := n.(*ast.CodeSpan); !code {
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.RawHTML:
			case *ast.AutoLink:
				b.Write(c.Label(src))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// slug makes an id from a heading's text: lower-case ASCII letters and
// digits, words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 48 {
			break
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// uniqueID returns base, or base-2, base-3, … when it was taken.
func uniqueID(ids map[string]int, base string) string {
	ids[base]++
	if n := ids[base]; n > 1 {
		id := fmt.Sprintf("%s-%d", base, n)
		ids[id]++
		return id
	}
	return base
}
