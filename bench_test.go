package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkDefaultRun is the one-shot job: the embedded dataset to both
// artifacts, through the same path as the command; and to each alone, to
// see which of the two, rendered side by side, is the longer.
func BenchmarkDefaultRun(b *testing.B) {
	for _, c := range []struct{ name, outputs string }{
		{"both", "b.pdf w.xlsx"},
		{"pdf", "b.pdf"},
		{"xlsx", "w.xlsx"},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			args := []string{"-q"}
			for _, o := range strings.Fields(c.outputs) {
				args = append(args, "-o", filepath.Join(dir, o))
			}
			b.ReportAllocs()
			for b.Loop() {
				if code := run(args, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
