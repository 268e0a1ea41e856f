package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/dprkreport/dprkreport/internal/ioerr"
	"github.com/shopspring/decimal"
)

// figure is what a citation's excerpt must state: a value in a unit, with
// a qualifier.
type figure struct {
	value     decimal.Decimal
	unit      string
	qualifier string
}

func claimWhat(isFigure bool) string {
	if isFigure {
		return "figure"
	}
	return "statement"
}

// citeRule is one list of citations of a record and what it must satisfy.
type citeRule struct {
	at       place   // the record (or revision) that holds the list
	field    string  // the list's key: "citations", "date_citations", …
	kind, id string  // the record, as messages name it: "incident", "coinex"
	fig      *figure // the figure each excerpt must state, if any
	// own marks the record's own citations: without any, the record has
	// no citation at all.
	own bool
	// need names what the list supports when it must not be empty ("its
	// date"); "" when the list is optional.
	need string
	// anchor is the key an empty list is reported at ("date"), when not
	// the record itself.
	anchor string
}

// cites checks one list of citations against its rule.
func (v *validator) cites(r citeRule, cs []Citation) {
	switch {
	case len(cs) == 0 && r.own:
		v.add(r.at.with("id"), "add citations = [{ source = \"…\", para = N }]", "%s %q has no citation", r.kind, r.id)
	case len(cs) == 0 && r.need != "":
		missing := r.at
		if r.anchor != "" {
			missing = r.at.with(r.anchor)
		}
		v.add(missing, fmt.Sprintf("add %s = [{ source = \"…\" }] naming the source of %s", r.field, r.need), "%s: %s cites no source", what(r.kind, r.id), r.need)
	}
	for j, c := range cs {
		v.citation(r.at.item(r.field, j), r.kind, r.id, c, r.fig)
		// A source that cites itself for its date is not thereby cited.
		if r.kind != "source" || c.Source != r.id {
			v.cited[c.Source] = true
		}
	}
}

func (v *validator) citation(at place, kind, id string, c Citation, fig *figure) {
	sub := at.with
	s, ok := v.d.sourceByID[c.Source]
	if !ok && !v.broken[FileSources] {
		v.add(sub("source"), "sources are listed in "+FileSources, "%s: citation of unknown source %q", what(kind, id), c.Source)
	}
	switch {
	case !ok || (!s.IsReference() && s.Paragraphs < 1):
		// Whether the paragraph is in range is unknown: the source is
		// unknown (or its file is broken), or it is an article without
		// a paragraph count, which is reported at the source.
	case s.IsReference():
		if c.Para != 0 {
			v.add(sub("para"), "drop para: references are cited as a whole", "%s: source %q is a reference, which has no paragraphs", what(kind, id), c.Source)
			return
		}
	case c.Para < 1 || c.Para > s.Paragraphs:
		hint := "paragraphs are the non-blank lines of the archived copy, counted from 1"
		if where := v.whereIs(c.Excerpt, s, c.Para); where != "" {
			hint = where
		}
		v.add(sub("para"), hint, "%s: paragraph %d of source %q is out of range 1-%d", what(kind, id), c.Para, c.Source, s.Paragraphs)
		return
	}
	if c.Qualifier != "" {
		v.oneOfQualifier(sub("qualifier"), kind, id, c.Qualifier, false)
	}
	if c.Excerpt == "" {
		return
	}
	if n := len(strings.Fields(c.Excerpt)); n > MaxExcerptWords {
		v.add(sub("excerpt"), "quote a shorter piece: excerpts are evidence, not copies", "%s: excerpt has %d words, more than %d", what(kind, id), n, MaxExcerptWords)
	}
	if fig != nil && c.Mismatch == "" {
		v.excerptStates(sub("excerpt"), kind, id, c, fig)
	}
	if !ok || v.paras == nil || s.IsReference() {
		return
	}
	text, have := v.paras[s.ID]
	if !have || c.Para < 1 || c.Para > len(text) {
		return // reported at the source
	}
	v.d.ArchiveChecked++
	if !strings.Contains(text[c.Para-1], normalize(c.Excerpt)) {
		hint := v.whereIs(c.Excerpt, s, c.Para)
		if hint == "" {
			hint = "copy the words exactly as the archived copy has them"
		}
		v.add(sub("excerpt"), hint, "%s: excerpt not found in paragraph %d of %s", what(kind, id), c.Para, s.Archive)
	}
}

// whereIs names where an excerpt cited to paragraph para of source s is
// found instead, with --archive: in another paragraph of s, or in another
// archived article; "" when nowhere (or without an archive).
func (v *validator) whereIs(excerpt string, s *Source, para int) string {
	if v.paras == nil || blank(excerpt) {
		return ""
	}
	excerpt = normalize(excerpt)
	for i, p := range v.paras[s.ID] {
		if strings.Contains(p, excerpt) {
			return fmt.Sprintf("the excerpt is in paragraph %d", i+1)
		}
	}
	for _, o := range v.d.Sources {
		if o == s {
			continue
		}
		for i, p := range v.paras[o.ID] {
			if strings.Contains(p, excerpt) {
				return fmt.Sprintf("the excerpt is in source %q ¶%d (%s), not in %q ¶%d: cite that source", o.ID, i+1, o.Archive, s.ID, para)
			}
		}
	}
	return ""
}

// excerptStates checks that an excerpt states the figure it is cited for,
// with the qualifier the citation gives (its own, or the figure's).
func (v *validator) excerptStates(here place, kind, id string, c Citation, fig *figure) {
	const why = `or say why in mismatch = "…"`
	found, ok := statesFigure(c.Excerpt, fig.value, fig.unit)
	if !ok {
		var seen []string
		stated := StatedFigures(c.Excerpt)
		for _, s := range stated[:min(len(stated), 3)] {
			seen = append(seen, strconv.Quote(s.Text))
		}
		words := "no figure"
		if len(seen) > 0 {
			words = strings.Join(seen, ", ")
		}
		if len(stated) > 3 {
			words += fmt.Sprintf(" and %d more", len(stated)-3)
		}
		v.add(here, "correct the value, quote the words that state it, "+why,
			"%s: excerpt does not state the value %s (it states %s)", what(kind, id), fig.value, words)
		return
	}
	want := fig.qualifier
	if c.Qualifier != "" {
		want = c.Qualifier
	}
	if _, known := QualifierByID(want); !known {
		return // the qualifier is reported where it is written
	}
	if found.Qualifier != want {
		v.add(here, fmt.Sprintf(`set qualifier = %q on the citation, %s`, found.Qualifier, why),
			"%s: excerpt words the figure %q (%s), but the citation's qualifier is %s", what(kind, id), found.Text, found.Qualifier, want)
	}
}

// readArchive reads each source's archived copy and checks its paragraph
// count, returning the paragraphs by source id, normalised for matching
// (nil without an archive).
func (v *validator) readArchive(d *Dataset, archive fs.FS) map[string][]string {
	if archive == nil {
		return nil
	}
	paras := map[string][]string{}
	for i, s := range d.Sources {
		if s.Archive == "" || s.ID == "" || s.IsReference() {
			continue
		}
		data, err := readRegular(archive, s.Archive)
		if err != nil && v.archivePartial && errors.Is(err, fs.ErrNotExist) {
			v.warn(at(FileSources, "source", i, "archive"), "save the article there (dprkreport --add-article adds one), or name the folder that holds the copies with --archive DIR",
				"source %q: its archived copy %q is not in the archive folder, so its excerpts are not verified", s.ID, s.Archive)
			continue
		}
		if err != nil {
			v.add(at(FileSources, "source", i, "archive"), "check --archive and the file name", "source %q: cannot read archived copy %q: %v", s.ID, s.Archive, ioerr.Cause(err))
			continue
		}
		v.sameCopy(i, s, data)
		p := Paragraphs(string(data))
		for j := range p {
			p[j] = normalize(p[j])
		}
		paras[s.ID] = p
		d.ArchiveArticles++
		if len(p) != s.Paragraphs {
			v.add(at(FileSources, "source", i, "paragraphs"), fmt.Sprintf("set paragraphs = %d", len(p)), "source %q: paragraphs = %d, but %s has %d", s.ID, s.Paragraphs, s.Archive, len(p))
		}
	}
	return paras
}

var quoteFolder = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "″", `"`, "–", "-", "—", "-")

// normalize folds typographic quotes and dashes and collapses white space, so
// an excerpt typed with straight quotes still matches the archived text.
func normalize(s string) string {
	return strings.Join(strings.Fields(quoteFolder.Replace(s)), " ")
}
