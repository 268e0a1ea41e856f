// Package jsonexport writes the tables the workbook holds (incidents,
// claims with their revisions, citations, sources, originators, conflicts,
// yearly figures, multi-year figures and, with a baseline, changes) as one
// JSON document described by a published JSON Schema (Schema; dprkreport
// --schema json prints it). Amounts are decimal strings, never floats;
// a missing value is null.
//
// Like the other renderers it takes a computed summary and an io.Writer,
// and neither opens files nor reads the clock.
package jsonexport

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dprkreport/dprkreport/report"
	"github.com/dprkreport/dprkreport/report/edition"
)

// Options are what the export shows beside the summary.
type Options struct {
	// Numbering is the bibliography's numbers, the briefing's, so that the
	// tables carry the numbers the other artifacts print; nil numbers the
	// sources as report.DefaultNumbering does.
	Numbering *report.Numbering
	// Edition is what changed since the baseline, nil without one: it adds
	// the changes table and each claim's and incident's changed field.
	Edition *edition.Edition
}

//go:embed schema.json
var schema []byte

// SchemaID is the $id of the export's schema, which each export names in
// its "$schema".
const SchemaID = "https://github.com/dprkreport/dprkreport/report/jsonexport/schema.json"

// Schema returns the JSON Schema (draft 2020-12) of the export.
func Schema() []byte { return bytes.Clone(schema) }

// Write writes the summary's tables to w: one row per line inside each
// table's array, so that a large export streams and diffs well.
func Write(w io.Writer, s *report.Summary, opt Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	put := func(v any) ([]byte, error) {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return nil, err
		}
		return bytes.TrimRight(buf.Bytes(), "\n"), nil
	}
	d, p := header(s)
	fmt.Fprintf(bw, "{\n\"$schema\": %q,\n", SchemaID)
	for _, f := range []struct {
		name string
		v    any
	}{{"dataset", d}, {"period", p}} {
		b, err := put(f.v)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "%q: %s,\n", f.name, b)
	}
	ts := tables(s, opt)
	for i, t := range ts {
		fmt.Fprintf(bw, "%q: [", t.name)
		n := 0
		err := t.rows(func(row any) error {
			b, err := put(row)
			if err != nil {
				return fmt.Errorf("%s row %d: %w", t.name, n+1, err)
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			n++
			bw.WriteString("\n")
			_, err = bw.Write(b)
			return err
		})
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("]")
		if i < len(ts)-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}
