package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
)

// canonicalZip rewrites the package excelize wrote so that equal workbooks
// are equal bytes: entries in a fixed order ([Content_Types].xml and the
// package relationships first, then by name), one fixed time on every entry,
// and the <Default> and <Override> elements of [Content_Types].xml sorted.
// excelize's own order depends on Go map iteration once charts and several
// stream writers are involved.
func canonicalZip(w io.Writer, in []byte, when time.Time) error {
	zr, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return fmt.Errorf("reread workbook: %w", err)
	}
	files := slices.Clone(zr.File)
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	slices.SortFunc(files, func(a, b *zip.File) int {
		if ra, rb := rank(a.Name), rank(b.Name); ra != rb {
			return ra - rb
		}
		return strings.Compare(a.Name, b.Name)
	})
	if when.IsZero() || when.Year() < 1980 {
		when = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	for _, f := range files {
		if f.Name == "[Content_Types].xml" {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
			hw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: when.UTC()})
			if err != nil {
				return err
			}
			if _, err := hw.Write(sortContentTypes(data)); err != nil {
				return err
			}
			continue
		}
		// Every other entry is copied as compressed: its bytes do not
		// depend on map order, and inflating and deflating them again
		// would double the cost of the write.
		hw, err := zw.CreateRaw(&zip.FileHeader{
			Name: f.Name, Method: f.Method, Modified: when.UTC(),
			CRC32: f.CRC32, CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64,
		})
		if err != nil {
			return err
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		if _, err := io.Copy(hw, raw); err != nil {
			return err
		}
	}
	return zw.Close()
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
