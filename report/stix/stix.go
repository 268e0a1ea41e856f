// Package stix writes the dataset as the artifacts show it as a STIX 2.1
// bundle, the format OpenCTI and MISP exchange: each source a report, each
// claim a note, each incident an incident with its attributed actor and
// victim, each originator an identity, all marked TLP:CLEAR (or the
// dataset's tlp) and with ids that stay the same from one edition to the
// next.
//
// Like the other renderers it takes a computed summary and an io.Writer,
// and neither opens files nor reads the clock: the same summary gives the
// same bytes.
package stix

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// Write writes the summary as a STIX 2.1 bundle to w. Objects come before
// the objects that refer to them (markings, identities, intrusion sets,
// incidents, relationships, reports, notes), since importers such as
// OpenCTI fail on a reference they have not seen yet. The one exception is
// a cycle the mapping makes: a note's object_refs are the reports that
// state the claim, and a report's object_refs are what it supports,
// notes among them; the notes come last.
// It returns the number of objects written.
func Write(w io.Writer, s *report.Summary, opt Options) (int, error) {
	b := newBuilder(fromSummary(s, opt))
	return b.write(w)
}

// Options are what the bundle shows beside the summary.
type Options struct {
	// Numbering is the bibliography's numbers, the briefing's, so that
	// citations carry the numbers the other artifacts print; nil numbers
	// the sources as report.DefaultNumbering does.
	Numbering *report.Numbering
	// Edition is what changed since the baseline, nil without one: the
	// records it names take the dataset's as-of date as modified.
	Edition *edition.Edition
}

type builder struct {
	in      *input
	marking []string
	author  string // the dataset author's identity id
	// supports lists, per source id, the objects that cite it: its
	// report's object_refs.
	supports map[string][]string
	seen     map[string]map[string]bool
}

func newBuilder(in *input) *builder {
	b := &builder{in: in, marking: []string{tlpIDs[in.tlp]}, supports: map[string][]string{},
		seen: map[string]map[string]bool{}}
	b.author = id("identity", "author", in.author)
	for _, src := range in.sources {
		for _, c := range src.cites {
			if c.src != src {
				b.support(c, id("report", "source", src.id))
			}
		}
	}
	for _, c := range in.claims {
		note := id("note", "claim", c.id)
		for _, ci := range c.cites {
			b.support(ci, note)
		}
	}
	for _, in := range in.incidents {
		inc := id("incident", "incident", in.id)
		for _, ci := range in.cites {
			b.support(ci, inc)
		}
		for _, ci := range in.attributionCites {
			b.support(ci, inc)
			if rel := attributed(in); rel != "" {
				b.support(ci, rel)
			}
		}
	}
	return b
}

// support records that the object with id obj cites c's source.
func (b *builder) support(c *cite, obj string) {
	if c.src == nil {
		return
	}
	m := b.seen[c.src.id]
	if m == nil {
		m = map[string]bool{}
		b.seen[c.src.id] = m
	}
	if !m[obj] {
		m[obj] = true
		b.supports[c.src.id] = append(b.supports[c.src.id], obj)
	}
}

// dated is t, or the dataset's as-of date when t is unknown.
func (b *builder) dated(t time.Time) time.Time {
	if t.IsZero() {
		return b.in.asOf
	}
	return t
}

// stamps gives a record's created and modified: created is the record's
// own date; modified moves to the dataset's as-of date only for a record
// that changed since the baseline.
func (b *builder) stamps(o *object, record string, created time.Time) {
	modified := created
	if b.in.changed[record] && b.in.asOf.After(created) {
		modified = b.in.asOf
	}
	o.Created, o.Modified = timestamp(created), timestamp(modified)
}

func (b *builder) sdo(typ, id string) *object {
	return &object{Type: typ, SpecVersion: "2.1", ID: id, CreatedByRef: b.author, ObjectMarkingRefs: b.marking}
}

func (b *builder) write(w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "{\n  \"type\": \"bundle\",\n  \"id\": %q,\n  \"objects\": [\n", "bundle--"+uuid5(namespace, "dprkreport:bundle:"+b.in.key))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	n := 0
	err := b.each(func(o *object) error {
		buf.Reset()
		if err := enc.Encode(o); err != nil {
			return fmt.Errorf("%s %s: %w", o.Type, o.ID, err)
		}
		if n > 0 {
			bw.WriteString(",\n")
		}
		n++
		bw.WriteString("    ")
		_, err := bw.Write(bytes.TrimRight(buf.Bytes(), "\n"))
		return err
	})
	if err != nil {
		return 0, err
	}
	bw.WriteString("\n  ]\n}\n")
	return n, bw.Flush()
}

// each builds the bundle's objects one at a time, in bundle order.
func (b *builder) each(yield func(*object) error) error {
	steps := []func(func(*object) error) error{b.markings, b.identities, b.actors, b.incidents, b.relationships, b.reports, b.notes}
	for _, step := range steps {
		if err := step(yield); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) markings(yield func(*object) error) error {
	name := "TLP:" + strings.ToUpper(b.in.tlp)
	return yield(&object{
		Type: "marking-definition", SpecVersion: "2.1", ID: b.marking[0], Created: timestamp(tlpCreated), Name: name,
		Extensions: map[string]tlpExt{tlpExtension: {ExtensionType: "property-extension", TLP: b.in.tlp}},
	})
}
