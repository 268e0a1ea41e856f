package main

import (
	"runtime/debug"
	"testing"
	"testing/fstest"

	"github.com/dprkreport/dprkreport/dataset"
)

// The command's own process collects at GOGC=400 over a small dataset,
// keeps the default over a middling one and collects at GOGC=50 over a
// large one; GOGC or GOMEMLIMIT in the environment wins, and tests (tuneGC
// unset) are left alone.
func TestGCForData(t *testing.T) {
	sized := func(n int) fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, name := range dataset.Files {
			fsys[name] = &fstest.MapFile{}
		}
		fsys[dataset.FileIncidents] = &fstest.MapFile{Data: make([]byte, n)}
		return fsys
	}
	for _, tc := range []struct {
		name     string
		tune     bool
		gogc     string
		memlimit string
		data     fstest.MapFS
		want     int
		stated   string
	}{
		{"small", true, "", "", nil, 400, "the embedded dataset"},
		{"middling", true, "", "", sized(smallData + 1), 100, "a dataset over 4 MiB"},
		{"large", true, "", "", sized(largeData), 50, "a dataset of 16 MiB"},
		{"user's GOGC", true, "100", "", nil, 100, "GOGC set"},
		{"user's GOMEMLIMIT", true, "", "1GiB", sized(largeData), 100, "GOMEMLIMIT set"},
		{"tests", false, "", "", nil, 100, "tuneGC unset"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			t.Setenv("GOMEMLIMIT", tc.memlimit)
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
