package briefing

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/font/sfnt"
)

// gofpdf writes PDF 1.3 with what a PDF/A-2b reader looks for missing or
// misnamed. finish reads its output into a model of its objects
// (pdfobj.go) and edits their dictionaries, each edit shifting the
// cross-reference offsets of what follows it:
//
//   - the header says PDF 1.7 and is followed by the binary comment line
//     (ISO 19005-2 §6.1.2);
//   - embedded font subsets are named TAG+PostScriptName, TAG six capital
//     letters (ISO 32000-1 §9.6.4), instead of gofpdf's "utf8" + family;
//   - the catalog references the XMP metadata stream (gofpdf writes the
//     stream but never links it) and names the document's language;
//   - the Info dates carry their time zone, as the XMP dates do;
//   - every link annotation is printable (/F 4, §6.3.2);
//   - the trailer has a file identifier (§6.1.3), derived from the content
//     so that the same input still gives the same bytes.
//
// Every edit is made at a token of a dictionary the model read: none is
// inside a string or a stream, where the dataset's text is, and apply
// refuses one that would be. The result is read back into the model
// before it is returned.
func finish(in []byte, lang string, fallback *Font) ([]byte, error) {
	doc, err := readPDF(in)
	if err != nil {
		return nil, err
	}
	var edits []edit
	// Header.
	if !bytes.HasPrefix(in, []byte("%PDF-1.")) {
		return nil, fmt.Errorf("finish PDF: no header")
	}
	eol := bytes.IndexByte(in, '\n')
	edits = append(edits, edit{0, eol + 1, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")})

	digest := sha256.Sum256(in)
	fonts, err := fontNameEdits(doc, digest[:], fallback)
	if err != nil {
		return nil, err
	}
	edits = append(edits, fonts...)

	// Link annotations: printable.
	for _, o := range doc.objects {
		o.val.walk(func(d *pdfValue) {
			if d.is(in, "Type", "Annot") && d.is(in, "Subtype", "Link") {
				if _, has := d.get("F"); !has {
					st, _ := d.get("Subtype")
					edits = append(edits, edit{st.end, 0, []byte(" /F 4")})
				}
			}
		})
	}

	// Info dates: UTC, said so.
	info, ok := doc.object(doc.info)
	if !ok || info.val.kind != 'd' {
		return nil, fmt.Errorf("finish PDF: no Info dictionary")
	}
	for _, key := range []string{"CreationDate", "ModDate"} {
		if v, ok := info.val.get(key); ok {
			if v.kind != '(' || !infoDate.Match(in[v.start:v.end]) {
				return nil, fmt.Errorf("finish PDF: Info /%s is not a date gofpdf writes", key)
			}
			edits = append(edits, edit{v.end - 1, 0, []byte("Z")})
		}
	}

	// Catalog: the metadata stream and the language.
	cat, ok := doc.object(doc.root)
	if !ok || !cat.val.is(in, "Type", "Catalog") {
		return nil, fmt.Errorf("finish PDF: no catalog")
	}
	add := "\n/Lang " + pdfString(lang)
	for _, o := range doc.objects {
		if o.stream.end > 0 && o.val.is(in, "Type", "Metadata") && o.val.is(in, "Subtype", "XML") {
			add += fmt.Sprintf("\n/Metadata %d 0 R", o.num)
			break
		}
	}
	edits = append(edits, edit{cat.val.start + 2, 0, []byte(add)})

	// Trailer: the file identifier.
	id := hex.EncodeToString(digest[:16])
	edits = append(edits, edit{doc.trailer.start + 2, 0, []byte(fmt.Sprintf("\n/ID [<%s> <%s>]", id, id))})

	out, err := doc.apply(edits)
	if err != nil {
		return nil, err
	}
	if _, err := readPDF(out); err != nil {
		return nil, fmt.Errorf("finish PDF: the edited file does not read back: %w", err)
	}
	return out, nil
}

// fontNameEdits renames the fonts: the /BaseFont of each font dictionary
// and the /FontName of each font descriptor.
func fontNameEdits(doc *pdfFile, digest []byte, fallback *Font) ([]edit, error) {
	base, err := postScriptNames()
	if err != nil {
		return nil, err
	}
	names := maps.Clone(base)
	if fallback != nil {
		for _, st := range []string{"", "B", "I", "BI"} {
			names["utf8"+familyFallback+st] = fallback.Name()
		}
	}
	var edits []edit
	for _, o := range doc.objects {
		key := ""
		switch {
		case o.val.is(doc.in, "Type", "Font"):
			key = "BaseFont"
		case o.val.is(doc.in, "Type", "FontDescriptor"):
			key = "FontName"
		default:
			continue
		}
		v, ok := o.val.get(key)
		if !ok || v.kind != '/' {
			return nil, fmt.Errorf("finish PDF: object %d has no /%s name", o.num, key)
		}
		font := string(doc.in[v.start+1 : v.end])
		ps, ok := names[font]
		if !ok {
			return nil, fmt.Errorf("finish PDF: font %s is not one of the briefing's fonts", font)
		}
		edits = append(edits, edit{v.start, v.end - v.start, []byte("/" + subsetTag(digest, font) + "+" + ps)})
	}
	return edits, nil
}

type edit struct {
	at, cut int // replace in[at:at+cut]
	with    []byte
}

var infoDate = regexp.MustCompile(`^\(D:\d{14}\)$`)

// subsetTag is six capital letters that name one subset of one font in
// one document: the same document gives the same tag.
func subsetTag(digest []byte, font string) string {
	h := sha256.Sum256(append(slices.Clone(digest), font...))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + h[i]%26
	}
	return string(tag)
}

// postScriptNames maps gofpdf's font names ("utf8" + family + style) to
// the PostScript names the font files carry.
var postScriptNames = sync.OnceValues(func() (map[string]string, error) {
	out := map[string]string{}
	for _, f := range fontFiles {
		font, err := sfnt.Parse(f.ttf)
		if err != nil {
			return nil, fmt.Errorf("parse font: %w", err)
		}
		name, err := font.Name(nil, sfnt.NameIDPostScript)
		if err != nil {
			return nil, fmt.Errorf("font %s%s: no PostScript name: %w", f.family, f.style, err)
		}
		out["utf8"+f.family+f.style] = name
	}
	return out, nil
})

// pdfString is s as a PDF literal string (ASCII).
func pdfString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// pdfFile is gofpdf's output read into objects: the cross-reference table,
// the trailer dictionary, and every object it lists.
type pdfFile struct {
	in         []byte
	offsets    []int // object number → byte offset (0 for object 0)
	xref       int   // offset of "xref"
	startxref  int   // offset of the number after "startxref"
	trailer    pdfValue
	root, info int
	objects    []pdfObject // in order of number, from 1
}

type span struct{ start, end int }

func readPDF(in []byte) (*pdfFile, error) {
	doc := &pdfFile{in: in}
	if err := doc.readXref(); err != nil {
		return nil, err
	}
	// The trailer dictionary follows the table.
	l := &pdfLexer{in: in, pos: doc.xref + len("xref\n0 ")}
	l.pos += bytes.IndexByte(in[l.pos:], '\n') + 1 + 20*len(doc.offsets)
	if !l.keyword("trailer") {
		return nil, fmt.Errorf("finish PDF: no trailer dictionary")
	}
	var err error
	if doc.trailer, err = l.value(0); err != nil || doc.trailer.kind != 'd' {
		return nil, fmt.Errorf("finish PDF: no trailer dictionary")
	}
	if doc.root, err = doc.ref("Root"); err != nil {
		return nil, err
	}
	if doc.info, err = doc.ref("Info"); err != nil {
		return nil, err
	}
	end := 0
	for n := 1; n < len(doc.offsets); n++ {
		o, err := readObject(in, doc.offsets[n], n)
		if err != nil {
			return nil, err
		}
		doc.objects = append(doc.objects, o)
		end = max(end, o.end)
	}
	// Objects lie between the header and the table, apart.
	byStart := slices.Clone(doc.objects)
	slices.SortFunc(byStart, func(a, b pdfObject) int { return a.start - b.start })
	for i := 1; i < len(byStart); i++ {
		if byStart[i].start < byStart[i-1].end {
			return nil, fmt.Errorf("finish PDF: objects %d and %d overlap", byStart[i-1].num, byStart[i].num)
		}
	}
	if end > doc.xref {
		return nil, fmt.Errorf("finish PDF: an object runs into the cross-reference table")
	}
	return doc, nil
}

// readXref reads startxref and the cross-reference table it points at.
func (doc *pdfFile) readXref() error {
	in := doc.in
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return fmt.Errorf("finish PDF: no startxref")
	}
	doc.startxref = sx + len("startxref\n")
	end := bytes.IndexByte(in[doc.startxref:], '\n')
	if end < 0 {
		return fmt.Errorf("finish PDF: startxref has no offset")
	}
	x, err := strconv.Atoi(string(in[doc.startxref : doc.startxref+end]))
	if err != nil || x <= 0 || x >= sx || !bytes.HasPrefix(in[x:], []byte("xref\n0 ")) {
		return fmt.Errorf("finish PDF: startxref does not point at a cross-reference table")
	}
	doc.xref = x
	line := in[x+len("xref\n0 ") : sx]
	nl := bytes.IndexByte(line, '\n')
	if nl < 0 {
		return fmt.Errorf("finish PDF: cross-reference table has no entries")
	}
	n, err := strconv.Atoi(string(line[:nl]))
	if err != nil || n < 1 || 20*n > len(line)-nl-1 {
		return fmt.Errorf("finish PDF: cross-reference table: %q entries", line[:nl])
	}
	entries := line[nl+1:]
	for i := range n {
		e := entries[20*i : 20*i+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || (i > 0 && (off <= 0 || off >= x)) {
			return fmt.Errorf("finish PDF: cross-reference entry %d: %q", i, e)
		}
		doc.offsets = append(doc.offsets, off)
	}
	return nil
}

// ref is the object number the trailer's key refers to.
func (doc *pdfFile) ref(key string) (int, error) {
	v, ok := doc.trailer.get(key)
	if ok && v.kind == 'k' {
		f := bytes.Fields(doc.in[v.start:v.end])
		if len(f) == 3 && string(f[2]) == "R" {
			if n, err := strconv.Atoi(string(f[0])); err == nil {
				return n, nil
			}
		}
	}
	return 0, fmt.Errorf("finish PDF: the trailer has no /%s reference", key)
}

// object is object n.
func (doc *pdfFile) object(n int) (pdfObject, bool) {
	if n <= 0 || n > len(doc.objects) {
		return pdfObject{}, false
	}
	return doc.objects[n-1], true
}

// apply makes the edits and moves every cross-reference offset, and
// startxref, by the bytes the edits before it added or removed. An edit
// inside a stream's data is refused.
func (doc *pdfFile) apply(edits []edit) ([]byte, error) {
	in := doc.in
	slices.SortStableFunc(edits, func(a, b edit) int { return a.at - b.at })
	for _, e := range edits {
		for _, o := range doc.objects {
			if e.at+e.cut > o.stream.start && e.at < o.stream.end {
				return nil, fmt.Errorf("finish PDF: an edit at byte %d is inside the stream of object %d", e.at, o.num)
			}
		}
	}
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.at >= off {
				break
			}
			d += len(e.with) - e.cut
		}
		return off + d
	}
	var out bytes.Buffer
	out.Grow(len(in) + 4096)
	last := 0
	for _, e := range edits {
		if e.at < last {
			return nil, fmt.Errorf("finish PDF: overlapping edits at %d", e.at)
		}
		out.Write(in[last:e.at])
		out.Write(e.with)
		last = e.at + e.cut
	}
	out.Write(in[last:])
	b := out.Bytes()
	// The xref entries and startxref keep their widths: rewrite in place.
	x := shift(doc.xref)
	entries := x + bytes.IndexByte(b[x+len("xref\n"):], '\n') + len("xref\n") + 1
	for i, off := range doc.offsets {
		if i == 0 {
			continue
		}
		copy(b[entries+20*i:], fmt.Sprintf("%010d", shift(off)))
	}
	sx := shift(doc.startxref)
	end := bytes.IndexByte(b[sx:], '\n')
	return slices.Concat(b[:sx], []byte(strconv.Itoa(x)), b[sx+end:]), nil
}

// xmp is the document's XMP metadata packet: the Info dictionary's
// entries, in the schemas ISO 19005-2 §6.6.2.3 maps them to.
func xmp(title, author, subject, keywords, creator, producer, lang string, date time.Time) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	when := date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(title))
	if author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(author))
	}
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(subject))
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(lang))
	fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(keywords))
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(producer))
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(creator))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", when, when, when)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}
