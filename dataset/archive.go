package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/pelletier/go-toml/v2"
)

// An archived copy is the text of an article as the curators saved it, one
// paragraph per line. Citations name its paragraphs by number, so one rule
// here splits it into paragraphs, for the validator, for --add-article and
// for --paragraphs alike; and its SHA-256, recorded in the source's sha256
// field, tells when the copy has changed since it was cited.

// Paragraphs splits an archived article into its paragraphs: the lines that
// hold more than white space (a no-break space alone is blank).
func Paragraphs(text string) []string {
	var out []string
	for line := range strings.Lines(text) {
		if strings.TrimFunc(line, unicode.IsSpace) != "" {
			out = append(out, strings.TrimRight(line, "\r\n"))
		}
	}
	return out
}

// ArchiveCopy is the archived copy of an article whose text is given as
// blocks (lines of a text file, paragraphs of a page): each block's white
// space collapsed to single spaces and its hidden characters (controls,
// bidirectional controls, byte-order marks) dropped, blank blocks left out,
// one paragraph per line. Paragraphs of the result are the blocks kept, in
// order; typographic quotes and dashes are kept as they are.
func ArchiveCopy(blocks []string) []byte {
	var b strings.Builder
	for _, block := range blocks {
		p := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			if Hidden(r) {
				return -1
			}
			return r
		}, block)), " ")
		if p == "" {
			continue
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// Hash is the hex SHA-256 of an archived copy, as a source's sha256 field
// records it.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// FindExcerpt returns the numbers (from 1) of the paragraphs that hold the
// excerpt, with typographic quotes and dashes folded and white space
// collapsed, as the validator compares them.
func FindExcerpt(paras []string, excerpt string) []int {
	want := normalize(excerpt)
	var at []int
	for i, p := range paras {
		if strings.Contains(normalize(p), want) {
			at = append(at, i+1)
		}
	}
	return at
}

// SameURL reports whether two addresses name the same page: scheme and
// host in any case, without a fragment or a final slash, http or https.
// --add-article refuses an address the dataset has by it, and editions
// match sources by it.
func SameURL(a, b string) bool {
	norm := func(s string) string {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil {
			return s
		}
		u.Fragment, u.RawFragment = "", ""
		u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = ""
		return strings.TrimPrefix(strings.TrimPrefix(u.String(), "https://"), "http://")
	}
	return norm(a) == norm(b)
}

// ValidID reports whether id has the form of a record id.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// DecodeSources reads the source records of a sources.toml file, for the
// commands that look at sources before the rest of the dataset is complete
// (--add-article, --paragraphs).
func DecodeSources(data []byte) ([]*Source, error) {
	var sf sourcesFile
	if err := toml.Unmarshal(data, &sf); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col := de.Position()
			return nil, fmt.Errorf("%d:%d: %s", line, col, strings.TrimPrefix(de.Error(), "toml: "))
		}
		return nil, err
	}
	return sf.Source, nil
}

var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// provenance checks the fields that record where an archived copy came
// from and what it held: sha256 and retrieved.
func (v *validator) provenance(d *Dataset) {
	if v.broken[FileSources] {
		return
	}
	for i, s := range d.Sources {
		here := func(k string) place { return at(FileSources, "source", i, k) }
		if s.SHA256 != "" {
			switch {
			case s.IsReference():
				v.add(here("sha256"), `drop sha256, or set kind = "article"`, "source %q: a reference has no archived copy to hash", s.ID)
			case !hashPattern.MatchString(s.SHA256):
				v.add(here("sha256"), "write the 64 lowercase hex digits of sha256sum FILE, or let --add-article record it", "source %q: sha256 %s is not a hex SHA-256", s.ID, shorten(s.SHA256))
			}
		}
		if s.Retrieved != "" {
			r := v.date(here("retrieved"), "source", s.ID, "retrieved", s.Retrieved, false)
			if !r.IsZero() && r.Precision() != PrecisionDay {
				v.add(here("retrieved"), "write retrieved as YYYY-MM-DD", "source %q: retrieved %q must name a day", s.ID, s.Retrieved)
			}
		}
	}
}

// ChangedCopy reports whether data, the source's archived copy, differs
// from the copy whose SHA-256 the source recorded, and gives its SHA-256.
// A source that recorded none (or a malformed one) has no copy to differ
// from.
func (s *Source) ChangedCopy(data []byte) (sum string, changed bool) {
	sum = Hash(data)
	return sum, hashPattern.MatchString(s.SHA256) && sum != s.SHA256
}

// sameCopy checks that source i's archived copy, data, is the one whose
// SHA-256 the source recorded.
func (v *validator) sameCopy(i int, s *Source, data []byte) {
	if got, changed := s.ChangedCopy(data); changed {
		v.add(at(FileSources, "source", i, "sha256"),
			fmt.Sprintf("restore the copy that was cited, from version control or a backup; if it was re-archived on purpose, check its citations against dprkreport --paragraphs %s, then set sha256 = %q", s.ID, got),
			"source %q: archived copy changed since it was recorded: sha256 %s, but %s has %s", s.ID, s.SHA256[:12]+"…", s.Archive, got[:12]+"…")
	}
}
