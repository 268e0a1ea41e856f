package dataset

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"slices"
)

// pending is a problem found at a place whose line is not known yet: lines
// are looked up once, at the end, for the problems that are reported.
type pending struct {
	at   place
	msg  string
	hint string
}

// validator reads, decodes and checks one dataset, collecting every problem
// it finds.
type validator struct {
	name  string
	fsys  fs.FS
	errs  []*Error // positioned already (decode errors)
	todo  pendings // positioned from paths at the end
	warns pendings // findings that do not stop a render, positioned likewise
	// archivePartial: a copy missing from the archive is a warning.
	archivePartial bool
	// broken names the files that did not decode: checks that reach
	// into one of them are skipped rather than reported against nothing.
	broken map[string]bool

	// What the checks share while they run.
	d     *Dataset
	paras map[string][]string // normalised paragraphs by source id, with --archive
	cited map[string]bool     // the sources some other record cites
	// kindless holds the sources that gave no kind and were taken to be
	// articles.
	kindless map[*Source]bool
}

func (v *validator) fileErr(name, msg, hint string) {
	v.errs = append(v.errs, &Error{File: v.display(name), Msg: msg, Hint: hint})
}

func (v *validator) add(at place, hint, format string, args ...any) {
	v.todo.add(at, hint, format, args...)
}

// warn records a finding: something a careful reader would question, which
// does not stop a render.
func (v *validator) warn(at place, hint, format string, args ...any) {
	v.warns.add(at, hint, format, args...)
}

// pendings holds the problems of one kind found so far, but only those
// that can still be listed: once it holds twice as many as are listed,
// those that cannot be among the first MaxErrors+1 by position (see first)
// are dropped, and so is every later one placed after them. Dropped
// problems are counted, not formatted. A dataset with a hundred thousand
// warnings then holds a few hundred.
type pendings struct {
	list    []pending
	dropped int
	cut     *pending // the last that can be listed, once some were dropped
	limit   int      // prune when list reaches it
}

func (ps *pendings) add(at place, hint, format string, args ...any) {
	if ps.skip(at) {
		return
	}
	ps.list = append(ps.list, pending{at, fmt.Sprintf(format, args...), hint})
	if len(ps.list) >= max(ps.limit, 2*(MaxErrors+1)) {
		kept, last := first(ps.list, MaxErrors+1)
		ps.dropped += len(ps.list) - len(kept)
		ps.list, ps.cut = kept, &last
		// Problems placed alike are all kept: prune again only when the
		// list has doubled since.
		ps.limit = 2 * len(kept)
	}
}

// skip reports whether a problem found at, or anywhere in the same
// record, can no longer be listed, and counts it when so: a check that
// finds many may ask before it builds the message's parts.
func (ps *pendings) skip(at place) bool {
	if ps.cut != nil && byRecord(pending{at: at}, *ps.cut) > 0 {
		ps.dropped++
		return true
	}
	return false
}

// count is how many problems were found, listed or not.
func (ps *pendings) count() int { return len(ps.list) + ps.dropped }

// problems returns every error found, positioned and sorted.
func (v *validator) problems() ErrorList { return v.list(v.errs, &v.todo, "problems") }

// list positions the pending problems and returns every problem, sorted,
// the first MaxErrors of them listed and the rest counted in a last entry
// ("and 19900 more problems"). Only the problems that can be among the
// first MaxErrors are placed, and each file that holds some is parsed once,
// up to the last record it needs.
func (v *validator) list(done []*Error, ps *pendings, noun string) ErrorList {
	total := ErrorList(done).Count() + ps.count()
	// One more than is listed: the count line names the file of the next.
	todo, _ := first(ps.list, MaxErrors+1)
	byFile := map[string][]int{}
	for i, p := range todo {
		byFile[p.at.file] = append(byFile[p.at.file], i)
	}
	l := make(ErrorList, 0, len(done)+len(todo))
	l = append(l, done...)
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		idx := byFile[f]
		paths := make([]string, len(idx))
		for j, i := range idx {
			paths[j] = todo[i].at.path()
		}
		// The files were read once to decode them; read again only now,
		// when there are problems to place.
		var pos [][2]int
		if data, err := fs.ReadFile(v.fsys, f); err == nil {
			pos = resolve(data, paths)
		}
		for j, i := range idx {
			e := &Error{File: v.display(f), Msg: todo[i].msg, Hint: todo[i].hint}
			if pos != nil {
				e.Line, e.Col = pos[j][0], pos[j][1]
			}
			l = append(l, e)
		}
	}
	l.Sort()
	if len(l) > MaxErrors {
		// An entry listed may itself stand for more than one.
		rest := total - l[:MaxErrors].Count()
		l = append(l[:MaxErrors:MaxErrors], &Error{File: l[MaxErrors].File, Msg: fmt.Sprintf("and %d more %s", rest, noun), Hint: "fix these and run --check again", More: rest})
	}
	return l
}

// first returns the pending problems that can be among the first n by
// position, in the order they were found: those of the files and records
// up to the one holding the nth problem in file and record order, which it
// returns too (the zero pending when there are no more than n). The
// records of an array of tables follow one another in their file, so a
// problem in a later record lies after every problem in an earlier one;
// keys outside any record come before the first.
func first(todo []pending, n int) ([]pending, pending) {
	if len(todo) <= n {
		return todo, pending{}
	}
	sorted := slices.Clone(todo)
	slices.SortStableFunc(sorted, byRecord)
	last := sorted[n-1]
	return slices.DeleteFunc(slices.Clone(todo), func(p pending) bool { return byRecord(p, last) > 0 }), last
}

// byRecord orders problems by file and record (see first).
func byRecord(a, b pending) int {
	fa, ia := recordOf(a)
	fb, ib := recordOf(b)
	return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(ia, ib))
}

func recordOf(p pending) (string, int) {
	if p.at.table == "" {
		return p.at.file, -1
	}
	return p.at.file, p.at.index
}
