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
// misnamed. finish edits its output in place, each edit shifting the
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
// Every edit is in a dictionary gofpdf writes as text, never inside a
// stream.
func finish(in []byte, lang string, fallback *Font) ([]byte, error) {
	tr, err := readTrailer(in)
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

	// Font names.
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
	digest := sha256.Sum256(in)
	for _, m := range fontNameRef.FindAllSubmatchIndex(in, -1) {
		key := string(in[m[2]:m[3]])
		ps, ok := names[key]
		if !ok {
			return nil, fmt.Errorf("finish PDF: font %s is not one of the briefing's fonts", key)
		}
		edits = append(edits, edit{m[2] - 1, m[3] - m[2] + 1, []byte("/" + subsetTag(digest[:], key) + "+" + ps)})
	}

	// Link annotations: printable.
	for _, m := range linkAnnot.FindAllIndex(in, -1) {
		edits = append(edits, edit{m[1], 0, []byte(" /F 4")})
	}

	// Info dates: UTC, said so.
	info, ok := tr.object(in, tr.info)
	if !ok {
		return nil, fmt.Errorf("finish PDF: no Info dictionary")
	}
	for _, m := range infoDate.FindAllSubmatchIndex(in[info.start:info.end], -1) {
		edits = append(edits, edit{info.start + m[3], 0, []byte("Z")})
	}

	// Catalog: the metadata stream and the language.
	cat, ok := tr.object(in, tr.root)
	if !ok {
		return nil, fmt.Errorf("finish PDF: no catalog")
	}
	open := bytes.Index(in[cat.start:cat.end], []byte("<<"))
	if open < 0 {
		return nil, fmt.Errorf("finish PDF: catalog is not a dictionary")
	}
	add := "\n/Lang " + pdfString(lang)
	if meta := tr.find(in, []byte("/Type /Metadata /Subtype /XML")); meta > 0 {
		add += fmt.Sprintf("\n/Metadata %d 0 R", meta)
	}
	edits = append(edits, edit{cat.start + open + 2, 0, []byte(add)})

	// Trailer: the file identifier.
	id := hex.EncodeToString(digest[:16])
	edits = append(edits, edit{tr.dictOpen + 2, 0, []byte(fmt.Sprintf("\n/ID [<%s> <%s>]", id, id))})

	return tr.apply(in, edits)
}

type edit struct {
	at, cut int // replace in[at:at+cut]
	with    []byte
}

var (
	fontNameRef = regexp.MustCompile(`/(?:BaseFont|FontName) /(utf8[a-z]+(?:BI|B|I)?)\b`)
	linkAnnot   = regexp.MustCompile(`/Type /Annot /Subtype /Link`)
	infoDate    = regexp.MustCompile(`/(?:CreationDate|ModDate) \((D:\d{14})()\)`)
)

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

// trailer is what finish needs of the file's end: the cross-reference
// table, and the catalog and Info object numbers.
type trailer struct {
	offsets    []int // object number → byte offset (0 for object 0)
	xref       int   // offset of "xref"
	dictOpen   int   // offset of the trailer dictionary's "<<"
	startxref  int   // offset of the number after "startxref"
	root, info int
}

type span struct{ start, end int }

var (
	trailerRoot = regexp.MustCompile(`/Root (\d+) 0 R`)
	trailerInfo = regexp.MustCompile(`/Info (\d+) 0 R`)
)

func readTrailer(in []byte) (*trailer, error) {
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("finish PDF: no startxref")
	}
	tr := &trailer{startxref: sx + len("startxref\n")}
	end := bytes.IndexByte(in[tr.startxref:], '\n')
	if end < 0 {
		return nil, fmt.Errorf("finish PDF: startxref has no offset")
	}
	x, err := strconv.Atoi(string(in[tr.startxref : tr.startxref+end]))
	if err != nil || x <= 0 || x >= len(in) || !bytes.HasPrefix(in[x:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("finish PDF: startxref does not point at a cross-reference table")
	}
	tr.xref = x
	line := in[x+len("xref\n0 "):]
	nl := bytes.IndexByte(line, '\n')
	n, err := strconv.Atoi(string(line[:nl]))
	if err != nil {
		return nil, fmt.Errorf("finish PDF: cross-reference table: %w", err)
	}
	entries := x + len("xref\n0 ") + nl + 1
	for i := range n {
		e := in[entries+20*i : entries+20*i+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return nil, fmt.Errorf("finish PDF: cross-reference entry %d: %w", i, err)
		}
		tr.offsets = append(tr.offsets, off)
	}
	t := bytes.Index(in[x:], []byte("trailer\n<<"))
	if t < 0 {
		return nil, fmt.Errorf("finish PDF: no trailer dictionary")
	}
	tr.dictOpen = x + t + len("trailer\n")
	dict := in[tr.dictOpen:sx]
	root, info := trailerRoot.FindSubmatch(dict), trailerInfo.FindSubmatch(dict)
	if root == nil || info == nil {
		return nil, fmt.Errorf("finish PDF: the trailer names no catalog or Info")
	}
	tr.root, _ = strconv.Atoi(string(root[1]))
	tr.info, _ = strconv.Atoi(string(info[1]))
	return tr, nil
}

// object is the span of object n, from "n 0 obj" to its "endobj".
func (tr *trailer) object(in []byte, n int) (span, bool) {
	if n <= 0 || n >= len(tr.offsets) {
		return span{}, false
	}
	start := tr.offsets[n]
	end := bytes.Index(in[start:], []byte("endobj"))
	if end < 0 {
		return span{}, false
	}
	return span{start, start + end}, true
}

// find is the number of the first object whose dictionary begins with
// key, or 0.
func (tr *trailer) find(in []byte, key []byte) int {
	for n := 1; n < len(tr.offsets); n++ {
		o := tr.offsets[n]
		head := in[o:min(o+64, len(in))]
		if i := bytes.IndexByte(head, '\n'); i >= 0 && bytes.HasPrefix(bytes.TrimLeft(head[i+1:], " "), append([]byte("<< "), key...)) {
			return n
		}
	}
	return 0
}

// apply makes the edits and moves every cross-reference offset, and
// startxref, by the bytes the edits before it added or removed.
func (tr *trailer) apply(in []byte, edits []edit) ([]byte, error) {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.at - b.at })
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
	x := shift(tr.xref)
	entries := x + bytes.IndexByte(b[x+len("xref\n"):], '\n') + len("xref\n") + 1
	for i, off := range tr.offsets {
		if i == 0 {
			continue
		}
		copy(b[entries+20*i:], fmt.Sprintf("%010d", shift(off)))
	}
	sx := shift(tr.startxref)
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
