package main

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkDefaultRun is the one-shot job: the embedded dataset to both
// artifacts, through the same path as the command.
func BenchmarkDefaultRun(b *testing.B) {
	dir := b.TempDir()
	args := []string{"-q", "-o", filepath.Join(dir, "b.pdf"), "-o", filepath.Join(dir, "w.xlsx")}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
