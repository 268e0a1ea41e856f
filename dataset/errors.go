package dataset

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a dataset, at a place in one of its files.
type Error struct {
	File      string // as named to the user, e.g. "dataset/data/claims.toml"
	Line, Col int    // 1-based; zero when the problem concerns the whole file
	Msg       string
	Hint      string // what to do about it; may be empty
	// More, when above zero, says that this entry stands for that many
	// problems not listed ("and 19900 more problems").
	More int
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (hint: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// ErrorList is every problem found in a dataset, sorted by position, the way
// go/scanner.ErrorList is.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], l.Count()-1)
}

// Count returns how many problems the list stands for: each entry counts
// one, and an entry that stands for problems not listed counts them all.
func (l ErrorList) Count() int {
	n := 0
	for _, e := range l {
		n += max(e.More, 1)
	}
	return n
}

// Sort orders the list by file, line, column and message.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Unwrap lets errors.As find the individual errors.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
