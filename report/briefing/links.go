package briefing

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// linkAllowed is the one link rule of both renderers: internal anchors,
// and http(s) addresses of at most MaxLinkLen characters. A javascript:,
// file: or data: link from an edited template would be live in a reader's
// PDF viewer or browser.
func linkAllowed(target string) error {
	if strings.HasPrefix(target, "#") {
		return nil
	}
	u, err := url.Parse(target)
	if err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != "" && len(target) <= MaxLinkLen {
		return nil
	}
	return fmt.Errorf("link to %q: only http(s) addresses of at most %d characters and #anchors may be links", shortText(target, 60), MaxLinkLen)
}

// checkLinks holds the composed Markdown (src, parsed as root) to the
// renderers' link rules, so that Compose, and so --check, refuses what a
// render would: a link that linkAllowed refuses, or one to an anchor the
// text never sets.
func checkLinks(src []byte, root ast.Node) error {
	targets, anchors := map[string]bool{}, map[string]bool{}
	var refused error
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		dest := ""
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.AutoLink:
			dest = string(n.URL(src))
		case *ast.RawHTML:
			for _, a := range anchorTag.FindAllSubmatch(rawBytes(n, src), -1) {
				anchors[string(a[1])] = true
			}
		case *ast.HTMLBlock:
			l := n.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				for _, a := range anchorTag.FindAllSubmatch(seg.Value(src), -1) {
					anchors[string(a[1])] = true
				}
			}
		}
		if dest == "" {
			return ast.WalkContinue, nil
		}
		if err := linkAllowed(dest); err != nil && refused == nil {
			refused = err
		}
		if name, ok := strings.CutPrefix(dest, "#"); ok {
			targets[name] = true
		}
		return ast.WalkContinue, nil
	})
	if refused != nil {
		return refused
	}
	return danglingLinks(targets, anchors)
}

// danglingLinks is the error for the links to anchors that are not set,
// named in order: the Markdown's, checked by Compose, and each renderer's
// own, checked against what it drew.
func danglingLinks[V any](links map[string]V, anchors map[string]bool) error {
	var dangling []string
	for name := range links {
		if !anchors[name] {
			dangling = append(dangling, name)
		}
	}
	if len(dangling) > 0 {
		slices.Sort(dangling)
		return fmt.Errorf("links to targets the briefing never sets: %s", strings.Join(dangling, ", "))
	}
	return nil
}

// parseMarkdown reads Markdown as both renderers do.
func parseMarkdown(src []byte) ast.Node {
	return md.Parser().Parse(text.NewReader(src))
}
