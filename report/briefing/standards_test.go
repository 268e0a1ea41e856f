package briefing_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset/synth"
	"github.com/dprkreport/dprkreport/internal/testtool"
	"github.com/dprkreport/dprkreport/report"
)

// qpdfDoc is the part of qpdf's JSON (version 2) these checks read.
type qpdfDoc struct {
	QPDF []json.RawMessage `json:"qpdf"`
}

type qpdfObj struct {
	Value  any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
	} `json:"stream"`
}

// Each PDF/A-2b requirement the README claims, checked in what qpdf reads
// from the file (no PDF/A validator is available here): the header and its
// binary comment, a file identifier, the document language, an XMP
// metadata stream whose entries equal the Info dictionary's, subset-tagged
// embedded fonts, and printable link annotations. pdfinfo and pdffonts
// must see the same.
func TestPDFStandards(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf", "qpdf")
	pdfinfo := testtool.Need(t, "pdfinfo", "poppler-utils")
	pdffonts := testtool.Need(t, "pdffonts", "poppler-utils")
	summaries := map[string]*report.Summary{"default": load(t, nil), "synthetic-300": synthSummary(t, synth.Config{Incidents: 300, Seed: 5})}
	for i, text := range hostileTexts {
		summaries[fmt.Sprintf("hostile-%d", i)] = hostileSummary(t, text)
	}
	for name, s := range summaries {
		t.Run(name, func(t *testing.T) {
			data := render(t, compose(t, s, nil), nil)
			path := filepath.Join(t.TempDir(), "b.pdf")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("%PDF-1.7\n%")) || data[10] < 128 || data[11] < 128 || data[12] < 128 || data[13] < 128 {
				t.Errorf("header: %q, want %%PDF-1.7 and a comment of four bytes above 127", data[:16])
			}
			// A cross-reference table that qpdf must reconstruct is a
			// warning, and exit status 3.
			if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil || bytes.Contains(out, []byte("WARNING")) {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			out, err := exec.Command(qpdf, "--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
			if err != nil {
				t.Fatalf("qpdf --json: %v", err)
			}
			var doc qpdfDoc
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			objs := map[string]json.RawMessage{}
			if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
				t.Fatal(err)
			}
			obj := func(ref any) map[string]any {
				t.Helper()
				s, _ := ref.(string)
				var o qpdfObj
				if err := json.Unmarshal(objs["obj:"+s], &o); err != nil {
					t.Fatalf("object %v: %v", ref, err)
				}
				if o.Stream != nil {
					return o.Stream.Dict
				}
				m, _ := o.Value.(map[string]any)
				return m
			}
			var trailer qpdfObj
			json.Unmarshal(objs["trailer"], &trailer)
			tr := trailer.Value.(map[string]any)
			if ids, _ := tr["/ID"].([]any); len(ids) != 2 {
				t.Errorf("trailer /ID = %v, want two identifiers", tr["/ID"])
			}
			root, info := obj(tr["/Root"]), obj(tr["/Info"])
			if root["/Lang"] != "u:en" {
				t.Errorf("catalog /Lang = %v, want (en)", root["/Lang"])
			}
			meta := obj(root["/Metadata"])
			if meta["/Type"] != "/Metadata" || meta["/Subtype"] != "/XML" || meta["/Filter"] != nil {
				t.Fatalf("catalog /Metadata is %v, want an uncompressed XML metadata stream", meta)
			}
			var raw struct {
				Stream struct {
					Data []byte `json:"data"`
				} `json:"stream"`
			}
			json.Unmarshal(objs["obj:"+root["/Metadata"].(string)], &raw)
			checkXMP(t, raw.Stream.Data, info)
			if got := strings.TrimPrefix(fmt.Sprint(info["/Title"]), "u:"); got != s.Meta.Title {
				t.Errorf("Info /Title = %q, want the dataset's %q", got, s.Meta.Title)
			}
			if got := strings.TrimPrefix(fmt.Sprint(info["/Author"]), "u:"); got != s.Meta.Author {
				t.Errorf("Info /Author = %q, want the dataset's %q", got, s.Meta.Author)
			}

			fonts := 0
			for key := range objs {
				if !strings.HasPrefix(key, "obj:") {
					continue
				}
				m := obj(key[len("obj:"):])
				switch {
				case m["/Type"] == "/Font" && m["/Subtype"] != "/Type0":
					fonts++
					if bf, _ := m["/BaseFont"].(string); !subsetName.MatchString(bf) {
						t.Errorf("font %s: /BaseFont %s lacks a subset tag", key, bf)
					}
				case m["/Type"] == "/FontDescriptor":
					if fn, _ := m["/FontName"].(string); !subsetName.MatchString(fn) {
						t.Errorf("font descriptor %s: /FontName %s lacks a subset tag", key, fn)
					}
				case m["/Type"] == "/Page":
					annots, _ := m["/Annots"].([]any)
					for _, a := range annots {
						am, ok := a.(map[string]any)
						if !ok {
							am = obj(a)
						}
						if f, _ := am["/F"].(float64); int(f)&4 == 0 {
							t.Errorf("page %s: annotation %v is not printable (/F lacks 4)", key, am)
						}
					}
				}
			}
			if fonts == 0 {
				t.Fatal("no fonts found")
			}

			infoOut, err := exec.Command(pdfinfo, path).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`(?m)^Title:\s+` + regexp.QuoteMeta(s.Meta.Title) + `$`).Match(infoOut) {
				t.Errorf("pdfinfo does not read the title %q:\n%s", s.Meta.Title, infoOut)
			}
			if !regexp.MustCompile(`(?m)^Metadata Stream:\s+yes$`).Match(infoOut) || !regexp.MustCompile(`(?m)^PDF version:\s+1\.7$`).Match(infoOut) {
				t.Errorf("pdfinfo:\n%s", infoOut)
			}
			for _, f := range fontRows(t, pdffonts, path) {
				if !subsetName.MatchString("/"+f[0]) || f[len(f)-4] != "yes" {
					t.Errorf("pdffonts: %s: want a subset-tagged name and sub = yes", strings.Join(f, " "))
				}
			}
		})
	}
}

// hostileTexts are legal dataset text that looks like PDF structure:
// operators, dictionary keys the finishing step edits, object and stream
// keywords, unbalanced parentheses and backslashes. Each is written as a
// TOML basic string.
var hostileTexts = []string{
	`Thefts /Type /Annot /Subtype /Link report`,
	`Fonts /BaseFont /utf8zz report /FontName /utf8liberationsans`,
	`BT /F1 12 Tf 72 712 Td (x) Tj ET q 1 0 0 1 0 0 cm Q`,
	`endobj 9 0 obj << /Type /Catalog /Metadata 1 0 R >> endobj`,
	`stream endstream xref 0 1 trailer << /Root 1 0 R >> startxref 0 %%EOF`,
	`unbalanced ((( and ))) ) ( with \\ backslashes \\( \\) <ab> [ ] { } %comment`,
	`/CreationDate (D:20240101000000) /ModDate (D:19990101000000) /Lang (ko)`,
}

// hostileSummary is the default dataset with text as its title, in its
// subtitle and as its author: the fields that reach the Info dictionary,
// the XMP packet, the outline and page 1.
func hostileSummary(t *testing.T, text string) *report.Summary {
	t.Helper()
	fsys := defaultFS(t)
	s := string(fsys["dataset.toml"].Data)
	for _, key := range []string{"title", "subtitle", "author"} {
		re := regexp.MustCompile(`(?m)^` + key + ` = ".*"$`)
		if len(re.FindAllString(s, -1)) != 1 {
			t.Fatalf("dataset.toml: no single %s line", key)
		}
		s = re.ReplaceAllLiteralString(s, key+` = "`+key+`: `+text+`"`)
	}
	fsys["dataset.toml"] = &fstest.MapFile{Data: []byte(s)}
	sum := load(t, fsys)
	if !strings.HasPrefix(sum.Meta.Title, "title: ") || !strings.HasPrefix(sum.Meta.Author, "author: ") {
		t.Fatalf("title %q was not set", sum.Meta.Title)
	}
	return sum
}

var subsetName = regexp.MustCompile(`^/[A-Z]{6}\+[A-Za-z0-9-]+$`)

// rdfList is an rdf:Alt, rdf:Seq or rdf:Bag of one item.
type rdfList struct {
	Items []string `xml:"Alt>li"`
	Seq   []string `xml:"Seq>li"`
	Bag   []string `xml:"Bag>li"`
}

func (l rdfList) only() string {
	all := append(append(l.Items, l.Seq...), l.Bag...)
	if len(all) != 1 {
		return strings.Join(all, " | ")
	}
	return all[0]
}

// checkXMP checks that the metadata packet parses and says what the Info
// dictionary says (ISO 19005-2 §6.6.3).
func checkXMP(t *testing.T, packet []byte, info map[string]any) {
	t.Helper()
	if !bytes.HasPrefix(packet, []byte("<?xpacket begin=")) || !bytes.HasSuffix(packet, []byte(`<?xpacket end="w"?>`)) {
		t.Errorf("XMP packet lacks its xpacket wrapper:\n%s", packet)
	}
	var x struct {
		Desc struct {
			Title       rdfList `xml:"http://purl.org/dc/elements/1.1/ title"`
			Creator     rdfList `xml:"http://purl.org/dc/elements/1.1/ creator"`
			Description rdfList `xml:"http://purl.org/dc/elements/1.1/ description"`
			Language    rdfList `xml:"http://purl.org/dc/elements/1.1/ language"`
			Keywords    string  `xml:"http://ns.adobe.com/pdf/1.3/ Keywords"`
			Producer    string  `xml:"http://ns.adobe.com/pdf/1.3/ Producer"`
			CreatorTool string  `xml:"http://ns.adobe.com/xap/1.0/ CreatorTool"`
			CreateDate  string  `xml:"http://ns.adobe.com/xap/1.0/ CreateDate"`
			ModifyDate  string  `xml:"http://ns.adobe.com/xap/1.0/ ModifyDate"`
		} `xml:"RDF>Description"`
	}
	if err := xml.Unmarshal(packet, &x); err != nil {
		t.Fatalf("XMP: %v\n%s", err, packet)
	}
	str := func(k string) string { s, _ := info[k].(string); return strings.TrimPrefix(s, "u:") }
	xmpDate := func(d string) string { // 2026-11-21T00:00:00Z → D:20261121000000Z
		return "D:" + strings.NewReplacer("-", "", "T", "", ":", "").Replace(d)
	}
	for _, c := range []struct{ key, info, xmp string }{
		{"/Title", str("/Title"), x.Desc.Title.only()},
		{"/Author", str("/Author"), x.Desc.Creator.only()},
		{"/Subject", str("/Subject"), x.Desc.Description.only()},
		{"/Keywords", str("/Keywords"), x.Desc.Keywords},
		{"/Producer", str("/Producer"), x.Desc.Producer},
		{"/Creator", str("/Creator"), x.Desc.CreatorTool},
		{"/CreationDate", str("/CreationDate"), xmpDate(x.Desc.CreateDate)},
		{"/ModDate", str("/ModDate"), xmpDate(x.Desc.ModifyDate)},
	} {
		if c.info == "" || c.info != c.xmp {
			t.Errorf("Info %s = %q, XMP says %q", c.key, c.info, c.xmp)
		}
	}
	if x.Desc.Language.only() != "en" {
		t.Errorf("XMP dc:language = %q, want en", x.Desc.Language.only())
	}
}
