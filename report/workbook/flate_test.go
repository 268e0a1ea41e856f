package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/klauspost/compress/flate"
)

// pipedFlate gives what one flate.Writer gives, however the writes are cut,
// and its buffers go back for the next entry.
func TestPipedFlateRoundTrip(t *testing.T) {
	var in bytes.Buffer
	for i := range 200_000 {
		fmt.Fprintf(&in, "<row r=\"%d\"><c><v>%d</v></c></row>", i, i*7919%1000)
	}
	var direct bytes.Buffer
	fw, _ := flate.NewWriter(&direct, zipLevel)
	fw.Write(in.Bytes())
	fw.Close()
	for _, step := range []int{1 << 20, 4096, 7, pipeChunk} {
		var out bytes.Buffer
		w, err := newPipedFlate(&out)
		if err != nil {
			t.Fatal(err)
		}
		for b := in.Bytes(); len(b) > 0; b = b[min(step, len(b)):] {
			if _, err := w.Write(b[:min(step, len(b))]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), direct.Bytes()) {
			t.Errorf("writes of %d bytes: %d compressed bytes, a flate.Writer gives %d", step, out.Len(), direct.Len())
		}
		back, err := io.ReadAll(flate.NewReader(&out))
		if err != nil || !bytes.Equal(back, in.Bytes()) {
			t.Errorf("writes of %d bytes: does not inflate to the input (%v)", step, err)
		}
	}
}

type failingWriter struct{ after int }

var errFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after -= len(p); f.after < 0 {
		return 0, errFull
	}
	return len(p), nil
}

// When the output fails, Write says so while the rows are still being
// encoded, not only at Close.
func TestPipedFlateFailsEarly(t *testing.T) {
	w, err := newPipedFlate(&failingWriter{after: 1000})
	if err != nil {
		t.Fatal(err)
	}
	row := bytes.Repeat([]byte("<row>not very compressible 0123456789 abcdef</row>"), 1000)
	var werr error
	for i := 0; i < 100_000 && werr == nil; i++ {
		row[i%len(row)] ^= byte(i)
		_, werr = w.Write(row)
	}
	if !errors.Is(werr, errFull) {
		t.Errorf("Write: %v, want %v", werr, errFull)
	}
	if err := w.Close(); !errors.Is(err, errFull) {
		t.Errorf("Close: %v, want %v", err, errFull)
	}
}
