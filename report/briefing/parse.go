package briefing

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/dprkreport/dprkreport/internal/ioerr"

	"github.com/dprkreport/dprkreport/templates"
)

// Templates is a parsed template set.
type Templates struct {
	t *template.Template
}

// Parse reads every *.md file of fsys as a template; templates.Main is the
// one executed. Missing keys are errors, not blanks.
func Parse(fsys fs.FS) (*Templates, error) {
	if _, err := fs.ReadDir(fsys, "."); err != nil {
		return nil, fmt.Errorf("templates: cannot read the folder: %w", ioerr.Cause(err))
	}
	if _, err := fs.Stat(fsys, templates.Main); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("templates: %s is missing", templates.Main)
	} else if err != nil {
		return nil, fmt.Errorf("templates: %s: %w", templates.Main, ioerr.Cause(err))
	}
	t, err := template.New("").Option("missingkey=error").Funcs(placeholderFuncs).ParseFS(fsys, "*.md")
	if err != nil {
		return nil, fmt.Errorf("templates: %s", strings.TrimPrefix(err.Error(), "template: "))
	}
	if err := noCycles(t); err != nil {
		return nil, err
	}
	return &Templates{t: t}, nil
}

// Bounds on executing the templates: a briefing is a few pages of Markdown,
// so a template that writes more, or runs longer, is broken.
const (
	MaxMarkdown = 8 << 20 // bytes of composed Markdown
	MaxExecTime = 20 * time.Second
)

// noCycles rejects a template that calls itself, directly or through
// others: text/template would recurse a hundred thousand levels deep
// before it gave up.
func noCycles(t *template.Template) error {
	calls := map[string][]*parse.TemplateNode{}
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		var walk func(n parse.Node)
		walk = func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ListNode:
				if n == nil {
					return
				}
				for _, c := range n.Nodes {
					walk(c)
				}
			case *parse.TemplateNode:
				calls[tt.Name()] = append(calls[tt.Name()], n)
			case *parse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			case *parse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			}
		}
		walk(tt.Tree.Root)
	}
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(name string, path []string) error
	visit = func(name string, path []string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("templates: %s calls itself (%s); a template may not recurse", name, strings.Join(append(path, name), " → "))
		case 2:
			return nil
		}
		state[name] = 1
		for _, c := range calls[name] {
			if err := visit(c.Name, append(path, name)); err != nil {
				if tt := t.Lookup(name); tt != nil && tt.Tree != nil {
					loc, _ := tt.Tree.ErrorContext(c)
					return fmt.Errorf("%s: %w", loc, err)
				}
				return err
			}
		}
		state[name] = 2
		return nil
	}
	names := make([]string, 0, len(calls))
	for n := range calls {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return err
		}
	}
	return nil
}

// cappedBuffer is the composed Markdown, refusing to grow past MaxMarkdown.
type cappedBuffer struct{ bytes.Buffer }

var errTooLong = fmt.Errorf("the composed briefing passed %d MiB; a template is probably looping", MaxMarkdown>>20)

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if c.Len()+len(p) > MaxMarkdown {
		return 0, errTooLong
	}
	return c.Buffer.Write(p)
}

// placeholderFuncs lets Parse check that a template names only known
// functions; Compose binds the real ones for each execution.
var placeholderFuncs = template.FuncMap{
	"cite":   func(...any) (string, error) { return "", nil },
	"chart":  func(string) (string, error) { return "", nil },
	"anchor": func(any) (string, error) { return "", nil },
	"first":  func(int, any) (any, error) { return nil, nil },
}
