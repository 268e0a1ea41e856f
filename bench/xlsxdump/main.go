// Command xlsxdump writes every cell of a workbook as lines of text for
// bench/peer, the libxlsxwriter program that writes the same cells: the
// benchmark's peer gets the very values, formulas with their cached
// values, column widths, row heights and cell formats that dprkreport
// wrote, so that the two programs do the same work.
//
//	xlsxdump workbook.xlsx > workbook.dump
//
// The dump is line-oriented and tab-separated; text fields escape \t, \n,
// \r and \\ with a backslash:
//
//	X  xf  numfmt  flags      a cell format (flags: b bold, i italic, u underline, w wrap, r rotated, f filled)
//	S  name                   a worksheet, in workbook order
//	W  col  width             a column width (columns from 0)
//	H  row  height            a row height (rows from 0), before the row's cells
//	C  row  col  xf  type  value  [formula]
//
// where type is n (number), s (text), b (boolean), fn or fs (a formula
// with a number or a text as its cached value).
package main

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: xlsxdump WORKBOOK.xlsx > DUMP")
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	if err := dump(w, os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "xlsxdump:", err)
		os.Exit(1)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "xlsxdump:", err)
		os.Exit(1)
	}
}

func dump(w *bufio.Writer, name string) error {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return err
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	if err := styles(w, files["xl/styles.xml"]); err != nil {
		return fmt.Errorf("styles: %w", err)
	}
	sheets, err := sheetParts(files)
	if err != nil {
		return err
	}
	for _, s := range sheets {
		fmt.Fprintf(w, "S\t%s\n", esc(s.name))
		f := files[s.part]
		if f == nil {
			return fmt.Errorf("sheet %s: no part %s", s.name, s.part)
		}
		if err := cells(w, f); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	return nil
}

type sheetRef struct{ name, part string }

// sheetParts lists the worksheets in workbook order with their parts.
func sheetParts(files map[string]*zip.File) ([]sheetRef, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decode(files["xl/workbook.xml"], &wb); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	if err := decode(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, fmt.Errorf("workbook relationships: %w", err)
	}
	target := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if !strings.HasPrefix(t, "/") {
			t = path.Join("xl", t)
		}
		target[r.ID] = strings.TrimPrefix(t, "/")
	}
	var out []sheetRef
	for _, s := range wb.Sheets {
		out = append(out, sheetRef{s.Name, target[s.ID]})
	}
	return out, nil
}

func decode(f *zip.File, v any) error {
	if f == nil {
		return fmt.Errorf("missing part")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// styles writes an X line for each cell format (cellXfs).
func styles(w io.Writer, f *zip.File) error {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Fonts []struct {
			B *struct{} `xml:"b"`
			I *struct{} `xml:"i"`
			U *struct{} `xml:"u"`
		} `xml:"fonts>font"`
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
			Font   int `xml:"fontId,attr"`
			Fill   int `xml:"fillId,attr"`
			Align  *struct {
				Wrap     bool `xml:"wrapText,attr"`
				Rotation int  `xml:"textRotation,attr"`
			} `xml:"alignment"`
		} `xml:"cellXfs>xf"`
	}
	if err := decode(f, &st); err != nil {
		return err
	}
	codes := map[int]string{1: "0", 3: "#,##0", 14: "yyyy-mm-dd"}
	for _, n := range st.NumFmts {
		codes[n.ID] = n.Code
	}
	for i, x := range st.Xfs {
		flags := ""
		if x.Font < len(st.Fonts) {
			fo := st.Fonts[x.Font]
			if fo.B != nil {
				flags += "b"
			}
			if fo.I != nil {
				flags += "i"
			}
			if fo.U != nil {
				flags += "u"
			}
		}
		if x.Align != nil && x.Align.Wrap {
			flags += "w"
		}
		if x.Align != nil && x.Align.Rotation != 0 {
			flags += "r"
		}
		if x.Fill < len(st.Fills) && st.Fills[x.Fill].Pattern.Type == "solid" {
			flags += "f"
		}
		fmt.Fprintf(w, "X\t%d\t%s\t%s\n", i, esc(codes[x.NumFmt]), flags)
	}
	return nil
}

// cells writes a sheet's column widths, row heights and cells.
func cells(w *bufio.Writer, f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(bufio.NewReaderSize(rc, 1<<16))
	var (
		ref, xf, typ  string
		value, form   strings.Builder
		inV, inF, inT bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "col":
				lo, _ := strconv.Atoi(attr(t, "min"))
				hi, _ := strconv.Atoi(attr(t, "max"))
				for c := lo; c <= hi; c++ {
					fmt.Fprintf(w, "W\t%d\t%s\n", c-1, attr(t, "width"))
				}
			case "row":
				if h := attr(t, "ht"); h != "" {
					r, _ := strconv.Atoi(attr(t, "r"))
					fmt.Fprintf(w, "H\t%d\t%s\n", r-1, h)
				}
			case "c":
				ref, xf, typ = attr(t, "r"), attr(t, "s"), attr(t, "t")
				if xf == "" {
					xf = "0"
				}
				value.Reset()
				form.Reset()
			case "v":
				inV = true
			case "f":
				inF = true
			case "t":
				inT = true
			}
		case xml.CharData:
			switch {
			case inV, inT:
				value.Write(t)
			case inF:
				form.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				inV = false
			case "f":
				inF = false
			case "t":
				inT = false
			case "c":
				if err := cell(w, ref, xf, typ, value.String(), form.String()); err != nil {
					return err
				}
			}
		}
	}
}

func cell(w *bufio.Writer, ref, xf, typ, value, formula string) error {
	col, row, err := coords(ref)
	if err != nil {
		return err
	}
	kind := "n"
	switch typ {
	case "inlineStr", "s", "str":
		kind = "s"
	case "b":
		kind = "b"
	}
	if formula != "" {
		kind = "f" + kind
	} else if value == "" && typ == "" {
		return nil // a styled cell with nothing in it; an empty text is kept
	}
	fmt.Fprintf(w, "C\t%d\t%d\t%s\t%s\t%s", row, col, xf, kind, esc(value))
	if formula != "" {
		fmt.Fprintf(w, "\t%s", esc(formula))
	}
	return w.WriteByte('\n')
}

// coords turns "AB12" into column 27 and row 11, both from 0.
func coords(ref string) (col, row int, err error) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	row, err = strconv.Atoi(ref[i:])
	if i == 0 || err != nil {
		return 0, 0, fmt.Errorf("cell reference %q", ref)
	}
	return col - 1, row - 1, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

var escaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func esc(s string) string { return escaper.Replace(s) }
