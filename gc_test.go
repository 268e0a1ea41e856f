package main

import (
	"runtime/debug"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
)

// The command's own process collects at GOGC=400 over a small dataset and
// keeps the default over a large one; GOGC in the environment wins, and
// tests (tuneGC unset) are left alone.
func TestGCForData(t *testing.T) {
	big := fstest.MapFS{}
	for _, name := range dataset.Files {
		big[name] = &fstest.MapFile{}
	}
	big[dataset.FileIncidents] = &fstest.MapFile{Data: make([]byte, smallData+1)}
	for _, tc := range []struct {
		name   string
		tune   bool
		gogc   string
		data   fstest.MapFS
		want   int
		stated string
	}{
		{"small", true, "", nil, 400, "the embedded dataset"},
		{"large", true, "", big, 100, "a dataset over 4 MiB"},
		{"user's GOGC", true, "100", nil, 100, "GOGC set"},
		{"tests", false, "", nil, 100, "tuneGC unset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			old := debug.SetGCPercent(100)
			defer debug.SetGCPercent(old)
			defer func(v bool) { tuneGC = v }(tuneGC)
			tuneGC = tc.tune
			if tc.data != nil {
				gcForData(tc.data)
			} else {
				gcForData(dataset.Default())
			}
			if got := debug.SetGCPercent(100); got != tc.want {
				t.Errorf("%s: GOGC %d, want %d", tc.stated, got, tc.want)
			}
		})
	}
}
