package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

// canonicalZip rewrites the package excelize wrote so that equal workbooks
// are equal bytes and every reader opens them: entries in a fixed order
// ([Content_Types].xml and the package relationships first, then by name),
// one fixed time on every entry, the <Default> and <Override> elements of
// [Content_Types].xml sorted, docProps/core.xml replaced by core, and the
// <drawing> reference of a streamed sheet given the conventional r:
// prefix. excelize's own order depends on Go map iteration once charts and
// several stream writers are involved. parts, keyed by entry name, add to
// worksheets: the rows of the list sheets, each just before its entry's
// </sheetData>, compressed as it is written, and the hyperlinks, in
// <hyperlinks> at its place in the worksheet, with a relationship for each
// web address.
func canonicalZip(w io.Writer, in []byte, when time.Time, core []byte, parts map[string]*sheetPart) error {
	zr, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return fmt.Errorf("reread workbook: %w", err)
	}
	files := slices.Clone(zr.File)
	drawn, err := sheetsWithDrawings(files)
	if err != nil {
		return err
	}
	files, rels := linkRelationships(files, parts)
	if when.IsZero() || when.Year() < 1980 {
		when = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	// On an error, closing ends the compressing goroutine of the entry
	// being written; the caller discards what was written.
	defer zw.Close()
	zw.RegisterCompressor(zip.Deflate, newPipedFlate)
	pk := &packager{zw: zw, core: core, drawn: drawn, rels: rels}
	pk.date, pk.clock = dosTime(when)
	for name := range parts {
		if !slices.ContainsFunc(files, func(f *zip.File) bool { return f.Name == name }) {
			return fmt.Errorf("write workbook: no part %s for a sheet's rows or links", name)
		}
	}
	for _, f := range files {
		data, err := pk.newBytes(f, parts[f.Name])
		switch {
		case err != nil:
			return err
		case data != nil:
			err = pk.rewrite(f.Name, data, parts[f.Name])
		default:
			err = pk.copyRaw(f)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// packager writes the entries of the canonical package: what changes, and
// the dated header every entry gets.
type packager struct {
	zw          *zip.Writer
	date, clock uint16
	core        []byte
	drawn       map[string]bool
	rels        map[string][]string
}

// newBytes returns an entry's new content, or nil when it is copied as
// compressed: core.xml replaced; relationships added; the content types
// sorted; a drawing reference given its prefix; a streamed sheet's XML, to
// which rewrite adds rows and links.
func (pk *packager) newBytes(f *zip.File, part *sheetPart) ([]byte, error) {
	switch {
	case f.Name == "docProps/core.xml":
		return pk.core, nil
	case pk.rels[f.Name] != nil:
		var data []byte
		if f.Method != newPart {
			var err error
			if data, err = inflate(f); err != nil {
				return nil, err
			}
		}
		data, err := addRelationships(data, pk.rels[f.Name])
		if err != nil {
			return nil, fmt.Errorf("write workbook: %s: %w", f.Name, err)
		}
		return data, nil
	case f.Name == "[Content_Types].xml" || pk.drawn[f.Name] || part != nil:
		data, err := inflate(f)
		if err != nil {
			return nil, err
		}
		if f.Name == "[Content_Types].xml" {
			data = sortContentTypes(data)
		}
		if pk.drawn[f.Name] {
			data = bytes.ReplaceAll(data, []byte(drawingRef), []byte("<drawing r:id="))
		}
		return data, nil
	}
	return nil, nil
}

// rewrite writes an entry's new bytes, with the part's rows, if it has any,
// just before its </sheetData>, and its hyperlinks at their place.
func (pk *packager) rewrite(name string, data []byte, p *sheetPart) error {
	at, linksAt := len(data), len(data)
	if p != nil && p.body != nil {
		const end = "</sheetData>"
		at = bytes.Index(data, []byte(end))
		if at < 0 || bytes.Count(data, []byte(end)) != 1 {
			return fmt.Errorf("write workbook: %s is not a worksheet with one %s", name, end)
		}
	}
	if p != nil && p.links != nil {
		var err error
		if linksAt, err = hyperlinksAt(data); err != nil {
			return fmt.Errorf("write workbook: %s: %w", name, err)
		}
		if p.body == nil {
			at = linksAt
		}
	}
	hw, err := pk.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, ModifiedDate: pk.date, ModifiedTime: pk.clock})
	if err != nil {
		return err
	}
	if _, err := hw.Write(data[:at]); err != nil {
		return err
	}
	if p != nil && p.body != nil {
		if err := p.body(hw); err != nil {
			return err
		}
	}
	if p != nil && p.links != nil {
		if _, err := hw.Write(data[at:linksAt]); err != nil {
			return err
		}
		if _, err := p.links.write(hw); err != nil {
			return fmt.Errorf("write workbook: %s: %w", name, err)
		}
		at = linksAt
	}
	_, err = hw.Write(data[at:])
	return err
}

// copyRaw copies an entry as compressed: its bytes do not depend on map
// order, and inflating and deflating them again would double the cost of
// the write. (CreateRaw takes the DOS date and time as given; it does not
// convert Modified.)
func (pk *packager) copyRaw(f *zip.File) error {
	hw, err := pk.zw.CreateRaw(&zip.FileHeader{
		Name: f.Name, Method: f.Method, ModifiedDate: pk.date, ModifiedTime: pk.clock,
		CRC32: f.CRC32, CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64,
	})
	if err != nil {
		return err
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return err
	}
	_, err = io.Copy(hw, raw)
	return err
}

// newPart marks an entry canonicalZip adds (a sheet's relationships for
// its web links, when excelize wrote none); not a zip method.
const newPart = 0xFFFF

// linkRelationships gives each sheet with web links its relationships
// part, adding it to files (in order) when excelize wrote none, and
// returns the web addresses to add to each, in the order appendHyperlink
// numbers them.
func linkRelationships(files []*zip.File, parts map[string]*sheetPart) ([]*zip.File, map[string][]string) {
	rels := map[string][]string{}
	for name, p := range parts {
		if p.links == nil {
			continue
		}
		var urls []string
		for _, h := range p.links.kept {
			if h.url != "" {
				urls = append(urls, h.url)
			}
		}
		if len(urls) == 0 {
			continue
		}
		dir, base := path.Split(name)
		relsName := dir + "_rels/" + base + ".rels"
		rels[relsName] = urls
		if !slices.ContainsFunc(files, func(f *zip.File) bool { return f.Name == relsName }) {
			files = append(files, &zip.File{FileHeader: zip.FileHeader{Name: relsName, Method: newPart}})
		}
	}
	slices.SortFunc(files, func(a, b *zip.File) int {
		if ra, rb := entryRank(a.Name), entryRank(b.Name); ra != rb {
			return ra - rb
		}
		return strings.Compare(a.Name, b.Name)
	})
	return files, rels
}

// entryRank orders the entries: [Content_Types].xml, the package
// relationships, then the rest by name.
func entryRank(name string) int {
	switch name {
	case "[Content_Types].xml":
		return 0
	case "_rels/.rels":
		return 1
	}
	return 2
}

// drawingRef is how excelize's stream writer encodes a sheet's drawing
// reference: schema-valid, but exceljs (#2603) and other readers look for
// the r: prefix the worksheet root already declares.
const drawingRef = `<drawing xmlns:relationships="http://schemas.openxmlformats.org/officeDocument/2006/relationships" relationships:id=`

// sheetsWithDrawings names the worksheets whose relationships include a
// drawing: the only sheets that carry a <drawing> reference, so the only
// ones worth inflating.
func sheetsWithDrawings(files []*zip.File) (map[string]bool, error) {
	out := map[string]bool{}
	for _, f := range files {
		dir, base := path.Split(f.Name)
		if dir != "xl/worksheets/_rels/" || !strings.HasSuffix(base, ".rels") {
			continue
		}
		data, err := inflate(f)
		if err != nil {
			return nil, err
		}
		if bytes.Contains(data, []byte("/relationships/drawing\"")) {
			out["xl/worksheets/"+strings.TrimSuffix(base, ".rels")] = true
		}
	}
	return out, nil
}

func inflate(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// dosTime is t as the MS-DOS date and time of a zip entry (two-second
// resolution, local time of the writer: here always UTC).
func dosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

var contentTypeElem = regexp.MustCompile(`<(Default|Override) [^>]*(/>|></(Default|Override)>)`)

func sortContentTypes(data []byte) []byte {
	locs := contentTypeElem.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return data
	}
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(data[l[0]:l[1]])
	}
	slices.SortStableFunc(elems, func(a, b string) int {
		// Defaults before Overrides, as the schema orders them.
		da, db := strings.HasPrefix(a, "<Default"), strings.HasPrefix(b, "<Default")
		if da != db {
			if da {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	var out bytes.Buffer
	out.Write(data[:locs[0][0]])
	out.WriteString(strings.Join(elems, ""))
	out.Write(data[locs[len(locs)-1][1]:])
	// Anything between the elements (there is nothing but the elements in
	// what excelize writes) would be lost; check rather than assume.
	between := 0
	for i := 1; i < len(locs); i++ {
		between += locs[i][0] - locs[i-1][1]
	}
	if between != 0 {
		return data
	}
	return out.Bytes()
}
