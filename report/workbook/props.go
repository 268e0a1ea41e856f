package workbook

import (
	"bytes"
	"encoding/xml"
	"time"
)

// coreProps are the document's core properties (OPC part 2, §11): only
// those the workbook sets, written with the conventional prefixes.
type coreProps struct {
	Title, Subject, Creator, Keywords, Description, Modifier, Language string
	Date                                                               time.Time
}

// xml is docProps/core.xml. An empty property is left out rather than
// written empty.
func (p coreProps) xml() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString("\n" + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString("<" + name + ">")
		_ = xml.EscapeText(&b, []byte(value))
		b.WriteString("</" + name + ">")
	}
	elem("dc:title", p.Title)
	elem("dc:subject", p.Subject)
	elem("dc:creator", p.Creator)
	elem("cp:keywords", p.Keywords)
	elem("dc:description", p.Description)
	elem("cp:lastModifiedBy", p.Modifier)
	elem("dc:language", p.Language)
	if !p.Date.IsZero() {
		when := p.Date.UTC().Format(time.RFC3339)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + when + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + when + `</dcterms:modified>`)
	}
	b.WriteString("</cp:coreProperties>")
	return b.Bytes()
}
