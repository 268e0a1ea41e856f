package briefing

import (
	"bytes"
	"fmt"
	"sync/atomic"

	"github.com/jung-kurt/gofpdf"
)

// Prepared is a PDF document with the built-in fonts loaded, begun ahead
// of Render: gofpdf parses each font it is given, a good part of drawing
// the default briefing, and that needs nothing from the data, so a caller
// can start it before it loads the dataset and have it done on the other
// core. What Render then writes is the same, byte for byte.
type Prepared struct {
	taken atomic.Bool
	done  chan struct{}
	pdf   *gofpdf.Fpdf
	err   error
}

// Prepare starts a document in the background; Options.Prepared hands it
// to one Render.
func Prepare() *Prepared {
	p := &Prepared{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.pdf, p.err = newPDF()
	}()
	return p
}

// take returns the prepared document, once; a nil or used Prepared gives
// a new one.
func (p *Prepared) take() (*gofpdf.Fpdf, error) {
	if p == nil || p.taken.Swap(true) {
		return newPDF()
	}
	<-p.done
	return p.pdf, p.err
}

// newPDF is a document with the built-in fonts loaded.
func newPDF() (pdf *gofpdf.Fpdf, err error) {
	defer func() {
		if p := recover(); p != nil {
			pdf, err = nil, fmt.Errorf("load fonts: the PDF library failed: %v", p)
		}
	}()
	pdf = gofpdf.New("P", "mm", "A4", "")
	for _, f := range fontFiles {
		// gofpdf writes into the bytes it is given; give it a copy so the
		// next document starts from the same font.
		pdf.AddUTF8FontFromBytes(f.family, f.style, bytes.Clone(f.ttf))
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("load fonts: %w", err)
	}
	return pdf, nil
}
