// Package briefing renders a Summary as the PDF briefing: templates
// (Markdown with text/template directives) are executed over a view of the
// Summary in which every dataset string is already escaped for Markdown, the
// Markdown is parsed with goldmark, and a walker draws it with gofpdf.
package briefing

import (
	"bytes"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
	"github.com/dprkreport/dprkreport/templates"
	"github.com/yuin/goldmark/ast"
)

// Doc is a composed briefing: its Markdown, and the summary and the
// numbering it draws on.
type Doc struct {
	Markdown  []byte
	Summary   *report.Summary
	Numbering *report.Numbering

	// parsed is Compose's parse of Markdown, which checkLinks needed,
	// and parsedFrom a copy of the bytes it parsed: a renderer takes it
	// while Markdown still holds those bytes (see root). The renderers only
	// read the tree, so the PDF and the HTML may walk it at once.
	parsed     ast.Node
	parsedFrom []byte
}

// root is the parsed Markdown: Compose's tree when the Markdown is what
// Compose wrote, else a new parse.
func (d *Doc) root() ast.Node {
	if d.parsed != nil && bytes.Equal(d.parsedFrom, d.Markdown) {
		return d.parsed
	}
	return parseMarkdown(d.Markdown)
}

// Compose executes the templates over the summary and, with a baseline,
// the edition (nil without one). Sources are numbered in the order the text
// first cites them (see Number); the Doc carries that Numbering, which the
// workbook takes too, so that both artifacts print the same numbers.
func Compose(s *report.Summary, e *edition.Edition, t *Templates) (*Doc, error) {
	num, cited, err := number(s, e, t)
	if err != nil {
		return nil, err
	}
	// Second pass: numbers now run in reading order and the bibliography
	// lists the sources in that order.
	md, _, err := execute(s, e, num, t, cited)
	if err != nil {
		return nil, err
	}
	root := parseMarkdown(md)
	if err := checkLinks(md, root); err != nil {
		return nil, err
	}
	return &Doc{Markdown: md, Summary: s, Numbering: num, parsed: root, parsedFrom: bytes.Clone(md)}, nil
}

// Number returns the numbering of the sources in the order the briefing
// first cites them: the first of Compose's two passes, all that a workbook
// without a briefing needs (report.Numbering says why it needs that much).
// Every article of the summary must be cited.
func Number(s *report.Summary, e *edition.Edition, t *Templates) (*report.Numbering, error) {
	num, _, err := number(s, e, t)
	return num, err
}

// number runs the first pass, with the data's numbering, and returns the
// numbering in the order the text cites the sources and the sources it
// cites.
func number(s *report.Summary, e *edition.Edition, t *Templates) (*report.Numbering, map[string]bool, error) {
	_, order, err := execute(s, e, report.DefaultNumbering(s), t, nil)
	if err != nil {
		return nil, nil, err
	}
	// Every article must be cited; a reference that the briefing does not
	// cite (one behind a claim it leaves to the workbook) is listed there.
	var missing []string
	for _, src := range s.Sources {
		if !src.IsReference() && !slices.Contains(order, src.ID) {
			missing = append(missing, src.ID)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("the briefing does not cite %d of the %d articles: %s", len(missing), s.Counts.Articles, strings.Join(missing, ", "))
	}
	cited := map[string]bool{}
	for _, id := range order {
		cited[id] = true
	}
	return report.NumberSources(s, order), cited, nil
}

type citer interface{ refs() []report.Ref }

// execute runs the templates with the numbering num; cited, when set, names
// the sources the first pass cited, and the bibliography lists only the
// references among them. It returns the Markdown and the ids of the sources
// in the order the text first cites them.
func execute(s *report.Summary, e *edition.Edition, num *report.Numbering, t *Templates, cited map[string]bool) ([]byte, []string, error) {
	var order []string
	seen := map[string]bool{}
	charts := map[string]bool{"years": true}
	funcs := template.FuncMap{
		"cite": func(items ...any) (string, error) {
			var refs []report.Ref
			for _, it := range items {
				switch v := it.(type) {
				case citer:
					refs = append(refs, v.refs()...)
				case []*ClaimV:
					for _, c := range v {
						refs = append(refs, c.refs()...)
					}
				default:
					return "", fmt.Errorf("cite: cannot cite a %T", it)
				}
			}
			var parts []string
			for _, r := range num.Refs(refs) {
				if !seen[r.Source.ID] {
					seen[r.Source.ID] = true
					order = append(order, r.Source.ID)
				}
				parts = append(parts, fmt.Sprintf("[\\[%s\\]](#%s)", escape(report.Unbroken(num.RefLabel(r))), num.Anchor(r.Source)))
			}
			return strings.Join(parts, " "), nil
		},
		"chart": func(name string) (string, error) {
			if !charts[name] {
				return "", fmt.Errorf("chart: no chart named %q (there is: years)", name)
			}
			return "```chart\n" + name + "\n```", nil
		},
		"anchor": func(v any) (string, error) {
			src, ok := v.(*SourceV)
			if !ok {
				return "", fmt.Errorf("anchor: takes a source, not a %T", v)
			}
			return fmt.Sprintf(`<a id="%s"></a>`, num.Anchor(src.src)), nil
		},
		"first": func(n int, list any) (any, error) {
			l := reflect.ValueOf(list)
			if l.Kind() != reflect.Slice {
				return nil, fmt.Errorf("first: cannot take from a %T", list)
			}
			return l.Slice(0, min(n, l.Len())).Interface(), nil
		},
	}
	tt, err := t.t.Clone()
	if err != nil {
		return nil, nil, err
	}
	var buf cappedBuffer
	done := make(chan error, 1)
	go func() { done <- tt.Funcs(funcs).ExecuteTemplate(&buf, templates.Main, newView(s, e, num, cited)) }()
	select {
	case err := <-done:
		if err != nil {
			return nil, nil, fmt.Errorf("templates: %s", strings.TrimPrefix(err.Error(), "template: "))
		}
	case <-time.After(MaxExecTime):
		// text/template cannot be stopped: the template goroutine runs on
		// until it ends. The CLI exits on this error; a caller that goes on
		// (a test, the fuzzer) keeps that goroutine running.
		return nil, nil, fmt.Errorf("templates: %s ran for more than %s; a template is probably looping", templates.Main, MaxExecTime)
	}
	return buf.Bytes(), order, nil
}

// escape makes a dataset string safe to put into Markdown text: the
// characters that Markdown would read as syntax are backslash-escaped, the
// way html/template escapes for HTML, and line breaks become spaces.
func escape(s string) string {
	if plainMarkdown(s) {
		return s
	}
	return escapeMarkdown(s)
}

func escapeMarkdown(s string) string {
	// Collapse line breaks and runs of spaces, but keep no-break spaces.
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }), " ")
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '~', '&', '{', '}':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "2023. " at the start would open an ordered list.
	if m := leadingNumber.FindStringIndex(out); m != nil {
		out = out[:m[1]-1] + "\\" + out[m[1]-1:]
	}
	return out
}

var leadingNumber = regexp.MustCompile(`^[0-9]+[.)]`)

// plainMarkdown tells that escape would return s as it is: no white space
// to collapse, no character Markdown would read, no list marker at the
// start. Most of a briefing's strings are such; the view escapes them all.
func plainMarkdown(s string) bool {
	if s == "" {
		return true
	}
	if !utf8.ValidString(s) {
		return false
	}
	switch s[0] {
	case '-', '+', '=', ' ':
		return false
	}
	if s[len(s)-1] == ' ' || s[0] >= '0' && s[0] <= '9' && leadingNumber.MatchString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '~', '&', '{', '}', '\t', '\n', '\r':
			return false
		case ' ':
			if s[i+1] == ' ' {
				return false
			}
		}
	}
	return true
}

// urlForAutolink returns the URL as it may stand in <…>: characters that
// would end the autolink are percent-encoded.
func urlForAutolink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.NewReplacer(" ", "%20", "<", "%3C", ">", "%3E").Replace(u.String())
}
