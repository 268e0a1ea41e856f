package dataset_test

import (
	"bytes"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
)

func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"2023", "2017/2023", "2020/2021-06", "../2019-07", "2023-02-29", "2024-02-29", "2023/2017", "", "/", "../..", "0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := dataset.ParseSpan(s)
		if err != nil {
			return
		}
		again, err := dataset.ParseSpan(sp.String())
		if err != nil || again != sp {
			t.Fatalf("%q parsed to %v, whose String %q parses to %v, %v", s, sp, sp.String(), again, err)
		}
		if !sp.Start.IsZero() && sp.End.Last().Before(sp.Start.First()) {
			t.Fatalf("%q: a span that ends before it starts was accepted", s)
		}
	})
}

// FuzzLoad feeds arbitrary claims files to the loader: it must never panic,
// and every error it reports must point inside the file.
func FuzzLoad(f *testing.F) {
	data, _ := minimal(f)
	f.Add(data[dataset.FileClaims].Data)
	f.Add([]byte("[[claim]]\nid = \"x\"\ncitations = [{ source = \"wire\", para = 9 }]\n"))
	f.Add([]byte("[[claim]]\nid = 3\n[claim.revised]\nvalue = \"1\"\n"))
	f.Add([]byte("[[claim]]\nid = \"x\"\nvia = [\"a\", \"b\"]\nperiod = \"../..\"\n"))
	f.Fuzz(func(t *testing.T, claims []byte) {
		fsys, _ := minimal(t)
		fsys[dataset.FileClaims] = &fstest.MapFile{Data: claims}
		_, err := dataset.Load(fsys, dataset.Options{})
		if err == nil {
			return
		}
		var list dataset.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("not an ErrorList: %v", err)
		}
		lines := bytes.Count(claims, []byte("\n")) + 1
		for _, e := range list {
			if e.File == dataset.FileClaims && e.Line > lines {
				t.Fatalf("error at line %d of a %d-line file: %v", e.Line, lines, e)
			}
		}
	})
}
